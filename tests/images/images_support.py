"""Real image files for the image tests, made with Pillow (or byte by byte where Pillow refuses)."""

from __future__ import annotations

import io
import random
import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header and carries almost no pixels: a bomb's header."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def png_black_and_white(width: int, height: int) -> bytes:
    """A complete, valid 1-bit PNG, compressed row by row (a 10000×10000 one is ~15 KB)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    packer = zlib.compressobj(9)
    row = b"\0" + b"\0" * ((width + 7) // 8)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def noise(size: tuple[int, int], mode: str = "RGB", seed: int = 1) -> Image.Image:
    """Incompressible pixels, so a cut file really misses pixel data."""
    rng = random.Random(seed)
    return Image.frombytes(mode, size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * len(mode))))


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def logo_with_transparent_border() -> bytes:
    """400×300, transparent except a 200×200 red square at (100, 50)."""
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (100, 50, 300, 250))
    return encode(image, "PNG")


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Testcamera"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 55.0, 0.0), 3: "E", 4: (4.0, 21.0, 0.0)})
    return exif


def photo_rotated(orientation: int = 6) -> bytes:
    """800×600 as stored: left half red, right half blue; EXIF says rotate (6: 90° clockwise) and has GPS."""
    image = Image.new("RGB", (800, 600), (220, 0, 0))
    image.paste((0, 0, 220), (400, 0, 800, 600))
    return encode(image, "JPEG", quality=90, exif=exif_with_gps(orientation))


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@dataclass(frozen=True)
class SlowJob:
    """An image job stand-in for ``stemsite.workers``: leaves a file named after its key, slowly.

    Module-level and picklable, so spawned worker processes can run it."""

    key: str
    out_dir: Path
    seconds: float = 0.0
    source: Path | None = None
    fail: bool = False

    def run(self) -> int:
        time.sleep(self.seconds)
        if self.fail:
            raise ValueError("kapotte pixels")
        (self.out_dir / self.key).write_bytes(b"")
        return 1
