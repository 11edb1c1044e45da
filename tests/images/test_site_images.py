"""The built sample site: every image a page points at is there, upright, small and without metadata."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image
from support import build, make_project

MEDIA = re.compile(r"""(?:src|srcset|content)="([^"]*media/[^"]+)\"""")


def referenced(site: Path) -> set[str]:
    found = set()
    for page in site.rglob("*.html"):
        for value in MEDIA.findall(page.read_text(encoding="utf-8")):
            for part in value.split(","):
                url = part.split()[0]
                found.add(url[url.index("media/"):])
    return found


def test_every_media_reference_exists(sample_site):
    urls = referenced(sample_site)
    assert any(u.endswith("-share.jpg") for u in urls)
    missing = [u for u in urls if not (sample_site / u).is_file()]
    assert not missing


def test_role_model_page_shares_its_card(sample_site):
    html = (sample_site / "rolmodellen" / "fictieve-ingenieur" / "index.html").read_text(encoding="utf-8")
    url = re.search(r'property="og:image" content="[^"]*/(media/[^"]+)"', html).group(1)
    assert Image.open(sample_site / url).size == (1200, 630)


def test_published_photos_carry_no_metadata(sample_site):
    photos = sorted((sample_site / "media").glob("*.jpg")) + sorted((sample_site / "media").glob("*.webp"))
    assert photos
    for path in photos:
        image = Image.open(path)
        assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info, path


def test_a_cold_build_links_every_share_card(tmp_path, monkeypatch):
    """Cards are drawn while MkDocs renders (``SiteBuild.pending``): with an empty cache, each must still land."""
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    root = make_project(tmp_path / "p")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    cards = {u for u in referenced(root / "site") if u.endswith("-share.jpg")}
    assert len(cards) > 20
    assert all(Image.open(root / "site" / u).size == (1200, 630) for u in cards)
