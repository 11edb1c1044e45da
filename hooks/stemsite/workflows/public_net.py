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


def is_public(address: Address) -> bool:
    """A globally routable unicast address (no private, loopback, link-local, shared, reserved or multicast)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


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
            raise NotPublic(f"{host} wijst naar {text}, een adres in een intern netwerk")
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
