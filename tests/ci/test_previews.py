"""Pictures of a pull request's pages: the local command makes them for real, the trusted check keeps only plain PNGs.

``make voorbeeld`` (``scripts/voorbeeld.py``) runs headless Chromium on the sample site here; the
pictures it writes are then fed to :mod:`stemsite.workflows.previews` as the trusted workflow does,
beside hostile artifacts (wrong names, other formats, wrong sizes, bombs, metadata, links).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zlib
import struct
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from support import REPO
from stemsite.workflows import pr_comment, previews
from stemsite.workflows.previews import BadPreview, Picture

SIGNATORY = ("signatories", "fictief-bedrijf")
ACADEMY = ("academies", "bibliotheek-maldegem")


@pytest.fixture(scope="module")
def shots(sample_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("voorbeeld")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "voorbeeld.py"), "--root", str(sample_project),
                             "--uit", str(out), "--pull-request", "17", SIGNATORY[1], "/".join(ACADEMY)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_local_command_makes_every_picture_at_both_widths(shots):
    number, pictures = previews.read_manifest((shots / "voorbeelden.json").read_bytes())
    expected = {Picture(c, s, "pagina", w) for c, s in (SIGNATORY, ACADEMY) for w in previews.WIDTHS} | \
        {Picture(*SIGNATORY, "kaart", w) for w in previews.WIDTHS}
    assert number == 17 and set(pictures) == expected
    for picture in pictures:
        with Image.open(shots / picture.file) as image:
            assert image.format == "PNG"
            image.load()  # decodes
            if picture.kind == "pagina":
                assert image.width == picture.width and 800 <= image.height <= previews.MAX_HEIGHT
            else:  # the tile: a card narrower than the page, and not empty
                assert 100 <= image.width < picture.width and 100 <= image.height < 800
            assert len(set(image.convert("L").resize((32, 32)).get_flattened_data())) > 4, picture.file  # more than a blank


def test_the_trusted_check_keeps_the_real_pictures_as_plain_pngs(shots, tmp_path):
    number, kept, refused = previews.clean(shots, tmp_path)
    assert number == 17 and refused == [] and len(kept) == 6
    for picture in kept:
        with Image.open(tmp_path / picture.file) as image:
            assert image.format == "PNG" and image.mode == "RGB" and not image.info.get("dpi") \
                and not {k for k in image.info if k not in ("gamma",)}
    assert json.loads((tmp_path / "voorbeelden.json").read_text())["pictures"][0]["collection"] in ("signatories",
                                                                                                     "academies")


def png(width: int, height: int, **text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in text.items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 40, 40, 255)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def bomb_header(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge picture; its data is a few bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b""))


def artifact(tmp_path: Path, entries: list[dict], files: dict[str, bytes]) -> Path:
    folder = tmp_path / "artefact"
    folder.mkdir()
    (folder / "voorbeelden.json").write_text(json.dumps({"version": 1, "pull_request": 5, "pictures": entries}))
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


PAGE = {"collection": "academies", "slug": "x", "kind": "pagina", "width": 360}


@pytest.mark.parametrize("data,reason", [
    (png(360, 900, Comment="<script>alert(1)</script>", Author="iemand"), None),  # kept, without the text
    (png(1280, 900), "afmetingen"),
    (png(360, previews.MAX_HEIGHT + 1), "afmetingen"),
    (bomb_header(360, 2_000_000), "afmetingen"),
    (b"GIF89a" + b"\0" * 100, "geen PNG"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "onleesbare PNG"),
    (png(360, 900) + b"\0" * previews.MAX_BYTES, "te groot"),
])
def test_each_picture_is_checked_and_written_anew(tmp_path, data, reason):
    source = artifact(tmp_path, [PAGE], {"academies--x--pagina--360.png": data})
    _, kept, refused = previews.clean(source, tmp_path / "uit")
    if reason is None:
        assert kept == [Picture("academies", "x", "pagina", 360)] and refused == []
        with Image.open(tmp_path / "uit" / "academies--x--pagina--360.png") as image:
            assert image.info == {} or set(image.info) <= {"gamma"}  # no text, no profile
            assert image.mode == "RGB"
        assert b"script" not in (tmp_path / "uit" / "academies--x--pagina--360.png").read_bytes()
    else:
        assert kept == [] and len(refused) == 1 and reason in refused[0]
        assert not (tmp_path / "uit" / "academies--x--pagina--360.png").exists()


@pytest.mark.parametrize("entry", [
    {**PAGE, "slug": "../../etc/passwd"}, {**PAGE, "slug": "x--kaart"}, {**PAGE, "collection": "secrets"},
    {**PAGE, "width": 361}, {**PAGE, "kind": "script"}, {**PAGE, "kind": "kaart"}, "academies--x--pagina--360.png",
])
def test_a_list_entry_that_make_voorbeeld_never_writes_refuses_the_whole_list(tmp_path, entry):
    source = artifact(tmp_path, [entry], {})
    with pytest.raises(BadPreview):
        previews.clean(source, tmp_path / "uit")


def test_files_the_list_does_not_name_are_never_touched_and_links_are_refused(tmp_path):
    source = artifact(tmp_path, [PAGE], {"extra.png": png(360, 900), "academies--x--pagina--360.png.bak": b"x"})
    (source / "academies--x--pagina--360.png").symlink_to(source / "extra.png")
    _, kept, refused = previews.clean(source, tmp_path / "uit")
    assert kept == [] and "geen gewoon bestand" in refused[0]
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["voorbeelden.json"]


VERDICT = {"version": 1, "pull_request": 17, "total": 0, "problems": [], "other": [],
           "records": [{"collection": "signatories", "slug": "fictief-bedrijf", "status": "toegevoegd",
                        "label": "Fictief [Bedrijf](https://evil.example) @team"},
                       {"collection": "academies", "slug": "weg", "status": "verwijderd", "label": "Weg"}]}
SHA = "0123456789abcdef0123456789abcdef01234567"


def test_the_comment_shows_only_the_pictures_it_expects_at_addresses_it_makes(tmp_path):
    verdict = pr_comment.read_verdict(json.dumps(VERDICT).encode())
    names = [Picture("signatories", "fictief-bedrijf", kind, width).file for kind in previews.KINDS
             for width in previews.WIDTHS] + ["signatories--fictief-bedrijf--pagina--360.png.evil", "../x.png",
                                              Picture("academies", "weg", "pagina", 360).file]
    base = pr_comment.pictures_base("stem-platform/stem-site", 17, SHA)
    assert base == f"https://raw.githubusercontent.com/stem-platform/stem-site/pr-previews/pr-17/{SHA[:12]}/"
    text = pr_comment.render(verdict, pictures=pr_comment.pictures_of(verdict, names, base))
    images = [line for line in text.splitlines() if "![" in line]
    assert len(images) == 2 and text.count("](https://raw.githubusercontent.com/") == 4
    assert f"{base}signatories--fictief-bedrijf--kaart--1280.png)" in text
    assert "Zo ziet het eruit" in text and "evil" not in text.replace("evil\\.example", "")
    assert "](https://evil.example)" not in text and "@team" not in text
    for odd in (("stem-platform/stem-site", 17, "HEAD"), ("../x", 17, SHA), ("a/b", 0, SHA)):
        assert pr_comment.pictures_base(*odd) == ""


def test_the_comment_command_reads_the_names_the_branch_holds(tmp_path, monkeypatch):
    (tmp_path / "verdict.json").write_text(json.dumps(VERDICT))
    (tmp_path / "beelden.txt").write_text("\n".join(Picture("signatories", "fictief-bedrijf", "pagina", w).file
                                                    for w in previews.WIDTHS) + "\n")
    monkeypatch.setenv("GH_REPO", "stem-platform/stem-site")
    monkeypatch.setenv("HEAD_SHA", SHA)
    monkeypatch.delenv("GITHUB_OUTPUT", raising=False)
    assert pr_comment.main(["--verdict", str(tmp_path / "verdict.json"), "--out", str(tmp_path / "c.md"),
                            "--pictures", str(tmp_path / "beelden.txt")]) == 0
    text = (tmp_path / "c.md").read_text()
    assert text.count("![") == 2 and "de pagina" in text and "de kaart op de wand" not in text
