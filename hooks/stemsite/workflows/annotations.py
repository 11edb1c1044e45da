"""Validation problems as GitHub annotations, and the pull request's job summary.

``python -m stemsite.workflows.annotations`` validates the project, prints one ``::error`` workflow
command per problem (GitHub shows it on the file and line of the pull request), appends a
Markdown summary to ``$GITHUB_STEP_SUMMARY`` and exits non-zero when there are problems.

Every value in a problem may come from a stranger's data file, so it is escaped the way the
runner unescapes it: a value can neither end the command early (``::``), start a new one
(a newline) nor change a property (``,`` or ``:``). GitHub shows at most 10 error annotations
per step; the summary lists every problem.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..collections import BY_NAME, Collection
from ..problems import Problem, Report
from ..project import Project
from ..validate.dataset import Dataset, validate_project
from . import markdown
from .build_outputs import build_output_problems
from .git import FileChange, GitError, changed_files, tracked_files
from .pr_comment import MAX_COMMENT_PROBLEMS

MAX_SUMMARY_PROBLEMS = 200
"""More rows than anyone reads; the summary stays far below GitHub's 1 MiB limit."""



def escape_data(value: str) -> str:
    """Escape a workflow command's message (what follows ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=`` ...)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """One workflow command line, e.g. ``::error file=a.yml,line=3,title=x::message``."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(problem: Problem) -> str:
    """The ``::error`` command for one problem, on its file and line."""
    message = f"{problem.field}: {problem.message}"
    if problem.fix:
        message += f" — {problem.fix}"
    return command("error", message, file=problem.path, line=problem.line, title=f"Fout in {problem.field}")


@dataclass(frozen=True)
class ChangedRecord:
    """A record (its YAML file and/or its image) that the pull request touches."""

    collection: Collection
    slug: str
    status: str
    files: tuple[str, ...]
    label: str

    @property
    def page(self) -> str:
        """The page's path in the built site (and in the preview ZIP)."""
        return self.collection.page_url(self.slug)


_STATUS_ORDER = ("toegevoegd", "hernoemd", "gekopieerd", "verwijderd", "gewijzigd")
_RECORD_PATH = re.compile(r"data/(?P<collection>[a-z_]+)/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.[A-Za-z]+")


def changed_records(changes: list[FileChange], dataset: Dataset | None = None
                    ) -> tuple[list[ChangedRecord], list[FileChange]]:
    """Group changed files by record; files that are no record (vocabularies ...) come back apart."""
    labels: dict[tuple[str, str], str] = {}
    if dataset is not None:
        for name, records in dataset.records.items():
            for record in records:
                value = record.data.get(BY_NAME[name].label_field)
                if isinstance(value, str):
                    labels[(name, record.slug)] = value
    grouped: dict[tuple[str, str], list[FileChange]] = {}
    other: list[FileChange] = []
    for change in changes:
        match = _RECORD_PATH.fullmatch(change.path)
        if match and match["collection"] in BY_NAME:
            grouped.setdefault((match["collection"], match["slug"]), []).append(change)
        else:
            other.append(change)
    records = []
    for (name, slug), files in sorted(grouped.items()):
        statuses = {f.status for f in files if f.path.endswith(".yml")}
        status = next((s for s in _STATUS_ORDER if s in statuses), "gewijzigd")  # an image alone: changed
        records.append(ChangedRecord(BY_NAME[name], slug, status, tuple(f.path for f in files),
                                     labels.get((name, slug), slug)))
    return records, other


def summary(report: Report, records: list[ChangedRecord], other: list[FileChange], *,
            artifact_url: str = "", site_url: str = "", diff_error: str = "") -> str:
    """The job summary in Dutch: what the pull request changes, and every problem."""
    problems = report.sorted()
    changed_paths = {path for record in records for path in record.files} | {c.path for c in other}
    return markdown.render(
        "summary.md.j2",
        problems=problems[:MAX_SUMMARY_PROBLEMS],
        hidden=max(len(problems) - MAX_SUMMARY_PROBLEMS, 0),
        total=len(problems),
        files=len({p.path for p in problems}),
        in_changed=sum(1 for p in problems if p.path in changed_paths),
        records=records,
        other=other,
        artifact_url=artifact_url,
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        diff_error=diff_error,
    )


