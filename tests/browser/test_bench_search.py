"""The search benchmark runs end to end and prints every figure (its timings are not judged)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_search.py"


def test_bench_search_prints_every_figure():
    result = subprocess.run([sys.executable, str(SCRIPT), "--signatories", "50"],
                            capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith(("echte gegevens", "+ 50 fictieve"))]
    assert len(rows) == 2, result.stdout
    real, synthetic = ([float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", row.split("gegevens", 1)[-1].split("ondertekenaars", 1)[-1])] for row in rows)
    assert len(real) == len(synthetic) == 5  # pages, raw bytes, gzipped bytes, ready ms, query ms
    assert synthetic[0] >= real[0] + 50  # fifty more signatory pages
    assert synthetic[1] > real[1] > real[2] > 0  # the index grows; gzip shrinks it
