"""The one comment on a pull request, made from the data check's verdict, which is untrusted.

``.github/workflows/pr-reactie.yml`` runs this from the default branch (never the pull
request's code) on the ``verdict.json`` the data check of the pull request uploaded. That
check ran the pull request's code, so the file may say anything: every value is checked for
type and shape here, cut to a sane length, and only then rendered through the escaping
templates of :mod:`.markdown`. Pages and links are computed here from the collection table
and the site's own address, never taken from the file. Nothing but ``jinja2`` and
``markupsafe`` is imported, so the workflow installs only those two.
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

MARKER = "<!-- stemsite-controle -->"
MAX_COMMENT_PROBLEMS = 50
"""The comment lists this many problems; the job summary and ``make validate`` list them all."""
MAX_BYTES = 1_000_000
MAX_TEXT = 300
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PATH = re.compile(r"[A-Za-z0-9._/-]{1,200}")


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
                        "page": collection.page_url(item["slug"])})
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


def render(verdict: dict[str, Any], *, run_url: str = "", site_url: str = "") -> str:
    """The comment's Markdown, starting with :data:`MARKER` (the workflow updates that comment in place)."""
    return markdown.render("pr_comment.md.j2", verdict=verdict,
                           hidden=max(verdict["total"] - len(verdict["problems"]), 0),
                           run_url=run_url if run_url.startswith("https://") else "",
                           site_url=site_url.rstrip("/") + "/" if site_url.startswith("https://") else "")


def main(argv: list[str] | None = None) -> int:
    """Read the verdict, write the comment; the step output ``pull_request`` is the checked number."""
    parser = argparse.ArgumentParser(prog="python -m stemsite.workflows.pr_comment", description=__doc__.splitlines()[0])
    parser.add_argument("--verdict", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--run-url", default=os.environ.get("RUN_URL", ""))
    parser.add_argument("--site-url", default=os.environ.get("STEMSITE_URL", ""))
    args = parser.parse_args(argv)
    try:
        verdict = read_verdict(args.verdict.read_bytes())
    except (OSError, BadVerdict) as error:
        print(f"Het oordeel van de controle is onbruikbaar ({error}); geen reactie.")
        return 1
    args.out.write_text(render(verdict, run_url=args.run_url, site_url=args.site_url), encoding="utf-8")
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"pull_request={verdict['pull_request']}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
