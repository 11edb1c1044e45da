"""The image cache's index (stemsite.images.media_cache.MediaCache): what lets a warm build skip reading 10,000 manifests
and marking 50,000 files must never serve a wrong file, lose one a build needs, or keep a job from being redone."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from images_support import encode, write
from PIL import Image
from support import TODAY, make_project

from stemsite.build import prepare
from stemsite.image_cache import FOLDER, cached_file
from stemsite.images import pipeline
from stemsite.images.media_cache import INDEX_VERSION, REFRESH_AFTER, MediaCache
from stemsite.kept import read_kept, save_kept
from stemsite.project import Project
from stemsite.stored import UNUSED_FOR, prune


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    return make_project(tmp_path / "p", content=False)


def built(root: Path) -> tuple[dict[str, bytes], dict]:
    """Prepare the site; the bytes of every media file it publishes, and every record's media."""
    result = prepare(Project(root, today=TODAY))
    files = {a.dest_uri: a.source.read_bytes() for a in result.assets if a.dest_uri.startswith("media/")}
    media = {record.key: result.media_of(record) for records in result.catalog.records.values() for record in records}
    return files, media


def index_of(root: Path) -> tuple[Path, MediaCache]:
    cache = MediaCache(Project(root).cache_dir, os.fspath(root))
    return Project(root).cache_dir / cache.index_name, cache


def test_the_index_names_files_as_the_cache_does(tmp_path: Path):
    cache = MediaCache(tmp_path, "/ergens")
    for name in ("0123456789abcdef0123.json", "0123456789abcdef0123-picture-1.25x.webp", "abc-share.jpg", "geen",
                 ".verborgen", "punt."):
        assert cache.path(name) == os.fspath(cached_file(tmp_path / FOLDER, name))


def test_a_warm_build_reads_the_index_and_leaves_the_cache_as_it_was(root: Path):
    first = built(root)
    assert pipeline.LAST_RUN["jobs"] > 20
    index, cache = index_of(root)
    assert cache.fresh and len(cache.stored_manifests) >= 10 and index.is_file()
    media = Project(root).cache_dir / FOLDER
    before = {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in media.iterdir()}
    assert built(root) == first and pipeline.LAST_RUN["jobs"] == 0
    assert {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in media.iterdir()} == before


@pytest.mark.parametrize("age", [REFRESH_AFTER - 3600, REFRESH_AFTER + 3600, 2 * UNUSED_FOR, "epoch"])
def test_prune_keeps_every_file_a_build_used(root: Path, age):
    """After a build at ``t``, nothing it used is older than ``t - REFRESH_AFTER``: a prune up to
    ``UNUSED_FOR - REFRESH_AFTER`` later keeps it all, even with no site linking anything, so the next build
    does no image work. ``age``: how long ago the cache's files were last marked (also the index's, when
    the folder's clock is set back; "epoch": only its sealed epoch is old, the index file was written just now)."""
    first = built(root)
    cache_dir = Project(root).cache_dir
    media = cache_dir / FOLDER
    index, cache = index_of(root)
    seconds = REFRESH_AFTER + 3600 if age == "epoch" else age
    then = time.time() - seconds
    if age == "epoch":  # as a build that only added entries leaves it: old epoch, new file
        stored = read_kept(cache_dir, cache.index_name, INDEX_VERSION, "index")
        save_kept(cache_dir, cache.index_name, INDEX_VERSION, "index", {**stored, "epoch": then})
    for path in media.iterdir():
        if not (age == "epoch" and path == index):
            os.utime(path, (then, then))
    unused = cached_file(media, "ffffffffffffffffffff.json")  # what no build uses: the prune below is not idle
    write(unused, b"{}")
    os.utime(unused, (then - 3600, then - 3600))
    started = time.time()

    assert built(root) == first and pipeline.LAST_RUN["jobs"] == 0
    assert prune(media, unused_for=REFRESH_AFTER + 60) == (0 if seconds < REFRESH_AFTER else 1)
    assert not unused.exists() or seconds < REFRESH_AFTER
    if seconds > REFRESH_AFTER:
        assert min(path.stat().st_mtime for path in media.iterdir()) >= started - 1
    assert built(root) == first and pipeline.LAST_RUN["jobs"] == 0


def test_a_damaged_or_planted_index_is_not_read(root: Path, tmp_path: Path):
    first = built(root)
    index, cache = index_of(root)
    sealed = index.read_bytes()
    key = next(iter(cache.stored_manifests))
    manifests = list(cache.stored_manifests.values())
    assert len(manifests) > 2
    swapped = dict(zip(cache.stored_manifests, manifests[1:] + manifests[:1]))  # every job shows another's files
    stored = read_kept(Project(root).cache_dir, cache.index_name, INDEX_VERSION, "index")
    other = tmp_path / "andere-cache"  # the same index, sealed by another cache (one an attacker made)
    save_kept(other, cache.index_name, INDEX_VERSION, "index", {**stored, "manifests": swapped})
    for planted in (other / cache.index_name).read_bytes(), sealed.replace(key.encode(), b"0" * len(key), 1), \
            sealed[:-20], b"{}":
        index.write_bytes(planted)
        assert built(root) == first and pipeline.LAST_RUN["jobs"] == 0  # read from the manifests' own files
        assert index.read_bytes() != planted, "written anew"
    # An index of another project in this cache, moved to this one's place: its seal names its own place.
    elsewhere = MediaCache(Project(root).cache_dir, "/een/ander/project")
    save_kept(Project(root).cache_dir, elsewhere.index_name, INDEX_VERSION, "index", {**stored, "manifests": swapped})
    index.write_bytes((Project(root).cache_dir / elsewhere.index_name).read_bytes())
    assert built(root) == first and pipeline.LAST_RUN["jobs"] == 0


def test_a_file_gone_from_the_cache_is_made_again_though_the_index_names_it(root: Path):
    first = built(root)
    _, cache = index_of(root)
    media = Project(root).cache_dir / FOLDER
    files = cache.stored_files
    logo = next(name for name in files if name.endswith("-picture-1x.webp"))
    card = next(name for name in files if name.endswith("-share.jpg"))
    manifest = next(f"{key}.json" for key in cache.stored_manifests  # another picture's (not an SVG: no job)
                    if not logo.startswith(key) and f"{key}.svg" not in files)
    for name in (logo, card, manifest):
        (media / files[name]).unlink()
    assert built(root) == first and pipeline.LAST_RUN["jobs"] == 3
    assert all((media / files[name]).is_file() for name in (logo, card, manifest))


def test_a_changed_logo_gets_a_new_picture_and_card(root: Path):
    _, media = built(root)
    logo = root / "data" / "signatories" / "fictief-bedrijf.png"
    stat = logo.stat()
    write(logo, encode(Image.new("RGB", (400, 200), (190, 30, 30)), "PNG"))
    os.utime(logo, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same time: the bytes decide
    _, again = built(root)
    changed = [key for key in media if media[key] != again[key]]
    assert len(changed) == 1 and pipeline.LAST_RUN["jobs"] == 2
    key = changed[0]
    assert again[key].picture.src != media[key].picture.src and again[key].share != media[key].share
