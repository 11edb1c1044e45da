"""A build redoes work in proportion to what changed (issue 31), counted, not timed.

An unchanged build validates no record file, works out no export row, makes no CSV or workbook and lays out
no overview page again; a build after one signatory changed validates and works out exactly that one, and
makes again only what holds it. ``test_incremental_equal.py`` proves the kept work gives the same site.
"""

from __future__ import annotations

import sys

from support import REPO, TODAY, make_project

from stemsite.build import prepare
from stemsite.outputs import OPEN_DATA_CSV, OPEN_DATA_JSON
from stemsite.project import Project

SIGNATORY = "fictief-bedrijf"


def _build(project: Project) -> tuple[dict[str, int], dict[str, bytes]]:
    """What the build counted, and every page body and generated file it made."""
    build = prepare(project)
    made = {page.src_uri: page.body.encode() for page in build.pages}
    made.update({asset.dest_uri: asset.content for asset in build.assets if asset.content is not None})
    return build.counts, made


def test_an_unchanged_build_redoes_nothing_and_one_changed_record_only_itself(project: Project):
    first, made = _build(project)
    signatories = first["rows_made"]
    records = first["validated"]
    assert signatories > 5 and records > signatories  # every collection's files were checked
    assert first["rows_reused"] == 0 and first["files_reused"] == 0 and first["overview_reused"] == 0
    assert first["files_made"] > 0 and first["overview_laid_out"] > 0

    # Nothing changed: nothing is validated, worked out, made or laid out again, and every output is the same.
    again, made_again = _build(project)
    assert again["validated"] == 0
    assert again["rows_made"] == 0 and again["rows_reused"] == signatories
    assert again["files_made"] == 0 and again["files_reused"] == first["files_made"]
    assert again["overview_laid_out"] == 0 and again["overview_reused"] == first["overview_laid_out"]
    assert made_again == made

    # One signatory's number of employees changed: exactly that file is validated and its row worked out again.
    record = project.root / "data" / "signatories" / f"{SIGNATORY}.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("employees: 50", "employees: 51"),
                      encoding="utf-8")
    changed, made_changed = _build(project)
    assert changed["validated"] == 1
    assert changed["rows_made"] == 1 and changed["rows_reused"] == signatories - 1
    assert changed["files_made"] == 2  # the signatories' CSV and workbook hold it; the offers' and stories' do not
    assert changed["files_reused"] == first["files_made"] - 2
    assert b'"employees": 51' in made_changed[OPEN_DATA_JSON] and b'"employees": 51' not in made[OPEN_DATA_JSON]
    assert made_changed[OPEN_DATA_CSV] != made[OPEN_DATA_CSV]

    # Put back: rows are kept for the last build only (the file never outgrows the site), so the row is worked out
    # once more; the first build's CSV and workbook are still kept and serve again.
    record.write_text(record.read_text(encoding="utf-8").replace("employees: 51", "employees: 50"),
                      encoding="utf-8")
    back, made_back = _build(project)
    assert back["validated"] == 1 and back["rows_made"] == 1 and back["files_made"] == 0
    assert made_back == made


def test_a_changed_signatory_lays_out_again_only_the_wall_page_it_is_on(tmp_path, monkeypatch):
    """Wall and offers pages are kept under what they show (``KeptBodies.shown``): a signatory's description
    is on its tile's page only (no offer shows it), so of the wall's and ``/aanbod/``'s pages exactly one is laid
    out again; a changed offer lays out its own ``/aanbod/`` page too; a withdrawal changes the totals every page
    of both shows."""
    sys.path.insert(0, str(REPO / "scripts"))
    import bench_data  # the bench's fictional data (scripts/ is not a package)

    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    bench_data.write_data(data, 320)  # 3 pages of the wall, 9 of /aanbod/
    project = Project(make_project(tmp_path / "project", data=data, content=False))

    def laid_out() -> tuple[int, dict[str, int]]:
        build = prepare(project)
        pages = [page.src_uri for page in build.pages]
        listed = {name: sum(uri == f"{section}/index.md" or uri.startswith(f"{section}/pagina/") for uri in pages)
                  for name, section in (("wall", "charter/ondertekenaars"), ("offers", "aanbod"))}
        return build.counts["overview_laid_out"], listed

    first, listed = laid_out()
    assert listed["wall"] == 3 and listed["offers"] > 5, listed
    kept_by_digest = first - listed["wall"] - listed["offers"]  # the few pages that may read the whole catalog
    assert laid_out()[0] == 0

    record = next(path for path in sorted((project.root / "data" / "signatories").glob("*.yml"))
                  if "\ndescription: " in (text := path.read_text(encoding="utf-8")) and "withdrawn_on" not in text
                  and "  - type: stages\n" in text)
    record.write_text(text.replace("\ndescription: ", "\ndescription: Anders verteld. ", 1), encoding="utf-8")
    assert laid_out()[0] == kept_by_digest + 1

    commitment = "  - type: stages\n    description: "
    assert commitment in text
    record.write_text(text.replace(commitment, commitment + "Nu ook in de zomer. ", 1), encoding="utf-8")
    assert laid_out()[0] == kept_by_digest + 2  # its tile's page and the /aanbod/ page of that offer

    record.write_text(text + f"withdrawn_on: {TODAY.isoformat()}\n", encoding="utf-8")
    assert laid_out()[0] == first  # the totals every wall and /aanbod/ page shows count one signatory less
