"""Download a file attached to an issue, and nothing else.

The logo of the issue-form path is the only thing fetched on a stranger's word, so the
address must be an attachment GitHub itself stores (``https://github.com/user-attachments/``),
every redirect stays on GitHub's own storage hosts over https, and no more than the size cap
is ever read. What the bytes are is decided by their first bytes, not by any name or header.
"""

from __future__ import annotations

import re
import ssl
from typing import Protocol
from urllib.parse import urlsplit
from urllib.request import HTTPErrorProcessor, HTTPRedirectHandler, HTTPSHandler, OpenerDirector, Request

from ..imagecheck import inspect as image_inspect

ATTACHMENT = re.compile(
    r"https://github\.com/user-attachments/"
    r"(?:assets/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|files/[0-9]{1,12}/[A-Za-z0-9][A-Za-z0-9._-]{0,120})"
)
"""What GitHub writes into an issue when someone drops a file into a text field."""

STORAGE_HOSTS = frozenset({
    "github.com",
    "objects.githubusercontent.com",
    "private-user-images.githubusercontent.com",
    "github-production-user-asset-6210df.s3.amazonaws.com",
})
"""Where GitHub redirects an attachment to; a redirect anywhere else is refused."""

MAX_REDIRECTS = 3
EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp", "svg": "svg"}
"""File extension for each format :func:`images.inspect.sniff` recognises."""


class AttachmentRefused(ValueError):
    """The attachment cannot be used; ``message`` and ``fix`` are Dutch."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


class Opener(Protocol):
    """What :func:`download` needs from urllib's opener (tests pass their own)."""

    def open(self, fullurl: Request, data: None = None, timeout: float = ...): ...  # noqa: D102


def check_attachment_url(url: str) -> str:
    """The address itself, if it is a GitHub attachment; otherwise :class:`AttachmentRefused`."""
    if not ATTACHMENT.fullmatch(url):
        raise AttachmentRefused(
            "het logo moet een bijlage zijn die je in het issue oplaadde (https://github.com/user-attachments/...)",
            "sleep het logobestand in het veld 'Logo'; links naar andere websites volgen we niet",
        )
    return url


def check_storage_url(url: str) -> str:
    """Refuse a redirect that leaves GitHub's storage or https."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in STORAGE_HOSTS or parts.port not in (None, 443):
        raise AttachmentRefused("de bijlage verwijst door naar een adres buiten GitHub",
                                "laad het logo opnieuw op als bijlage in het issue")
    return url


class _GuardedRedirects(HTTPRedirectHandler):
    """Follows a few redirects, each checked before it is requested."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        check_storage_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def default_opener() -> OpenerDirector:
    """https only, guarded redirects, HTTP errors raised; no file:, ftp: or data: handlers."""
    opener = OpenerDirector()
    for handler in (HTTPSHandler(context=ssl.create_default_context()), _GuardedRedirects(), HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def download(url: str, *, opener: Opener | None = None, limit: int | None = None, timeout: float = 30.0) -> bytes:
    """The attachment's bytes, never more than ``limit`` (the raster image cap by default)."""
    check_attachment_url(url)
    cap = limit if limit is not None else image_inspect.MAX_BYTES["raster"]
    request = Request(url, headers={"User-Agent": "stem-site-issue-form/1.0", "Accept": "image/*"})
    try:
        with (opener or default_opener()).open(request, timeout=timeout) as response:
            check_storage_url(response.geturl())
            data = response.read(cap + 1)
    except AttachmentRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - network, TLS and HTTP errors all mean: could not download
        raise AttachmentRefused(f"het logo kon niet gedownload worden ({type(exc).__name__})",
                                "laad het logo opnieuw op in het issue; lukt het niet, vraag hulp in een reactie") from None
    if len(data) > cap:
        raise AttachmentRefused(f"het logo is te groot (meer dan {cap // (1024 * 1024)} MB)",
                                "verklein het logo of exporteer het opnieuw")
    return data


def image_extension(data: bytes) -> str:
    """The file extension the bytes deserve (png, jpg, webp, svg), or :class:`AttachmentRefused`."""
    kind = image_inspect.sniff(data[:512])
    if kind not in EXTENSIONS:
        raise AttachmentRefused("de bijlage is geen PNG, JPEG, WebP of SVG",
                                "exporteer het logo als SVG of PNG en laad het opnieuw op")
    if len(data) > image_inspect.MAX_BYTES["svg" if kind == "svg" else "raster"]:
        cap = image_inspect.MAX_BYTES["svg" if kind == "svg" else "raster"]
        raise AttachmentRefused(f"het logo is te groot (maximaal {cap // 1024} kB voor dit formaat)",
                                "verklein het logo of exporteer het opnieuw")
    return EXTENSIONS[kind]
