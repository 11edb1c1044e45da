"""``make bench`` as a smoke run: with a small N it finishes and reports every figure.

Never a timed assertion: the figures depend on the machine. What can fail is the benchmark
itself (a build that breaks on its synthetic data, a stage that is not recorded, a figure
missing from the table or the JSON).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from support import REPO

SCRIPT = REPO / "scripts" / "bench.py"


def test_bench_runs_and_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    # --equal 0: the equality test runs on its own in make test (tests/sitebuild/test_incremental_equal.py)
    result = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "20", "--repeat", "1", "--equal", "0",
                             "--json", str(out)], capture_output=True, text=True, check=False, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    [row] = figures["results"]
    assert row["n"] == 20
    assert row["records"]["signatories"] == 20 and row["records"]["role_models"] >= 2
    for name in ("cold_s", "warm_s", "floor_s", "ratio", "cold_mb", "warm_mb", "floor_mb",
                 "search_raw", "search_gzip", "search_ms", "wall_raw", "wall_gzip", "wall_cls",
                 "cold_cpu_s", "warm_cpu_s", "floor_cpu_s", "cpu_ratio", "forced_s", "forced_mb", "forced_cpu_s",
                 "forced_ratio"):
        assert isinstance(row[name], (int, float)) and row[name] >= 0, name
    for name in ("cold_s", "warm_s", "forced_s", "floor_s", "cold_mb", "warm_mb", "forced_mb", "search_raw",
                 "search_gzip", "wall_raw"):
        assert row[name] > 0, name
    # Every stage is recorded, warm (forced through) and cold (how long each took is a figure for the table, never an assertion).
    for stages in (row["stages_s"], row["stages_cold_s"], row["stages_cpu_s"], row["stages_changed_s"],
                   row["stages_changed_cpu_s"]):
        assert set(stages) == {"laden+valideren", "catalogus", "afbeeldingen", "exports", "genereren",
                               "bestanden toevoegen", "mkdocs: inlezen+nav", "mkdocs: markdown", "mkdocs: render",
                               "deelkaarten afwachten", "bestanden linken", "zoekindex"}
        assert stages["mkdocs: render"] > 0 and stages["laden+valideren"] > 0 and stages["bestanden linken"] > 0
    # The wall's first view fetched the page, its stylesheets and scripts.
    assert {"html", "css", "javascript"} <= set(row["wall_by_type"])
    # A warm build forced through after a cold one repeats no image work (the image cache is keyed by content).
    assert row["warm_image_decodes"] == 0 and row["warm_cache_writes"] == 0
    # The warm build reused every record page; after one signatory changed, only its page was made again.
    assert row["warm_reused"]["rendered"] == 0 and row["warm_reused"]["reused"] > 20
    assert row["changed_reused"] == {"rendered": 1, "reused": row["warm_reused"]["reused"] - 1}
    assert row["changed_s"] > 0 and isinstance(row["changed_cpu_s"], float) and row["changed_cpu_s"] > 0
    # The warm build with nothing changed found that and stopped (stemsite.last_build); the forced one did the work.
    assert row["warm_checked_only"] is True
    # Counted, not timed: the warm build forced through validated no record file and worked out no export row; the one after a
    # changed signatory exactly one of each.
    assert row["warm_counts"]["validated"] == 0 and row["warm_counts"]["rows_made"] == 0
    assert row["changed_counts"]["validated"] == 1 and row["changed_counts"]["rows_made"] == 1
    # The table and the verdicts name every figure.
    table = result.stdout
    for heading in ("koud (s)", "warm (s)", "vloer (s)", "warm/vloer", "1 record gewijzigd (s)", "CPU 1 record (s)",
                    "CPU koud/warm/vloer (s)", "CPU warm/vloer",
                    "geheugen koud/warm/nagelopen (MB)", "beeldwerk warm", "warm, alles nagelopen (s)",
                    "zoekindex (kB, gzip)", "1e resultaat (ms)", "wand 1e beeld (kB, gzip)", "CLS",
                    "laden+valideren", "zoekindex", "Warme build, alles nagelopen", "Koude build per stap",
                    "Build na 1 gewijzigd record per stap", "CPU-tijd van het MkDocs-proces", "Opnieuw gedaan"):
        assert heading in table, heading
    assert "| 20 |" in table
    # Every target gets one verdict line, met or not; each line is read whole, so "NIET gehaald" never counts as met.
    verdicts = re.findall(r"^- (gehaald|NIET gehaald): ", table, re.M)
    assert len(verdicts) >= 10, table[-3000:]
