"""The one reading of a web address: every URL rule of the site asks this module.

The format check of ``https://`` fields, the proof-domain check, the trust rules for
signatories, the weekly link check and the Markdown sanitiser's link filter all read an
address here, with the standard library's :func:`urllib.parse.urlsplit`, so no rule can see
another host than the next one (``https://evil.example?x=.agoria.be`` has host
``evil.example`` for all of them). :func:`read_https` gives the host lower-cased, as ASCII
(IDNA: ``bücher.be`` → ``xn--bcher-kva.be``) and without a trailing dot, or a Dutch
:class:`UrlProblem`: whitespace or control characters, a backslash (a browser reads it as ``/``),
a user name, a port other than 443, an IP address, a percent-encoded or mixed-script host.

Registered domains come from the Public Suffix List the build pins (``publicsuffixlist``,
its private section included, so ``github.io`` and ``s3.amazonaws.com`` are suffixes):
a host that is itself a public suffix has no registered domain.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from confusable_homoglyphs import categories
from publicsuffixlist import PublicSuffixList

PUBLIC_SUFFIXES = PublicSuffixList()
"""The Public Suffix List every rule reads (the signing form's copy is made from this one)."""
SCHEME = "https://"
FIX = "schrijf het volledige adres dat begint met https://, bv. https://www.voorbeeld.be/"
LINK_SCHEMES = ("https", "mailto")
"""The schemes a link in a Markdown field may have (mailto where an address is meant)."""
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_TOP = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_DROPPED = re.compile("[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))
_SCHEME_START = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_NEUTRAL_SCRIPTS = {"COMMON", "INHERITED", "Unknown"}


class UrlProblem(ValueError):
    """An address that cannot be used as it is, with the Dutch reason and fix."""

    def __init__(self, message: str, fix: str = FIX):
        super().__init__(message)
        self.message = message
        self.fix = fix


@dataclass(frozen=True)
class WebAddress:
    """An ``https://`` address as every rule reads it."""

    written: str
    host: str
    """Lower-case ASCII (IDNA), no trailing dot: the host a browser connects to."""
    rest: str
    """Path, query and fragment as written (``/`` when there is no path)."""

    @property
    def url(self) -> str:
        """The address with its normalised host (what the link check requests)."""
        return SCHEME + self.host + self.rest

    @property
    def registered_domain(self) -> str | None:
        """The domain someone registered (``www.agoria.be`` → ``agoria.be``); None for a public suffix."""
        return registered_domain(self.host)

    @property
    def is_public_suffix(self) -> bool:
        """True for a host anyone can register names under (``github.io``, ``s3.amazonaws.com``)."""
        return registered_domain(self.host) is None


def registered_domain(host: str) -> str | None:
    """The registrable domain of a host name, from the Public Suffix List (private section included).

    The list's reader lower-cases the host and drops a trailing dot itself (``WWW.Agoria.BE.`` → ``agoria.be``)."""
    return PUBLIC_SUFFIXES.privatesuffix(host)


def _invisible_or_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs")


def _mixed_scripts(label: str) -> bool:
    return len({categories.alias(ch) for ch in label} - _NEUTRAL_SCRIPTS) > 1


def _ascii_host(name: str, shown: str) -> str:
    """The host as IDNA ASCII, lower-case, without a trailing dot; a Dutch problem when it is no domain name."""
    host = name.rstrip(".") if name.endswith(".") and not name.endswith("..") else name
    if "%" in host:
        raise UrlProblem(f"'{shown}' bevat een gecodeerde domeinnaam (met %)", "schrijf de domeinnaam gewoon uit")
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        raise UrlProblem(f"'{shown}' is een IP-adres, geen domeinnaam",
                         "schrijf de domeinnaam van de website, bv. https://www.voorbeeld.be/")
    labels = host.split(".")
    unicode_labels = []
    for label in labels:
        try:
            # Python's codec leaves an upper-case "XN--" label undecoded; browsers do not.
            bare = label.lower()
            unicode_labels.append(bare.encode("ascii").decode("idna") if bare.startswith("xn--") else label)
        except (UnicodeError, ValueError):
            raise UrlProblem(f"'{shown}' is geen geldige domeinnaam") from None
    mixed = next((label for label in unicode_labels if _mixed_scripts(label)), None)
    if mixed is not None:
        raise UrlProblem(f"de domeinnaam '{shown}' mengt letters uit verschillende schriften ('{mixed}'), zodat ze op "
                         "een andere kan lijken", "schrijf de domeinnaam zoals de organisatie hem zelf gebruikt")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except (UnicodeError, ValueError):
        raise UrlProblem(f"'{shown}' is geen geldige domeinnaam") from None
    parts = ascii_host.split(".")
    if (len(ascii_host) > 253 or len(parts) < 2 or not _TOP.fullmatch(parts[-1])
            or not all(_LABEL.fullmatch(label) for label in parts)):
        raise UrlProblem(f"'{shown}' is geen geldige domeinnaam")
    return ascii_host


def read_https(value: str) -> WebAddress:
    """An absolute ``https://`` address on a public host name, read once for every rule; else :class:`UrlProblem`."""
    if any(_invisible_or_space(ch) for ch in value):
        raise UrlProblem("het adres bevat spaties of onzichtbare tekens", "verwijder spaties en regeleinden")
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme != "https":
        what = f"'{scheme}:'-adressen" if scheme else "adressen zonder https://"
        raise UrlProblem(f"{what} zijn niet toegelaten, alleen https://")
    if "\\" in value:
        raise UrlProblem("het adres bevat een backslash (\\); een browser leest die als / en kan zo op een andere "
                         "site uitkomen", "schrijf het adres met gewone schuine strepen (/)")
    try:
        parts = urlsplit(value)
        port = parts.port  # reading it checks it: a port out of range or not a number raises
    except ValueError:  # an unclosed "[" (IPv6) or a broken port: the standard library cannot read it
        raise UrlProblem(f"'{value}' is geen geldig adres") from None
    if not value.startswith(SCHEME):
        raise UrlProblem("het adres moet met kleine letters https:// beginnen")
    if "@" in parts.netloc:
        raise UrlProblem("een adres met gebruikersnaam of wachtwoord (iets@) is niet toegelaten",
                         "laat het deel voor de @ weg")
    if port is not None and port != 443:
        raise UrlProblem(f"'{parts.netloc}' gebruikt poort {port}; een website hoort op de gewone poort",
                         f"laat ':{port}' weg uit het adres")
    name = parts.netloc.rsplit(":", 1)[0] if port is not None or parts.netloc.endswith(":") else parts.netloc
    host = _ascii_host(name, parts.netloc or value)
    rest = value[len(SCHEME) + len(parts.netloc):] or "/"
    return WebAddress(value, host, rest)


def browser_form(href: str) -> str:
    """A link as a browser resolves it: edges trimmed, tabs and line breaks gone, ``\\`` read as ``/``."""
    url = _DROPPED.sub("", href.strip(_EDGES))
    scheme = _SCHEME_START.match(url)
    if scheme is None or scheme.group().lower() in ("http:", "https:"):
        url = url.replace("\\", "/")
    return url


def leaves_without_scheme(href: str) -> bool:
    """True for a link that reads as relative but opens another host (``//host``, ``/\\host``, ``\\\\host``)."""
    return browser_form(href).startswith("//")


def link_target(href: str) -> str | None:
    """A Markdown link as the page may keep it: a link within the site, ``mailto:`` or a readable https address.

    None drops the link: another scheme (``http:``, ``javascript:``), a link that leaves the site
    without a scheme, or an ``https://`` address :func:`read_https` refuses (a user name, a port).
    """
    url = browser_form(href)
    if url.startswith("//"):
        return None
    scheme = _SCHEME_START.match(url)
    if scheme is None:
        return url
    name = scheme.group()[:-1].lower()
    if name not in LINK_SCHEMES:
        return None
    if name == "mailto":
        return url
    try:
        return read_https(SCHEME + url[len("https:"):].lstrip("/")).url
    except UrlProblem:
        return None
