"""The mistakes editors make most, each applied to a good record made by the scaffolder.

``CONTRIBUTING.md`` and ``/meedoen/`` quote the exact lines the checks print for these
(see ``test_guide_messages.py``), and ``test_standard_validator.py`` compares the build's
verdict with a standard JSON Schema validator's on the same files. ``standard`` says
whether a standard validator catches the mistake too; the others are the build's own
cross-checks (dates in the future, https, domains, municipalities, images, file names).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from editor_support import EXAMPLES, IMAGE_SUFFIX, write_image

from stemsite.collections import BY_KIND
from stemsite.editors.scaffold import scaffold
from stemsite.project import Project

SLUG = "voorbeeld"


@dataclass(frozen=True)
class Mistake:
    """One typical mistake: which kind of record, and how the good text becomes wrong."""

    name: str
    kind: str
    change: Callable[[str], str]
    standard: bool
    with_image: bool = True
    file_name: str = f"{SLUG}.yml"


def _replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"de basistekst bevat '{old}' niet meer: pas de fout aan"
        return text.replace(old, new, 1)
    return change


def _keep(text: str) -> str:
    return text


MISTAKES = (
    Mistake("tikfout-in-waarde", "signatory", _replace("category: bedrijf", "category: bedrijff"), True),
    Mistake("verplicht-veld-ontbreekt", "signatory", _replace("signed_on: 2025-03-14\n", ""), True),
    Mistake("datum-met-schuine-strepen", "signatory", _replace("signed_on: 2025-03-14", "signed_on: 14/03/2025"), True),
    Mistake("datum-in-de-toekomst", "signatory", _replace("signed_on: 2025-03-14", "signed_on: 2099-03-14"), False),
    Mistake("adres-zonder-https", "signatory",
            _replace("website: https://www.voorbeeldbedrijf.example/", "website: www.voorbeeldbedrijf.example"), False),
    Mistake("bewijs-op-ander-domein", "signatory",
            _replace("proof: https://www.voorbeeldbedrijf.example/", "proof: https://www.nieuwssite.example/"), False),
    Mistake("veldnaam-verkeerd-gespeld", "signatory", _replace("proof:", "sector: chemie\nprof:"), True),
    Mistake("dubbelpunt-in-tekst", "signatory",
            _replace("description: Elk jaar", "description: Stages: elk jaar"), True),
    Mistake("logo-ontbreekt", "signatory", _keep, False, with_image=False),
    Mistake("bestandsnaam-met-hoofdletters", "signatory", _keep, False, file_name="Voorbeeld Bedrijf.yml"),
    Mistake("lijst-als-tekst", "role-model", _replace("fields:\n  - engineering\n  - wiskunde", "fields: engineering"),
            True),
    Mistake("gemeente-als-naam", "academy", _replace("municipality: '43010'", "municipality: Maldegem"), True),
    Mistake("onbekende-gemeente", "academy", _replace("municipality: '43010'", "municipality: '43999'"), False),
    Mistake("ja-in-plaats-van-true", "academy", lambda text: text + "recognised: ja\n", True),
    Mistake("inspringing-met-tab", "practice", _replace("topics:\n  - makerspace", "topics:\n\t- makerspace"), True),
    Mistake("einde-voor-begin", "event", _replace("starts: 2026-03-14T14:00", "starts: 2026-03-14T14:00\nends: 2026-03-14T12:00"),
            False),
)


def good_text(project: Project, kind: str) -> str:
    """The scaffolder's record for the kind's example, as text (made, read, removed)."""
    created = scaffold(project, kind, EXAMPLES[kind], slug=SLUG)
    text = created.path.read_text(encoding="utf-8")
    created.path.unlink()
    return text


def apply(project: Project, mistake: Mistake) -> Path:
    """Write the wrong record (and its image, if the mistake keeps it) into the project."""
    collection = BY_KIND[mistake.kind]
    folder = project.data_dir / collection.name
    path = folder / mistake.file_name
    path.write_text(mistake.change(good_text(project, mistake.kind)), encoding="utf-8")
    if collection.image == "required" and mistake.with_image:
        write_image(path.with_name(Path(mistake.file_name).stem + IMAGE_SUFFIX[mistake.kind]))
    return path
