"""zizmor (pinned in requirements-test.txt) over our workflows: clean at its pedantic level.

Run offline (no GitHub here) and with ``--no-config``, so the only way to silence a finding
is an inline ``# zizmor: ignore[...]`` comment, and every such comment must say why.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from ci_support import REPO, VENV_BIN

ZIZMOR = [str(VENV_BIN / "zizmor"), "--pedantic", "--offline", "--no-config", "--format", "json"]
FIXTURE = Path(__file__).parent / "fixtures" / "unsafe-workflow.yml"
IGNORE = re.compile(r"#\s*zizmor:\s*ignore\[[^\]]+\](?P<why>.*)$")


def zizmor(*inputs: Path) -> tuple[int, list[dict]]:
    result = subprocess.run([*ZIZMOR, *map(str, inputs)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr  # 1/2: zizmor itself failed
    return result.returncode, json.loads(result.stdout or "[]")


def test_our_workflows_and_dependabot_are_clean_at_the_pedantic_level():
    code, findings = zizmor(REPO / ".github")
    summary = [f"{f['ident']}: {f['desc']} ({f['locations'][0]['symbolic']['key']})" for f in findings]
    assert code == 0 and findings == [], "\n".join(summary)


def test_a_bad_workflow_makes_zizmor_fail():
    code, findings = zizmor(FIXTURE)
    assert code != 0
    found = {f["ident"] for f in findings}
    assert {"dangerous-triggers", "template-injection", "unpinned-uses", "artipacked", "excessive-permissions"} <= found


def unexplained_ignores(text: str) -> list[str]:
    """Ignore comments that do not say why (``-- reason`` after the bracket, or a comment line above)."""
    lines = text.splitlines()
    bad = []
    for i, line in enumerate(lines):
        match = IGNORE.search(line)
        if not match:
            continue
        above = lines[i - 1].strip() if i else ""
        why = match["why"].strip(" -—:")
        if len(why) < 10 and not (above.startswith("#") and "zizmor" not in above and len(above) > 12):
            bad.append(line.strip())
    return bad


def test_every_zizmor_exception_is_explained_in_the_file():
    for path in sorted((REPO / ".github").rglob("*.y*ml")):
        assert unexplained_ignores(path.read_text(encoding="utf-8")) == [], path


def test_the_explanation_check_itself_catches_a_bare_ignore():
    bare = "jobs:\n  a:\n    steps:\n      - uses: x/y@v1 # zizmor: ignore[unpinned-uses]\n"
    explained = ("      # Local test action, never published; pinning it would pin ourselves.\n"
                 "      - uses: x/y@v1 # zizmor: ignore[unpinned-uses]\n")
    inline = "      - uses: x/y@v1 # zizmor: ignore[unpinned-uses] -- a local action of this repository\n"
    assert unexplained_ignores(bare) == ["- uses: x/y@v1 # zizmor: ignore[unpinned-uses]"]
    assert unexplained_ignores(explained) == []
    assert unexplained_ignores(inline) == []


def test_no_zizmor_configuration_silences_audits_elsewhere():
    for name in ("zizmor.yml", ".github/zizmor.yml", "zizmor.yaml", ".github/zizmor.yaml"):
        assert not (REPO / name).exists(), f"{name}: leg uitzonderingen uit in de workflow zelf"
