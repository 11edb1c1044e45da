"""The private intake repository's workflow (``.github/intake/workflows/voorstel.yml``), read as data and by zizmor.

It is not run here (it belongs in the platform's private repository), so the rules the public
workflows are held to are checked on it directly: no expressions in shells, read-only where the
issue is read, the public repository's token only in the steps that write there, pinned actions.
"""

from __future__ import annotations

import re

from ci_support import REPO, load_workflow
from test_workflows import PINNED
from test_zizmor import zizmor

from stemsite.editors.proposals import PROPOSALS, PRIVATE_FORMS

INTAKE = REPO / ".github" / "intake" / "workflows" / "voorstel.yml"
FLOW = load_workflow(INTAKE)


def steps(job: str) -> list[dict]:
    return FLOW["jobs"][job]["steps"]


def test_the_intake_workflow_reads_privately_and_writes_only_where_it_must():
    assert FLOW["on"] == {"issues": {"types": ["opened", "edited", "labeled"]}} and FLOW["permissions"] == {}
    jobs = FLOW["jobs"]
    assert jobs["prepare"]["permissions"] == {"contents": "read"}
    assert jobs["answer"]["permissions"] == {"issues": "write"}
    assert jobs["publish"]["permissions"] == {"issues": "write"}  # the public repository: only through its token
    for proposal in PROPOSALS:  # exactly the proposals about people come this way
        label = f"contains(github.event.issue.labels.*.name, '{proposal.label}')"
        assert (label in jobs["prepare"]["if"]) == proposal.private, proposal.key
        if proposal.private:
            assert (REPO / PRIVATE_FORMS / proposal.form_file).is_file()
    (checkout,) = [s for s in steps("prepare") if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"] == {"persist-credentials": False, "repository": "${{ vars.STEMSITE_PUBLIC_REPO }}"}
    assert any("--route intake" in s.get("run", "") for s in steps("prepare"))
    for job in ("answer", "publish"):
        for step in steps(job):
            assert "python" not in step.get("run", "") and "make " not in step.get("run", "")
            assert not step.get("uses", "").startswith("actions/checkout@")


def test_the_public_token_reaches_only_the_steps_that_write_to_the_public_repository():
    for job_id, job in FLOW["jobs"].items():
        for step in job["steps"]:
            run = step.get("run", "")
            assert "${{" not in run and "github.event" not in run, step.get("name")
            env = " ".join(str(v) for v in (step.get("env") or {}).values())
            if "STEMSITE_PUBLIC_TOKEN" in env:
                assert job_id == "publish" and step["env"]["GH_REPO"] == "${{ vars.STEMSITE_PUBLIC_REPO }}"
            if "run" in step:
                assert "::stop-commands::" in run, step.get("name")
    mover = next(s for s in steps("publish") if "contents/${path}" in s.get("run", ""))
    assert "data='^data/(role_models|stories)/" in mover["run"]  # nothing else can arrive this way
    assert mover["run"].count('[[ "$path" =~ $data ]]') == 2


def test_the_intake_workflow_is_pinned_and_clean_for_zizmor():
    uses = [line for line in INTAKE.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert uses and all(PINNED.match(line) for line in uses)
    code, findings = zizmor(INTAKE)
    assert code == 0 and findings == [], findings
