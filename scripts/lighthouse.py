"""Lighthouse on the public pages, with the real data and with the sample, on a phone and on a desktop.

Not a test: the scores depend on the machine (Lighthouse simulates a slow phone from what it
measured here, and two busy cores make every page look slower). ``make bench`` runs it after
``scripts/bench.py``; on its own:

    .venv/bin/python scripts/lighthouse.py                 # both data sets, mobile and desktop
    .venv/bin/python scripts/lighthouse.py --sets echt --forms mobile --pages academies/

It builds each data set into a temporary project (the real ``content/`` and ``data/``; the
sample lays ``tests/fixtures/sample/data`` over them), serves the site on localhost with
gzip, as a static host sends it (GitHub Pages compresses HTML, CSS and JS), and runs npm's
``lighthouse`` (``package.json``, pinned) with Debian's Chromium. Nothing leaves the machine:
Chromium starts without background networking, and every page makes requests to its own
origin only. It prints one table and the targets met or missed, and writes every figure to
``bench-results/lighthouse.json``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from real_project import copy_real_project

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("STEMSITE_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync --disable-default-apps --disable-extensions")
PAGES = ("", "charter/", "charter/ondertekenaars/", "aanbod/", "academies/", "rolmodellen/", "regio/")
"""Home, the charter, the wall, the offers, the academy finder, the role models, the regions."""
SETS = {"echt": None, "voorbeeld": REPO / "tests" / "fixtures" / "sample" / "data"}
"""The real data only (as on launch day), and the filled sample laid over it."""
FORMS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100}
PERFORMANCE = {"mobile": 90, "desktop": 95}
CLS = 0.05
TODAY = "2026-11-23"
"""The day the sample's dates are written for (as in the tests)."""
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ".csv")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped when the browser asks for it, as a static host sends them."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201 (http.server's own signature)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file() or not self.path.split("?")[0].endswith(("/", path.suffix))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        self.end_headers()
        return _Body(body)


class _Body:
    """What ``send_head`` returns: something ``copyfile`` can read and the handler can close."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def read(self, size: int = -1) -> bytes:
        body, self.body = self.body, b""
        return body

    def close(self) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder with gzip on a free localhost port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(root: Path, data: Path | None) -> Path:
    """The real project in ``root`` (``data`` laid over the real data), built; returns its site folder."""
    copy_real_project(root)
    if data is not None:
        shutil.copytree(data, root / "data", dirs_exist_ok=True)
    env = {**os.environ, "STEMSITE_TODAY": os.environ.get("STEMSITE_TODAY", TODAY), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "stemsite", "--root", str(root), "build"], env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"Build mislukt:\n{(result.stdout + result.stderr)[-4000:]}")
    return root / "site"


def audit(url: str, form: str, out: Path) -> dict:
    """One Lighthouse run; the four scores (0-100), the metrics and the audits that did not pass."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES),
               "--disable-full-page-screenshot", "--max-wait-for-load=30000"]
    if form == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not out.exists():
        sys.exit(f"Lighthouse mislukt voor {url} ({form}):\n{result.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failed = sorted(name for name, a in audits.items()
                    if a.get("score") is not None and a["score"] < 1
                    and a.get("scoreDisplayMode") in ("binary", "metricSavings")
                    and name not in ("uses-long-cache-ttl",))
    return {**scores, "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"], "failed": failed}


def verdicts(results: list[dict]) -> list[str]:
    """Per target: met, or which pages miss it and by how much."""
    lines = []
    for name, target in TARGETS.items():
        missed = [f"{r['set']} {r['form']} /{r['page']} {r[name]}" for r in results if r[name] < target]
        lines.append(f"- {'gehaald' if not missed else 'NIET gehaald'}: {name} {target}" + (
            f" ({'; '.join(missed)})" if missed else ""))
    for form, target in PERFORMANCE.items():
        missed = [f"{r['set']} /{r['page']} {r['performance']}" for r in results
                  if r["form"] == form and r["performance"] < target]
        lines.append(f"- {'gehaald' if not missed else 'NIET gehaald'}: performance {form} ≥ {target}" + (
            f" ({'; '.join(missed)})" if missed else ""))
    missed = [f"{r['set']} {r['form']} /{r['page']} {r['cls']:.3f}" for r in results if r["cls"] >= CLS]
    lines.append(f"- {'gehaald' if not missed else 'NIET gehaald'}: CLS < {CLS}" + (
        f" ({'; '.join(missed)})" if missed else ""))
    return lines


def table(results: list[dict]) -> str:
    rows = ["| gegevens | vorm | pagina | prestaties | toegankelijkheid | goede praktijken | SEO | CLS | LCP (s) | TBT (ms) |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r['set']} | {r['form']} | /{r['page']} | {r['performance']} | {r['accessibility']} | "
                    f"{r['best-practices']} | {r['seo']} | {r['cls']:.3f} | {r['lcp_ms'] / 1000:.1f} | {r['tbt_ms']:.0f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="gegevens: echt, voorbeeld (met komma's)")
    parser.add_argument("--forms", default=",".join(FORMS), help="mobile, desktop (met komma's)")
    parser.add_argument("--pages", default=",".join(PAGES), help="paden onder de site (met komma's; leeg is home)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per pagina (mediaan van de prestaties)")
    parser.add_argument("--json", type=Path, default=REPO / "bench-results" / "lighthouse.json")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse ontbreekt: voer `make test-deps` uit (npm ci)")
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="stem-lighthouse-") as temp:
        for name in args.sets.split(","):
            site = build(Path(temp) / name, SETS[name])
            server, url = serve(site)
            try:
                for form in args.forms.split(","):
                    for page in args.pages.split(","):
                        runs = [audit(url + page, form, Path(temp) / "report.json") for _ in range(max(1, args.repeat))]
                        runs.sort(key=lambda r: r["performance"])
                        result = {"set": name, "form": form, "page": page, **runs[len(runs) // 2]}
                        result["performance_runs"] = [r["performance"] for r in runs]
                        results.append(result)
                        print(f"{name} {form} /{page}: " + ", ".join(f"{k} {result[k]}" for k in CATEGORIES)
                              + f", CLS {result['cls']:.3f}" + (f"; niet gehaald: {', '.join(result['failed'])}"
                                                                if result["failed"] else ""), flush=True)
            finally:
                server.shutdown()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"results": results, "targets": {**TARGETS, "performance": PERFORMANCE, "cls": CLS},
                                     "median_performance": statistics.median(r["performance"] for r in results)},
                                    indent=1), encoding="utf-8")
    print()
    print(table(results))
    print()
    print("\n".join(verdicts(results)))
    print(f"\nCijfers als JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
