"""Markup that anyone can put in a pull request, and records that carry it in every text field.

Plain-text fields ACCEPT markup and show it as text: a name like ``R&D <Lab>`` is honest, so
refusing ``<`` would punish editors while escaping (Jinja autoescape in the templates,
``markupsafe.escape`` in front matter) is what actually makes it inert. Markdown fields go
through nh3 with a strict allowlist. These records are valid, so the corpus checks they load
as the exact text, and the built-site tests check that the site shows them inert.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from support import SAMPLE_DATA

# Each fits a 120-character field after its "Opmaak NN " prefix and is one line.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg/onload=alert(3)>",
    '"><script>alert(4)</script>',
    "' onmouseover='alert(5)' x='",
    "</title><script>alert(6)</script>",
    '{: onclick="alert(7)" }',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><input name=x></form>',
    '<iframe src="https://evil.example/"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(13)>">',
    "{{ 7*7 }} {% if true %}ja{% endif %} ${7*7}",
    "[klik](javascript:alert(15)) <javascript:alert(15)>",
    "<!-- stem:charter-newest --> <!-- stem:bestaat-niet -->",
    '<a href="jav&#x09;ascript:alert(17)">a</a> <object data=x></object> <embed src=x>',
    '<details open ontoggle=alert(18)> <style>*{display:none}</style>',
    "![pixel](https://evil.example/p.png) <link rel=stylesheet href=https://evil.example/x.css>",
    '<div markdown="1">**md_in_html**</div> &lt;script&gt; &amp;',
]

# Markdown-only tricks on top of the payloads above (reference links, raw HTML blocks).
MARKDOWN_EXTRA = [
    "[referentie][r]\n\n[r]: javascript:alert(21)",
    '<div onclick="alert(22)">\n\n**blok**\n\n</div>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMyk8L3NjcmlwdD4=)",
]

# What an editor may do, first: a <style> payload swallows everything after it (nh3 drops it).
SAFE_MARKDOWN = "**Vet**, [mail](mailto:info@voorbeeld.example) en [goed](https://voorbeeld.example/)."

MARKDOWN = "\n\n".join([SAFE_MARKDOWN, *PAYLOADS, *MARKDOWN_EXTRA])


def text(i: int) -> str:
    """The plain-text value of record ``i``: unique (names must be) and hostile."""
    return f"Opmaak {i:02d} {PAYLOADS[i]}"


def _yaml(fields: dict) -> str:
    # JSON strings are valid YAML double-quoted scalars: the payload arrives byte for byte.
    lines = []
    for key, value in fields.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items())
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    lines.append(f"  {'- ' if first else '  '}{k}: {json.dumps(v, ensure_ascii=False)}")
                    first = False
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def records(i: int) -> dict[str, str]:
    """One record per collection with payload ``i`` in every plain field, every payload in Markdown."""
    t = text(i)
    link = [{"title": t, "url": "https://voorbeeld.example/"}]
    return {
        "signatories": _yaml({
            "name": t, "category": "bedrijf", "website": "https://voorbeeld.example/",
            "proof": "https://voorbeeld.example/charter", "signed_on": "2025-01-01",
            "commitments": [{"type": "andere", "description": t}], "sector": t[:80],
            "description": MARKDOWN[:2000], "links": link,
        }),
        "role_models": _yaml({
            "name": t, "job": t, "organisation": t, "fields": ["technologie"], "quote": t,
            "story": MARKDOWN, "consent_on": "2025-01-01", "pronouns": t[:40], "path": MARKDOWN[:2000],
            "links": link,
        }),
        "academies": _yaml({
            "name": t, "municipality": "43010", "themes": ["techniek"], "formats": ["losse-activiteit"],
            "website": "https://voorbeeld.example/", "partners": [{"name": t, "kind": "bibliotheek"}],
            "description": MARKDOWN, "source": t,
        }),
        "practices": _yaml({
            "title": t, "organisation": t, "summary": t, "body": MARKDOWN, "topics": ["makerspace"],
            "links": link, "source": t,
        }),
        "events": _yaml({
            "title": t, "starts": "2026-12-01T14:00",
            "location": {"name": t, "municipality": "43010", "address": t},
            "organiser": t, "url": "https://voorbeeld.example/", "description": MARKDOWN,
        }),
    }


IMAGES = {"signatories": SAMPLE_DATA / "signatories" / "fictief-bedrijf.png",
          "role_models": SAMPLE_DATA / "role_models" / "fictieve-ingenieur.jpg"}


def write_records(data: Path) -> list[tuple[str, str]]:
    """Write every hostile record (and the logo or photo it needs) under ``data``; returns (collection, slug)."""
    written = []
    for i in range(len(PAYLOADS)):
        for collection, yaml_text in records(i).items():
            slug = f"opmaak-{i:02d}"
            folder = data / collection
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{slug}.yml").write_text(yaml_text, encoding="utf-8")
            if collection in IMAGES:
                shutil.copy(IMAGES[collection], folder / f"{slug}{IMAGES[collection].suffix}")
            written.append((collection, slug))
    return written


SITE_URL = "https://stem.example/"
"""The build runs with a public https:// address, as the deploy does (canonical links use it)."""

_BUILT: dict[Path, Path] = {}


def build_hostile_site(base: Path) -> Path:
    """The real strict build of the sample data plus every hostile record; built once per session."""
    if base not in _BUILT:
        from support import build, make_project

        root = make_project(base / "hostile")
        write_records(root / "data")
        previous = os.environ.get("STEMSITE_URL")
        os.environ["STEMSITE_URL"] = SITE_URL
        try:
            result = build(root)
        finally:
            if previous is None:
                os.environ.pop("STEMSITE_URL")
            else:
                os.environ["STEMSITE_URL"] = previous
        assert result.returncode == 0, result.stdout + result.stderr
        _BUILT[base] = root / "site"
    return _BUILT[base]
