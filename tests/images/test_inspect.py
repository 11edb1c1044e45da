"""Image files beside records: what the validation refuses before (and instead of) decoding."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from images_support import chunk, encode, logo_with_transparent_border, noise, png_black_and_white, png_header_only, write
from PIL import Image, UnidentifiedImageError
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
    (b"\n\t<html>", "html"), (b"X<svg/>", None), (b"XX<html>", None), (b"GIF89a", "gif"), (b"plain text", None),
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


# What mutation testing (issue 28) showed the tests above let through: each test below kills a one-line bug.

REEXPORT = "exporteer de afbeelding opnieuw als PNG, JPEG of WebP en upload ze nog eens"
HIDDEN_FIX = "exporteer de afbeelding opnieuw, zodat het bestand alleen de afbeelding bevat"


def hidden(what: str) -> tuple[str, str]:
    return f"achter of in de afbeelding zit nog iets anders verstopt ({what})", HIDDEN_FIX


def file(tmp_path: Path, name: str, data: bytes) -> Path:
    return write(tmp_path / name, data)


def stored_zip(content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("lees-mij.txt", content)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, message, fix", [
    ("logo.XML", logo_with_transparent_border(), "het bestand heet .XML, maar is eigenlijk PNG", "geef het de extensie .png"),
    ("foto.png", encode(Image.new("RGB", (100, 100), "red"), "JPEG"), "het bestand heet .png, maar is eigenlijk JPEG",
     "geef het de extensie .jpg"),
    ("foto.jpg", encode(Image.new("RGB", (100, 100), "red"), "WEBP"), "het bestand heet .jpg, maar is eigenlijk WebP",
     "geef het de extensie .webp"),
    ("logo.XCF", encode(Image.new("RGB", (100, 100), "red"), "GIF"),
     "het bestand heet .XCF, maar is eigenlijk GIF, en dat formaat wordt niet aanvaard", REEXPORT),
])
def test_a_wrong_name_is_quoted_as_written_and_the_fix_names_the_real_extension(tmp_path, name, data, message, fix):
    assert only_problem(file(tmp_path, name, data)) == (message, fix)


def test_the_size_in_the_too_big_message_is_in_mebibytes(tmp_path):
    # 9 385 000 bytes is 8.95 MiB: "9.0"; divided by 1025 × 1024 it would read "8.9".
    assert only_problem(file(tmp_path, "groot.png", b"\x89PNG\r\n\x1a\n".ljust(9_385_000, b"\0"))) == (
        "de afbeelding is te groot (9.0 MB, maximaal 8 MB)", "verklein de afbeelding of exporteer ze opnieuw")


def test_the_svg_root_must_be_in_the_first_512_bytes(tmp_path):
    def svg_at(offset: int) -> bytes:
        comment = b"<!--" + b"x" * (offset - 7) + b"-->"
        assert len(comment) == offset
        return comment + b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'
    assert inspect.check(file(tmp_path, "binnen.svg", svg_at(508))) == []  # "<svg" ends at byte 512
    assert only_problem(file(tmp_path, "buiten.svg", svg_at(509))) == ("dit bestand is geen PNG, JPEG, WebP of SVG", REEXPORT)


def test_the_verdict_is_kept_under_the_code_version(tmp_path, monkeypatch):
    image, cache = file(tmp_path, "logo.png", logo_with_transparent_border()), tmp_path / "cache"
    before = inspect.DECODES
    assert inspect.check(image, cache) == [] and inspect.check(image, cache) == []
    assert inspect.DECODES == before + 1
    assert [p.suffix for p in (cache / "verdicts").iterdir()] == [".json"]
    monkeypatch.setattr(inspect, "VERSION", inspect.VERSION + "-gewijzigd")  # the checks changed: decode again
    assert inspect.check(image, cache) == []
    assert inspect.DECODES == before + 2


def test_open_image_takes_a_path_and_only_the_named_decoder(tmp_path):
    with inspect.open_image(file(tmp_path, "logo.png", logo_with_transparent_border()), "png") as image:
        assert image.size == (400, 300)
    with pytest.raises(UnidentifiedImageError):
        inspect.open_image(encode(Image.new("RGB", (100, 100), "red"), "JPEG"), "png")


def test_the_pixel_limit_is_exactly_40_megapixel(tmp_path):
    assert 6400 * 6250 == inspect.MAX_PIXELS
    assert inspect.check(file(tmp_path, "rand.png", png_black_and_white(6400, 6250))) == []
    over = png_black_and_white(6401, 6250)
    assert only_problem(file(tmp_path, "over.png", over)) == (
        "de afbeelding heeft veel te veel pixels (mogelijk een 'decompressiebom'); maximaal 40 megapixel",
        "exporteer ze opnieuw, hooguit 6000 × 6000 pixels")
    with pytest.raises(Image.DecompressionBombError, match="^6401x6250$"):
        inspect.open_image(over, "png")


def test_unreadable_small_stretched_and_truncated_rasters_get_their_own_fix(tmp_path):
    assert only_problem(file(tmp_path, "kop.png", b"\x89PNG\r\n\x1a\n" + b"geen kop" * 20)) == (
        "de afbeelding is beschadigd: de kop van het bestand is onleesbaar", REEXPORT)
    assert only_problem(file(tmp_path, "klein.png", encode(Image.new("RGB", (64, 63), "red"), "PNG"))) == (
        "de afbeelding is te klein (64 × 63 pixels)", "gebruik een afbeelding van minstens 64 pixels hoog en breed")
    assert only_problem(file(tmp_path, "lang.png", encode(Image.new("RGB", (700, 64), "red"), "PNG"))) == (
        "de afbeelding is te langgerekt (700 × 64 pixels, 11 keer zo breed als hoog); hoogstens 10 keer is toegelaten",
        "snij de afbeelding bij of exporteer ze met meer ruimte rond het beeld, zodat ze hoogstens 10 keer zo breed "
        "als hoog is (of omgekeerd)")
    data = encode(noise((300, 200)), "PNG")
    assert only_problem(file(tmp_path, "kapot.png", data[: len(data) // 2])) == (
        "de afbeelding is onvolledig of beschadigd (de pixels kunnen niet gelezen worden)",
        "upload het bestand opnieuw, of exporteer het opnieuw als het origineel ook zo is")


def test_bytes_after_a_webp_are_counted_from_its_riff_size(tmp_path):
    data = encode(Image.new("RGB", (100, 100), "red"), "WEBP")
    assert inspect.check(file(tmp_path, "goed.webp", data)) == []
    assert only_problem(file(tmp_path, "staart.webp", data + b"abc")) == hidden("3 bytes na het einde van de afbeelding")


def test_what_counts_as_filler_after_the_image(tmp_path):
    png = logo_with_transparent_border()
    assert inspect.check(file(tmp_path, "nullen.png", png + b"\0" * 10 + b" \r\n\t")) == []
    assert only_problem(file(tmp_path, "xx.png", png + b"XX")) == hidden("2 bytes na het einde van de afbeelding")
    # a camera's own trailer after a JPEG is kept (re-encoding drops it); after a PNG it is not
    jpeg = encode(Image.new("RGB", (100, 100), "red"), "JPEG")
    assert inspect.check(file(tmp_path, "camera.jpg", jpeg + b"MotionPhoto_Data" + bytes(range(200)))) == []


@pytest.mark.parametrize("where, what", [(4092, "een ZIP-archief"), (4093, "4102 bytes na het einde van de afbeelding")])
def test_a_zip_header_is_looked_for_in_the_first_4096_bytes_after_the_image(tmp_path, where, what):
    tail = b"x" * where + b"PK\x03\x04" + b"y" * 5
    assert only_problem(file(tmp_path, "zip.png", logo_with_transparent_border() + tail)) == hidden(what)


@pytest.mark.parametrize("where, refused", [(4092, True), (4093, False)])
def test_after_a_jpeg_too_the_zip_header_counts_in_the_first_4096_bytes_after_its_end(tmp_path, where, refused):
    jpeg = encode(Image.new("RGB", (100, 100), "red"), "JPEG")
    found = inspect.check(file(tmp_path, "zip.jpg", jpeg + b"x" * where + b"PK\x03\x04" + b"y" * 5))
    assert [(p.message, p.fix) for p in found] == ([hidden("een ZIP-archief")] if refused else [])


def test_a_png_without_its_end_chunk_still_shows_what_follows_its_last_chunk(tmp_path):
    png = logo_with_transparent_border()
    assert png.endswith(b"IEND\xaeB`\x82")
    assert inspect.check(file(tmp_path, "zonder-einde.png", png[:-12])) == []
    payload = b"lading: na het laatste blok"  # "ng: " is no chunk type: Pillow stops there
    assert only_problem(file(tmp_path, "lading.png", png[:-12] + payload)) == hidden(
        f"{len(payload)} bytes na het einde van de afbeelding")
    # a chunk header whose length runs past the end of the file: all of it is left over
    cut = struct.pack(">I", 40) + b"ng: " + b"z" * 36
    assert only_problem(file(tmp_path, "half.png", png[:-12] + cut)) == hidden("44 bytes na het einde van de afbeelding")
    # a length of 2**31 or more is no step back
    huge = struct.pack(">I", 2**31) + b"ng: " + b"z" * 8
    assert only_problem(file(tmp_path, "enorm.png", png[:-12] + huge)) == hidden("16 bytes na het einde van de afbeelding")
    # an IEND cut in its checksum is still the end
    assert inspect.check(file(tmp_path, "zonder-crc.png", png[:-4])) == []


def test_after_iend_nothing_is_part_of_the_picture(tmp_path):
    png = logo_with_transparent_border()
    # a well-formed chunk after IEND, and data that IEND itself claims to carry
    after = chunk(b"teXt", b"Comment\0verborgen")
    assert only_problem(file(tmp_path, "na.png", png + after)) == hidden(f"{len(after)} bytes na het einde van de afbeelding")
    body = b"verborgen lading"
    full = png[:-12] + chunk(b"IEND", body)
    assert only_problem(file(tmp_path, "iend.png", full)) == hidden(f"{len(body)} bytes na het einde van de afbeelding")


def test_a_zip_is_found_by_its_end_record_wherever_the_image_seems_to_end(tmp_path):
    # a JPEG's end is its last FF D9: a ZIP that carries FF D9 itself hid its own header from the tail
    jpeg = encode(Image.new("RGB", (100, 100), "red"), "JPEG")
    polyglot = file(tmp_path, "dubbel.jpg", jpeg + stored_zip(b"lading \xff\xd9 meer"))
    assert zipfile.is_zipfile(polyglot)
    assert only_problem(polyglot) == hidden("een ZIP-archief")
    # a ZIP inside an ancillary chunk, before IEND: a ZIP reader finds its end record all the same
    png = logo_with_transparent_border()
    inside = file(tmp_path, "binnenin.png", png[:-12] + chunk(b"zipD", stored_zip(b"lading")) + png[-12:])
    assert zipfile.is_zipfile(inside)
    assert only_problem(inside) == hidden("een ZIP-archief")


def test_the_jpeg_end_is_its_last_end_marker(tmp_path):
    # an FF D9 in a comment is not the end: the ZIP header after the real end is found
    jpeg = encode(noise((300, 200)), "JPEG", comment=b"a\xff\xd9b")
    assert len(jpeg) > 8192 and jpeg.find(b"\xff\xd9") < 100
    assert only_problem(file(tmp_path, "commentaar.jpg", jpeg + b"PK\x03\x04" + b"\0" * 30)) == hidden("een ZIP-archief")
