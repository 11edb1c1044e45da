"""Benchmark: how fast and how light the site stays as the charter wall grows (``make bench``).

Not a test: the figures depend on the machine. For each size N it writes a fictional data
set (``bench_data.py``) into a temporary folder and measures, as medians of ``--repeat`` runs:

- the cold build (empty cache, no site/ yet: a first build, as in CI), the warm build (cache
  and site/ kept, nothing changed: ``stemsite.last_build`` finds that and stops) and the warm build
  forced through every step (``--force``, with what the cold build kept): wall time and peak memory
  (the sum of the resident memory of the build's processes, sampled from /proc);
- the framework floor: the same records as plain Markdown pages built by bare MkDocs with
  the same theme settings, and our warm build's ratio to it;
- time per stage (``STEMSITE_TIMINGS``, see ``stemsite.adapter.timings``) and the image work of the forced build;
- a warm build after one signatory changed (what a pull request's build does): only its page is made again;
- proven equal (``--equal``, 1,000 signatories): ``tests/sitebuild/test_incremental_equal.py`` makes random edits
  and compares every incremental build with a clean one, byte for byte;
- in headless Chromium: the charter wall's first view (1280×800) and its layout shift, the
  search index size and the time from typing to the first result (``bench_search.measure``).

    .venv/bin/python scripts/bench.py                              # 100, 1000, 5000, 10000
    .venv/bin/python scripts/bench.py --sizes 100,1000 --repeat 1  # quicker

It prints one Markdown table (the README's "Prestaties" shows it) and writes every figure
as JSON (``bench-results/latest.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_data  # noqa: E402
import bench_view  # noqa: E402
from stemsite import last_build  # noqa: E402

REPO = bench_data.REPO
TARGETS = {"warm_ratio": 0.5, "warm_s": 30.0, "cold_s": 60.0, "memory_mb": 512.0, "changed_s": 3.0,
           "wall_kb": 250.0, "phone_kb": 200.0, "cls": 0.01, "search_gzip_kb": 1024.0, "search_ms": 300.0}
"""The issues' targets (issue 31: warm ≤ 0.5× the floor, cold ≤ 60 s, ≤ 512 MB, one changed record ≤ 3 s):
build figures at the largest N, page figures at 5,000 (or the largest below)."""
EQUAL_STEPS = 5
"""Edits (each followed by an incremental and a clean build) of the equality run."""
EXPORTS = ("ical", "jsonld", "badges", "atom", "opendata", "places_index", "wall_json", "supplied")
"""Producers in ``build.ASSET_PRODUCERS`` that make feeds and open data (summed as 'exports')."""


def _tree_rss(root_pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc.

    Follows each thread's ``children`` list instead of reading every process on the machine:
    sampled every 50 ms, that scan alone took a few per cent of a core from the build it measured."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * page
            for task in os.scandir(f"/proc/{pid}/task"):
                with open(f"{task.path}/children", encoding="ascii") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue  # the process ended between two reads
    return total


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Run a build; return (wall seconds, peak MB of its process tree, CPU seconds). Exits when it fails.

    CPU seconds (of the build and every process it waited for) barely change when other
    work shares the machine; wall time does, so a busy machine shows in the gap. Earlier
    writes are flushed to disk first (a cold build leaves gigabytes of images behind), so
    one build's disk work is not charged to the next."""
    os.sync()
    cpu = _cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = 0
    output: list[bytes] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    reader.join()
    if process.returncode != 0:
        sys.exit(f"Build mislukt ({' '.join(command)}):\n{b''.join(output).decode(errors='replace')[-4000:]}")
    return wall, peak / 2**20, _cpu_seconds() - cpu


def _env(cache: Path, timings: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "STEMSITE_TODAY": bench_data.TODAY.isoformat(), "STEMSITE_CACHE_DIR": str(cache),
           "NO_MKDOCS_2_WARNING": "1"}
    env.pop("STEMSITE_TIMINGS", None)
    if timings is not None:
        env["STEMSITE_TIMINGS"] = str(timings)
    return env


def _cache_files(cache: Path) -> dict[Path, int]:
    """Inode of every file in the cache but the records of the last builds (``stemsite.last_build``): files are
    replaced whole, so a file written again gets a new one (times say nothing: a build marks the files it used,
    ``stemsite.stored.reuse``)."""
    return {p: p.stat().st_ino for p in cache.rglob("*")
            if p.is_file() and p.relative_to(cache).parts[0] != last_build.FOLDER}  # the build's record, not work


