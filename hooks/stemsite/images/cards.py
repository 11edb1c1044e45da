"""Share cards: the 1200×630 image a chat or social network shows when a page is shared.

Drawn with Pillow from the page's title, the campaign's colours and mark (the PNG copy that
``scripts/render_mark.py`` makes of ``theme/assets/images/campagne.svg``), and the self-hosted
Atkinson Hyperlegible (no font is fetched: Material's social plugin would download one at
build time, so it is not used). A role model's card shows the photo, a signatory's card
the logo (raster logos only: Pillow cannot draw SVG, so an SVG logo's card is text only).
Cards are cached like the other images: the name is the hash of everything drawn.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

from ..stored import write_atomic
from ..image_cache import cached_file, code_version, short_key
from .raster import crop_region, flatten, load_oriented, trim

VERSION = "card-" + code_version("images/cards.py", "images/raster.py")
SIZE = (1200, 630)
BLUE = "#0b5cad"
"""--stem-blue in theme/assets/stylesheets/site.css: white text on it passes WCAG AA."""
ORANGE = "#b34700"
"""--stem-orange in site.css."""
FONTS = ("atkinson-hyperlegible-latin-700-normal.woff2", "atkinson-hyperlegible-latin-ext-700-normal.woff2")
"""Tried in order per character, as the browser does with the two unicode-ranges."""
ENCODE = {"format": "JPEG", "quality": 90, "subsampling": "4:2:0"}
"""A card encodes in ~2 ms (a 1200×630 PNG took ~27 ms, the largest share of a cold build with a card
per signatory). Halved colour resolution: the title's edges are white on blue, carried by brightness,
which keeps full resolution; side by side at 3× zoom no difference shows with 4:4:4, which took half
as long again and made cards 40 % larger (the networks that show a card re-encode it as 4:2:0 anyway)."""
MARGIN = 72
PHOTO_WIDTH = 480
"""A role model's photo fills the right side."""
PANEL = (SIZE[0] - 440 - MARGIN // 2, 150, SIZE[0] - MARGIN // 2, 450)
"""The white panel a logo sits on."""
BAR = (0, SIZE[1] - 16, SIZE[0], SIZE[1])
"""The orange bar along the bottom."""
MARK = "campagne-card.png"
"""The campaign's mark beside the brand, from ``theme/assets/images`` (Pillow reads no SVG)."""
MARK_SIZE = 88
TITLE_SIZES = (76, 68, 60, 54, 48, 44)
MAX_LINES = 4
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
DECODES = 0
"""Source images decoded for cards by this process."""


@dataclass(frozen=True)
class CardJob:
    """Draw one card into the cache."""

    title: str
    kicker: str
    """The small line above the title: what kind of page this is."""
    brand: str
    """The site's name, at the bottom."""
    image: Path | None
    image_format: str | None
    photo: bool
    """True: the image is a photo filling the right side; False: a logo on a white panel."""
    focus: tuple[float, float]
    fonts_dir: Path
    key: str
    out_dir: Path

    @property
    def file_name(self) -> str:
        return f"{self.key}-share.jpg"

    def run(self) -> int:
        """Draw and write the card; return how many source images were decoded."""
        global DECODES
        decoded = 0
        picture = None
        if self.image is not None and self.image_format is not None:
            picture = load_oriented(self.image, self.image_format, max(SIZE))
            DECODES += 1
            decoded = 1
        layout = None if picture is None else "photo" if self.photo else "logo"
        card, text_right = _background(self.kicker, self.brand, self.fonts_dir, layout)
        card = card.copy()
        if picture is not None and self.photo:
            self._place_photo(card, picture)
            ImageDraw.Draw(card).rectangle(BAR, fill=ORANGE)  # over the photo, as on every card
        elif picture is not None:
            self._place_logo(card, picture)
        draw = ImageDraw.Draw(card)
        fonts = _fonts(self.fonts_dir)
        title_top = MARGIN + 64
        size, lines = _wrap_title(self.title, fonts, text_right - MARGIN, SIZE[1] - title_top - 130)
        for number, line in enumerate(lines):
            _draw_line(draw, (MARGIN, title_top + number * round(size * 1.15)), line, fonts, size, "#ffffff")
        buffer = io.BytesIO()
        card.save(buffer, **ENCODE)
        write_atomic(cached_file(self.out_dir, self.file_name), buffer.getvalue())
        return decoded

    def _place_photo(self, card: Image.Image, picture: Image.Image) -> None:
        region = crop_region(picture.size, (PHOTO_WIDTH, SIZE[1]), self.focus)
        photo = flatten(picture, transparent=False).resize((PHOTO_WIDTH, SIZE[1]), Image.Resampling.LANCZOS, box=region)
        card.paste(photo, (SIZE[0] - PHOTO_WIDTH, 0))

    def _place_logo(self, card: Image.Image, picture: Image.Image) -> None:
        logo = trim(flatten(picture, transparent=True))
        inner = (PANEL[2] - PANEL[0] - 64, PANEL[3] - PANEL[1] - 64)
        scale = min(inner[0] / logo.width, inner[1] / logo.height)
        # Bicubic: a logo is enlarged or shrunk by a small factor here, where it looks as Lanczos does, and a
        # quarter faster (a card per signatory: ~0.35 ms each).
        logo = logo.resize((max(1, round(logo.width * scale)), max(1, round(logo.height * scale))),
                           Image.Resampling.BICUBIC)
        left = PANEL[0] + (PANEL[2] - PANEL[0] - logo.width) // 2
        top = PANEL[1] + (PANEL[3] - PANEL[1] - logo.height) // 2
        card.paste(logo, (left, top), logo)


@lru_cache(maxsize=32)
def _background(kicker: str, brand: str, fonts_dir: Path, layout: str | None) -> tuple[Image.Image, int]:
    """What every card of a kind shares: colours, the white logo panel, kicker and brand; and where text ends.

    Drawn once per kind and layout (``None``, ``"logo"``, ``"photo"``) and copied for each card: at a
    card per signatory, drawing the same two lines again was a fifth of a card's time. Nothing
    drawn here overlaps the title, the logo or the photo, except the orange bar (drawn again over a photo).
    """
    card = Image.new("RGB", SIZE, BLUE)
    draw = ImageDraw.Draw(card)
    text_right = SIZE[0] - MARGIN
    if layout == "photo":
        text_right = SIZE[0] - PHOTO_WIDTH - 8
    elif layout == "logo":
        draw.rounded_rectangle(PANEL, radius=24, fill="#ffffff")
        text_right = PANEL[0] - 16
    draw.rectangle(BAR, fill=ORANGE)
    fonts = _fonts(fonts_dir)
    _draw_line(draw, (MARGIN, MARGIN), kicker, fonts, 32, "#ffffff", text_right - MARGIN)
    mark_top = BAR[1] - 20 - MARK_SIZE
    mark, mask = _mark(mark_file(fonts_dir))
    card.paste(mark, (MARGIN, mark_top), mask)
    brand_left = MARGIN + MARK_SIZE + 20
    _draw_line(draw, (brand_left, mark_top + 22), brand, fonts, 34, "#ffffff", text_right - brand_left)
    return card, text_right


@lru_cache(maxsize=4)
def _fonts(fonts_dir: Path) -> tuple[Path, ...]:
    return tuple(fonts_dir / name for name in FONTS)


def mark_file(fonts_dir: Path) -> Path:
    """The PNG of the campaign's mark, beside the fonts in the theme's assets."""
    return fonts_dir.parent / "images" / MARK


@lru_cache(maxsize=4)
def _mark(path: Path) -> tuple[Image.Image, Image.Image]:
    """The mark at its size on the card, and its alpha channel as the paste mask."""
    with Image.open(path) as source:
        mark = source.convert("RGBA").resize((MARK_SIZE, MARK_SIZE), Image.Resampling.LANCZOS)
    return mark, mark.getchannel("A")


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@lru_cache(maxsize=4096)
def _has_glyph(path: Path, char: str) -> bool:
    return char.isspace() or _glyph_pixels(path, char) != _glyph_pixels(path, "\ue000")  # U+E000: never in a font


@lru_cache(maxsize=4096)
def _glyph_pixels(path: Path, char: str) -> bytes:
    """The character drawn small: a font without it draws its .notdef box instead."""
    canvas = Image.new("L", (48, 48))
    ImageDraw.Draw(canvas).text((4, 4), char, font=_font(path, 32), fill=255)
    return canvas.tobytes()


def clean_text(text: str) -> str:
    """Text as drawn: NFC, no control or invisible formatting characters (e.g. U+202E), one space."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs"))
    return " ".join(text.split())


def _runs(text: str, fonts: tuple[Path, ...]) -> list[tuple[str, Path]]:
    """Split text into runs per font; characters no font has are left out."""
    runs: list[tuple[str, Path]] = []
    for char in text:
        path = next((p for p in fonts if _has_glyph(p, char)), None)
        if path is None:
            continue
        if runs and runs[-1][1] == path:
            runs[-1] = (runs[-1][0] + char, path)
        else:
            runs.append((char, path))
    return runs


def _width(text: str, fonts: tuple[Path, ...], size: int) -> float:
    return sum(_font(path, size).getlength(run) for run, path in _runs(text, fonts))


def _draw_line(draw: ImageDraw.ImageDraw, origin: tuple[int, int], text: str, fonts: tuple[Path, ...], size: int,
               fill: str, max_width: float | None = None) -> None:
    if max_width is not None and _width(text, fonts, size) > max_width:
        while text and _width(text + "…", fonts, size) > max_width:
            text = text[:-1]
        text = text.rstrip() + "…"
    x, y = origin
    for run, path in _runs(text, fonts):
        font = _font(path, size)
        draw.text((x, y), run, font=font, fill=fill)
        x += font.getlength(run)


def _wrap_title(title: str, fonts: tuple[Path, ...], width: float, height: float) -> tuple[int, list[str]]:
    """The largest size at which the title fits in MAX_LINES lines; else the smallest, cut with …."""
    for size in TITLE_SIZES:
        lines = _wrap(title, fonts, size, width)
        if len(lines) <= MAX_LINES and len(lines) * size * 1.15 <= height:
            return size, lines
    size = TITLE_SIZES[-1]
    lines = _wrap(title, fonts, size, width)[:MAX_LINES]
    lines[-1] = lines[-1].rstrip(".,;: ") + " …"
    return size, lines


def _wrap(text: str, fonts: tuple[Path, ...], size: int, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        while _width(word, fonts, size) > width and len(word) > 1:  # one very long word: break it
            cut = len(word)
            while cut > 1 and _width(word[:cut], fonts, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if lines and _width(f"{lines[-1]} {word}", fonts, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def card_key(title: str, kicker: str, brand: str, image_bytes: bytes, photo: bool,
             focus: tuple[float, float], fonts_digest: str) -> str:
    """Everything drawn on a card, hashed."""
    return short_key(image_bytes, VERSION, title, kicker, brand, str(photo), repr(focus), fonts_digest,
                     repr(SIZE), BLUE, ORANGE)


def page_title(path: Path) -> str | None:
    """The ``title`` in a Markdown file's front matter (safe YAML), or None."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    title = meta.get("title") if isinstance(meta, dict) else None
    return clean_text(title) if isinstance(title, str) and title.strip() else None
