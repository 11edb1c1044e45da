"""Image files beside records: what the validation refuses before (and instead of) decoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from images_support import encode, logo_with_transparent_border, noise, png_black_and_white, png_header_only, write
from PIL import Image
from support import SIGNATORY, TODAY, make_project

from stemsite.imagecheck import inspect
from stemsite.project import Project
from stemsite.validate.dataset import validate_project

CORPUS = Path(__file__).parent / "corpus" / "svg"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    return make_project(tmp_path / "p", data=None, content=False)


def signatory(root: Path, slug: str, ext: str, data: bytes) -> None:
    write(root / "data" / "signatories" / f"{slug}.yml", SIGNATORY.replace("Testbedrijf", slug.title()).encode())
    write(root / "data" / "signatories" / f"{slug}.{ext}", data)


def problems(root: Path) -> list[str]:
    _, report = validate_project(Project(root, today=TODAY))
    return [str(p) for p in report.sorted()]


def only(root: Path) -> str:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def test_header_only_bomb_is_refused_before_decoding(project):
    signatory(project, "bom", "png", png_header_only(20000, 20000))
    before = inspect.DECODES
    assert only(project).startswith("data/signatories/bom.png:1: afbeelding: de afbeelding heeft veel te veel pixels "
                                     "(mogelijk een 'decompressiebom'); maximaal 40 megapixel — ")
    assert inspect.DECODES == before


def test_a_real_10000_by_10000_png_is_refused_before_decoding(project):
    data = png_black_and_white(10000, 10000)
    assert len(data) < 200_000  # small on disk: only the header gives it away
    signatory(project, "groot", "png", data)
    before = inspect.DECODES
    assert "de afbeelding heeft veel te veel pixels" in only(project)
    assert inspect.DECODES == before


def test_png_named_jpg(project):
    signatory(project, "s", "jpg", logo_with_transparent_border())
    assert only(project) == ("data/signatories/s.jpg:1: afbeelding: het bestand heet .jpg, maar is eigenlijk PNG "
                             "— geef het de extensie .png")


@pytest.mark.parametrize("fmt, ext", [("PNG", "png"), ("JPEG", "jpg")])
def test_truncated_file_is_refused(project, fmt, ext):
    data = encode(noise((300, 200)), fmt)
    signatory(project, "kapot", ext, data[: len(data) * 6 // 10])
    assert only(project).startswith(f"data/signatories/kapot.{ext}:1: afbeelding: de afbeelding is onvolledig of "
                                    "beschadigd (de pixels kunnen niet gelezen worden)")


def test_zero_bytes(project):
    signatory(project, "leeg", "png", b"")
    assert only(project) == "data/signatories/leeg.png:1: afbeelding: de afbeelding is leeg (0 bytes) — upload het bestand opnieuw"


def test_too_small_to_look_sharp(project):
    signatory(project, "klein", "png", encode(Image.new("RGB", (40, 40), "red"), "PNG"))
    assert "de afbeelding is te klein (40 × 40 pixels)" in only(project)


@pytest.mark.parametrize("content, named", [
    (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n", "EPS (PostScript)"),
    (b"8BPS\x00\x01\x00\x00\x00\x00\x00\x00\x00\x03" + b"\x00" * 64, "Photoshop (PSD)"),
    (encode(Image.new("RGB", (100, 100), "red"), "TIFF"), "TIFF"),
    (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "HTML (een webpagina)"),
    (encode(Image.new("RGB", (100, 100), "red"), "GIF"), "GIF"),
])
def test_other_formats_behind_a_png_name(project, content, named):
    signatory(project, "vreemd", "png", content)
    assert only(project) == (f"data/signatories/vreemd.png:1: afbeelding: het bestand heet .png, maar is eigenlijk "
                             f"{named}, en dat formaat wordt niet aanvaard — exporteer de afbeelding opnieuw als PNG, "
                             "JPEG of WebP en upload ze nog eens")


def test_svg_behind_a_png_name(project):
    signatory(project, "svg", "png", (CORPUS.parent.parent / "corpus" / "svg" / "script.svg").read_bytes())
    assert "het bestand heet .png, maar is eigenlijk SVG — geef het de extensie .svg" in only(project)


@pytest.mark.parametrize("tail, what", [
    (b"<html><script>alert(1)</script></html>", "'<script'"),
    (b"PK\x03\x04\x14\x00" + b"\x00" * 40, "een ZIP-archief"),
    (b"extra bytes that are not part of the picture", "44 bytes na het einde van de afbeelding"),
])
def test_polyglot_png_is_refused(project, tail, what):
    signatory(project, "dubbel", "png", logo_with_transparent_border() + tail)
    assert only(project) == (f"data/signatories/dubbel.png:1: afbeelding: achter of in de afbeelding zit nog iets "
                             f"anders verstopt ({what}) — exporteer de afbeelding opnieuw, zodat het bestand alleen "
                             "de afbeelding bevat")


def test_polyglot_jpeg_with_an_archive_is_refused(project):
    signatory(project, "dubbel", "jpg", encode(Image.new("RGB", (100, 100), "red"), "JPEG") + b"PK\x03\x04" + b"\0" * 30)
    assert "achter of in de afbeelding zit nog iets anders verstopt (een ZIP-archief)" in only(project)


def test_hostile_svg_is_reported_with_its_line(project):
    signatory(project, "eng", "svg", (CORPUS / "foreignobject.svg").read_bytes())
    assert only(project) == ("data/signatories/eng.svg:2: afbeelding: de SVG bevat een <foreignObject> (ingesloten HTML "
                             "of andere inhoud) — exporteer het logo opnieuw als eenvoudige SVG (bv. 'Optimized SVG' "
                             "of 'SVG 1.1'), of lever een PNG")


def test_one_bad_logo_does_not_hide_the_other_problems(project):
    signatory(project, "goed", "png", logo_with_transparent_border())
    signatory(project, "bom", "png", png_header_only(20000, 20000))
    signatory(project, "script", "svg", (CORPUS / "script.svg").read_bytes())
    signatory(project, "naam", "jpg", logo_with_transparent_border())
    write(project / "data" / "signatories" / "datum.yml", SIGNATORY.replace("Testbedrijf", "Datum").replace("2025-01-01", "2025-02-30").encode())
    write(project / "data" / "signatories" / "datum.png", logo_with_transparent_border())
    found = problems(project)
    assert [p.split(":")[0] for p in found] == ["data/signatories/bom.png", "data/signatories/datum.yml",
                                                "data/signatories/naam.jpg", "data/signatories/script.svg"]
    assert "decompressiebom" in found[0] and "<script>" in found[3]
    dataset, _ = validate_project(Project(project, today=TODAY))
    assert [r.slug for r in dataset.records["signatories"] if r.image] == ["goed"]


def test_warm_validation_decodes_nothing(project):
    signatory(project, "goed", "png", logo_with_transparent_border())
    signatory(project, "vector", "svg", (CORPUS.parent.parent / "corpus" / "svg" / "onload.svg").read_bytes())
    cold_before = inspect.DECODES
    first = problems(project)
    assert inspect.DECODES == cold_before + 2
    warm_before = inspect.DECODES
    assert problems(project) == first
    assert inspect.DECODES == warm_before


def test_a_changed_file_is_checked_again(project):
    signatory(project, "goed", "png", logo_with_transparent_border())
    assert problems(project) == []
    data = (project / "data" / "signatories" / "goed.png").read_bytes()
    write(project / "data" / "signatories" / "goed.png", data[: len(data) // 2])
    assert "onvolledig of beschadigd" in only(project)


def test_svg_that_starts_with_its_doctype_is_recognised_and_refused(project):
    signatory(project, "dtd", "svg", b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n'
                                     b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>')
    assert only(project).startswith("data/signatories/dtd.svg:1: afbeelding: de SVG bevat een DOCTYPE (<!DOCTYPE>)")


@pytest.mark.parametrize("head,kind", [
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"), (b"RIFF\x00\x00\x00\x00WAVEfmt ", None), (b"XXXX\x00\x00\x00\x00WEBP", None),
    *[(b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00", "heic") for brand in (b"heic", b"heix", b"mif1", b"avif", b"msf1")],
    (b"\x00\x00\x00\x18ftypisom\x00\x00", None), (b"\x00\x00\x00\x18FTYPheic", None), (b"\x00\x00\x00\x18xxxxheic", None),
    (b'\xef\xbb\xbf \n<?XML version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "svg"),
    (b"<!-- getekend --><svg/>", "svg"), (b"<!DOCTYPE svg><svg/>", "svg"), (b"<SVG/>", "svg"),
    (b"<?xml version='1.0'?><html/>", None),  # XML, but no <svg
    (b"<svg/> \n", "svg"),
    *[(start + b" ...", "html") for start in (b"<!DOCTYPE HTML", b"<HTML", b"<Head", b"<BODY", b"<Script", b"<?PHP")],
    (b"\n\t<html>", "html"), (b"GIF89a", "gif"), (b"plain text", None),
])
def test_the_real_kind_is_read_from_the_first_bytes(head, kind):
    assert inspect.sniff(head) == kind


def only_problem(path: Path) -> tuple[str, str]:
    [problem] = inspect.check(path)
    return problem.message, problem.fix


def test_what_is_no_plain_file_too_big_or_no_image_is_refused_before_decoding(tmp_path: Path):
    real = tmp_path / "echt.svg"
    real.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>')
    (tmp_path / "link.svg").symlink_to(real)
    (tmp_path / "map.png").mkdir()
    plain = ("de afbeelding is geen gewoon bestand (bv. een link)", "voeg het bestand zelf toe")
    assert only_problem(tmp_path / "link.svg") == plain and only_problem(tmp_path / "map.png") == plain
    assert inspect.check(real) == []
    edge = tmp_path / "rand.svg"  # exactly the largest SVG: not too big
    edge.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'.ljust(512 * 1024 - 6) + b"</svg>")
    assert inspect.check(edge) == []
    big = tmp_path / "groot.svg"
    big.write_bytes(edge.read_bytes() + b" ")
    assert only_problem(big) == ("de afbeelding is te groot (0.5 MB, maximaal 0.5 MB)",
                                 "verklein de afbeelding of exporteer ze opnieuw")
    raster = tmp_path / "groot.png"
    raster.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (8 * 1024 * 1024))
    assert only_problem(raster) == ("de afbeelding is te groot (8.0 MB, maximaal 8 MB)",
                                    "verklein de afbeelding of exporteer ze opnieuw")
    text = tmp_path / "tekst.PNG"
    text.write_bytes(b"gewone tekst")
    assert only_problem(text) == ("dit bestand is geen PNG, JPEG, WebP of SVG",
                                  "exporteer de afbeelding opnieuw als PNG, JPEG of WebP en upload ze nog eens")
