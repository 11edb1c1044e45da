"""Where the signing form hands a finished signature: GitHub's new-file page, the issue form, an e-mail.

Made once per build from ``mkdocs.yml`` (:class:`~stemsite.editors.proposals.Links`) and the
signing issue form's file, and written into the page as JSON for ``signing.js``:

- ``newFile``: ``<repo_url>/new/<branch>/data/signatories`` (the page adds ``?filename=&value=``);
  GitHub forks and opens the pull request for whoever may not write;
- ``upload``: ``<repo_url>/upload/<branch>/data/signatories``, for the logo;
- ``issue``: the form's address and, per question the form file really has, how an answer is
  written so its reader (:mod:`stemsite.workflows.proposal_answers`) reads it back; a question the
  form does not have is never filled;
- ``mail``: only when ``extra.contact.email`` is set: the e-mail route's subject and body
  (:func:`~stemsite.editors.proposals.mail_body`, the shape ``stemsite voorstel`` reads) with a
  marker where each answer goes.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ..collections import BY_NAME
from ..sitebuild import SiteBuild
from ..vocabularies import Vocabulary
from .forms import questions
from .proposals import BY_KEY, Links, load_form_file, mail_body
from .signing_form import signing_form
from .signing_rules import RULES, signatory_schema

PROPOSAL = BY_KEY["ondertekenen"]
MARK = "\u2063{}\u2063"
"""Where an answer goes in the e-mail body (U+2063, invisible, never in a question)."""


def _form_ids(form: dict[str, Any] | None) -> list[str]:
    return [item["id"] for item in (form or {}).get("body", []) if item.get("id")]


def issue_plan(form: dict[str, Any] | None, schema: dict[str, Any],
               vocabularies: dict[str, Vocabulary]) -> list[dict[str, Any]]:
    """For each question of the form file that the schema's questions know: its id and how to write the answer."""
    have = set(_form_ids(form))
    plan = []
    for question in questions(BY_NAME[PROPOSAL.collection], schema, vocabularies):
        if question.id not in have or question.parse in ("attachment", "consent"):
            continue
        step: dict[str, Any] = {"id": question.id, "path": list(question.path), "parse": question.parse}
        if question.parse in ("choice", "choices"):
            step["labels"], step["values"] = list(question.options), list(question.values)
        if question.parse == "items":
            step["parts"] = [{"name": name, **({"labels": list(question.choices[name][0]),
                                                 "values": list(question.choices[name][1])}
                                                if name in question.choices else {})}
                             for name in question.schema["items"].get("properties", {})]
        plan.append(step)
    return plan


def signing_links(links: Links, schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    """The JSON the page carries for its last step (empty addresses when ``repo_url`` is not set)."""
    folder = f"data/{PROPOSAL.collection}"
    form = load_form_file(links.root, PROPOSAL) if links.root else None
    base = links.repo_url
    result: dict[str, Any] = {
        "newFile": f"{base}/new/{quote(links.branch)}/{folder}" if base else "",
        "upload": f"{base}/upload/{quote(links.branch)}/{folder}" if base else "",
        "issue": {"url": f"{base}/issues/new" if base and form else "", "template": PROPOSAL.form_file,
                  "title": PROPOSAL.issue_title, "plan": issue_plan(form, schema, vocabularies)},
    }
    if links.email and form is not None:
        ids = _form_ids(form)
        result["mail"] = {"to": links.email, "subject": PROPOSAL.issue_title,
                          "body": mail_body(form, {i: MARK.format(i) for i in ids}), "mark": MARK}
    return result


def page_context(build: SiteBuild, links: Links) -> dict[str, Any]:
    """What ``theme/shortcodes/ondertekenformulier.html`` lays out: the form, and the links as JSON."""
    schema = signatory_schema(build)
    vocabularies = build.catalog.vocabularies
    handed = signing_links(links, schema, vocabularies)
    return {"form": signing_form(schema, vocabularies), "mail": "mail" in handed,
            "links": json.dumps(handed, ensure_ascii=False, separators=(",", ":")), "rules": RULES,
            "plain": plain_links(handed)}


def plain_links(handed: dict[str, Any]) -> dict[str, str]:
    """Where each of the last step's links goes before the form fills it in: the same GitHub pages (or address)
    without the answers ("" where there is none). So no link on the page lacks an address: a crawler, or a
    script that stopped halfway, meets pages that exist."""
    issue = handed["issue"]
    plain = {"new-file": handed["newFile"], "upload": handed["upload"],
             "issue": f"{issue['url']}?template={quote(issue['template'])}" if issue["url"] else "",
             "mail": f"mailto:{handed['mail']['to']}" if "mail" in handed else ""}
    return plain


def shortcode_context(build: SiteBuild, links: Links) -> dict[str, Any]:
    """Everything the data blocks of hand-written pages get, in MkDocs and in ``stemsite generate`` alike."""
    return {**links.shortcode_context(), "signing": page_context(build, links)}
