"""The workflows, read as data: triggers, permissions, pins and the commands they run."""

from __future__ import annotations

import re
import shlex
import subprocess
from typing import Any

import pytest

from ci_support import REPO, VENV_BIN, WORKFLOWS, runs_of, steps_of

EXPECTED = {"pr.yml", "pr-gegevens.yml", "pr-beelden.yml", "pr-reactie.yml", "deploy.yml", "links.yml", "voorstel.yml"}

# The only permissions each job may hold. A job not listed here fails the test, so a new
# job has to say what it needs.
ALLOWED_PERMISSIONS: dict[tuple[str, str], dict[str, str]] = {
    ("pr.yml", "check"): {"contents": "read"},
    ("pr.yml", "audit"): {"contents": "read"},
    ("pr-gegevens.yml", "data"): {"contents": "read"},
    ("pr-beelden.yml", "pictures"): {"contents": "read"},
    ("pr-reactie.yml", "pictures"): {"actions": "read"},
    ("pr-reactie.yml", "publish"): {"contents": "write", "pull-requests": "read"},
    ("pr-reactie.yml", "comment"): {"actions": "read", "contents": "read", "pull-requests": "write"},
    ("deploy.yml", "build"): {"contents": "read", "pages": "read"},
    ("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("deploy.yml", "environment-cache"): {"contents": "read"},
    ("links.yml", "links"): {"contents": "read", "issues": "write"},
    ("voorstel.yml", "prepare"): {"contents": "read"},
    ("voorstel.yml", "answer"): {"issues": "write"},
    ("voorstel.yml", "publish"): {"contents": "write", "pull-requests": "write", "issues": "write"},
}

PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+#\s+(?P<version>v\d+(?:\.\d+)*)\s*$")


def all_steps(workflows: dict[str, dict[str, Any]]):
    for name, workflow in workflows.items():
        for job_id, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                yield name, job_id, step


def test_the_workflows_exist_and_parse(workflows):
    assert set(workflows) == EXPECTED
    for name, workflow in workflows.items():
        assert isinstance(workflow.get("name"), str) and workflow["name"], name
        assert workflow.get("on"), f"{name}: geen trigger"
        assert workflow.get("jobs"), f"{name}: geen jobs"
        for job_id, job in workflow["jobs"].items():
            assert job.get("runs-on") == "ubuntu-24.04", f"{name}/{job_id}: vaste runner-versie"
            assert isinstance(job.get("timeout-minutes"), int), f"{name}/{job_id}: geen timeout"
            assert job.get("steps"), f"{name}/{job_id}: geen stappen"


def test_every_action_is_pinned_to_a_full_sha_with_its_version(workflows):
    seen: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
        parsed_uses = [step["uses"] for name, _, step in all_steps(workflows) if name == path.name and "uses" in step]
        assert len(lines) == len(parsed_uses), f"{path.name}: elke uses: staat op een eigen regel"
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: niet vastgepind op een volledige SHA met # vX-commentaar: {line.strip()}"
            seen.setdefault(match["action"], set()).add((match["sha"], match["version"]))
    for action, pins in seen.items():
        assert len(pins) == 1, f"{action} is op verschillende plaatsen anders vastgepind: {pins}"


def test_the_pin_check_catches_tags_branches_and_short_shas():
    for line in ("- uses: actions/checkout@v4", "uses: actions/checkout@main",
                 "- uses: actions/checkout@11bd719 # v4.2.2",
                 "- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
                 "- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # latest"):
        assert not PINNED.match(line), line
    assert PINNED.match("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2")


def test_no_workflow_uses_pull_request_target(workflows):
    for name, workflow in workflows.items():
        triggers = workflow["on"]
        keys = set(triggers) if isinstance(triggers, dict) else set(triggers if isinstance(triggers, list) else [triggers])
        assert "pull_request_target" not in keys, name
        code = [line.split(" #")[0] for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith("#")]
        assert not any("pull_request_target" in line for line in code), name


def test_permissions_are_empty_at_the_top_and_allowlisted_per_job(workflows):
    for name, workflow in workflows.items():
        assert workflow.get("permissions") == {}, f"{name}: bovenaan hoort permissions: {{}}"
        for job_id, job in workflow["jobs"].items():
            allowed = ALLOWED_PERMISSIONS.get((name, job_id))
            assert allowed is not None, f"{name}/{job_id}: nieuwe job, zet haar rechten in ALLOWED_PERMISSIONS"
            granted = job.get("permissions")
            assert isinstance(granted, dict), f"{name}/{job_id}: rechten expliciet per job, nooit read-all/write-all"
            for scope, level in granted.items():
                assert level in ("read", "write", "none"), f"{name}/{job_id}: {scope}: {level}"
                if level == "none":
                    continue
                assert scope in allowed, f"{name}/{job_id} vraagt {scope}: {level}, dat het niet nodig heeft"
                assert allowed[scope] == "write" or level == "read", f"{name}/{job_id}: {scope} mag alleen lezen"


def test_write_permissions_stay_out_of_jobs_that_run_strangers_code(workflows):
    # pull_request checks run the fork's code: they may read, never write.
    for name in ("pr.yml", "pr-gegevens.yml", "pr-beelden.yml"):
        for job_id, job in workflows[name]["jobs"].items():
            assert set(job["permissions"].values()) <= {"read", "none"}, f"{name}/{job_id}"
    # In the proposal path the job that reads the issue and downloads attachments cannot write.
    assert workflows["voorstel.yml"]["jobs"]["prepare"]["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("forbidden", ["${{", "github.event", "head_ref"])
def test_run_steps_take_no_expressions_and_no_event_data(workflows, forbidden):
    for name, job_id, step in all_steps(workflows):
        run = step.get("run", "")
        assert forbidden not in run, f"{name}/{job_id}/{step.get('name')}: '{forbidden}' in run:, geef het door via env:"


def test_tokens_only_reach_the_steps_that_need_them(workflows):
    for name, workflow in workflows.items():
        assert "env" not in workflow, f"{name}: geen env op workflowniveau"
        for job_id, job in workflow["jobs"].items():
            job_env = " ".join(str(v) for v in (job.get("env") or {}).values())
            assert "token" not in job_env.lower() and "secrets." not in job_env, f"{name}/{job_id}"
    for name, job_id, step in all_steps(workflows):
        text = " ".join(str(v) for v in (step.get("env") or {}).values())
        if "github.token" in text or "secrets." in text:
            assert "run" in step and "gh " in step["run"], f"{name}/{job_id}/{step.get('name')}: token zonder gh-gebruik"


def test_checkout_never_keeps_the_token(workflows):
    checkouts = [(n, j, s) for n, j, s in all_steps(workflows) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for name, job_id, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{name}/{job_id}"


def _make_targets(runs: list[str]) -> list[str]:
    return [m for run in runs for m in re.findall(r"^\s*make (\w+)\s*$", run, re.MULTILINE)]


def test_the_steps_call_the_make_targets_a_developer_runs(workflows):
    assert _make_targets(runs_of(workflows["pr-gegevens.yml"], "data")) == ["validate"]
    assert _make_targets(runs_of(workflows["pr.yml"], "check")) == ["build", "test"]
    assert _make_targets(runs_of(workflows["deploy.yml"], "build")) == ["validate", "test", "build"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("validate", "build", "test"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"Makefile mist het doel {target}"
    # No shortcut around the Makefile: what CI runs is what `make` runs.
    for name in ("pr.yml", "pr-gegevens.yml", "deploy.yml"):
        for job_id in workflows[name]["jobs"]:
            for run in runs_of(workflows[name], job_id):
                assert not re.search(r"\b(mkdocs|pytest)\b", run), f"{name}/{job_id}: roep make aan, niet {run!r}"


def test_browser_tests_use_the_runners_chrome(workflows):
    for name, job_id in (("pr.yml", "check"), ("deploy.yml", "build")):
        step = next(s for s in steps_of(workflows[name], job_id) if re.search(r"^\s*make test\s*$", s.get("run", ""), re.M))
        assert step["env"]["STEMSITE_SKIP_APT"] == "1"
        assert re.search(r"STEMSITE_CHROMIUM=\"\$\(command -v google-chrome \|\| command -v chromium", step["run"])
        assert "export STEMSITE_CHROMIUM" in step["run"]


def test_every_step_that_runs_a_command_is_shielded_from_workflow_commands(workflows):
    """Validation, build, tests, the link check, the issue form and gh all may print text from the data.

    Only the annotations step prints commands, on purpose, each one escaped (``ci.annotations``)."""
    for name, job_id, step in all_steps(workflows):
        run = step.get("run")
        if run is None or "stemsite.workflows.annotations" in run:
            continue
        lines = [line.strip() for line in run.strip().splitlines()]
        where = f"{name}/{job_id}: {step.get('name')}"
        shield = lines.index('echo "::stop-commands::${token}"') if 'echo "::stop-commands::${token}"' in lines else -1
        assert shield > 0 and lines[shield - 1] == 'token="$(openssl rand -hex 16)"', where
        assert lines[shield + 1] == "trap 'echo \"::${token}::\"' EXIT", where
        commands = [i for i, line in enumerate(lines) if re.search(r"\b(make|python|pip|pip-audit|gh|jq|echo)\b", line)]
        assert min(commands) == shield, f"{where}: eerst stop-commands, dan de rest"


def test_pull_request_output_is_shielded_and_annotated(workflows):
    assert set(workflows["pr.yml"]["on"]) == {"pull_request"}
    for step in steps_of(workflows["pr.yml"], "check"):
        if re.search(r"^\s*make \w+\s*$", step.get("run", ""), re.M):
            assert 'echo "::stop-commands::${token}"' in step["run"], step["name"]
    pr = workflows["pr-gegevens.yml"]
    assert set(pr["on"]) == {"pull_request"}
    steps = steps_of(pr, "data")
    for step in steps:
        if re.search(r"^\s*make \w+\s*$", step.get("run", ""), re.M):
            # The data is the stranger's: their text must not be read as workflow commands.
            assert 'echo "::stop-commands::${token}"' in step["run"], step["name"]
            assert "trap 'echo \"::${token}::\"' EXIT" in step["run"], step["name"]
    annotate = next(s for s in steps if "stemsite.workflows.annotations" in s.get("run", ""))
    assert annotate["if"] == "${{ !cancelled() }}"
    assert '--base "$BASE_SHA"' in annotate["run"] and '--verdict "$RUNNER_TEMP/controle/verdict.json"' in annotate["run"]
    assert annotate["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_pull_request_site_is_an_artifact_and_never_published(workflows):
    pr = workflows["pr.yml"]
    steps = steps_of(pr, "check")
    names = [s.get("uses", "").split("@")[0] for s in steps]
    upload = steps[names.index("actions/upload-artifact")]
    assert upload["with"]["path"] == "site/"
    assert upload["with"]["if-no-files-found"] == "error"
    build_index = next(i for i, s in enumerate(steps) if re.search(r"^\s*make build\s*$", s.get("run", ""), re.M))
    assert names.index("actions/upload-artifact") > build_index
    forbidden = {"actions/deploy-pages", "actions/upload-pages-artifact", "actions/configure-pages"}
    assert not forbidden & {s.get("uses", "").split("@")[0] for _, _, s in all_steps({"pr.yml": pr})}


def test_deploy_runs_the_official_pages_flow_after_a_checked_build(workflows):
    deploy = workflows["deploy.yml"]
    assert deploy["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in deploy["on"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert deploy["concurrency"]["group"]
    build_steps = steps_of(deploy, "build")
    uses = [s.get("uses", "").split("@")[0] for s in build_steps]
    last_make = max(i for i, s in enumerate(build_steps) if re.search(r"^\s*make \w+\s*$", s.get("run", ""), re.M))
    assert uses.index("actions/upload-pages-artifact") > last_make, "eerst alles controleren, dan pas klaarzetten"
    assert build_steps[uses.index("actions/upload-pages-artifact")]["with"]["path"] == "site/"
    pages = build_steps[uses.index("actions/configure-pages")]
    make_build = next(s for s in build_steps if re.search(r"^\s*make build\s*$", s.get("run", ""), re.M))
    assert make_build["env"]["STEMSITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % pages["id"]

    job = deploy["jobs"]["deploy"]
    assert job["needs"] == "build"
    assert job["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"]
    holders = {(n, j) for (n, j), p in ALLOWED_PERMISSIONS.items() if "id-token" in p or p.get("pages") == "write"}
    assert holders == {("deploy.yml", "deploy")}


def test_links_workflow_is_weekly_and_keeps_one_issue(workflows):
    links = workflows["links.yml"]
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in links["on"]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert day == month == "*" and weekday.isdigit(), "één keer per week"
    steps = steps_of(links, "links")
    assert next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))["with"]["fetch-depth"] == 0
    assert any("python -m stemsite.workflows.linkcheck" in r for r in runs_of(links, "links"))
    issue_step = next(s for s in steps if "gh issue" in s.get("run", ""))
    run = issue_step["run"]
    assert "--label linkcontrole --state open" in run and "gh issue edit" in run and "gh issue create" in run


def test_one_proposal_workflow_splits_reading_from_writing(workflows):
    from stemsite.editors.proposals import PROPOSALS

    flow = workflows["voorstel.yml"]
    assert flow["on"] == {"issues": {"types": ["opened", "edited", "labeled"]}}
    prepare, answer, publish = (flow["jobs"][name] for name in ("prepare", "answer", "publish"))
    # Every form's label starts the workflow; approval is the label `goedgekeurd`.
    for proposal in PROPOSALS:
        assert f"contains(github.event.issue.labels.*.name, '{proposal.label}')" in prepare["if"], proposal.label
    assert "github.event.label.name == 'goedgekeurd'" in prepare["if"]
    assert any('python -m stemsite.workflows.proposal --event "$GITHUB_EVENT_PATH"' in r for r in runs_of(flow, "prepare"))
    assert answer["needs"] == publish["needs"] == "prepare"
    assert "github.event.action == 'labeled'" in publish["if"]
    # The writing jobs run no project code and no checkout: they only move prepared files.
    for job_id in ("answer", "publish"):
        assert not any(s.get("uses", "").startswith("actions/checkout@") for s in flow["jobs"][job_id]["steps"])
        for run in runs_of(flow, job_id):
            assert "python" not in run and "make " not in run
    mover = next(s for s in publish["steps"] if "contents/${path}" in s.get("run", ""))
    assert "[[ \"$SLUG\" =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]]" in mover["run"]
    assert mover["run"].count('[[ "$path" =~ $data ]]') == 2, "elk pad wordt gecontroleerd, ook wat verwijderd wordt"
    opener = next(s for s in publish["steps"] if "gh pr create" in s.get("run", ""))
    assert opener["env"]["GH_TOKEN"] == "${{ secrets.STEMSITE_PR_TOKEN || github.token }}"


def test_the_comment_workflow_never_runs_the_pull_requests_code(workflows):
    flow = workflows["pr-reactie.yml"]
    watched = [workflows["pr-gegevens.yml"]["name"], workflows["pr-beelden.yml"]["name"]]
    assert flow["on"] == {"workflow_run": {"workflows": watched, "types": ["completed"]}}
    for job_id in flow["jobs"]:
        for step in steps_of(flow, job_id):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["ref"] == "${{ github.event.repository.default_branch }}"
                assert "head" not in str(step["with"]).lower()
            assert "make " not in step.get("run", "")
    steps = steps_of(flow, "comment")
    fetch = next(s for s in steps if s.get("id") == "verdict")
    assert fetch["env"]["RUN_ID"] == "${{ github.event.workflow_run.id }}" and "gh run download" in fetch["run"]
    render = next(s for s in steps if "stemsite.workflows.pr_comment" in s.get("run", ""))
    assert "-r .github/requirements-reactie.txt" in render["run"]
    post = next(s for s in steps if "gh pr comment" in s.get("run", ""))
    assert post["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert ".head.sha" in post["run"], "het nummer uit het oordeel moet bij de gecontroleerde commit horen"


def test_pictures_are_made_without_rights_checked_by_our_code_and_published_where_nothing_deploys(workflows):
    """Issue 29: the pictures of a pull request's pages, from its own build to the comment."""
    made = workflows["pr-beelden.yml"]
    assert set(made["on"]) == {"pull_request"} and made["jobs"]["pictures"]["permissions"] == {"contents": "read"}
    runs = runs_of(made, "pictures")
    assert any(re.search(r"^\s*make voorbeeld BASIS=\"\$BASE_SHA\"", r, re.M) for r in runs), "the local command"
    upload = next(s for s in steps_of(made, "pictures") if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "voorbeelden"
    flow = workflows["pr-reactie.yml"]
    pictures, publish, comment = (flow["jobs"][j] for j in ("pictures", "publish", "comment"))
    assert "github.event.workflow_run.name == 'Beelden van de pull request'" in pictures["if"]
    assert pictures["permissions"] == {"actions": "read"}  # Pillow runs where nothing can be written
    assert any("python -m stemsite.workflows.previews" in r for r in runs_of(flow, "pictures"))
    assert publish["needs"] == "pictures" and publish["permissions"]["contents"] == "write"
    for run in runs_of(flow, "publish"):  # the job that may write runs no project code and decodes nothing
        assert "python" not in run and "make " not in run
        assert "pr-previews" in run and "refs/heads/main" not in run
        assert '[[ "$base" =~ $name ]]' in run and "stat -c %s" in run and ".head.sha" in run
    assert not any(s.get("uses", "").startswith("actions/checkout@") for s in publish["steps"])
    assert "!cancelled()" in comment["if"] and set(comment["needs"]) == {"pictures", "publish"}
    deploy = workflows["deploy.yml"]
    assert deploy["on"]["push"] == {"branches": ["main"]}, "pr-previews is never deployed"


def test_the_comment_workflow_installs_the_same_pins_as_the_site():
    def pins(text: str) -> dict[str, str]:
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
        return {b.split("==")[0]: " ".join(sorted(re.findall(r"sha256:[0-9a-f]+", b))) + b.split("==")[1].split()[0]
                for b in blocks if re.match(r"[A-Za-z0-9][\w.-]*==", b)}

    comment = pins((REPO / ".github" / "requirements-reactie.txt").read_text(encoding="utf-8"))
    site = pins((REPO / "requirements.txt").read_text(encoding="utf-8"))
    assert set(comment) == {"jinja2", "markupsafe", "pillow"}  # Pillow re-encodes the pictures of the pages
    assert all(comment[name] == site[name] for name in comment)


def test_caches_are_written_by_main_only_and_restored_read_only_elsewhere(workflows):
    for name, job_id, step in all_steps(workflows):
        action = step.get("uses", "").split("@")[0]
        assert action not in ("actions/cache", "actions/setup-node"), f"{name}/{job_id}: alleen cache/restore of cache/save"
        assert "cache" not in step.get("with", {}), f"{name}/{job_id}: setup-python bewaart geen cache"
        if action == "actions/cache/save":
            assert name == "deploy.yml", f"{name}/{job_id}: alleen de deploy van main schrijft caches"
    build_caches = [(n, j, s) for n, j, s in all_steps(workflows) if s.get("uses", "").startswith("actions/cache/")
                    and s["with"]["key"].startswith("stemsite-bouw-")]
    # Outside the checkout (Project.cache_dir's default there): a pull request cannot add files to it.
    assert {s["with"]["path"] for n, j, s in build_caches} == {"~/.cache/stemsite"}
    restored = {(n, j) for n, j, s in build_caches if s["uses"].startswith("actions/cache/restore@")}
    assert restored == {("pr.yml", "check"), ("pr-gegevens.yml", "data"), ("pr-beelden.yml", "pictures"),
                        ("deploy.yml", "build")}
    # The deploy restores only on a push to main: only caches main's own runs saved are in its scope.
    (deploy_restore,) = [s for n, j, s in build_caches if n == "deploy.yml" and "restore@" in s["uses"]]
    assert deploy_restore["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    keys = {(n, s["with"]["key"].split("${{")[0]) for n, j, s in all_steps(workflows) if "actions/cache/" in s.get("uses", "")}
    # The quick checks restore the build's packages only; the full build and tests also the test tools.
    assert {key for name, key in keys if name in ("pr-gegevens.yml", "voorstel.yml")} == {"venv-bouw-", "stemsite-bouw-"}
    assert {key for name, key in keys if name in ("pr.yml", "pr-beelden.yml")} == {"venv-", "stemsite-bouw-"}
    assert {key for name, key in keys if name == "deploy.yml"} == {"venv-", "venv-bouw-", "stemsite-bouw-"}


def test_every_pip_install_requires_hashes(workflows):
    for name, job_id, step in all_steps(workflows):
        for line in step.get("run", "").splitlines():
            if re.search(r"\bpip\b.*\binstall\b", line):
                assert "--require-hashes" in line, f"{name}/{job_id}: {line.strip()}"
    for requirements in ("requirements.txt", "requirements-test.txt"):
        text = (REPO / requirements).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
        pins = [b for b in blocks if re.match(r"[A-Za-z0-9][\w.-]*==", b)]
        assert pins, requirements
        for block in pins:
            assert "--hash=sha256:" in block, f"{requirements}: {block.splitlines()[0]} zonder hash"


def _pip_audit_args(workflows) -> list[str]:
    run = next(r for r in runs_of(workflows["pr.yml"], "audit") if "pip-audit" in r)
    joined = run.replace("\\\n", " ")
    line = next(line for line in joined.splitlines() if "pip-audit\"" in line)
    return shlex.split(line)[1:]


def test_pip_audit_runs_in_ci_on_the_hashed_requirements(workflows):
    args = _pip_audit_args(workflows)
    assert "--strict" in args and "--require-hashes" in args
    assert ["-r", "requirements.txt"] == args[args.index("-r"):args.index("-r") + 2]
    assert "-r" in args[args.index("-r") + 2:]
    assert re.search(r"^pip-audit==", (REPO / "requirements-test.in").read_text(encoding="utf-8"), re.M)
    # The same command line, collecting without querying the vulnerability service (offline).
    result = subprocess.run([str(VENV_BIN / "pip-audit"), *args, "--dry-run"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert re.search(r"would have audited \d+ packages", result.stderr + result.stdout)
