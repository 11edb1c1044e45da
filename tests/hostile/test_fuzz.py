"""Fuzzing, bounded: random files and mutated records end in a valid record or Dutch problems.

Hypothesis draws random text, random bytes and random edits of valid records; the property
(``fuzz_loader.LoaderTarget.check``) is the one the coverage-guided atheris run checks too,
and a short atheris run is part of the suite. ``STEMSITE_FUZZ_EXAMPLES`` sets how many
examples Hypothesis tries per test (``make fuzz`` raises it).
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hostile.fuzz_loader import LoaderTarget, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("STEMSITE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

VALID = sorted(p.read_text(encoding="utf-8") for p in (SEEDS[1]).rglob("*.yml"))
# Characters that matter to YAML, to the checks and to HTML, plus anything else.
YAML_ALPHABET = st.sampled_from(list(":-[]{},&*!|>'\"#%@`\t\n ?<>=/\\.0123456789aeknoyst\u202e\u200b\ufeff\x00\x07"))
TEXT = st.one_of(st.text(YAML_ALPHABET, max_size=300), st.text(max_size=300))


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> LoaderTarget:
    return LoaderTarget(tmp_path_factory.mktemp("fuzz") / "project")


def test_the_seeds_are_valid_records(target: LoaderTarget):
    from stemsite.collections import BY_NAME, COLLECTIONS

    for path in sorted(SEEDS[1].rglob("*.yml")):
        if path.parent.name not in BY_NAME:  # data/regions/: one file per province, not a collection
            continue
        which = COLLECTIONS.index(BY_NAME[path.parent.name])
        assert target.check(path.read_bytes(), which) is not None, path


@FUZZ
@given(data=TEXT, which=st.integers(0, 4))
def test_random_text(target: LoaderTarget, data: str, which: int):
    target.check(data.encode("utf-8"), which)


@FUZZ
@given(data=st.binary(max_size=400), which=st.integers(0, 4))
def test_random_bytes(target: LoaderTarget, data: bytes, which: int):
    target.check(data, which)


@st.composite
def mutated_record(draw) -> str:
    """A valid sample record with a few random edits: characters, lines, indentation."""
    text = draw(st.sampled_from(VALID))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        edit = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "indent", "dedent", "swap", "value"]))
        if edit in ("insert", "replace", "delete") and text:
            pos = draw(st.integers(0, len(text) - 1))
            piece = draw(TEXT) if edit != "delete" else ""
            end = pos + (draw(st.integers(1, 20)) if edit != "insert" else 0)
            text = text[:pos] + piece + text[end:]
            continue
        if edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "indent":
            lines[at] = draw(st.sampled_from([" ", "  ", "\t", "- "])) + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at].lstrip()
        elif edit == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "value" and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: " + draw(st.sampled_from(
                ["no", "on", "0123", "12:30", "1.10", "2024-02-30", "~", "[]", "{}", "''", "&a x", "*a",
                 "!!python/object/apply:os.system [ls]", "javascript:alert(1)", "<script>", "x" * 5000]))
        text = "\n".join(lines)
    return text


@FUZZ
@given(data=mutated_record(), which=st.integers(0, 4))
def test_mutated_valid_records(target: LoaderTarget, data: str, which: int):
    target.check(data.encode("utf-8"), which)


@pytest.mark.skipif(platform.system() != "Linux" or platform.machine() != "x86_64",
                    reason="atheris has wheels for Linux x86_64 only (requirements-test.in)")
def test_coverage_guided_run_with_atheris(tmp_path: Path):
    """A short atheris run (``make fuzz`` runs it for minutes); libFuzzer exits non-zero on a find."""
    runs = os.environ.get("STEMSITE_ATHERIS_RUNS", "300")
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("fuzz_loader.py")), "--runs", runs, "--seconds", "60",
         "--work", str(tmp_path / "fuzz")],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    # libFuzzer counts the seed corpus too, so it may stop a little past -runs ("Done 355 runs").
    done = re.search(r"^Done (\d+) runs", result.stderr, re.M)
    assert done and int(done.group(1)) >= int(runs), result.stderr[-2000:]
