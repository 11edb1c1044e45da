"""The guide for story tellers and the pull-request template for stories share one checklist."""

from __future__ import annotations

import re

from support import REPO

GUIDE = REPO / "content" / "gidsen" / "verhalen-vertellen.md"
TEMPLATE = REPO / ".github" / "PULL_REQUEST_TEMPLATE" / "verhaal.md"


def checklist(text: str) -> list[str]:
    """The items after the guide's "## Checklist" heading."""
    part = text.split("## Checklist", 1)[1]
    return re.findall(r"^- (.+)$", part, re.M)


def test_the_template_carries_the_guides_checklist_in_order():
    items = checklist(GUIDE.read_text(encoding="utf-8"))
    assert len(items) >= 5
    boxes = re.findall(r"^- \[ \] (.+)$", TEMPLATE.read_text(encoding="utf-8"), re.M)
    assert boxes[:len(items)] == items


def test_the_guide_names_the_rules_in_words_and_the_template_names_the_fields():
    """The guide is a public page: it says what the build enforces without a field or file name (issue 30); the
    pull-request template, for whoever works with git, names the fields."""
    text = GUIDE.read_text(encoding="utf-8")
    for rule in ("toestemming", "beschrijving", "terugtrok", "activiteit in de agenda"):
        assert rule in text, rule
    assert not re.search(r"`[a-z_]+`|data/|\.yml|schema", text)
    assert "../meedoen/index.md#voorstel-verhaal" in text
    template = TEMPLATE.read_text(encoding="utf-8")
    for field in ("consent_on", "image_alt", "signatories", "academies", "event"):
        assert f"`{field}`" in template, field
    open_part = text.split("## Wat nog openligt", 1)[1].split("## Checklist", 1)[0]
    assert "kwaliteitscriteria" in open_part and "VRWI" in open_part and "STEM-label" in open_part
