"""Check an uploaded image without trusting its name or decoding its pixels.

The file's first bytes say what it is (a PNG named ``.jpg`` is refused), the size is
capped before anything is read, and raster dimensions come from the header alone so a
decompression bomb is refused before Pillow would allocate it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

MAX_BYTES = {"svg": 512 * 1024, "raster": 8 * 1024 * 1024}
MAX_PIXELS = 40_000_000
"""40 megapixels: a large phone photo fits, a 10000×10000 bomb does not."""
MIN_SIDE = 64
"""Smaller images look blurred on the wall and the pages."""

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
EXTENSION_FORMAT = {"png": "png", "jpg": "jpeg", "jpeg": "jpeg", "webp": "webp", "svg": "svg"}
FORMAT_NAMES = {"png": "PNG", "jpeg": "JPEG", "webp": "WebP", "svg": "SVG"}


@dataclass(frozen=True)
class ImageProblem:
    """What is wrong with an image, in Dutch."""

    message: str
    fix: str


def sniff(head: bytes) -> str | None:
    """The real format from the first bytes: png, jpeg, webp, svg, or None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in head.lower():
        return "svg"
    return None


def check(path: Path) -> list[ImageProblem]:
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
    with path.open("rb") as handle:
        head = handle.read(512)
    actual = sniff(head)
    if actual is None:
        return [ImageProblem("dit bestand is geen PNG, JPEG, WebP of SVG",
                             "exporteer de afbeelding opnieuw als PNG, JPEG, WebP of SVG")]
    if actual != expected:
        return [ImageProblem(f"het bestand heet .{path.suffix.lstrip('.')}, maar is eigenlijk {FORMAT_NAMES[actual]}",
                             f"geef het de extensie .{'jpg' if actual == 'jpeg' else actual}")]
    if actual == "svg":
        return []  # the SVG's content is checked by images.svg
    return _check_raster_header(path)


def _check_raster_header(path: Path) -> list[ImageProblem]:
    """Dimensions from the header only: Image.open reads no pixels until load()."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return [ImageProblem("de afbeelding heeft veel te veel pixels (mogelijk een 'decompressiebom')",
                             "exporteer ze opnieuw, hooguit 6000 × 6000 pixels")]
    except Exception:  # noqa: BLE001 - any reader error means: unreadable header
        return [ImageProblem("de afbeelding is beschadigd of onvolledig", "exporteer ze opnieuw en upload ze nog eens")]
    if width * height > MAX_PIXELS:
        return [ImageProblem(f"de afbeelding is te groot ({width} × {height} pixels)",
                             "exporteer ze opnieuw, hooguit 6000 × 6000 pixels")]
    if min(width, height) < MIN_SIDE:
        return [ImageProblem(f"de afbeelding is te klein ({width} × {height} pixels)",
                             f"gebruik een afbeelding van minstens {MIN_SIDE} pixels hoog en breed")]
    return []
