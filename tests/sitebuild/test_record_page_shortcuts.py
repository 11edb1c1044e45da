"""The two shortcuts record pages take (stemsite.adapter): prove they change nothing.

1. They skip Python-Markdown. Their bodies are single ``markdown="0"`` blocks, which Markdown
   returns as they are; the build hands that HTML to MkDocs directly. If a template ever relied
   on Markdown (a heading for the table of contents, Markdown inside the block), this says so.
2. They are rendered from one frame per folder: main.html rendered once with slots for the
   blocks that differ (``record_frames``, theme/stem-record.html). Built with every record page
   rendering main.html whole, every page must be byte for byte the same.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
import markdown
import material
import pytest
from hostile.payloads import SITE_URL, build_hostile_site, write_records
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils import meta

from support import REPO, build, make_project

from stemsite.build import prepare
from stemsite.adapter.record_pages import RecordPage
from stemsite.search.cache import SectionCache
from stemsite.image_cache import cached_file
from stemsite.project import Project


def _squeeze(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def test_record_pages_are_what_markdown_would_make_of_them(sample_project: Path, tmp_path: Path):
    config = load_config(str(sample_project / "mkdocs.yml"))
    result = prepare(Project(sample_project))
    record_pages = [page for page in result.pages if not page.in_nav]
    assert len(record_pages) > 10
    sections = SectionCache(tmp_path)
    for page in record_pages:
        record = RecordPage(page, File(page.src_uri, None, config.site_dir, config.use_directory_urls), config,
                             sections)
        record.read_source(config)
        # The metadata MkDocs would have read from the page as a file with front matter.
        markdown_text, front = meta.get_data(page.text)
        assert record.meta == front, page.src_uri
        assert record.title == front["title"]
        record.render(config, None)
        # Material's search parser skips the page: its entries come from stemsite.search.sections.
        assert record.meta["search"] == {**front.get("search", {}), "exclude": True}
        # The HTML Markdown would have made of it; Markdown keeps the attribute, the shortcut drops it.
        converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        expected = converter.convert(markdown_text).replace(' markdown="0"', "")
        assert _squeeze(record.content) == _squeeze(expected), page.src_uri
        assert not getattr(converter, "toc_tokens", []) and not record.toc.items, page.src_uri


def _assert_frames_change_nothing(site: Path, root: Path) -> None:
    """Build ``root`` with every record page rendering main.html whole; compare with ``site``."""
    (root / "theme").unlink()
    shutil.copytree(REPO / "theme", root / "theme")
    record_template = root / "theme" / "stem-record.html"
    assert "stem_record_page()" in record_template.read_text(encoding="utf-8")
    record_template.write_text('{% extends "main.html" %}', encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        assert (root / "site" / page).read_bytes() == (site / page).read_bytes(), page


def test_record_pages_from_frames_are_what_main_html_renders(sample_site: Path, tmp_path: Path):
    _assert_frames_change_nothing(sample_site, make_project(tmp_path / "plain"))


@pytest.mark.slow
def test_hostile_record_pages_from_frames_are_what_main_html_renders(tmp_path_factory, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    site = build_hostile_site(tmp_path_factory.getbasetemp())
    root = make_project(tmp_path / "plain")
    write_records(root / "data")
    monkeypatch.setenv("STEMSITE_URL", SITE_URL)
    _assert_frames_change_nothing(site, root)


def test_cached_images_are_linked_into_the_site_not_copied(sample_project: Path):
    cache = Project(sample_project).cache_dir / "media"
    served = sorted((sample_project / "site" / "media").iterdir())
    linked = [f for f in served if cached_file(cache, f.name).is_file() and f.samefile(cached_file(cache, f.name))]
    assert len(linked) > 20
    assert len(linked) == len([f for f in served if cached_file(cache, f.name).is_file()])


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _build_counting(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Build ``root`` with ``cache`` as its cache; how many record pages were rendered and reused."""
    timings = root / "timings.json"
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(cache))
    monkeypatch.setenv("STEMSITE_TIMINGS", str(timings))
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Page skipped" not in result.stdout + result.stderr  # MkDocs' note for the pages it did not write
    return json.loads(timings.read_text(encoding="utf-8"))["record_pages"]


@pytest.mark.slow
def test_kept_record_pages_are_reused_only_while_nothing_they_show_changed(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    """A warm build links finished record pages from the cache; whatever changes, it makes what a cold build makes."""
    root = make_project(tmp_path / "warm", content=False)
    (root / "theme").unlink()
    shutil.copytree(REPO / "theme", root / "theme")
    cache = tmp_path / "cache"
    first = _build_counting(root, cache, monkeypatch)
    assert first["reused"] == 0 and first["rendered"] > 10
    cold = _files(root / "site")
    assert _build_counting(root, cache, monkeypatch) == {"rendered": 0, "reused": first["rendered"]}
    assert _files(root / "site") == cold
    page = root / "site" / "charter" / "ondertekenaars" / "fictief-bedrijf" / "index.html"
    assert page.stat().st_nlink >= 2  # a link to the kept file, not a copy

    def matches_a_cold_build(name: str) -> None:
        fresh = make_project(tmp_path / name, data=None, content=False)
        shutil.rmtree(fresh / "data")
        shutil.copytree(root / "data", fresh / "data")
        (fresh / "theme").unlink()
        shutil.copytree(root / "theme", fresh / "theme")
        _build_counting(fresh, tmp_path / f"{name}-cache", monkeypatch)
        assert _files(root / "site") == _files(fresh / "site")

    # One record changes: only its page is rendered again.
    record = root / "data" / "signatories" / "fictief-bedrijf.yml"
    text = record.read_text(encoding="utf-8")
    assert "sector: testsector" in text
    record.write_text(text.replace("sector: testsector", "sector: Andere sector"), encoding="utf-8")
    assert _build_counting(root, cache, monkeypatch) == {"rendered": 1, "reused": first["rendered"] - 1}
    assert "Andere sector" in page.read_text(encoding="utf-8")
    matches_a_cold_build("after-record")

    # A template of the theme changes: every record page is rendered again.
    partial = root / "theme" / "partials" / "content.html"
    if not partial.exists():
        shutil.copy(Path(material.__file__).parent / "templates" / "partials" / "content.html", partial)
    partial.write_text(partial.read_text(encoding="utf-8") + "<!-- gewijzigd -->\n", encoding="utf-8")
    assert _build_counting(root, cache, monkeypatch) == {"rendered": first["rendered"], "reused": 0}
    assert "<!-- gewijzigd -->" in page.read_text(encoding="utf-8")
    matches_a_cold_build("after-theme")


def test_a_plugin_that_changes_rendered_pages_sees_every_record_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Kept record pages skip ``on_post_page``; with a plugin that uses it, every page is rendered and passed to it."""
    root = make_project(tmp_path / "postpage", content=False)
    (root / "hooks" / "nabewerking.py").write_text(
        'def on_post_page(output, page, config):\n    return output.replace("</body>", "<!-- nabewerkt --></body>")\n',
        encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hooks/mkdocs_hooks.py\n", "  - hooks/mkdocs_hooks.py\n  - hooks/nabewerking.py\n"), encoding="utf-8")
    for _ in range(2):  # the second build would reuse kept pages if it could
        counts = _build_counting(root, tmp_path / "cache", monkeypatch)
        assert counts["reused"] == 0 and counts["rendered"] > 10
        page = root / "site" / "charter" / "ondertekenaars" / "fictief-bedrijf" / "index.html"
        assert "<!-- nabewerkt -->" in page.read_text(encoding="utf-8")
