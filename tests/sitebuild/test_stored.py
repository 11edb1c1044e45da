"""stemsite.stored: files written once into the cache, linked into sites, pruned when no site uses them."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from stemsite import stored
from stemsite.stored import link_in_background, link_into, prune, reuse, store


def test_a_stored_file_is_written_once_under_the_hash_of_its_content(tmp_path: Path):
    first = store(tmp_path, b"<svg/>", ".svg")
    written = first.stat().st_mtime_ns
    os.utime(first, ns=(written - 10**9, written - 10**9))
    again = store(tmp_path, b"<svg/>", ".svg")
    assert again == first and again.read_bytes() == b"<svg/>"
    assert again.stat().st_mtime_ns >= written  # not rewritten, but marked as used now
    assert store(tmp_path, b"<svg></svg>", ".svg") != first
    assert not reuse(tmp_path / "missing.svg")


def test_sites_get_links_and_what_no_site_links_is_pruned_once_unused_long_enough(tmp_path: Path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    used, unused, recent = (store(cache, content, ".html") for content in (b"used", b"unused", b"recent"))
    assert link_into(site, [("a/b/index.html", used)]) == 0
    assert (site / "a/b/index.html").samefile(used)
    assert link_into(site, [("a/b/index.html", used)]) == 0  # a second build into the same folder (mkdocs serve)
    an_hour_ago = time.time() - 3600
    for path in (used, unused):
        os.utime(path, (an_hour_ago, an_hour_ago))
    assert prune(cache, unused_for=60) == 1
    assert used.exists() and recent.exists() and not unused.exists()
    (site / "a/b/index.html").unlink()
    assert prune(cache, unused_for=60) == 1 and not used.exists()
    assert prune(tmp_path / "no-such-folder") == 0


@pytest.mark.parametrize("background", [False, True], ids=["in this process", "in another process"])
def test_linking_while_pages_render(tmp_path: Path, monkeypatch, background: bool):
    """Many files are linked by another process (the build goes on rendering); a few here, at once."""
    monkeypatch.setattr(stored, "BACKGROUND_FROM", 3 if background else 100)
    cache, site = tmp_path / "cache", tmp_path / "site"
    files = [(f"media/{i}.txt", store(cache, f"inhoud {i}".encode(), ".txt")) for i in range(3)]
    before = len(multiprocessing.active_children())
    linking = link_in_background(site, files)
    assert len(multiprocessing.active_children()) == before + background
    assert linking.result(timeout=120) == 0
    for dest_uri, source in files:
        assert (site / dest_uri).samefile(source)

    missing = [("media/weg.txt", cache / "weg.txt"), *files]
    assert isinstance(link_in_background(site, missing).exception(timeout=120), FileNotFoundError)
