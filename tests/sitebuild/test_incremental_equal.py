"""Proven equal: a build that reuses what earlier builds kept makes the same site as a clean build (issue 31).

Hypothesis drives a random sequence of edits to a project (the real content and the sample data):
records of every collection added, changed and deleted, signatories withdrawn and academies
stopped (the collections whose records can be), a logo redrawn, a vocabulary label renamed, a
template and a content page changed (its title too: every page's navigation shows it). After
each edit the project is built again with what the earlier builds kept, and once more from
scratch with an empty cache, and the two ``site/`` trees must hold the same files, byte for byte.
Both builds run with one ``SOURCE_DATE_EPOCH``: a build date is the only thing allowed to differ,
so none may. An edit the build refuses (a deleted record another still names) must fail both
builds alike; it is then undone.

The clean build shares only the image work with the incremental one (``media/`` and
``verdicts/`` of the cache, and the secret their names are keyed with: files named after the
hash of the image bytes and settings, tested on their own in ``tests/images``); everything else
a build keeps starts empty.

``make test`` runs a few steps on the sample; ``make bench`` runs it at 1,000 signatories
(``STEMSITE_EQUAL_SIGNATORIES``, ``STEMSITE_EQUAL_STEPS``, ``STEMSITE_EQUAL_EXAMPLES``).
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule
from PIL import Image

from support import REPO, SAMPLE_DATA, TODAY, make_project

from stemsite.stored import SECRET, cache_secret

SIGNATORIES = int(os.environ.get("STEMSITE_EQUAL_SIGNATORIES", "0"))
"""0: the sample data set; otherwise a bench data set of this many signatories (``scripts/bench_data.py``)."""
STEPS = int(os.environ.get("STEMSITE_EQUAL_STEPS", "4"))
EXAMPLES = int(os.environ.get("STEMSITE_EQUAL_EXAMPLES", "1"))
SHARED = ("media", "verdicts")
"""Cache folders of content-addressed image work, shared with the clean build."""
BUILD_DATE = "1795000000"
"""One ``SOURCE_DATE_EPOCH`` for every build."""
COLLECTIONS = ("signatories", "role_models", "academies", "practices", "events", "stories")
WITHDRAW = {"signatories": "withdrawn_on", "academies": "inactive_since"}
"""The collections whose records can be withdrawn or stopped, and the field that says so."""
LABEL = {"practices": "title", "events": "title", "stories": "title"}
"""The field that names a record (``name`` elsewhere)."""
IMAGES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
TEMPLATES = ("records/signatory.html", "records/offers.html", "records/region.html", "records/academy.html",
             "records/story.html", "records/signatory-index.html")
VOCABULARIES = ("commitment_types", "signatory_categories", "audiences", "provinces", "academy_themes")


def _tree(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def differences(built: Path, clean: Path) -> list[str]:
    """Every file that is only in one tree or differs in a byte, named."""
    ours, theirs = _tree(built), _tree(clean)
    problems = [f"alleen incrementeel: {name}" for name in sorted(ours.keys() - theirs.keys())]
    problems += [f"alleen schoon: {name}" for name in sorted(theirs.keys() - ours.keys())]
    problems += [f"verschilt: {name}" for name in sorted(ours.keys() & theirs.keys())
                 if ours[name].read_bytes() != theirs[name].read_bytes()]
    return problems


def _share_images(cache: Path, images: Path) -> None:
    """``cache`` shares the image work of ``images``: its folders, and its secret (the names are keyed with it,
    ``stemsite.stored.keyed_name``; a copy, since a secret that is a link is refused)."""
    cache.mkdir(parents=True, exist_ok=True)
    secret = cache / SECRET
    secret.write_bytes(cache_secret(images))
    secret.chmod(0o600)
    for name in SHARED:
        (images / name).mkdir(parents=True, exist_ok=True)
        (cache / name).symlink_to(images / name, target_is_directory=True)


def _run_build(root: Path, cache: Path, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STEMSITE_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": BUILD_DATE}
    env.pop("STEMSITE_TIMINGS", None)
    command = [sys.executable, "-m", "stemsite", "--root", str(root), "build"]
    if site is not None:
        command += ["--site-dir", str(site)]
    return subprocess.run(command, capture_output=True, text=True, check=False, env=env)


def _bench_data(signatories: int) -> Path:
    sys.path.insert(0, str(REPO / "scripts"))
    import bench_data  # the bench's fictional data set (scripts/ is not a package)

    data = Path(tempfile.mkdtemp(prefix="stemsite-equal-data-"))
    bench_data.write_data(data, signatories)
    return data


class EditsThenBuilds(RuleBasedStateMachine):
    """A project, its kept work, and the edits made to it so far."""

    def __init__(self) -> None:
        super().__init__()
        self.work = Path(tempfile.mkdtemp(prefix="stemsite-equal-"))
        data = _bench_data(SIGNATORIES) if SIGNATORIES else SAMPLE_DATA
        self.root = make_project(self.work / "project", data=data)
        if SIGNATORIES:
            shutil.rmtree(data)
        (self.root / "theme").unlink()  # templates are edited: a copy, not the repository's theme
        shutil.copytree(REPO / "theme", self.root / "theme")
        self.images = Path(os.environ["STEMSITE_CACHE_DIR"])  # the tests' shared image work
        self.kept = self.work / "kept"
        _share_images(self.kept, self.images)
        self.counter = 0
        self.added: list[tuple[str, str]] = []

    def teardown(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    # -- helpers -------------------------------------------------------------------------------------

    def _records(self, collection: str) -> list[Path]:
        return sorted((self.root / "data" / collection).glob("*.yml"))

    def _pick(self, items: list, pick: int):
        return items[pick % len(items)] if items else None

    def _write(self, changes: dict[Path, bytes | None]) -> None:
        """Make the edit, build, compare; undo an edit both builds refuse."""
        before = {path: (path.read_bytes() if path.exists() else None) for path in changes}
        for path, content in changes.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content)
        if not self._build_and_compare():
            for path, content in before.items():
                if content is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(content)

    def _build_and_compare(self) -> bool:
        """Build incrementally and from scratch; both fail alike, or both sites are equal. True when built."""
        self.counter += 1
        incremental = _run_build(self.root, self.kept)
        clean_cache, clean_site = self.work / f"clean-{self.counter}", self.work / f"clean-site-{self.counter}"
        _share_images(clean_cache, self.images)
        clean = _run_build(self.root, clean_cache, clean_site)
        try:
            assert (incremental.returncode == 0) == (clean.returncode == 0), (
                "de ene build lukt, de andere niet:\n" + incremental.stderr[-3000:] + "\n---\n" + clean.stderr[-3000:])
            if incremental.returncode != 0:
                return False
            problems = differences(self.root / "site", clean_site)
            assert not problems, f"stap {self.counter}: {len(problems)} bestanden anders:\n" + "\n".join(problems[:40])
            return True
        finally:
            shutil.rmtree(clean_cache, ignore_errors=True)
            shutil.rmtree(clean_site, ignore_errors=True)

    # -- the edits -----------------------------------------------------------------------------------

    @initialize()
    def build_from_scratch(self) -> None:
        assert self._build_and_compare(), "de eerste build mislukt"

    @rule(collection=st.sampled_from(COLLECTIONS), pick=st.integers(0, 10**6))
    def add_record(self, collection: str, pick: int) -> None:
        source = self._pick(self._records(collection), pick)
        if source is None:
            return
        slug = f"toegevoegd-{self.counter}"
        field = LABEL.get(collection, "name")
        lines = source.read_text(encoding="utf-8").splitlines()
        lines = [f"{field}: Toegevoegd {self.counter} (testgegeven)" if line.startswith(f"{field}:") else line
                 for line in lines if not line.startswith(tuple(WITHDRAW.values()))]
        target = source.with_name(f"{slug}.yml")
        changes: dict[Path, bytes | None] = {target: ("\n".join(lines) + "\n").encode()}
        for image in source.parent.glob(f"{source.stem}.*"):
            if image.suffix in IMAGES:
                changes[image.with_name(slug + image.suffix)] = image.read_bytes()
        self.added.append((collection, slug))
        self._write(changes)

    @rule(collection=st.sampled_from(COLLECTIONS), pick=st.integers(0, 10**6), rename=st.booleans())
    def change_record(self, collection: str, pick: int, rename: bool) -> None:
        record = self._pick(self._records(collection), pick)
        if record is None:
            return
        field = LABEL.get(collection, "name") if rename else ("summary" if collection in LABEL else "municipality")
        lines = record.read_text(encoding="utf-8").splitlines()
        if rename or not any(line.startswith(f"{field}:") for line in lines):
            field = LABEL.get(collection, "name")
            lines = [f"{line} gewijzigd {self.counter}" if line.startswith(f"{field}:") else line for line in lines]
        elif field == "municipality":
            lines = [f'municipality: "{random.Random(pick).choice(["11002", "44021", "71022", "21004", "24062"])}"'
                     if line.startswith("municipality:") else line for line in lines]
        else:
            lines = [f"{line} Gewijzigd {self.counter}." if line.startswith(f"{field}:") else line for line in lines]
        self._write({record: ("\n".join(lines) + "\n").encode()})

    @rule(collection=st.sampled_from(sorted(WITHDRAW)), pick=st.integers(0, 10**6))
    def withdraw_record(self, collection: str, pick: int) -> None:
        field = WITHDRAW[collection]
        records = [r for r in self._records(collection) if f"\n{field}:" not in r.read_text(encoding="utf-8")]
        record = self._pick(records, pick)
        if record is not None:
            self._write({record: (record.read_text(encoding="utf-8") + f"{field}: {TODAY.isoformat()}\n").encode()})

    @rule(collection=st.sampled_from(COLLECTIONS), pick=st.integers(0, 10**6), own=st.booleans())
    def delete_record(self, collection: str, pick: int, own: bool) -> None:
        added = [slug for name, slug in self.added if name == collection
                 and (self.root / "data" / collection / f"{slug}.yml").exists()]
        slugs = added if own and added else [path.stem for path in self._records(collection)]
        slug = self._pick(slugs, pick)
        if slug is not None:
            folder = self.root / "data" / collection
            self._write({path: None for path in folder.glob(f"{slug}.*")})

    @rule(pick=st.integers(0, 10**6))
    def change_logo(self, pick: int) -> None:
        logos = sorted(p for p in (self.root / "data" / "signatories").glob("*")
                       if p.suffix in (".png", ".jpg", ".webp"))
        logo = self._pick(logos, pick)
        if logo is None:
            return
        rng = random.Random(pick)
        image = Image.new("RGB", (200 + rng.randrange(200), 100), tuple(rng.randrange(256) for _ in range(3)))
        out = io.BytesIO()
        image.save(out, {".png": "PNG", ".jpg": "JPEG", ".webp": "WEBP"}[logo.suffix])
        self._write({logo: out.getvalue()})

    @rule(vocabulary=st.sampled_from(VOCABULARIES), pick=st.integers(0, 10**6))
    def rename_vocabulary_label(self, vocabulary: str, pick: int) -> None:
        path = self.root / "data" / "vocabularies" / f"{vocabulary}.yml"
        lines = path.read_text(encoding="utf-8").splitlines()
        labels = [i for i, line in enumerate(lines) if line.strip().startswith("label:")]
        if labels:
            i = self._pick(labels, pick)
            lines[i] = f"{lines[i]} (hernoemd {self.counter})"
            self._write({path: ("\n".join(lines) + "\n").encode()})

    @rule(template=st.sampled_from(TEMPLATES))
    def change_template(self, template: str) -> None:
        path = self.root / "theme" / template
        self._write({path: f"<!-- gewijzigd {self.counter} -->\n".encode() + path.read_bytes()})

    @rule(pick=st.integers(0, 10**6), title=st.booleans())
    def change_content_page(self, pick: int, title: bool) -> None:
        pages = sorted((self.root / "content").rglob("*.md"))
        page = self._pick(pages, pick)
        text = page.read_text(encoding="utf-8")
        if title and "\n# " in "\n" + text:
            start = ("\n" + text).index("\n# ")
            end = text.index("\n", start) if "\n" in text[start:] else len(text)
            text = text[:end] + f" (gewijzigd {self.counter})" + text[end:]
        else:
            text += f"\n\nGewijzigd in stap {self.counter}.\n"
        self._write({page: text.encode()})


EditsThenBuilds.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
    suppress_health_check=list(HealthCheck), database=None)
test_incremental_build_equals_clean_build = EditsThenBuilds.TestCase


def test_differences_names_every_file_that_differs(tmp_path: Path):
    """The comparison itself can fail: a missing, an extra and a changed file are each named."""
    one, two = tmp_path / "one", tmp_path / "two"
    for site in (one, two):
        (site / "a").mkdir(parents=True)
        (site / "a" / "same.html").write_text("gelijk", encoding="utf-8")
    (one / "a" / "x.html").write_text("x", encoding="utf-8")
    (two / "y.json").write_text(json.dumps({}), encoding="utf-8")
    (one / "z.txt").write_bytes(b"1")
    (two / "z.txt").write_bytes(b"2")
    assert differences(one, two) == ["alleen incrementeel: a/x.html", "alleen schoon: y.json", "verschilt: z.txt"]
