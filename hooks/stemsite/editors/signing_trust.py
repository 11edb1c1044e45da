"""The trust rules of signing, as data the browser can apply: shared hosts and invited organisations.

The build refuses a website or proof page on a host that serves many owners
(``data/vocabularies/shared_hosts.yml``) and a name that matches an invited organisation
(``data/vocabularies/invited_organisations.yml``) unless its website and proof are on a domain
the maintainers recorded as verified for it. The browser gets the same lists, and each invited
name in the compact form it compares on (:func:`compact`), with the confusable letters that fold
into it, so the page refuses what the build will refuse before anything is handed on.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from confusable_homoglyphs import confusables

SHARED_HOSTS = "shared_hosts"
INVITED = "invited_organisations"


@lru_cache(maxsize=1)
def confusable_letters() -> dict[str, str]:
    """Every non-ASCII character Unicode's confusables.txt maps to one ASCII letter or digit (small letters)."""
    result = {}
    for char, found in confusables.confusables_data.items():
        if len(char) != 1 or ord(char) < 128:
            continue
        ascii_like = sorted(h["c"] for h in found if len(h["c"]) == 1 and ord(h["c"]) < 128 and h["c"].isalnum())
        if ascii_like:
            result[char] = ascii_like[0].lower()
    return result


def words(name: str) -> str:
    """``K.U. Lеuven`` (Cyrillic е) → ``k u leuven``: NFKC, small letters, confusables folded, what is not ASCII
    dropped, words of a-z0-9 separated by one space. ``signing/checks.js`` (``folded``) takes the same steps."""
    letters = confusable_letters()
    folded = "".join(letters.get(ch, ch) for ch in unicodedata.normalize("NFKC", name).lower())
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def compact(name: str) -> str:
    """``K.U. Lеuven`` → ``kuleuven``: :func:`words` without the spaces."""
    return words(name).replace(" ", "")


def _terms(folder: Path, name: str) -> list[dict[str, Any]]:
    path = folder / f"{name}.yml"
    if not path.is_file():
        return []
    values = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("values") or []
    return [v for v in values if isinstance(v, dict) and v.get("value")]


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []


def browser_trust(vocabularies_dir: Path) -> dict[str, Any]:
    """``{"sharedHosts": [...], "invited": [{label, names, words, domains}], "letters": {...}}`` for ``regels.json``."""
    shared = sorted({str(t["value"]).lower() for t in _terms(vocabularies_dir, SHARED_HOSTS)})
    invited = []
    for term in _terms(vocabularies_dir, INVITED):
        label = str(term.get("label") or term["value"])
        spellings = (label, *_strings(term.get("aliases")))
        invited.append({"label": label, "names": sorted({compact(n) for n in spellings if compact(n)}),
                        "words": sorted({words(n) for n in spellings if words(n)}),
                        "domains": sorted({d.lower() for d in _strings(term.get("verified_domains"))})})
    return {"sharedHosts": shared, "invited": invited, "letters": confusable_letters()}
