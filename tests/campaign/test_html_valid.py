"""Every page of the built sample site passes the W3C Nu HTML checker (vnu-jar from npm, Java from Debian).

Errors that come from Material for MkDocs' own templates, not from ours, are allowed here one by one,
each with the reason; anything else fails with the page and the checker's message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from support import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material's own markup (mkdocs-material 9.8.1), which we do not override:
MATERIAL_KNOWN = [
    # Its toggles (search, drawer, palette, nav sections) are checkboxes with autocomplete="off", which HTML only
    # allows on text-like inputs; Material sets it so browsers do not restore a toggle's state on back/forward.
    re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
    # Its section labels in the navigation carry tabindex="" when a section has no index page.
    re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
    # Its labels point at the checkbox of a collapsed nav section or of the table of contents, which it leaves
    # out of the page when that section/toc is not rendered.
    re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
]


def test_vnu_finds_no_error_of_ours_on_any_page(sample_site: Path):
    java = shutil.which("java")
    assert java, "Java ontbreekt: voer `make test-deps` uit (installeert default-jre-headless uit Debian)"
    assert VNU.is_file(), f"{VNU} ontbreekt: voer `make test-deps` uit (npm ci installeert vnu-jar)"
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(sample_site)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [f"{m.get('url', '').split(str(sample_site))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m.get("type") == "error" and not any(p.search(m["message"]) for p in MATERIAL_KNOWN)]
    assert not ours, "\n".join(ours[:40])


def test_no_markdown_attribute_is_left_in_the_output(sample_site: Path):
    left = [str(p.relative_to(sample_site)) for p in sample_site.rglob("*.html")
            if 'markdown="' in p.read_text(encoding="utf-8")]
    assert not left, left
