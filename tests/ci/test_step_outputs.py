"""One writer of a workflow step's outputs: ``name=value`` lines appended to ``$GITHUB_OUTPUT``, never a line break
inside a value (it would set an output of its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stemsite.workflows.step_outputs import write_step_outputs


def test_values_are_appended_as_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "output"
    target.write_text("eerder=1\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_OUTPUT", str(target))
    write_step_outputs(ok=True, klaar=False, slug="voorbeeld-nv", count=3, leeg="")
    assert target.read_text(encoding="utf-8") == "eerder=1\nok=true\nklaar=false\nslug=voorbeeld-nv\ncount=3\nleeg=\n"


@pytest.mark.parametrize("value", ["a\nok=true", "a\rok=true"])
def test_a_value_with_a_line_break_is_refused_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      value: str):
    target = tmp_path / "output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(target))
    with pytest.raises(ValueError, match="slug bevat een regeleinde"):
        write_step_outputs(count=1, slug=value)
    assert not target.exists()


def test_outside_a_workflow_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("GITHUB_OUTPUT", raising=False)
    monkeypatch.chdir(tmp_path)
    write_step_outputs(ok=True)
    assert list(tmp_path.iterdir()) == []
