"""Give each scalar the type its schema asks for, and remember every value's line.

The loader keeps all scalars as text. Here, guided by the schema, ``42`` becomes an
integer only where an integer is meant, ``true`` a boolean only where a boolean is meant,
and ``no``, ``0471123456`` or ``12:30`` stay exactly the text that was typed where text is
meant. A value that does not fit is left as text so the schema reports it in Dutch.
"""

from __future__ import annotations

import re
from typing import Any

from ..load.yaml_strict import Node, Scalar, Sequence

Path = tuple[str | int, ...]

# At most 15 digits before the point: every such number is exact as a float and in JSON, and no
# text of thousands of digits reaches int() (which refuses more than 4300) or float() (inf).
_INTEGER = re.compile(r"[+-]?(0|[1-9][0-9]{0,14})")
_NUMBER = re.compile(r"[+-]?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?")


def _expected(schema: dict[str, Any] | None) -> str | None:
    if not schema:
        return None
    kind = schema.get("type")
    return kind if isinstance(kind, str) else None


def _scalar(node: Scalar, schema: dict[str, Any] | None) -> Any:
    if node.is_null:
        return None
    kind = _expected(schema)
    if node.quoted or kind in (None, "string"):
        return node.text
    if kind == "integer" and _INTEGER.fullmatch(node.text):
        return int(node.text)
    if kind == "number" and _NUMBER.fullmatch(node.text):
        number = float(node.text)
        return int(number) if number.is_integer() and "." not in node.text else number
    if kind == "boolean" and node.text in ("true", "false"):
        return node.text == "true"
    return node.text


def to_json(node: Node, schema: dict[str, Any] | None, lines: dict[Path, int], path: Path = ()) -> Any:
    """Convert a node tree to JSON values typed by ``schema``; fill ``lines`` per path."""
    lines.setdefault(path, node.line)
    if isinstance(node, Scalar):
        return _scalar(node, schema)
    if isinstance(node, Sequence):
        item_schema = (schema or {}).get("items") if isinstance((schema or {}).get("items"), dict) else None
        return [to_json(item, item_schema, lines, (*path, i)) for i, item in enumerate(node.items)]
    properties = (schema or {}).get("properties", {})
    result = {}
    for key, child in node.items.items():
        # The key's line is where an editor looks for the field, also for nested values.
        lines[(*path, key)] = node.keys[key]
        result[key] = to_json(child, properties.get(key), lines, (*path, key))
    return result


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of a path, or of its nearest ancestor that has one."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return 1


def field_name(path: Path) -> str:
    """``commitments[0].type`` style name of a path, as editors see it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "bestand"
