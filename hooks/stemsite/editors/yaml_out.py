"""Write a record as YAML that editors, the strict loader and editor extensions all read alike.

Values go through PyYAML's emitter, never through string formatting, so a name with a
colon, a quote or a leading ``-`` comes out quoted as it must. Two adjustments keep the
files the way people write them by hand: dates stay plain (``2025-03-14``, not quoted;
our loader keeps them text anyway), and text with line breaks becomes a ``|`` block.
"""

from __future__ import annotations

from typing import Any

import yaml


class _RecordDumper(yaml.SafeDumper):
    """SafeDumper without the YAML 1.1 timestamp rule, so dates are written unquoted."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ("  - type: ..."), as the examples and guides do.
        return super().increase_indent(flow, False)


_RecordDumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RecordDumper.add_representer(str, _text)


def schema_line(collection: str) -> str:
    """The first line of every record: tells editor extensions which schema applies."""
    return f"# yaml-language-server: $schema=../../schemas/{collection}.schema.json"


def dump_record(collection: str, data: dict[str, Any], comment: str = "") -> str:
    """The text of ``data/<collection>/<slug>.yml`` for ``data`` (keys kept in their order).

    ``comment`` (one line, e.g. where the record came from) goes under the schema line.
    """
    body = yaml.dump(data, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100, indent=2)
    note = f"# {' '.join(comment.split())}\n" if comment else ""
    return f"{schema_line(collection)}\n{note}{body}"
