"""`make serve` really rebuilds when a data file changes (live reload on, data/ watched)."""

from __future__ import annotations

from pathlib import Path

from support import make_project, page_text, served, wait_for_text


def test_serve_rebuilds_when_a_yaml_file_changes(tmp_path: Path):
    root = make_project(tmp_path / "p", content=False)
    with served(root) as base:  # the same command as `make serve`, on a free port
        url = base + "academies/fictieve-academie-gent/"
        wait_for_text(url, "Fictieve Sterrenwacht Gent", 300)  # a first build on a loaded machine takes minutes
        path = root / "data/academies/fictieve-academie-gent.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("Sterrenwacht Gent", "Volkssterrenwacht Gent"),
                        encoding="utf-8")
        wait_for_text(url, "Fictieve Volkssterrenwacht Gent", 300)
        assert "livereload" in (page_text(url) or "")
