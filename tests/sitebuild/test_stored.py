"""stemsite.stored: files written once into the cache, linked into sites, pruned when no site uses them."""

from __future__ import annotations

import os
import time
from pathlib import Path

from stemsite.stored import link_into, prune, reuse, store


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
