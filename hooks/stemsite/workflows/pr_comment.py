"""The one comment on a pull request, made from the data check's verdict, which is untrusted.

``.github/workflows/pr-reactie.yml`` runs this from the default branch (never the pull
request's code) on the ``verdict.json`` the data check of the pull request uploaded. That
check ran the pull request's code, so the file may say anything: every value is checked for
type and shape here, cut to a sane length, and only then rendered through the escaping
templates of :mod:`.markdown`. Pages and links are computed here from the collection table
and the site's own address, never taken from the file; so are the addresses of the pictures of the
pages (:mod:`.previews`), shown only when the preview branch holds a file of exactly that name.
Nothing but ``jinja2`` and ``markupsafe`` is imported here (the workflow also installs Pillow, for
:mod:`.previews` in the job that checks the pictures).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path
from typing import Any

from ..collections import BY_NAME
from . import markdown
from .git import STATUS
from .preview_names import WIDTHS, Picture
from .step_outputs import write_step_outputs

MARKER = "<!-- stemsite-controle -->"
MAX_COMMENT_PROBLEMS = 50
"""The comment lists this many problems; the job summary and ``make validate`` list them all."""
MAX_BYTES = 1_000_000
MAX_TEXT = 300
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PATH = re.compile(r"[A-Za-z0-9._/-]{1,200}")
_REPOSITORY = re.compile(r"[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}")
_SHA = re.compile(r"[0-9a-f]{40}")
PREVIEW_BRANCH = "pr-previews"
"""The branch that holds the pictures of pull requests; nothing deploys from it."""


class BadVerdict(ValueError):
    """The verdict file is not what the data check writes."""


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise BadVerdict("tekst verwacht")
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _whole(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**9:
        raise BadVerdict("geheel getal verwacht")
    return value


def _list(value: Any, limit: int) -> list:
    if not isinstance(value, list):
        raise BadVerdict("lijst verwacht")
    return value[:limit]


def read_verdict(raw: bytes) -> dict[str, Any]:
    """The verdict, checked field by field; :class:`BadVerdict` for anything the data check does not write."""
    if len(raw) > MAX_BYTES:
        raise BadVerdict("te groot")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadVerdict("geen JSON") from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise BadVerdict("onbekende versie")
    problems = []
    for item in _list(data.get("problems"), MAX_COMMENT_PROBLEMS):
        if not isinstance(item, dict) or not _PATH.fullmatch(str(item.get("path", ""))):
            raise BadVerdict("ongeldig probleem")
        problems.append({"path": item["path"], "line": _whole(item.get("line")), "field": _text(item.get("field"), 80),
                         "message": _text(item.get("message")), "fix": _text(item.get("fix", ""))})
    records = []
    for item in _list(data.get("records"), 200):
        if not isinstance(item, dict) or item.get("collection") not in BY_NAME \
                or not _SLUG.fullmatch(str(item.get("slug", ""))) or item.get("status") not in STATUS.values():
            raise BadVerdict("ongeldig record")
        collection = BY_NAME[item["collection"]]
        records.append({"title": collection.title, "label": _text(item.get("label"), 120), "status": item["status"],
                        "page": collection.page_url(item["slug"]), "collection": collection.name, "slug": item["slug"]})
    other = []
    for item in _list(data.get("other"), 100):
        if not isinstance(item, dict) or not _PATH.fullmatch(str(item.get("path", ""))) \
                or item.get("status") not in STATUS.values():
            raise BadVerdict("ongeldig bestand")
        other.append({"path": item["path"], "status": item["status"]})
    pull_request = _whole(data.get("pull_request"))
    if pull_request == 0:
        raise BadVerdict("geen pull request")
    return {"pull_request": pull_request, "total": _whole(data.get("total")), "problems": problems,
            "records": records, "other": other}


def pictures_of(verdict: dict[str, Any], names: list[str], base: str) -> list[dict[str, Any]]:
    """Per added or changed record, the addresses of its published pictures (named by :mod:`.previews`).

    ``names`` is what the preview branch holds for this pull request and commit; a name counts only
    when it is one of the names this record's pictures get, so the list cannot add anything."""
    found = set(names)
    shown = []
    for record in verdict["records"]:
        if record["status"] == "verwijderd":
            continue
        rows = []
        for kind, what in (("pagina", "de pagina"), ("kaart", "de kaart op de wand")):
            files = [Picture(record["collection"], record["slug"], kind, width).file for width in WIDTHS]
            if all(file in found for file in files):
                rows.append({"what": what, "urls": [base + file for file in files]})
        if rows:
            shown.append({"label": record["label"], "title": record["title"], "rows": rows})
    return shown


def pictures_base(repository: str, pull_request: int, head_sha: str) -> str:
    """Where the preview branch serves this pull request's pictures of this commit; empty when an input is odd."""
    if not _REPOSITORY.fullmatch(repository) or not _SHA.fullmatch(head_sha) or pull_request <= 0:
        return ""
    return f"https://raw.githubusercontent.com/{repository}/{PREVIEW_BRANCH}/{preview_folder(pull_request, head_sha)}/"


def preview_folder(pull_request: int, head_sha: str) -> str:
    """``pr-<number>/<first 12 of the commit>``: each push gets its own pictures."""
    return f"pr-{int(pull_request)}/{head_sha[:12]}"


def render(verdict: dict[str, Any], *, run_url: str = "", site_url: str = "",
           pictures: list[dict[str, Any]] | None = None) -> str:
    """The comment's Markdown, starting with :data:`MARKER` (the workflow updates that comment in place)."""
    return markdown.render("pr_comment.md.j2", verdict=verdict,
                           hidden=max(verdict["total"] - len(verdict["problems"]), 0),
                           run_url=run_url if run_url.startswith("https://") else "",
                           site_url=site_url.rstrip("/") + "/" if site_url.startswith("https://") else "",
                           pictures=pictures or [], widths=WIDTHS)


def main(argv: list[str] | None = None) -> int:
    """Read the verdict, write the comment; the step output ``pull_request`` is the checked number."""
    parser = argparse.ArgumentParser(prog="python -m stemsite.workflows.pr_comment", description=__doc__.splitlines()[0])
    parser.add_argument("--verdict", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--run-url", default=os.environ.get("RUN_URL", ""))
    parser.add_argument("--site-url", default=os.environ.get("STEMSITE_URL", ""))
    parser.add_argument("--pictures", type=Path, default=None,
                        help="de namen van de gepubliceerde beelden, één per regel (uit de tak pr-previews)")
    parser.add_argument("--repository", default=os.environ.get("GH_REPO", ""))
    parser.add_argument("--head-sha", default=os.environ.get("HEAD_SHA", ""))
    args = parser.parse_args(argv)
    try:
        verdict = read_verdict(args.verdict.read_bytes())
    except (OSError, BadVerdict) as error:
        print(f"Het oordeel van de controle is onbruikbaar ({error}); geen reactie.")
        return 1
    pictures = []
    if args.pictures is not None and args.pictures.is_file():
        names = [line.strip() for line in args.pictures.read_text(encoding="utf-8", errors="replace").splitlines()[:1000]]
        base = pictures_base(args.repository, verdict["pull_request"], args.head_sha)
        pictures = pictures_of(verdict, names, base) if base else []
    args.out.write_text(render(verdict, run_url=args.run_url, site_url=args.site_url, pictures=pictures),
                        encoding="utf-8")
    write_step_outputs(pull_request=verdict["pull_request"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