def _cache_writes(before: dict[Path, int], after: dict[Path, int]) -> int:
    """Files new or written again in the cache (a warm build should write none but its kept-work files)."""
    return sum(1 for path, inode in after.items() if before.get(path) != inode)


def _stages(timings: dict, cpu: bool = False) -> dict[str, float]:
    """Seconds per stage, named as in the table, from one build's ``STEMSITE_TIMINGS`` file (with ``cpu``: CPU
    seconds of the MkDocs process, which a shared machine does not stretch)."""
    ours, mkdocs = (timings["prepare_cpu"], timings["stages_cpu"]) if cpu else (timings["prepare"], timings["stages"])
    return {
        "laden+valideren": ours.get("load+validate", 0.0),
        "catalogus": ours.get("catalog", 0.0),
        "afbeeldingen": ours.get("pipeline", 0.0),
        "exports": sum(ours.get(name, 0.0) for name in EXPORTS),
        "genereren": ours.get("generate", 0.0),
        "bestanden toevoegen": mkdocs.get("stemsite", 0.0) - sum(ours.values()),
        "mkdocs: inlezen+nav": mkdocs.get("mkdocs: inlezen", 0.0) + mkdocs.get("mkdocs: navigatie", 0.0),
        "mkdocs: markdown": mkdocs.get("mkdocs: markdown", 0.0),
        "mkdocs: render": mkdocs.get("mkdocs: render", 0.0),
        "deelkaarten afwachten": mkdocs.get("deelkaarten afwachten", 0.0),
        "bestanden linken": mkdocs.get("bestanden linken", 0.0),
        "zoekindex": mkdocs.get("zoekindex", 0.0),
    }


def measure_builds(work: Path, n: int, repeat: int) -> dict:
    """Cold, warm and floor builds of one data set; medians over ``repeat`` runs."""
    project, floor, cache = work / "project", work / "floor", work / "cache"
    counts = bench_data.make_project(project, n)
    pages = bench_data.make_floor(floor, project)
    ours = [sys.executable, "-m", "stemsite", "--root", str(project), "build"]
    bare = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f", str(floor / "mkdocs.yml")]
    cold, warm, forced, base, stages, cold_stages, writes, image_runs, changed = [], [], [], [], [], [], [], [], []
    checked_only: list[bool] = []
    stages_cpu: list[dict[str, float]] = []
    for r in range(repeat):
        # A cold build is a first build, as CI makes one on a fresh clone: no cache and no site/ to replace.
        # (Replacing a site whose files the emptied cache no longer links frees them all: ~10 s at 10,000.)
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        cold_timings = work / f"timings-cold-{r}.json"
        cold.append(run(ours, project, _env(cache, cold_timings)))
        cold_stages.append(_stages(json.loads(cold_timings.read_text(encoding="utf-8"))))
        # A warm build with nothing changed only checks that (stemsite.last_build); one forced through does every
        # step with what the cold build kept: its stages are the table's "warm" stages.
        unchanged = work / f"timings-unchanged-{r}.json"
        warm.append(run(ours, project, _env(cache, unchanged)))
        checked_only.append(json.loads(unchanged.read_text(encoding="utf-8")).get("unchanged") is True)
        timings = work / f"timings-{r}.json"
        before = _cache_files(cache)
        forced.append(run([*ours, "--force"], project, _env(cache, timings)))
        writes.append(_cache_writes(before, _cache_files(cache)))
        recorded = json.loads(timings.read_text(encoding="utf-8"))
        stages.append(_stages(recorded))
        stages_cpu.append(_stages(recorded, cpu=True))
        image_runs.append(recorded.get("images", {}))
        base.append(run(bare, floor, _env(cache)))
        changed.append(_one_record_changed(project, cache, work / f"timings-changed-{r}.json"))
    median = statistics.median
    result = {
        "n": n, "records": counts, "floor_pages": pages,
        "cold_s": median(w for w, _, _ in cold), "cold_mb": median(m for _, m, _ in cold),
        "warm_s": median(w for w, _, _ in warm), "warm_mb": median(m for _, m, _ in warm),
        "floor_s": median(w for w, _, _ in base), "floor_mb": median(m for _, m, _ in base),
        "cold_cpu_s": median(c for _, _, c in cold), "warm_cpu_s": median(c for _, _, c in warm),
        "floor_cpu_s": median(c for _, _, c in base),
        "forced_s": median(w for w, _, _ in forced), "forced_mb": median(m for _, m, _ in forced),
        "forced_cpu_s": median(c for _, _, c in forced), "warm_checked_only": all(checked_only),
        "stages_s": {name: median(s[name] for s in stages) for name in stages[0]},
        "stages_cold_s": {name: median(s[name] for s in cold_stages) for name in cold_stages[0]},
        "warm_cache_writes": max(writes),
        "warm_image_jobs": max((run_.get("jobs", 0) for run_ in image_runs), default=None),
        "warm_image_decodes": max((run_.get("decodes", 0) for run_ in image_runs), default=None),
        "warm_reused": recorded.get("record_pages", {}),
        "changed_s": median(w for w, _, _ in changed), "changed_cpu_s": median(c for _, c, _ in changed),
        "changed_reused": changed[-1][2].get("record_pages", {}),
        "changed_counts": changed[-1][2].get("counts", {}), "warm_counts": recorded.get("counts", {}),
        "stages_cpu_s": {name: median(s[name] for s in stages_cpu) for name in stages_cpu[0]},
        "stages_changed_s": {name: median(_stages(c[2])[name] for c in changed) for name in stages[0]},
        "stages_changed_cpu_s": {name: median(_stages(c[2], cpu=True)[name] for c in changed) for name in stages[0]},
    }
    result["ratio"] = result["warm_s"] / result["floor_s"]
    result["cpu_ratio"] = result["warm_cpu_s"] / result["floor_cpu_s"]
    result["forced_ratio"] = result["forced_s"] / result["floor_s"]
    return result


