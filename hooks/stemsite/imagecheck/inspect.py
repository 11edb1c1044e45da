"""Check an uploaded image without trusting its name, and without decoding a bomb.

Order matters: the size is capped before anything is read; the first bytes say what the
file really is (a PNG named ``.jpg``, a TIFF or HTML page named ``.png`` are refused by
name); raster dimensions come from the header alone so a decompression bomb is refused
before Pillow would allocate it; only then is the file decoded once, to catch truncated
files, and scanned for a second file hidden after the image (a polyglot). SVG goes to
:mod:`.svg`. The expensive part's verdict is kept under the content hash, so a warm
``make validate`` decodes nothing.
"""

from __future__ import annotations

import io
import json
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from . import svg
from .svg_size import MAX_ASPECT, aspect_problem
from ..stored import keyed_name, write_atomic
from ..image_cache import code_version, content_key

VERSION = "inspect-" + code_version("imagecheck/inspect.py", "imagecheck/svg.py", "imagecheck/svg_size.py")
"""Part of a verdict's key: when a check changes, older verdicts are not reused."""
MAX_BYTES = {"svg": 512 * 1024, "raster": 8 * 1024 * 1024}
MAX_PIXELS = 40_000_000
"""40 megapixels: a large phone photo fits, a 10000×10000 bomb does not."""
MIN_SIDE = 64
"""Smaller images look blurred on the wall and the pages."""
__all__ = ["MAX_ASPECT", "MAX_BYTES", "MAX_PIXELS", "MIN_SIDE", "ImageProblem", "check", "open_image", "sniff"]

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"), (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"),
    (b"8BPS", "psd"),
    (b"%!PS", "eps"), (b"\xc5\xd0\xd3\xc6", "eps"),
    (b"%PDF", "pdf"),
    (b"BM", "bmp"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"PK\x03\x04", "zip"),
)
EXTENSION_FORMAT = {"png": "png", "jpg": "jpeg", "jpeg": "jpeg", "webp": "webp", "svg": "svg"}
FORMAT_NAMES = {"png": "PNG", "jpeg": "JPEG", "webp": "WebP", "svg": "SVG", "gif": "GIF", "tiff": "TIFF",
                "psd": "Photoshop (PSD)", "eps": "EPS (PostScript)", "pdf": "PDF", "bmp": "BMP", "ico": "ICO",
                "zip": "ZIP-archief", "html": "HTML (een webpagina)", "heic": "HEIC/AVIF"}
PILLOW_FORMAT = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
_MARKUP = (b"<script", b"<html", b"<?php", b"<iframe", b"<body", b"javascript:")
_ZIP_END, _ZIP_END_REACH = b"PK\x05\x06", 22 + 65535
"""A ZIP reader looks for its end record in the last 64 KB of a file, wherever the image ends."""
_FIX_REEXPORT = "exporteer de afbeelding opnieuw als PNG, JPEG of WebP en upload ze nog eens"
DECODES = 0
"""How many files this process decoded or parsed (the warm-build test reads it)."""


@dataclass(frozen=True)
class ImageProblem:
    """What is wrong with an image, in Dutch, and on which line (SVG; else 1)."""

    message: str
    fix: str
    line: int = 1


