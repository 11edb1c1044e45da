"""The image producer on real files: sizes, orientation, metadata, formats, cache and cores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from images_support import GPS_IFD, encode, logo_with_transparent_border, photo_rotated, write
from PIL import Image
from support import SAMPLE_DATA, TODAY, make_project

from stemsite.build import prepare
from stemsite.imagecheck import inspect
from stemsite.images import pipeline, raster
from stemsite.workers import workers_for
from stemsite.project import Project

SIGNATORY = (SAMPLE_DATA / "signatories" / "fictief-bedrijf.yml").read_text(encoding="utf-8")
ROLE_MODEL = (SAMPLE_DATA / "role_models" / "fictieve-ingenieur.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Most tests only read outputs: they share one cache, so only the first one waits for Pillow."""
    return tmp_path_factory.mktemp("image-cache")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_cache: Path) -> Path:
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(shared_cache))
    root = make_project(tmp_path / "p", data=None, content=False)
    data = root / "data"
    write(data / "signatories" / "rand.yml", SIGNATORY.replace("Fictief Bedrijf", "Rand").encode())
    write(data / "signatories" / "rand.png", logo_with_transparent_border())
    white = Image.new("RGB", (600, 200), "white")
    white.paste((11, 92, 173), (100, 50, 500, 150))
    write(data / "signatories" / "wit.yml", SIGNATORY.replace("Fictief Bedrijf", "Wit").encode())
    write(data / "signatories" / "wit.jpg", encode(white, "JPEG", quality=95, exif=_gps_exif()))
    write(data / "signatories" / "vector.yml", SIGNATORY.replace("Fictief Bedrijf", "Vector").encode())
    write(data / "signatories" / "vector.svg",
          b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="50"/></svg>')
    write(data / "role_models" / "gedraaid.yml", ROLE_MODEL.replace("Fictieve Ingenieur", "Gedraaid").encode())
    write(data / "role_models" / "gedraaid.jpg", photo_rotated(6))
    wide = Image.new("RGB", (1000, 400), (128, 128, 128))
    wide.paste((0, 200, 0), (0, 0, 150, 400))
    write(data / "role_models" / "links.yml",
          (ROLE_MODEL.replace("Fictieve Ingenieur", "Links") + "focus: {x: 0.05, y: 0.5}\n").encode())
    write(data / "role_models" / "links.jpg", encode(wide, "JPEG"))
    write(data / "role_models" / "midden.yml", ROLE_MODEL.replace("Fictieve Ingenieur", "Midden").encode())
    write(data / "role_models" / "midden.jpg", encode(wide, "JPEG"))
    return root


def _gps_exif() -> Image.Exif:
    from images_support import exif_with_gps
    return exif_with_gps(1)


def built(root: Path):
    result = prepare(Project(root, today=TODAY))
    return result, {a.dest_uri: a.source for a in result.assets if a.dest_uri.startswith("media/")}


def record(result, collection: str, slug: str):
    """What the producers made for one record (its ``RecordMedia``)."""
    return result.media_of(next(r for r in result.catalog.collection(collection) if r.slug == slug))


def files_of(picture) -> list[str]:
    return [part.split()[0] for srcset in (picture.srcset_webp, picture.srcset_fallback) for part in srcset.split(", ")]


def opened(media: dict[str, Path], url: str) -> Image.Image:
    image = Image.open(media[url])
    image.load()
    return image


def test_logo_is_trimmed_fitted_and_written_in_every_variant(project):
    result, media = built(project)
    picture = record(result, "signatories", "rand").picture
    # a 200×200 square inside 400×300 of transparency, fitted into 240×120
    assert (picture.kind, picture.width, picture.height, picture.fallback_type) == ("raster", 120, 120, "image/png")
    sizes = {url: opened(media, url) for url in files_of(picture)}
    # the square has 200 pixels across: a WebP for sharp screens at 200/120, not enlarged to 2x; the PNG
    # fallback (for browsers without WebP) only at 1x
    assert [(i.format, i.size) for i in sizes.values()] == [("WEBP", (120, 120)), ("WEBP", (200, 200)),
                                                            ("PNG", (120, 120))]
    assert [part.split()[1] for part in picture.srcset_webp.split(", ")] == ["1x", "1.67x"]
    assert picture.srcset_fallback.split()[1:] == ["1x"]
    assert picture.src == files_of(picture)[2]
    assert all(url.startswith("media/") and not url.startswith("/") for url in sizes)
    assert sizes[picture.src].mode == "RGBA" and sizes[picture.src].getpixel((60, 60))[3] == 255


@pytest.mark.parametrize(("source", "box", "expected"), [(600, 240, [1, 2]), (480, 240, [1, 2]), (300, 240, [1, 1.25]),
                                                      (250, 240, [1]), (100, 240, [1])])
def test_a_file_for_sharp_screens_is_never_enlarged(source, box, expected):
    assert raster.densities(source, box) == expected


def test_opaque_logo_loses_its_plain_border_and_all_metadata(project):
    result, media = built(project)
    picture = record(result, "signatories", "wit").picture
    assert (picture.width, picture.height) == (240, 60)  # the 400×100 blue bar, not the 600×200 page
    for url in files_of(picture):
        image = opened(media, url)
        assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
        assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
        assert b"Testcamera" not in media[url].read_bytes()


def test_photo_is_turned_upright_cropped_and_stripped(project):
    result, media = built(project)
    picture = record(result, "role_models", "gedraaid").picture
    large = record(result, "role_models", "gedraaid").picture_large
    assert (picture.width, picture.height, picture.fallback_type) == (320, 400, "image/jpeg")
    assert (large.width, large.height) == (480, 600)
    for url in files_of(picture) + files_of(large):
        image = opened(media, url).convert("RGB")
        assert not image.getexif() and "exif" not in Image.open(media[url]).info
        top, bottom = image.getpixel((image.width // 2, 5)), image.getpixel((image.width // 2, image.height - 5))
        # stored left red / right blue with orientation 6: upright, red is on top
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], (url, top, bottom)


def test_a_portraits_sharpest_file_serves_the_gallery_and_its_own_page(project):
    result, media = built(project)
    small = record(result, "role_models", "gedraaid").picture
    large = record(result, "role_models", "gedraaid").picture_large
    # 600×750 of the upright 600×800 photo is 1.88x of the 320×400 card and 1.25x of the 480×600 portrait:
    # one file, all of the source's pixels, for both
    assert [part.split()[1] for part in small.srcset_webp.split(", ")] == ["1x", "1.88x"]
    assert [part.split()[1] for part in large.srcset_webp.split(", ")] == ["1x", "1.25x"]
    shared = small.srcset_webp.split(", ")[1].split()[0]
    assert shared == large.srcset_webp.split(", ")[1].split()[0]
    assert opened(media, shared).size == (600, 750)


def test_focal_point_decides_the_crop(project):
    result, media = built(project)
    left = opened(media, record(result, "role_models", "links").picture.src).convert("RGB")
    middle = opened(media, record(result, "role_models", "midden").picture.src).convert("RGB")
    assert left.getpixel((5, 200))[1] > 150  # the green strip at the left edge is kept
    assert middle.getpixel((5, 200)) == pytest.approx((128, 128, 128), abs=8)


def test_svg_logo_is_served_as_its_own_bytes_under_a_hash(project):
    result, media = built(project)
    picture = record(result, "signatories", "vector").picture
    assert (picture.kind, picture.width, picture.height) == ("svg", 120, 120)
    assert media[picture.src].read_bytes() == (project / "data" / "signatories" / "vector.svg").read_bytes()
    assert picture.src.startswith("media/") and picture.src.endswith(".svg")


@pytest.fixture
def cold(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same project with an empty cache of its own."""
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    return project


def test_warm_build_does_no_image_work(cold, tmp_path):
    project = cold
    first, _ = built(project)
    assert pipeline.LAST_RUN["jobs"] > 0 and pipeline.LAST_RUN["decodes"] >= 5
    cache = tmp_path / "cache"
    # Files in the cache are replaced whole, never changed in place: a file written again is a new inode.
    # (Their times may move: a build marks what it used, see stemsite.stored.reuse.)
    before = {p: p.stat().st_ino for p in cache.rglob("*") if p.is_file()}
    decodes = inspect.DECODES
    second, _ = built(project)
    assert pipeline.LAST_RUN == {"jobs": 0, "decodes": 0, "workers": 0}
    assert inspect.DECODES == decodes  # validation reused its verdicts too
    assert {p: p.stat().st_ino for p in cache.rglob("*") if p.is_file()} == before
    assert [a.dest_uri for a in second.assets] == [a.dest_uri for a in first.assets]
    assert record(second, "role_models", "gedraaid") == record(first, "role_models", "gedraaid")


def test_a_changed_photo_gets_new_files(project):
    built(project)
    first, _ = built(project)
    old = record(first, "role_models", "gedraaid").picture.src
    write(project / "data" / "role_models" / "gedraaid.jpg", photo_rotated(8))
    second, media = built(project)
    assert pipeline.LAST_RUN["jobs"] == 2  # the photo and its share card, nothing else
    assert record(second, "role_models", "gedraaid").picture.src != old


def test_cold_build_uses_the_cores(cold):
    built(cold)
    assert pipeline.LAST_RUN["workers"] == workers_for(pipeline.LAST_RUN["jobs"])
    if (os.cpu_count() or 1) > 1:
        assert pipeline.LAST_RUN["workers"] > 1


def test_withdrawn_signatory_publishes_no_logo(project):
    yml = project / "data" / "signatories" / "rand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "withdrawn_on: 2026-01-01\n", encoding="utf-8")
    result, _ = built(project)
    assert record(result, "signatories", "rand").picture is None


def test_share_cards_for_every_record_and_titled_page(project):
    result, media = built(project)
    for records in result.catalog.records.values():
        for item in records:
            card = opened(media, result.media_of(item).share)
            assert (card.format, card.size) == ("JPEG", (1200, 630))
    assert "index.md" in result.share_cards and "rolmodellen/index.md" in result.share_cards
    page = next(p for p in result.pages if p.src_uri == "rolmodellen/gedraaid.md")
    assert f"image: {record(result, 'role_models', 'gedraaid').share}\n" in page.text
    card = opened(media, record(result, "role_models", "gedraaid").share).convert("RGB")
    assert card.getpixel((40, 300)) == pytest.approx((11, 92, 173), abs=2)  # campaign blue behind the title (JPEG)
    top, bottom = card.getpixel((1100, 40)), card.getpixel((1100, 560))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # the upright photo on the right


def test_share_cards_are_left_drawing_and_collected(cold):
    result = prepare(Project(cold, today=TODAY), background=True)
    decodes = pipeline.LAST_RUN["decodes"]
    shared = {result.media_of(item).share for records in result.catalog.records.values() for item in records}
    shared |= set(result.share_cards.values())
    assert [len(work.assets) for work in result.pending] == [len(shared)]
    assert {a.dest_uri for a in result.pending[0].assets} == shared
    assert not shared & {a.dest_uri for a in result.assets}  # not handed over before they are drawn
    drawn = result.finish()
    assert {a.dest_uri for a in drawn} == shared and result.pending == []
    assert all(Image.open(a.source).size == (1200, 630) for a in drawn)
    assert pipeline.LAST_RUN["decodes"] > decodes  # the cards decoded the logos and photos they show