def _one_record_changed(project: Path, cache: Path, timings: Path) -> tuple[float, float, dict]:
    """A warm build after one signatory's text changed, as a pull request would: wall and CPU seconds
    and its ``STEMSITE_TIMINGS`` (stages, record pages rendered and reused, work counted). The record is put
    back afterwards."""
    record = project / "data" / "signatories" / "bench-ondertekenaar-1.yml"
    original = record.read_text(encoding="utf-8")
    record.write_text(original.replace("description: ", "description: Gewijzigd. ", 1), encoding="utf-8")
    try:
        wall, _, cpu = run([sys.executable, "-m", "stemsite", "--root", str(project), "build"], project,
                           _env(cache, timings))
    finally:
        record.write_text(original, encoding="utf-8")
    return wall, cpu, json.loads(timings.read_text(encoding="utf-8"))


def measure_equality(n: int, steps: int = EQUAL_STEPS) -> dict:
    """The equality test at ``n`` signatories: ``steps`` random edits, each built incrementally and clean."""
    env = {**os.environ, "STEMSITE_EQUAL_SIGNATORIES": str(n), "STEMSITE_EQUAL_STEPS": str(steps),
           "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                             str(REPO / "tests" / "sitebuild" / "test_incremental_equal.py"), "-k", "clean_build"],
                            cwd=REPO, env=env, capture_output=True, text=True, check=False)
    return {"n": n, "steps": steps, "equal": result.returncode == 0, "seconds": time.perf_counter() - started,
            "output": (result.stdout + result.stderr)[-3000:]}


def measure(sizes: list[int], repeat: int, save) -> list[dict]:
    """Every figure for every size; saved after each size, so a long run keeps what it measured.

    The temporary folders are removed as soon as a size is done."""
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"stemsite-bench-{n}-") as folder:
            work = Path(folder)
            print(f"… N = {n:,}: gegevens, builds ({repeat}×)", file=sys.stderr, flush=True)
            figures = measure_builds(work, n, repeat)
            print(f"… N = {n:,}: browser", file=sys.stderr, flush=True)
            figures.update(bench_view.measure_site(work / "project" / "site"))
            results.append(figures)
        save(results)
        print(table(results).split("\n\n")[0], file=sys.stderr, flush=True)
    return results