def verdict(report: Report, records: list[ChangedRecord], other: list[FileChange], pull_request: int) -> dict:
    """What the comment on the pull request is made from (:mod:`stemsite.workflows.pr_comment` reads it as untrusted data)."""
    problems = report.sorted()
    return {
        "version": 1,
        "pull_request": pull_request,
        "total": len(problems),
        "problems": [{"path": p.path, "line": p.line, "field": p.field, "message": p.message, "fix": p.fix}
                     for p in problems[:MAX_COMMENT_PROBLEMS]],
        "records": [{"collection": r.collection.name, "slug": r.slug, "status": r.status, "label": r.label}
                    for r in records],
        "other": [{"path": c.path, "status": c.status} for c in other],
    }


def site_url_of(root: Path) -> str:
    """The public address: ``$STEMSITE_URL`` (what the deploy sets), else an https URL in mkdocs.yml."""
    if os.environ.get("STEMSITE_URL", "").startswith("https://"):
        return os.environ["STEMSITE_URL"]
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return ""
    # Read as text: the file holds tags (!ENV) a safe loader refuses.
    line = re.search(r"^site_url:(.*)$", text, re.MULTILINE)
    match = re.search(r"https://[^\s'\"\],#]+", line.group(1)) if line else None
    return match.group(0) if match else ""


def main(argv: list[str] | None = None) -> int:
    """Validate, print annotations, write the summary; 1 when the data has problems."""
    parser = argparse.ArgumentParser(prog="python -m stemsite.workflows.annotations", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="de map van het project (standaard: hier)")
    parser.add_argument("--base", default="", help="basiscommit van de pull request (git diff BASIS...HEAD)")
    parser.add_argument("--artifact-url", default="", help="adres van het artefact met de gebouwde site")
    parser.add_argument("--summary", type=Path, default=None,
                        help="Markdown-samenvatting hierbij schrijven (standaard: $GITHUB_STEP_SUMMARY)")
    parser.add_argument("--verdict", type=Path, default=None,
                        help="het oordeel als JSON hier schrijven, voor de reactie op de pull request (stemsite.workflows.pr_comment)")
    parser.add_argument("--pull-request", type=int, default=0, help="het nummer van de pull request (in het oordeel)")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    dataset, report = validate_project(Project(root))
    try:
        report.extend(build_output_problems(tracked_files(root)))
    except GitError:
        pass  # not a git checkout (a copied folder): nothing can be tracked
    for problem in report.sorted():
        print(annotation(problem))

    summary_path = args.summary or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    records: list[ChangedRecord] = []
    other: list[FileChange] = []
    diff_error = ""
    if args.base and (summary_path is not None or args.verdict is not None):
        try:
            records, other = changed_records(changed_files(root, args.base), dataset)
        except GitError as exc:
            diff_error = str(exc)
    if summary_path is not None:
        text = summary(report, records, other, artifact_url=args.artifact_url, site_url=site_url_of(root),
                       diff_error=diff_error)
        with summary_path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    if args.verdict is not None:
        args.verdict.parent.mkdir(parents=True, exist_ok=True)
        args.verdict.write_text(json.dumps(verdict(report, records, other, args.pull_request), ensure_ascii=False,
                                           indent=1) + "\n", encoding="utf-8")

    # Only counts here: the raw report holds values from data files, and a runner reads
    # workflow commands from stderr too. The escaped annotations above carry the details.
    if report:
        files = len({p.path for p in report.problems})
        print(f"{len(report.sorted())} probleem/problemen in {files} bestand(en); zie de annotaties en de samenvatting.",
              file=sys.stderr)
        return 1
    print("Alle gegevens zijn in orde.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
