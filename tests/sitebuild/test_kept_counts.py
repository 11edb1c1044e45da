"""A build redoes work in proportion to what changed (issue 31), counted, not timed.

An unchanged build validates no record file, works out no export row, makes no CSV or workbook and lays out
no overview page again; a build after one signatory changed validates and works out exactly that one, and
makes again only what holds it. ``test_incremental_equal.py`` proves the kept work gives the same site.
"""

from __future__ import annotations

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