COLUMNS = [
    ("N", lambda r: f"{r['n']:,}"),
    ("koud (s)", lambda r: f"{r['cold_s']:.1f}"),
    ("warm (s)", lambda r: f"{r['warm_s']:.1f}"),
    ("vloer (s)", lambda r: f"{r['floor_s']:.1f}"),
    ("warm/vloer", lambda r: f"{r['ratio']:.2f}"),
    ("warm, alles nagelopen (s)", lambda r: f"{r['forced_s']:.1f} ({r['forced_ratio']:.2f}× vloer)"),
    ("1 record gewijzigd (s)", lambda r: f"{r['changed_s']:.1f}"),
    ("CPU 1 record (s)", lambda r: f"{r['changed_cpu_s']:.1f}"),
    ("CPU koud/warm/vloer (s)", lambda r: f"{r['cold_cpu_s']:.0f} / {r['warm_cpu_s']:.0f} / {r['floor_cpu_s']:.0f}"),
    ("CPU warm/vloer", lambda r: f"{r['cpu_ratio']:.2f}"),
    ("geheugen koud/warm/nagelopen (MB)", lambda r: f"{r['cold_mb']:.0f} / {r['warm_mb']:.0f} / {r['forced_mb']:.0f}"),
    ("beeldwerk warm", lambda r: f"{r['warm_image_decodes']} / {r['warm_cache_writes']}"),
    ("zoekindex (kB, gzip)", lambda r: f"{r['search_raw'] / 1024:,.0f} ({r['search_gzip'] / 1024:,.0f})"),
    ("1e resultaat (ms)", lambda r: f"{r['search_ms']:.0f}"),
    ("wand 1e beeld (kB, gzip)", lambda r: f"{r['wall_raw'] / 1024:,.0f} ({r['wall_gzip'] / 1024:,.0f})"),
    ("CLS", lambda r: f"{r['wall_cls']:.3f}"),
    ("aanbod 1e beeld (kB, gzip)", lambda r: f"{r['offers_raw'] / 1024:,.0f} ({r['offers_gzip'] / 1024:,.0f})"
     if "offers_raw" in r else "–"),
]


