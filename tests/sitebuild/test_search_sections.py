"""Record pages skip Material's search parser (stemsite.search.sections): prove nothing changes.

Every record page of the sample data and of the hostile corpus must get exactly the search
entries Material's own parser makes of the same HTML, and the built index must hold them once.
Entries are kept between builds (stemsite.search.cache) only for a page that did not change.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hostile.payloads import PAYLOADS, SITE_URL, build_hostile_site
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from stemsite.build import prepare
from stemsite.adapter.record_pages import RecordPage
from stemsite.search.cache import SectionCache
from stemsite.stored import seal, unseal
from stemsite.project import Project
from stemsite.search.sections import search_entries

pytestmark = pytest.mark.slow


def _materials_entries(html: str, url: str, meta: dict) -> list[dict]:
    index = SearchIndex()
    index.add_entry_from_context(SimpleNamespace(meta=meta, content=html, toc=get_toc([]), url=url,
                                                 title=meta.get("title")))
    return index.entries


def test_record_pages_get_the_entries_materials_parser_makes(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path):
    root = build_hostile_site(tmp_path_factory.getbasetemp()).parent
    config = load_config(str(root / "mkdocs.yml"), site_url=SITE_URL)
    pages = [page for page in prepare(Project(root, site_url=SITE_URL)).pages if not page.in_nav]
    assert len(pages) > 5 * len(PAYLOADS)
    sections, cache = 0, SectionCache(tmp_path)
    for page in pages:
        record = RecordPage(page, File(page.src_uri, None, config.site_dir, config.use_directory_urls), config, cache)
        record.read_source(config)
        html = page.body.replace(' markdown="0"', "")
        expected = _materials_entries(html, record.url, record.meta)
        assert search_entries(html, record.url, record.meta) == expected, page.src_uri
        sections += len(expected)
    assert sections > len(pages)  # pages with more than one section are among them


def test_edge_cases_split_as_materials_parser_splits_them():
    meta = {"title": "T &amp; co", "search": {"boost": 2}, "tags": ["a", 3, None]}
    html = """<article><h2 id="eerst">Kop <a class="headerlink" href="#eerst">¶</a></h2>
<p>a &amp; b &lt;c&gt; &#34;d&#34;</p><p>  </p><br/><img src="x" alt="y">
<section><h3 id='binnen'>In <code>code</code></h3><ul><li>een</li><li></li></ul></section>
<p>terug  na
de sectie</p><div data-search-exclude><p>weg</p></div><pre><code>x
  y</code></pre><!-- <p>commentaar</p> --><script>var a = 1;</script>
<h4 id>leeg id</h4><p>eind<sup>2</sup></p></article> staart"""
    expected = _materials_entries(html, "pagina/", meta)
    assert len(expected) == 4
    assert search_entries(html, "pagina/", meta) == expected


def test_the_built_index_holds_each_record_page_once(sample_site: Path):
    docs = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [doc["location"] for doc in docs]
    assert len(locations) == len(set(locations))
    page = next(doc for doc in docs if doc["location"] == "charter/ondertekenaars/fictief-bedrijf/")
    assert page["boost"] == 2 and "Fictief" in page["title"]
    hand_written = next(doc for doc in docs if doc["location"] == "charter/")
    assert hand_written["title"]


def test_badge_instructions_the_same_on_every_signatory_page_stay_out_of_the_index(sample_site: Path):
    """At thousands of signatories they were almost half the index, and every search for "badge" a wall of them."""
    page = "charter/ondertekenaars/fictief-bedrijf/"
    assert 'id="badge"' in (sample_site / page / "index.html").read_text(encoding="utf-8")
    docs = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = [doc for doc in docs if doc["location"].startswith(page)]
    assert entries and "Fictief" in entries[0]["title"]
    assert not [doc for doc in entries if "badge" in doc["location"] or "HTML-code" in doc["text"]]


def test_entries_are_kept_for_the_next_build_and_only_those(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    meta = {"title": "Een &amp; twee", "search": {"boost": 2}}
    first, second = "<h1>Een &amp; twee</h1><p>eerste</p>", "<h1>Een &amp; twee</h1><p>tweede</p>"
    cache = SectionCache(tmp_path)
    made = cache.entries(first, "a/", meta)
    assert made == search_entries(first, "a/", meta)
    cache.entries(second, "b/", meta)
    cache.save()

    def split_again(*args):
        raise AssertionError("split again")
    monkeypatch.setattr("stemsite.search.cache.search_entries", split_again)
    again = SectionCache(tmp_path)
    assert again.entries(first, "a/", meta) == made  # unchanged page: stored
    with pytest.raises(AssertionError, match="split again"):
        again.entries(first.replace("eerste", "derde"), "a/", meta)  # changed HTML
    with pytest.raises(AssertionError, match="split again"):
        again.entries(first, "c/", meta)  # another address
    again.save()
    monkeypatch.undo()
    assert len(SectionCache(tmp_path).stored) == 1  # only what the last build used


def test_stored_entries_of_other_code_are_not_used(tmp_path: Path):
    cache = SectionCache(tmp_path)
    cache.entries("<p>x</p>", "a/", {"title": "X"})
    cache.save()
    stored = json.loads(unseal(tmp_path, cache.name, cache.path.read_bytes()))
    assert SectionCache(tmp_path).stored == stored["pages"] != {}
    cache.path.write_text(json.dumps(stored), encoding="utf-8")  # the same entries without the cache's seal
    assert SectionCache(tmp_path).stored == {}
    stored["fingerprint"] = "ouder"
    cache.path.write_bytes(seal(tmp_path, cache.name, json.dumps(stored).encode()))
    assert SectionCache(tmp_path).stored == {}
    cache.path.write_text("{kapot", encoding="utf-8")
    assert SectionCache(tmp_path).stored == {}
