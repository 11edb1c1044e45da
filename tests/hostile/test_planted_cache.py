"""Nothing planted in or swapped inside the build cache is published (issue 28, item 5).

Real builds (``python -m stemsite build``) of the sample site. The attacker of the first test
has a pull request: a complete cache made by a build of their own (so with a secret they know,
every kept body, page, image, badge and verdict in it), each file poisoned, added under
``.cache/stemsite/`` of the checkout with ``git add -f``, plus a script SVG under the public
name of the sample's SVG logo (the hash anyone can compute). The second test swaps files inside
the real cache between two builds. Neither may put a byte of theirs into the site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import build, make_project

from stemsite.image_cache import FOLDER, cached_file, short_key
from stemsite.images.pipeline import SVG_VERSION
from stemsite.project import Project
from stemsite.stored import SECRET, seal, unseal

MARKER = b"geplant-door-een-vreemde"
SCRIPT_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert("'
              + MARKER + b'")</script></svg>')
LOGO = "fictief-stem-initiatief.svg"


def poison(cache: Path) -> int:
    """Put the marker in every file of ``cache`` the way its own builds would read it back; how many files."""
    poisoned = 0
    for path in sorted(cache.rglob("*")):
        if not path.is_file() or path.name == SECRET:
            continue
        name = path.relative_to(cache).as_posix()
        data = path.read_bytes()
        opened = unseal(cache, name, data)
        if path.suffix == ".svg":
            path.write_bytes(SCRIPT_SVG)
        elif opened is not None:  # bodies and kept JSON: sealed with the secret the attacker made
            path.write_bytes(seal(cache, name, opened.replace(b"</", b"<script>" + MARKER + b"</script></", 1)))
        elif path.suffix in (".html", ".json"):
            path.write_bytes(data.replace(b"</", b"<script>" + MARKER + b"</script></", 1))
        else:
            continue
        poisoned += 1
    return poisoned


def published(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and MARKER in p.read_bytes())


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("STEMSITE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return make_project(tmp_path / "p", content=False)


def test_a_cache_added_to_the_checkout_is_never_read(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    attacker = tmp_path / "aanvaller-cache"
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(attacker))
    made = build(root)
    assert made.returncode == 0, made.stderr
    assert poison(attacker) > 30
    planted = root / ".cache" / "stemsite"
    shutil.copytree(attacker, planted)
    logo = (root / "data" / "signatories" / LOGO).read_bytes()
    public_name = f"{short_key(logo, SVG_VERSION)}.svg"
    (planted / FOLDER / public_name).write_bytes(SCRIPT_SVG)  # where the old cache looked for it
    shutil.rmtree(attacker)
    shutil.rmtree(root / "site")

    monkeypatch.delenv("STEMSITE_CACHE_DIR")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert published(root / "site") == []
    assert (root / "site" / "media" / public_name).read_bytes() == logo
    cache = Project(root).cache_dir
    assert cache.parent == tmp_path / "xdg" / "stemsite" and (cache / SECRET).stat().st_mode & 0o777 == 0o600
    assert (cache / SECRET).read_bytes() != (planted / SECRET).read_bytes()


def test_files_swapped_inside_the_cache_are_not_served(root: Path):
    first = build(root)
    assert first.returncode == 0, first.stderr
    cache = Project(root).cache_dir
    logo = (root / "data" / "signatories" / LOGO).read_bytes()
    public_name = f"{short_key(logo, SVG_VERSION)}.svg"
    served = cached_file(cache / FOLDER, public_name)
    assert served.read_bytes() == logo, "the sample's SVG logo is kept in the cache under its keyed name"
    badges = sorted((cache / "badges").iterdir())
    bodies = sorted((cache / "bodies").iterdir())
    assert badges and bodies
    for path in [served, *badges]:
        path.unlink()  # replaced, not written through: the old site keeps its own link
        path.write_bytes(SCRIPT_SVG)
    for path in bodies:
        text = path.read_bytes()
        path.unlink()
        path.write_bytes(text.replace(b"</", b"<script>" + MARKER + b"</script></", 1))  # without the cache's seal
    validated = cache / "validated" / "signatories.json"
    validated.write_bytes(validated.read_bytes().replace(b'"name":"', b'"name":"' + MARKER, 1))

    again = build(root, "--force")  # nothing else changed: only a build forced through reads the cache again
    assert again.returncode == 0, again.stderr
    assert published(root / "site") == []
    assert (root / "site" / "media" / public_name).read_bytes() == logo
    assert served.read_bytes() == logo, "the swapped copy was written anew"


def test_a_cache_inside_the_project_is_refused(root: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(root / ".cache" / "stemsite"))
    with pytest.raises(ValueError, match="ligt in het project zelf"):
        Project(root).cache_dir
    result = build(root)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"de buildcache ({root / '.cache' / 'stemsite'}) ligt in het project zelf: een pull "
                             "request kan daar bestanden in zetten — laat STEMSITE_CACHE_DIR weg of kies een map buiten "
                             "de checkout\n")
    assert not (root / ".cache").exists()
