"""Share cards drawn with the self-hosted font: titles of every kind, and front matter read safely."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from support import REPO

from stemsite.image_cache import cached_file
from stemsite.images import cards

FONTS = REPO / "theme" / "assets" / "fonts"
BLUE, ORANGE = (11, 92, 173), (179, 71, 0)


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 16) -> bool:
    """The card is a JPEG: a flat colour comes back within a few steps, even next to text."""
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def draw(tmp_path: Path, title: str) -> Image.Image:
    job = cards.CardJob(title, "Rolmodel", "STEM voor morgen", None, None, True, (0.5, 0.5), FONTS, "k", tmp_path)
    assert job.run() == 0
    image = Image.open(cached_file(tmp_path, job.file_name))
    image.load()
    return image


def white_rows(image: Image.Image) -> int:
    """Rows in the title area with white text pixels."""
    rgb = image.convert("RGB")
    return sum(any(near(rgb.getpixel((x, y)), (255, 255, 255), 8) for x in range(72, 1100, 3)) for y in range(136, 500))


def test_card_has_the_size_and_colours(tmp_path):
    image = draw(tmp_path, "Een titel")
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    assert near(image.convert("RGB").getpixel((600, 20)), BLUE, 2)
    assert near(image.convert("RGB").getpixel((600, 625)), ORANGE, 2)


def test_long_titles_wrap_and_shrink_but_stay_on_the_card(tmp_path):
    short, long = draw(tmp_path, "Kort"), draw(tmp_path / "l", "Woord " * 60)
    assert white_rows(long) > white_rows(short)
    rgb = long.convert("RGB")
    assert all(near(rgb.getpixel((x, 500)), BLUE, 40) for x in range(72, 1100, 5))  # free band above the mark and name


def test_accents_extended_latin_and_unknown_characters(tmp_path):
    # Ĳ and ő come from the latin-ext file; the emoji has no glyph and is left out; U+202E is dropped
    image = draw(tmp_path, "Ĳzeren Őrség 🚀 \u202eomgekeerd")
    assert white_rows(image) > 0
    assert cards.clean_text("a\u202eb\u200bc  d") == "abc d"


def test_page_title_reads_front_matter_safely(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: Over ons\n---\n# Kop\n", encoding="utf-8")
    assert cards.page_title(page) == "Over ons"
    page.write_text("---\ntitle: !!python/object/apply:os.system ['true']\n---\n", encoding="utf-8")
    assert cards.page_title(page) is None
    page.write_text("# Geen front matter\n", encoding="utf-8")
    assert cards.page_title(page) is None
    page.write_text("---\ndescription: zonder titel\n---\n", encoding="utf-8")
    assert cards.page_title(page) is None


def test_cards_sharing_a_background_equal_cards_drawn_alone(tmp_path):
    """The background of a kind of card is drawn once and copied: no card may leave a trace on the next."""
    sample = REPO / "tests" / "fixtures" / "sample" / "data"
    images = [(None, None, False), (sample / "signatories" / "fictief-bedrijf.png", "png", False),
              (sample / "role_models" / "fictieve-ingenieur.jpg", "jpeg", True)]
    jobs = [cards.CardJob(title, kicker, "STEM voor morgen", image, fmt, photo, (0.5, 0.4), FONTS, f"k{i}-{n}", tmp_path)
            for i, (image, fmt, photo) in enumerate(images)
            for n, (title, kicker) in enumerate([("Eerste titel", "Rolmodel"), ("Tweede, andere titel", "Rolmodel"),
                                                 ("Derde", "Ondertekenaar van het STEM-charter")])]
    alone = []
    for job in jobs:
        cards._background.cache_clear()
        job.run()
        alone.append(cached_file(tmp_path, job.file_name).read_bytes())
    cards._background.cache_clear()
    for job, expected in zip(jobs, alone):
        job.run()
        assert cached_file(tmp_path, job.file_name).read_bytes() == expected, job.key
    assert cards._background.cache_info().hits == len(jobs) - 6  # three layouts, two kickers
