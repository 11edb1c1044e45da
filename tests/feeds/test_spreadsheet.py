"""Open data for spreadsheet users (``feeds.spreadsheet``), robots.txt, and plain-text descriptions (``markup``)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from support import REPO, TODAY

from stemsite.feeds import columns, spreadsheet
from stemsite.markup import plain_text

DATASETS = ("signatories", "offers", "stories")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a Belgian Excel reads UTF-8 only with a byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_has_json_csv_and_xlsx_with_the_same_rows(sample_site: Path, name: str):
    document = json.loads((sample_site / "api" / f"{name}.json").read_text(encoding="utf-8"))
    rows = document[name]
    assert rows, f"the sample needs {name}"
    header = (sample_site / "api" / f"{name}.csv").read_bytes().decode("utf-8-sig").split("\r\n", 1)[0]
    assert ";" in header and "," not in header
    table = _csv_rows(sample_site / "api" / f"{name}.csv")
    assert len(table) == len(rows)
    book = openpyxl.load_workbook(sample_site / "api" / f"{name}.xlsx")
    assert book.sheetnames == ["Gegevens", "Over"]
    sheet = book["Gegevens"]
    headers = [cell.value for cell in sheet[1]]
    keys = list(table[0])
    known = dict(spreadsheet.COLUMNS)
    if name == "signatories":  # its columns and their headers come from its schema (feeds.columns)
        schema = json.loads((REPO / "schemas" / "signatories.schema.json").read_text(encoding="utf-8"))
        known.update(columns.spreadsheet_columns(schema))
        assert keys == list(columns.csv_columns(schema))
    assert headers == [known[key].header for key in keys]
    assert len(set(headers)) == len(headers) and not any(h == k for h, k in zip(headers, keys))
    assert sheet.max_row == len(rows) + 1
    about = {row[0].value: row[1].value for row in book["Over"].iter_rows()}
    assert about["Licentie"] == "CC BY 4.0" and about["Gemaakt op"] == TODAY.isoformat()
    first = dict(zip(keys, [cell.value for cell in sheet[2]]))
    for key in keys:
        # A column made for the table only (the commitments' types) compares with the CSV.
        column, value = known[key], rows[0][key] if key in rows[0] else table[0][key]
        if value in (None, [], ""):
            assert first[key] is None, key
        elif column.kind == "date":
            assert first[key] == datetime.combine(date.fromisoformat(value), datetime.min.time()), key
        elif column.kind == "number":
            assert first[key] == value, key
        else:
            assert first[key] == (", ".join(value) if isinstance(value, list) else str(value)), key


def test_dutch_headers_name_every_column_once():
    headers = [c.header for c in spreadsheet.COLUMNS.values()]
    assert len(set(headers)) == len(headers)
    assert not any(re.fullmatch(r"[a-z_]+", h) for h in headers), "a header is a field name, not Dutch"


def test_the_workbook_is_the_same_bytes_for_the_same_data(tmp_path):
    rows = [{"name": "=SOM(A1)", "signed_on": "2026-11-02", "employees": 12, "url": "https://example.org/"}]
    first = spreadsheet.xlsx_bytes("T", ("name", "signed_on", "employees", "url"), rows, {"Titel": "T"}, TODAY)
    second = spreadsheet.xlsx_bytes("T", ("name", "signed_on", "employees", "url"), rows, {"Titel": "T"}, TODAY)
    assert first == second
    (tmp_path / "t.xlsx").write_bytes(first)
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Gegevens"]
    assert [c.value for c in sheet[2]] == ["=SOM(A1)", datetime(2026, 11, 2), 12, "https://example.org/"]
    assert sheet["A2"].data_type == "s", "a name that looks like a formula stays text"


def test_an_unknown_column_has_no_dutch_header_and_fails():
    with pytest.raises(KeyError, match="kolomkop"):
        spreadsheet.xlsx_bytes("T", ("kleur",), [], {}, TODAY)


def test_csv_cells_a_spreadsheet_would_run_get_an_apostrophe():
    data = spreadsheet.csv_bytes(("name", "audience"), [{"name": "\u00a0=1+1", "audience": ["ouders", "meisjes"]}])
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert row == {"name": "'\u00a0=1+1", "audience": "ouders, meisjes"}


def test_robots_txt_names_the_sitemap(sample_site: Path):
    text = (sample_site / "robots.txt").read_text(encoding="utf-8")
    sitemap = re.search(r"^Sitemap: (\S+)$", text, re.M).group(1)
    assert sitemap.endswith("/sitemap.xml") and (sample_site / "sitemap.xml").is_file()
    assert "Disallow" not in text


def test_plain_text_goes_through_the_pages_rendering_and_cleaning():
    text = "Kom **proefjes** doen met [de bib](https://bib.example) & _ouders_.\n\n- een\n- twee <script>x()</script>"
    assert plain_text(text) == "Kom proefjes doen met de bib (https://bib.example/) & ouders.\n\n- een\n- twee"
    assert plain_text("[klik](javascript:alert(1))") == "klik"
    assert plain_text("&lt;b&gt; <b>vet</b>") == "<b> vet"
    assert plain_text(None) == ""
    assert plain_text("") == ""


@pytest.mark.parametrize("text,plain", [
    ("regel een  \nregel twee", "regel een\nregel twee"),  # a hard line break is one line end, not a paragraph
    ("- een twee\n- drie", "- een twee\n- drie"),
    ("* een\n\n* twee", "- een\n\n- twee"),  # a loose list: the item's text on the item's line
    ("1. een\n2. twee", "- een\n- twee"),
    ("Tekst\n\n- een\n- twee\n\nNa", "Tekst\n\n- een\n- twee\n\nNa"),
    # a link whose text is its address is not written twice, also in bold or as a mail address
    ("[https://bib.example/](https://bib.example/)", "https://bib.example/"),
    ("[**https://bib.example/**](https://bib.example/)", "https://bib.example/"),
    ("[stem@voorbeeld.be](mailto:stem@voorbeeld.be)", "stem@voorbeeld.be"),
    ("[schrijf ons](mailto:stem@voorbeeld.be)", "schrijf ons (mailto:stem@voorbeeld.be)"),
])
def test_plain_text_keeps_lines_lists_and_links_as_written(text, plain):
    assert plain_text(text) == plain


def test_calendar_and_json_ld_carry_no_markdown(sample_site: Path):
    calendar = (sample_site / "agenda.ics").read_text(encoding="utf-8")
    descriptions = "".join(re.findall(r"^DESCRIPTION:.*(?:\r?\n .*)*", calendar, re.M))
    assert descriptions and "**" not in descriptions and "](" not in descriptions
    found = 0
    for page in (sample_site / "agenda").glob("*/index.html"):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S):
            data = json.loads(block)
            if data.get("@type") == "Event" and data.get("description"):
                found += 1
                assert "**" not in data["description"] and "](" not in data["description"]
    assert found
