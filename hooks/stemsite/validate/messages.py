"""Dutch messages for JSON Schema errors: what is wrong, and how to fix it.

One small function per JSON Schema keyword, looked up in a table; a keyword without its
own function still gets a clear generic message rather than English from the validator.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable, Iterator

from jsonschema.exceptions import ValidationError

from .coerce import Path, field_name
from .formats import FormatProblem

Message = tuple[Path, str, str]  # (path, what is wrong, how to fix it)

_TYPES = {
    "string": "tekst", "integer": "een geheel getal", "number": "een getal", "boolean": "true of false",
    "array": "een lijst (regels die met '- ' beginnen)", "object": "velden eronder (ingesprongen 'veld: waarde')",
    "null": "leeg",
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "niets (het veld is leeg)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, str):
        return f"de tekst '{_short(value)}'"
    if isinstance(value, list):
        return "een lijst"
    return "velden"


def _short(value: Any, limit: int = 60) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(schema: dict[str, Any]) -> str:
    title = schema.get("title")
    description = schema.get("description")
    return f" ({title}: {description})" if title and description else ""


def _required(error: ValidationError) -> Iterator[Message]:
    properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    for name in error.validator_value:
        if isinstance(error.instance, dict) and name not in error.instance:
            yield ((*error.absolute_path, name), "dit verplichte veld ontbreekt",
                   f"voeg '{name}:' toe{_describe(properties.get(name, {}))}")


def _additional(error: ValidationError) -> Iterator[Message]:
    allowed = list(error.schema.get("properties", {}))
    for name in error.instance:
        if name in allowed:
            continue
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"bedoelde je '{close[0]}'? " if close else ""
        yield ((*error.absolute_path, name), f"onbekend veld '{_short(name, 40)}'",
               f"{hint}toegelaten velden: {', '.join(a for a in allowed if a != '$schema')}")


def _type(error: ValidationError) -> Iterator[Message]:
    wanted = error.validator_value
    wanted_text = _TYPES.get(wanted, str(wanted)) if isinstance(wanted, str) else " of ".join(_TYPES[w] for w in wanted)
    value = error.instance
    fix = f"schrijf {wanted_text}"
    digits = re.fullmatch(r"[+-]?([0-9]+)(\.[0-9]*)?", value) if isinstance(value, str) else None
    if wanted in ("integer", "number") and digits and len(digits.group(1).lstrip("0")) > 15:
        fix = "dit getal is veel te groot: schrijf het werkelijke aantal"
    elif wanted == "integer" and digits:
        if digits.group(1).startswith("0") and not digits.group(2) and digits.group(1).strip("0"):
            fix = f"schrijf het getal zonder voorloopnul, bv. {int(digits.group(1))}"
        else:
            fix = "schrijf een geheel getal zonder komma of punt"
    elif wanted == "boolean":
        fix = "schrijf true (ja) of false (nee), zonder aanhalingstekens"
    elif wanted == "array" and isinstance(value, str):
        fix = f"zet elke waarde op een eigen regel die begint met '- ', bv. '- {_short(value, 30)}'"
    elif wanted == "string" and value is None:
        fix = "vul een waarde in of verwijder het veld als het niet verplicht is"
    yield (tuple(error.absolute_path), f"verwacht {wanted_text}, maar hier staat {_kind_of(value)}", fix)


def _enum(error: ValidationError) -> Iterator[Message]:
    allowed = [str(v) for v in error.validator_value]
    close = difflib.get_close_matches(str(error.instance), allowed, n=1)
    hint = f"bedoelde je '{close[0]}'? " if close else ""
    yield (tuple(error.absolute_path), f"'{_short(error.instance)}' is geen toegelaten waarde",
           f"{hint}kies uit: {', '.join(allowed)}")


def _format(error: ValidationError) -> Iterator[Message]:
    cause = error.cause
    if isinstance(cause, FormatProblem):
        yield (tuple(error.absolute_path), cause.message, cause.fix)
    else:
        yield (tuple(error.absolute_path), f"'{_short(error.instance)}' heeft niet de juiste vorm",
               "vergelijk met het sjabloon")


def _pattern(error: ValidationError) -> Iterator[Message]:
    fix = error.schema.get("x-fix") or "vergelijk met het sjabloon"
    yield (tuple(error.absolute_path), f"'{_short(error.instance)}' heeft niet de juiste vorm", fix)


def _min_length(error: ValidationError) -> Iterator[Message]:
    yield (tuple(error.absolute_path), "is leeg", "vul een tekst in of verwijder het veld als het niet verplicht is")


def _max_length(error: ValidationError) -> Iterator[Message]:
    yield (tuple(error.absolute_path), f"is te lang ({len(error.instance)} tekens, maximaal {error.validator_value})",
           "kort de tekst in")


def _min_items(error: ValidationError) -> Iterator[Message]:
    yield (tuple(error.absolute_path), f"heeft minstens {error.validator_value} element(en) nodig",
           "voeg een regel toe die begint met '- '")


def _max_items(error: ValidationError) -> Iterator[Message]:
    yield (tuple(error.absolute_path), f"heeft te veel elementen (maximaal {error.validator_value})",
           "houd de belangrijkste over")


def _unique(error: ValidationError) -> Iterator[Message]:
    yield (tuple(error.absolute_path), "dezelfde waarde staat er meer dan eens in", "verwijder de dubbele waarde")


def _minimum(error: ValidationError) -> Iterator[Message]:
    yield (tuple(error.absolute_path), f"{error.instance} is te klein (minstens {error.validator_value})",
           f"schrijf een getal vanaf {error.validator_value}")


def _maximum(error: ValidationError) -> Iterator[Message]:
    yield (tuple(error.absolute_path), f"{error.instance} is te groot (hoogstens {error.validator_value})",
           f"schrijf een getal tot en met {error.validator_value}")


def _any_of(error: ValidationError) -> Iterator[Message]:
    # One value or a list: explain the branch of the same kind as what was written (a text → the
    # value's rules, a list → the list's), else say which kinds are allowed.
    branches = error.validator_value if isinstance(error.validator_value, list) else []
    kinds = [b.get("type") for b in branches if isinstance(b, dict)]
    written = "array" if isinstance(error.instance, list) else "string" if isinstance(error.instance, str) else None
    if written in kinds:
        branch = kinds.index(written)
        sub_errors = [e for e in error.context or () if e.relative_schema_path and e.relative_schema_path[0] == branch]
        if sub_errors:
            for sub in sub_errors:
                yield from explain(sub)
            return
    wanted = " of ".join(_TYPES.get(str(k), str(k)) for k in kinds) or "een andere waarde"
    yield (tuple(error.absolute_path), f"verwacht {wanted}, maar hier staat {_kind_of(error.instance)}",
           "schrijf één waarde, of een lijst met elke waarde op een eigen regel die begint met '- '")


_BY_KEYWORD: dict[str, Callable[[ValidationError], Iterator[Message]]] = {
    "required": _required, "additionalProperties": _additional, "type": _type, "enum": _enum,
    "format": _format, "pattern": _pattern, "minLength": _min_length, "maxLength": _max_length,
    "minItems": _min_items, "maxItems": _max_items, "uniqueItems": _unique,
    "minimum": _minimum, "maximum": _maximum, "anyOf": _any_of, "oneOf": _any_of,
}


def explain(error: ValidationError) -> Iterator[Message]:
    """Dutch messages for one schema error (a ``required`` error may name several fields)."""
    handler = _BY_KEYWORD.get(error.validator)
    if handler:
        yield from handler(error)
        return
    yield (tuple(error.absolute_path), f"waarde klopt niet met de regels ({error.validator})",
           f"vergelijk {field_name(tuple(error.absolute_path))} met het sjabloon")
