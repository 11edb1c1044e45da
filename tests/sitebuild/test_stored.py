"""stemsite.stored: files written once into the cache, linked into sites, pruned when no site uses them."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from stemsite import stored
from stemsite.stored import keyed_name, link_in_background, link_into, prune, reuse, seal, store, unseal


def test_a_stored_file_is_written_once_under_the_keyed_hash_of_its_content(tmp_path: Path):
    first = store(tmp_path, "badges", b"<svg/>", ".svg")
    assert first.parent == tmp_path / "badges"
    assert first.stem == keyed_name(tmp_path, hashlib.sha256(b"<svg/>").hexdigest(), stored.NAME_LENGTH)
    assert first.stem != hashlib.sha256(b"<svg/>").hexdigest()[:stored.NAME_LENGTH], "not a name anyone can compute"
    written = first.stat().st_mtime_ns
    inode = first.stat().st_ino
    os.utime(first, ns=(written - 10**9, written - 10**9))
    again = store(tmp_path, "badges", b"<svg/>", ".svg")
    assert again == first and again.read_bytes() == b"<svg/>"
    assert again.stat().st_mtime_ns >= written and again.stat().st_ino == inode  # not rewritten, marked as used now
    assert store(tmp_path, "badges", b"<svg></svg>", ".svg") != first
    assert not reuse(tmp_path / "missing.svg")


def test_a_stored_file_swapped_in_the_cache_is_written_anew(tmp_path: Path):
    first = store(tmp_path, "badges", b"<svg/>", ".svg")
    first.write_bytes(b"<svg><script>alert(1)</script></svg>")
    assert store(tmp_path, "badges", b"<svg/>", ".svg").read_bytes() == b"<svg/>"
    first.write_bytes(b"<svg!>")  # the same size: compared byte for byte, not by size
    assert store(tmp_path, "badges", b"<svg/>", ".svg").read_bytes() == b"<svg/>"


def test_each_cache_has_its_own_secret_made_once_and_kept_private(tmp_path: Path):
    one, other = tmp_path / "een", tmp_path / "ander"
    assert keyed_name(one, "sleutel") == keyed_name(one, "sleutel") != keyed_name(other, "sleutel")
    secret = one / stored.SECRET
    assert secret.stat().st_mode & 0o777 == 0o600 and len(secret.read_bytes()) == 32
    assert unseal(one, "a.json", seal(one, "a.json", b"{}")) == b"{}"
    assert unseal(one, "b.json", seal(one, "a.json", b"{}")) is None  # moved to another name
    assert unseal(other, "a.json", seal(one, "a.json", b"{}")) is None  # another cache's seal
    assert unseal(one, "a.json", seal(one, "a.json", b"{}").replace(b"{}", b"[]")) is None  # changed
    assert unseal(one, "a.json", b"{}") is None


def test_a_damaged_secret_or_a_link_in_its_place_is_replaced(tmp_path: Path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (tmp_path / "elders").write_bytes(b"x" * 32)
    (cache / stored.SECRET).symlink_to(tmp_path / "elders")  # a link to a secret someone else knows
    stored.cache_secret.cache_clear()
    assert stored.cache_secret(cache) != b"x" * 32
    assert not (cache / stored.SECRET).is_symlink() and (tmp_path / "elders").read_bytes() == b"x" * 32
    (cache / stored.SECRET).write_bytes(b"kort")
    stored.cache_secret.cache_clear()
    assert len(stored.cache_secret(cache)) == 32 and len((cache / stored.SECRET).read_bytes()) == 32


def test_sites_get_links_and_what_no_site_links_is_pruned_once_unused_long_enough(tmp_path: Path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    used, unused, recent = (store(cache, "pages", content, ".html") for content in (b"used", b"unused", b"recent"))
    assert link_into(site, [("a/b/index.html", used)]) == 0
    assert (site / "a/b/index.html").samefile(used)
    assert link_into(site, [("a/b/index.html", used)]) == 0  # a second build into the same folder (mkdocs serve)
    an_hour_ago = time.time() - 3600
    for path in (used, unused):
        os.utime(path, (an_hour_ago, an_hour_ago))
    assert prune(cache / "pages", unused_for=60) == 1
    assert used.exists() and recent.exists() and not unused.exists()
    (site / "a/b/index.html").unlink()
    assert prune(cache / "pages", unused_for=60) == 1 and not used.exists()
    assert prune(tmp_path / "no-such-folder") == 0


@pytest.mark.parametrize("background", [False, True], ids=["in this process", "in another process"])
def test_linking_while_pages_render(tmp_path: Path, monkeypatch, background: bool):
    """Many files are linked by another process (the build goes on rendering); a few here, at once."""
    monkeypatch.setattr(stored, "BACKGROUND_FROM", 3 if background else 100)
    cache, site = tmp_path / "cache", tmp_path / "site"
    files = [(f"media/{i}.txt", store(cache, "media", f"inhoud {i}".encode(), ".txt")) for i in range(3)]
    before = len(multiprocessing.active_children())
    linking = link_in_background(site, files)
    assert len(multiprocessing.active_children()) == before + background
    assert linking.result(timeout=120) == 0
    for dest_uri, source in files:
        assert (site / dest_uri).samefile(source)

    missing = [("media/weg.txt", cache / "weg.txt"), *files]
    assert isinstance(link_in_background(site, missing).exception(timeout=120), FileNotFoundError)
