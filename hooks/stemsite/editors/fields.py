"""The fields of a schema as an editor meets them: one entry per value to fill in.

The scaffolder asks for these one by one and names its options after them; nested
objects are flattened (``location.municipality`` → ``--location-municipality``) and a
list of objects is asked for once, as its first item (``commitments[0].type``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from jsonschema import Draft202012Validator


@dataclass(frozen=True)
class Field:
    """One value to fill in, with where it goes in the record."""

    path: tuple[str | int, ...]
    """Where the value goes, e.g. ``("commitments", 0, "type")``."""
    schema: dict[str, Any]
    """The schema of the value itself (for a list of scalars: the list's schema)."""
    parent_required: tuple[str, ...]
    """Top-level field this one belongs to; it is only asked for when that field is."""
    required_in_parent: bool

    @property
    def option(self) -> str:
        """The command-line option, e.g. ``--location-municipality``."""
        return "--" + "-".join(str(p) for p in self.path if isinstance(p, str)).replace("_", "-")

    @property
    def dest(self) -> str:
        return self.option[2:].replace("-", "_")

    @property
    def top(self) -> str:
        return str(self.path[0])

    @property
    def title(self) -> str:
        return self.schema.get("title", self.top)


def _is_scalar(schema: dict[str, Any]) -> bool:
    return schema.get("type") in ("string", "integer", "number", "boolean")


def fields(schema: dict[str, Any]) -> Iterator[Field]:
    """Every value an editor can fill in, in the schema's order."""
    for name, sub in schema.get("properties", {}).items():
        if name == "$schema":
            continue
        kind = sub.get("type")
        items = sub.get("items") if isinstance(sub.get("items"), dict) else {}
        if kind == "object":
            inner, prefix = sub, (name,)
        elif kind == "array" and items.get("type") == "object":
            inner, prefix = items, (name, 0)
        else:
            yield Field((name,), sub, (name,), True)
            continue
        needed = set(inner.get("required", ()))
        for child, child_schema in inner.get("properties", {}).items():
            if _is_scalar(child_schema) or child_schema.get("type") == "array":
                yield Field((*prefix, child), child_schema, (name,), child in needed)


def required_now(schema: dict[str, Any], data: dict[str, Any]) -> set[str]:
    """Top-level fields required for this record so far (``if``/``then``/``else`` applied)."""
    needed = set(schema.get("required", ()))
    if isinstance(schema.get("if"), dict):
        branch = "then" if Draft202012Validator(schema["if"]).is_valid(data) else "else"
        needed |= set(schema.get(branch, {}).get("required", ()))
    return needed


def put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Set ``value`` at ``path`` in ``data``, creating objects and one-item lists on the way."""
    target: Any = data
    for step, following in zip(path, path[1:]):
        if isinstance(following, int):
            target = target.setdefault(step, [{}])
        elif isinstance(step, int):
            target = target[step]
        else:
            target = target.setdefault(step, {})
    target[path[-1]] = value
