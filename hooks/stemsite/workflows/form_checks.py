"""What a record made from a form must pass before anything is fetched or written.

The same rules as a data file, in memory: the fields the schema requires for this record
(``if``/``then``/``else`` applied), the JSON Schema with its Dutch messages, the record's
cross-checks (:func:`stemsite.validate.checks.record_problems`: dates not in the future, the
proof on the website's domain ...), then the rules of the kind of record on top
(:data:`KIND_RULES`: signing's trust rules, the same function the build runs per record). A problem names the record's top field;
the caller turns it into the question that asked for it. The whole project is validated once
more after the files are written (:func:`.outcome.validate_written`), for what spans files.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterator

from jsonschema import Draft202012Validator

from ..editors.fields import required_now
from ..validate import checks, formats, messages, trust
from ..vocabularies import Vocabulary

FieldProblem = tuple[str, str, str]
"""(top field of the record, what is wrong, how to fix it), in Dutch."""
Rule = Callable[[dict[str, Any], dict[str, Vocabulary]], Iterator[FieldProblem]]


def _trust(record: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> Iterator[FieldProblem]:
    """Who may sign as whom (:mod:`stemsite.validate.trust`): shared hosts, invited names without a verified domain."""
    for where, message, fix in trust.signatory_problems(record, trust.TrustRules.from_vocabularies(vocabularies)):
        yield (str(where[0]) if where else "", message, fix)


KIND_RULES: dict[str, tuple[Rule, ...]] = {trust.COLLECTION: (_trust,)}
"""Per collection: rules of its own that a form's record passes on top of the schema and its checks."""


def _why_required(schema: dict[str, Any], record: dict[str, Any]) -> str:
    """The schema's own words for a field required by a condition (the description of its ``then``/``else``)."""
    if not isinstance(schema.get("if"), dict):
        return ""
    branch = "then" if Draft202012Validator(schema["if"]).is_valid(record) else "else"
    return str(schema.get(branch, {}).get("description", ""))


def problems(collection: str, schema: dict[str, Any], record: dict[str, Any], vocabularies: dict[str, Vocabulary],
             today: date) -> list[FieldProblem]:
    """Every problem of the record as a data file would have it, then the kind's own rules; empty when it may go on."""
    found: list[FieldProblem] = []
    why = _why_required(schema, record)
    for name in sorted(required_now(schema, record) - set(record), key=list(schema.get("properties", {})).index):
        found.append((name, "deze vraag is verplicht", why or "vul ze in"))
    validator = Draft202012Validator(schema, format_checker=formats.format_checker())
    for error in validator.iter_errors(record):
        if error.validator == "required" and not error.absolute_path:
            continue  # said above, per question
        found.extend((str(where[0]) if where else "", message, fix) for where, message, fix in messages.explain(error))
    if not found:
        found.extend((str(where[0]) if where else "", message, fix)
                     for where, message, fix in checks.record_problems(record, schema, today))
    for rule in KIND_RULES.get(collection, ()):
        found.extend(rule(record, vocabularies))
    return found