def table(results: list[dict]) -> str:
    """The figures as one Markdown table, plus the stages of the warm and the cold build."""
    head = "| " + " | ".join(name for name, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    rows = ["| " + " | ".join(cell(r) for _, cell in COLUMNS) + " |" for r in results]
    return "\n".join([head, rule, *rows, "", "Warme build, alles nagelopen (--force), per stap (s):", "", *_stage_table(results, "stages_s"),
                      "", "Koude build per stap (s):", "", *_stage_table(results, "stages_cold_s"),
                      "", "Warme build, alles nagelopen, per stap, CPU-tijd van het MkDocs-proces (s):", "",
                      *_stage_table(results, "stages_cpu_s"),
                      "", "Build na 1 gewijzigd record per stap (s):", "", *_stage_table(results, "stages_changed_s"),
                      "", "Build na 1 gewijzigd record per stap, CPU-tijd van het MkDocs-proces (s):", "",
                      *_stage_table(results, "stages_changed_cpu_s"),
                      "", "Opnieuw gedaan (nagelopen / 1 record gewijzigd):", "",
                      *(f"- N = {r['n']:,}: {r['warm_counts']} / {r['changed_counts']}" for r in results)])


def _stage_table(results: list[dict], key: str) -> list[str]:
    names = list(results[0][key])
    return ["| N | " + " | ".join(names) + " |", "|" + "|".join("---:" for _ in range(len(names) + 1)) + "|",
            *("| " + f"{r['n']:,} | " + " | ".join(f"{r[key][s]:.2f}" for s in names) + " |" for r in results)]


PHONE_VIEWS = [("home", "home_360"), ("wand", "wall_360")]
"""First views measured on a 360×800 phone (scripts/bench_view.py)."""


def verdicts(results: list[dict], equality: dict | None = None) -> list[str]:
    """Each target met or missed, and by how much."""
    big = results[-1]
    page = next((r for r in reversed(results) if r["n"] <= 5000), results[0])
    checks = [
        (f"warme build ≤ {TARGETS['warm_ratio']}× vloer (N = {big['n']:,})", big["ratio"], TARGETS["warm_ratio"], "×"),
        (f"CPU-tijd warme build ≤ {TARGETS['warm_ratio']}× vloer (N = {big['n']:,}; los van andere last op de machine)",
         big["cpu_ratio"], TARGETS["warm_ratio"], "×"),
        (f"warme build ≤ {TARGETS['warm_s']:.0f} s (N = {big['n']:,})", big["warm_s"], TARGETS["warm_s"], " s"),
        (f"koude build ≤ {TARGETS['cold_s']:.0f} s (N = {big['n']:,})", big["cold_s"], TARGETS["cold_s"], " s"),
        (f"build na 1 gewijzigd record ≤ {TARGETS['changed_s']:.0f} s (N = {big['n']:,})", big["changed_s"],
         TARGETS["changed_s"], " s"),
        (f"CPU-tijd build na 1 gewijzigd record ≤ {TARGETS['changed_s']:.0f} s (N = {big['n']:,})",
         big["changed_cpu_s"], TARGETS["changed_s"], " s"),
        (f"piekgeheugen ≤ {TARGETS['memory_mb']:.0f} MB (N = {big['n']:,})",
         max(big["cold_mb"], big["warm_mb"], big["forced_mb"]),
         TARGETS["memory_mb"], " MB"),
        (f"warme build die alles naloopt (--force) ≤ {TARGETS['warm_ratio']}× vloer (N = {big['n']:,})",
         big["forced_ratio"], TARGETS["warm_ratio"], "×"),
        (f"warme build zonder beeldwerk (N = {big['n']:,})", (big["warm_image_decodes"] or 0) + big["warm_cache_writes"],
         0, " bewerkingen"),
        (f"wand 1e beeld ≤ {TARGETS['wall_kb']:.0f} kB gzip (N = {page['n']:,})", page["wall_gzip"] / 1024,
         TARGETS["wall_kb"], " kB"),
        (f"wand zonder layoutverschuiving (N = {page['n']:,})", page["wall_cls"], 0.0, ""),
        (f"aanbod 1e beeld ≤ {TARGETS['wall_kb']:.0f} kB gzip (N = {big['n']:,}, 3 per ondertekenaar)",
         big["offers_gzip"] / 1024, TARGETS["wall_kb"], " kB"),
        *[(f"{name} 1e beeld op 360 px ≤ {TARGETS['phone_kb']:.0f} kB gzip (N = {page['n']:,})",
           page[f"{key}_gzip"] / 1024, TARGETS["phone_kb"], " kB") for name, key in PHONE_VIEWS],
        *[(f"{name} op 360 px: CLS < {TARGETS['cls']} (N = {page['n']:,})", page[f"{key}_cls"], TARGETS["cls"], "")
          for name, key in PHONE_VIEWS],
        *[(f"{name} op 360 px: grootste element ({page[f'{key}_lcp'] or '?'}) is van de site zelf (N = {page['n']:,})",
           0 if page[f"{key}_lcp_own"] else 1, 0, "") for name, key in PHONE_VIEWS],
        (f"zoekindex ≤ {TARGETS['search_gzip_kb']:.0f} kB gzip (N = {page['n']:,})", page["search_gzip"] / 1024,
         TARGETS["search_gzip_kb"], " kB"),
        (f"1e zoekresultaat ≤ {TARGETS['search_ms']:.0f} ms (N = {page['n']:,})", page["search_ms"],
         TARGETS["search_ms"], " ms"),
    ]
    if equality is not None:
        checks.append((f"incrementele build byte voor byte gelijk aan een schone build na {equality['steps']} "
                       f"willekeurige wijzigingen (N = {equality['n']:,})", 0 if equality["equal"] else 1, 0, ""))
    lines = []
    for label, value, limit, unit in checks:
        if value <= limit:
            lines.append(f"- gehaald: {label} ({value:,.2f}{unit})")
        else:
            lines.append(f"- NIET gehaald: {label}: {value:,.2f}{unit}, {value - limit:,.2f}{unit} te veel")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000,10000", help="aantallen ondertekenaars, met komma's")
    parser.add_argument("--repeat", type=int, default=3, help="herhalingen per build (mediaan; standaard 3)")
    parser.add_argument("--json", type=Path, default=REPO / "bench-results" / "latest.json", help="cijfers als JSON")
    parser.add_argument("--equal", type=int, default=1000,
                        help="ondertekenaars in de gelijkheidstest (incrementeel tegen schoon; 0: overslaan)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine()}
    args.json.parent.mkdir(parents=True, exist_ok=True)

    equality: dict | None = None

    def save(results: list[dict]) -> None:
        args.json.write_text(json.dumps({"machine": machine, "repeat": args.repeat, "targets": TARGETS,
                                         "results": results, "equality": equality}, indent=1), encoding="utf-8")

    results = measure(sizes, max(1, args.repeat), save)
    if args.equal:
        print(f"… gelijkheidstest: N = {args.equal:,}, {EQUAL_STEPS} stappen", file=sys.stderr, flush=True)
        equality = measure_equality(args.equal)
        save(results)
        if not equality["equal"]:
            print(equality["output"], file=sys.stderr)
    print(table(results))
    print()
    print("\n".join(verdicts(results, equality)))
    print(f"\nCijfers als JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