def sniff(head: bytes) -> str | None:
    """The real format from the first bytes: png, jpeg, webp, svg, another known kind, or None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"avif", b"msf1"):
        return "heic"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in head.lower():
        return "svg"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<?php")):
        return "html"
    return None


def check(path: Path, cache_dir: Path | None = None) -> list[ImageProblem]:
    """Problems of one image file beside a record; an empty list means it may be processed."""
    if path.is_symlink() or not path.is_file():
        return [ImageProblem("de afbeelding is geen gewoon bestand (bv. een link)", "voeg het bestand zelf toe")]
    expected = EXTENSION_FORMAT.get(path.suffix.lower().lstrip("."))
    size = path.stat().st_size
    if size == 0:
        return [ImageProblem("de afbeelding is leeg (0 bytes)", "upload het bestand opnieuw")]
    cap = MAX_BYTES["svg" if expected == "svg" else "raster"]
    if size > cap:
        return [ImageProblem(f"de afbeelding is te groot ({size / 1024 / 1024:.1f} MB, maximaal "
                             f"{cap / 1024 / 1024:g} MB)", "verklein de afbeelding of exporteer ze opnieuw")]
    data = path.read_bytes()
    actual = sniff(data[:512])
    if actual is None:
        return [ImageProblem("dit bestand is geen PNG, JPEG, WebP of SVG", _FIX_REEXPORT)]
    if actual not in EXTENSION_FORMAT.values():
        return [ImageProblem(f"het bestand heet .{path.suffix.lstrip('.')}, maar is eigenlijk {FORMAT_NAMES[actual]}"
                             ", en dat formaat wordt niet aanvaard", _FIX_REEXPORT)]
    if actual != expected:
        return [ImageProblem(f"het bestand heet .{path.suffix.lstrip('.')}, maar is eigenlijk {FORMAT_NAMES[actual]}",
                             f"geef het de extensie .{'jpg' if actual == 'jpeg' else actual}")]
    return _cached_verdict(data, actual, cache_dir)


def _cached_verdict(data: bytes, kind: str, cache_dir: Path | None) -> list[ImageProblem]:
    """The decoding checks, looked up by content hash first."""
    store = cache_dir / "verdicts" / f"{keyed_name(cache_dir, content_key(data, VERSION, kind))}.json" if cache_dir else None
    if store is not None and store.is_file():
        try:
            return [ImageProblem(**item) for item in json.loads(store.read_text(encoding="utf-8"))]
        except (ValueError, TypeError):
            pass  # a damaged cache entry is recomputed
    problems = _check_svg(data) if kind == "svg" else _check_raster(data, kind)
    if store is not None:
        write_atomic(store, json.dumps([p.__dict__ for p in problems], ensure_ascii=False).encode())
    return problems


def _check_svg(data: bytes) -> list[ImageProblem]:
    global DECODES
    DECODES += 1
    problems, _ = svg.check(data)
    return [ImageProblem(p.message, p.fix, p.line) for p in problems]


def open_image(data: bytes | Path, kind: str) -> Image.Image:
    """Open (header only) with the one decoder the magic bytes named, bombs refused."""

    source = io.BytesIO(data) if isinstance(data, bytes) else data
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(source, formats=[PILLOW_FORMAT[kind]])
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise Image.DecompressionBombError(f"{image.width}x{image.height}")
    return image


def _check_raster(data: bytes, kind: str) -> list[ImageProblem]:
    """Dimensions from the header, then one decode to catch truncation, then the bytes after the image."""
    global DECODES
    try:
        image = open_image(data, kind)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return [ImageProblem("de afbeelding heeft veel te veel pixels (mogelijk een 'decompressiebom'); "
                             f"maximaal {MAX_PIXELS // 1_000_000} megapixel",
                             "exporteer ze opnieuw, hooguit 6000 × 6000 pixels")]
    except Exception:  # noqa: BLE001 - any reader error means: unreadable header
        return [ImageProblem("de afbeelding is beschadigd: de kop van het bestand is onleesbaar", _FIX_REEXPORT)]
    with image:
        width, height = image.size
        if min(width, height) < MIN_SIDE:
            return [ImageProblem(f"de afbeelding is te klein ({width} × {height} pixels)",
                                 f"gebruik een afbeelding van minstens {MIN_SIDE} pixels hoog en breed")]
        stretched = aspect_problem(width, height, " pixels")  # from the header: nothing is decoded yet
        if stretched:
            return [ImageProblem(*stretched)]
        try:
            DECODES += 1
            if kind == "jpeg":
                image.draft("RGB", (width // 8 or 1, height // 8 or 1))  # every byte is still read
            image.load()
        except Exception:  # noqa: BLE001 - truncated or corrupt pixel data
            return [ImageProblem("de afbeelding is onvolledig of beschadigd (de pixels kunnen niet gelezen worden)",
                                 "upload het bestand opnieuw, of exporteer het opnieuw als het origineel ook zo is")]
    hidden = _hidden_content(data, kind)
    if hidden:
        return [ImageProblem(f"achter of in de afbeelding zit nog iets anders verstopt ({hidden})",
                             "exporteer de afbeelding opnieuw, zodat het bestand alleen de afbeelding bevat")]
    return []


def _hidden_content(data: bytes, kind: str) -> str | None:
    """What a polyglot carries: bytes after the image's end, or markup inside it."""
    end = _image_end(data, kind)
    tail = data[end:] if end is not None else b""
    lowered = data.lower()
    for marker in _MARKUP:
        if marker in lowered:
            return f"'{marker.decode()}'"
    if b"PK\x03\x04" in tail[:4096] or _ZIP_END in data[-_ZIP_END_REACH:]:
        return "een ZIP-archief"
    if kind == "jpeg":
        return None  # cameras append their own trailers (Samsung, motion photos); re-encoding drops them
    if tail.strip(b"\x00\r\n\t "):
        return f"{len(tail)} bytes na het einde van de afbeelding"
    return None


def _image_end(data: bytes, kind: str) -> int | None:
    """Offset just past the image's last byte, by walking its structure."""
    if kind == "png":
        offset = 8
        while offset + 8 <= len(data):
            length, chunk = struct.unpack(">I4s", data[offset:offset + 8])
            if chunk == b"IEND":
                return offset + 12  # IEND is empty: what it claims to carry is no part of the picture
            if offset + 12 + length > len(data):
                break
            offset += 12 + length
        return offset  # no IEND: what follows the last whole chunk is no part of the picture
    if kind == "webp":
        size = struct.unpack("<I", data[4:8])[0]
        return 8 + size + (size & 1)
    if kind == "jpeg":
        end = data.rfind(b"\xff\xd9")
        return end + 2 if end >= 0 else None
    return None
