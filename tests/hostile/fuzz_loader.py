"""Coverage-guided fuzzing (atheris) of the loader and validator, and the property both fuzzers check.

Any bytes, as a record file of any collection, must end in either a valid record and no
problem, or no record and Dutch problems that name the file and a line in it. A traceback,
a hang (libFuzzer's ``-timeout``) or a memory blow-up (``-rss_limit_mb``) is a failure.

Run length is a setting: ``make test`` runs a short run through ``test_fuzz.py``;
``make fuzz`` runs longer. Directly::

    .venv/bin/python tests/hostile/fuzz_loader.py --seconds 600   # or --runs 100000

Every input is tried as a record of each collection. The seeds are the corpus files and the
sample records; new inputs and a crashing one go to ``--work`` (default ``.cache/fuzz/``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SEEDS = [HERE / "corpus", REPO / "tests" / "fixtures" / "sample" / "data"]

# Words of PyYAML's and jsonschema's English messages: none may reach an editor.
_ENGLISH = re.compile(r"\b(is not|expected|found|while|could not|cannot|unexpected|not allowed|"
                      r"required property|does not match|is too|Traceback|Error|Exception)\b")
# What editors wrote, quoted back to them (values, anchors, tags), may be in any language.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\((?:&|!|tag:)[^)]*\)")


class LoaderTarget:
    """One throwaway project in which any bytes are validated as a record file."""

    def __init__(self, root: Path):
        from stemsite.collections import COLLECTIONS
        from stemsite.problems import Report
        from stemsite.project import Project
        from stemsite.validate import dataset, formats, record_file
        from stemsite.load.vocabularies import load_vocabularies
        from jsonschema import Draft202012Validator

        (root / "data").mkdir(parents=True, exist_ok=True)
        shutil.copytree(REPO / "data" / "vocabularies", root / "data" / "vocabularies", dirs_exist_ok=True)
        self.project = Project(root, schemas_dir=REPO / "schemas")
        report = Report()
        vocabularies = load_vocabularies(self.project.vocabularies_dir, root, report)
        schemas = dataset.load_schemas(self.project, vocabularies, report)
        assert not report, report.render()
        checker = formats.format_checker()
        self.collections = [(c, schemas[c.name], Draft202012Validator(schemas[c.name], format_checker=checker))
                            for c in COLLECTIONS]
        self._report_type = Report
        self._validate = record_file.validate_record  # the per-file step of validate_project
        for collection in COLLECTIONS:
            (root / "data" / collection.name).mkdir(exist_ok=True)

    def check_all(self, data: bytes) -> None:
        """Validate ``data`` as a record of every collection."""
        for which in range(len(self.collections)):
            self.check(data, which)

    def check(self, data: bytes, which: int = 0) -> object | None:
        """Validate ``data`` as a record of collection ``which``; assert the property."""
        collection, schema, validator = self.collections[which % len(self.collections)]
        path = self.project.data_dir / collection.name / "fuzz.yml"
        path.write_bytes(data)
        report = self._report_type()
        record = self._validate(collection, path, self.project, schema, validator, report)
        lines = data.count(b"\n") + 1
        if record is not None:
            assert not report, report.render()
            return record
        assert report, "geen record en geen probleem"
        for problem in report.problems:
            assert problem.path == f"data/{collection.name}/fuzz.yml", problem
            assert 1 <= problem.line <= lines, (problem, lines)
            assert problem.message and problem.fix, problem
            own_words = _QUOTED.sub("", f"{problem.message} {problem.fix}")
            assert not _ENGLISH.search(own_words), f"Engels in de melding: {problem}"
        return None


def _seed_folder(folder: Path) -> None:
    for source in SEEDS:
        for path in source.rglob("*.yml"):
            shutil.copyfile(path, folder / f"{path.parent.name}-{path.name}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=0, help="number of inputs (0 = no limit)")
    parser.add_argument("--seconds", type=int, default=20, help="total time limit")
    parser.add_argument("--work", default=str(REPO / ".cache" / "fuzz"),
                        help="folder for the throwaway project, the seeds and a crashing input (emptied first)")
    args = parser.parse_args(argv[1:])

    import atheris

    with atheris.instrument_imports(include=["stemsite", "yaml", "jsonschema"]):
        import stemsite.load.files  # noqa: F401  (instrumented for coverage feedback)
        import stemsite.validate.dataset  # noqa: F401
        import stemsite.validate.record_file  # noqa: F401

    # libFuzzer ends the process itself, so the work folder is emptied at the start, not the end.
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    target = LoaderTarget(work / "project")
    seeds = work / "seeds"
    seeds.mkdir()
    _seed_folder(seeds)

    fuzzer_args = [argv[0], f"-max_total_time={args.seconds}", "-timeout=10", "-rss_limit_mb=2048",
                   f"-artifact_prefix={work}/", "-print_final_stats=1", str(seeds)]
    if args.runs:
        fuzzer_args.insert(1, f"-runs={args.runs}")
    atheris.Setup(fuzzer_args, target.check_all)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
