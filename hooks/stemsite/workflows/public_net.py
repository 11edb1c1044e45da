"""Requests that reach public internet addresses only, at the first request and at every redirect.

The weekly link check requests addresses strangers wrote in the data. A website that answers
``302 Location: http://169.254.169.254/`` (a cloud's metadata service), a name that resolves
to ``10.0.0.1``, or a host name such as ``intern`` must not make the runner fetch from its own
network. So every connection resolves the host itself, refuses when any of its addresses is
not public, and connects to the address it checked (a second lookup could answer otherwise).
HTTPS still verifies the certificate for the host name. The opener has no proxy, no ``ftp:``
and no ``file:`` handler: a redirect can only lead to another vetted http(s) connection.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from dataclasses import dataclass, field
from functools import partial
from typing import Callable
from urllib import request as urllib_request

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_INTERNAL_NAMES = (".local", ".localhost", ".localdomain", ".internal", ".intranet", ".lan", ".home", ".corp",
                   ".home.arpa", ".onion", ".arpa")
"""Suffixes of names that exist only inside a network (RFC 6761, 6762, 8375, and common private ones);
``.invalid`` and ``.example`` are left to the lookup, which says they do not exist."""


class NotPublic(OSError):
    """The address of a request, or of a redirect, is not on the public internet."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what
        """Dutch: which address, and why it was not requested."""


_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
"""The only IPv6 block handed out for the public internet; everything outside it (site-local ``fec0::/10``,
unique-local, link-local, multicast, local-use NAT64 ``64:ff9b:1::/48``, discard ``100::/64`` ...) is refused."""
_NOT_GLOBAL_V6 = tuple(ipaddress.IPv6Network(n) for n in ("2001::/23", "2001:db8::/32", "3fff::/20"))
"""Inside ``2000::/3`` but not on the public internet: IETF protocol assignments (Teredo ``2001::/32`` among
them), documentation (RFC 3849, RFC 9637). Listed here: Python's own lists differ between patch releases."""
_NOT_GLOBAL_V4 = tuple(ipaddress.IPv4Network(n) for n in ("0.0.0.0/8", "192.0.0.0/24", "192.88.99.0/24"))
"""Besides what ``is_global`` knows: "this network", IETF protocol assignments, the 6to4 relay anycast."""
_CARRIES_V4 = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("64:ff9b::/96"))
"""IPv4-compatible (deprecated) and NAT64's well-known prefix: the last 32 bits are an IPv4 address."""


def carried_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (IPv4-mapped, IPv4-compatible, NAT64, 6to4), else None.

    A connection to such an address reaches that IPv4 address (through the kernel, a NAT64 gateway or a
    relay), so it is exactly as public as that one."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if any(address in network for network in _CARRIES_V4):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def is_public(address: Address) -> bool:
    """A globally routable unicast address: no private, loopback, link-local, site-local, shared, reserved,
    documentation, tunnel or multicast address, and none that carries such an IPv4 address."""
    carried = carried_ipv4(address)
    if carried is not None:
        return is_public(carried)
    if isinstance(address, ipaddress.IPv6Address):
        return (address in _GLOBAL_UNICAST and not any(address in network for network in _NOT_GLOBAL_V6)
                and address.is_global)
    return (address.is_global and not address.is_multicast and not address.is_reserved
            and not any(address in network for network in _NOT_GLOBAL_V4))


def _why_not(text: str) -> str:
    """Dutch: what kind of address ``text`` is, for the message of a refused request."""
    address = ipaddress.ip_address(text)
    carried = carried_ipv4(address)
    if carried is not None:
        return f"{text}, dat staat voor {carried}, een adres in een intern netwerk"
    if isinstance(address, ipaddress.IPv6Address) and address.teredo is not None:
        return f"{text}, een Teredo-tunneladres"
    if address.is_multicast:
        return f"{text}, een multicastadres"
    return f"{text}, een adres in een intern netwerk"


@dataclass(frozen=True)
class Policy:
    """What a request may reach; the tests allow the loopback address of their local server."""

    address: Callable[[Address], bool] = is_public
    ports: frozenset[int] | None = field(default_factory=lambda: frozenset({80, 443}))
    """Ports a request may use (None: any)."""


PUBLIC = Policy()


def vetted_addresses(host: str, port: int, policy: Policy = PUBLIC) -> list[tuple[int, str]]:
    """``(family, address)`` to connect to for ``host``, or :class:`NotPublic` when one is not public."""
    name = host.strip("[]").rstrip(".").lower()
    if policy.ports is not None and port not in policy.ports:
        raise NotPublic(f"poort {port} van {host} is geen gewone webpoort")
    try:
        literal: Address | None = ipaddress.ip_address(name)
    except ValueError:
        literal = None
    if literal is None and (name == "localhost" or "." not in name or name.endswith(_INTERNAL_NAMES)):
        raise NotPublic(f"'{host}' is een interne servernaam")
    if literal is not None:
        found = [(socket.AF_INET6 if literal.version == 6 else socket.AF_INET, str(literal))]
    else:
        try:
            infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except UnicodeError as exc:
            raise socket.gaierror(socket.EAI_NONAME, str(exc)) from None
        found = [(family, sockaddr[0]) for family, _, _, _, sockaddr in infos]
    for _, text in found:
        if not policy.address(ipaddress.ip_address(text.split("%", 1)[0])):
            raise NotPublic(f"{host} wijst naar {_why_not(text.split('%', 1)[0])}")
    if not found:
        raise socket.gaierror(socket.EAI_NONAME, host)
    return found


def _connect(policy: Policy, address: tuple[str, int], timeout: object = socket._GLOBAL_DEFAULT_TIMEOUT,
             source_address: tuple[str, int] | None = None) -> socket.socket:
    """``socket.create_connection``, to a vetted address of the host only."""
    host, port = address
    error: OSError | None = None
    for _, ip in vetted_addresses(host, port, policy):
        try:
            return socket.create_connection((ip, port), timeout, source_address)  # type: ignore[arg-type]
        except OSError as exc:
            error = exc
    raise error or OSError(f"geen verbinding met {host}")


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, policy: Policy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = partial(_connect, policy)


class _HTTPSConnection(http.client.HTTPSConnection):
    """Connects to the vetted address; the TLS handshake still names (and verifies) the host."""

    def __init__(self, *args, policy: Policy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = partial(_connect, policy)


class _HTTPHandler(urllib_request.HTTPHandler):
    def __init__(self, policy: Policy) -> None:
        super().__init__()
        self.policy = policy

    def http_open(self, req: urllib_request.Request):  # noqa: ANN201 - urllib's interface
        return self.do_open(partial(_HTTPConnection, policy=self.policy), req)


class _HTTPSHandler(urllib_request.HTTPSHandler):
    def __init__(self, policy: Policy) -> None:
        super().__init__()
        self.policy = policy

    def https_open(self, req: urllib_request.Request):  # noqa: ANN201 - urllib's interface
        return self.do_open(partial(_HTTPSConnection, policy=self.policy), req, context=self._context)


def opener(policy: Policy = PUBLIC) -> urllib_request.OpenerDirector:
    """An opener for http(s) only, without proxies, whose every connection (redirects too) is vetted."""
    director = urllib_request.OpenerDirector()
    for handler in (urllib_request.ProxyHandler({}), urllib_request.UnknownHandler(), _HTTPHandler(policy),
                    _HTTPSHandler(policy), urllib_request.HTTPDefaultErrorHandler(),
                    urllib_request.HTTPRedirectHandler(), urllib_request.HTTPErrorProcessor()):
        director.add_handler(handler)
    return director
