"""stemsite.kept.KeptRows: an export joined from kept rows is the same text as ``json.dumps`` of it whole."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stemsite.kept import KeptRows

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner,
                                                                                            max_size=3), max_leaves=8)
_ROWS = st.lists(st.dictionaries(st.text(), _VALUES, max_size=5), max_size=5)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.dictionaries(st.text(), _SCALARS, max_size=3), rows=_ROWS)
def test_joined_rows_are_json_dumps_of_the_whole_document(tmp_path: Path, head: dict, rows: list):
    (tmp_path / "rows.json").unlink(missing_ok=True)
    whole = json.dumps({**head, "rows": rows}, ensure_ascii=False, indent=2)
    first = KeptRows(tmp_path, "rows.json").document(head, "rows", rows)
    again = KeptRows(tmp_path, "rows.json")  # every row now comes from the file
    assert first == whole
    assert again.document(head, "rows", rows) == whole
    assert len(again.stored) == len({repr(row) for row in rows})


def test_a_changed_row_is_encoded_again_and_only_used_rows_are_kept(tmp_path: Path):
    KeptRows(tmp_path, "rows.json").document({"title": "t"}, "rows", [{"a": 1}, {"a": 2}])
    kept = KeptRows(tmp_path, "rows.json")
    text = kept.document({"title": "t"}, "rows", [{"a": 1}, {"a": 3}])
    assert text == json.dumps({"title": "t", "rows": [{"a": 1}, {"a": 3}]}, ensure_ascii=False, indent=2)
    assert len(KeptRows(tmp_path, "rows.json").stored) == 2  # the row of {"a": 2} is gone from the file
