"""Synthetic, fictional data sets for ``scripts/bench.py``: a project with N signatories.

Every record is made up ("(fictief)" in every name); nothing here names a real organisation
or person. Each logo and photo is a distinct image (its own colours and shapes), so the image
cache cannot fold them into one job: a cold build does the work a real wall of N logos would.
Logos rotate over every accepted format (svg, png, jpg, webp); the other collections grow in
proportion (role models with photos, academies, practices and events).
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from real_project import copy_real_project

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
"""The day the benchmark's builds believe it is (``STEMSITE_TODAY``), so dates stay valid."""
LOGO_FORMATS = ("svg", "png", "jpg", "webp")
SHARE = {"role_models": 50, "academies": 20, "practices": 50, "events": 50, "stories": 5}
"""One record of each of these collections per so many signatories (at least two of each)."""

CATEGORIES = ["bedrijf", "bedrijf", "bedrijf", "sectororganisatie", "onderwijs", "stem-initiatief",
              "centrale-overheid", "lokale-overheid", "individu"]
SECTORS = ["chemie", "bouw", "energie", "ict", "zorg", "voeding", "logistiek", "metaal"]
COMMITMENTS = {
    "stages": "Elk jaar stageplaatsen voor leerlingen uit het secundair onderwijs.",
    "opendeurdag": "Een opendeurdag voor scholen en ouders, met rondleidingen in de werkplaats.",
    "materiaal": "Meetinstrumenten en restmateriaal voor technieklessen in de buurt.",
    "experts": "Ingenieurs en technici geven gastlessen in basis- en secundaire scholen.",
    "verhalen": "Medewerkers vertellen op bezoekdagen hoe ze in hun beroep terechtkwamen.",
    "gezamenlijk-project": "Een gezamenlijk project met een STEM-academie uit de regio.",
    "doelgroepen": "Workshops voor meisjes en jongeren die thuis weinig met techniek in aanraking komen.",
}
AUDIENCES = ("jongeren", "leerkrachten", "ouders", "meisjes", "kinderen")
WORDS = ("Techniek", "Atelier", "Werkplaats", "Labo", "Studio", "Groep", "Netwerk", "Dienst", "Fabriek")


def _municipalities() -> list[str]:
    from stemsite import places
    return sorted(places.municipalities())


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days))


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randrange(256), rng.randrange(256), rng.randrange(256))


def _raster(rng: random.Random, size: tuple[int, int], fmt: str) -> bytes:
    """A distinct picture: a background and a few shapes in its own colours."""
    image = Image.new("RGB", size, _colour(rng))
    draw = ImageDraw.Draw(image)
    width, height = size
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(8, max(9, min(size) // 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_colour(rng))
    out = io.BytesIO()
    image.save(out, {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[fmt], quality=85)
    return out.getvalue()


def _svg(rng: random.Random, label: str) -> bytes:
    fill = "#%02x%02x%02x" % _colour(rng)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 120" width="240" height="120">'
            f'<rect width="240" height="120" rx="12" fill="{fill}"/>'
            f'<circle cx="{rng.randrange(40, 200)}" cy="60" r="{rng.randrange(10, 40)}" fill="#ffffff"/>'
            f'<text x="16" y="104" font-size="22" fill="#111111">{label}</text></svg>').encode()


def _signatory(n: int, rng: random.Random, municipalities: list[str]) -> str:
    category = CATEGORIES[n % len(CATEGORIES)]
    word = WORDS[n % len(WORDS)]
    lines = [f"name: {word} {n} (fictief)", f"category: {category}"]
    if category != "individu":
        lines += [f"website: https://org{n}.example/", f"proof: https://org{n}.example/nieuws/stem-charter"]
    withdrawn = n % 97 == 0
    signed_until = TODAY - timedelta(days=11) if withdrawn else TODAY  # signed before withdrawn_on (TODAY - 10)
    lines += [f"signed_on: {_day(rng, date(2023, 1, 1), signed_until).isoformat()}",
              f"sector: {rng.choice(SECTORS)}", f'municipality: "{rng.choice(municipalities)}"']
    if category != "individu":
        lines.append(f"employees: {rng.randrange(1, 5000)}")
    if n % 3 == 0 or n == 1:  # signatory 1 has one: make bench changes its text (not an offer's)
        lines.append(f"description: Een fictieve organisatie uit de {rng.choice(SECTORS)}sector die "
                     "jongeren **laat proeven** van techniek.")
    lines.append("commitments:")
    for kind in rng.sample(sorted(COMMITMENTS), 3):  # the scale: three offers per signatory
        lines += [f"  - type: {kind}", f"    description: {COMMITMENTS[kind]}",
                  f"    audience: [{rng.choice(AUDIENCES)}]"]
        if rng.random() < 0.3:
            lines.append(f"    places: {rng.randrange(1, 40)}")
        if rng.random() < 0.2:
            lines.append(f"    until: {_day(rng, TODAY - timedelta(days=100), TODAY + timedelta(days=300)).isoformat()}")
    if withdrawn:
        lines.append(f"withdrawn_on: {TODAY - timedelta(days=10)}")
    return "\n".join(lines) + "\n"


def _role_model(n: int, rng: random.Random) -> str:
    fields = rng.sample(["wetenschap", "technologie", "engineering", "wiskunde", "informatica"], 2)
    return (f"name: Rolmodel {n} (fictief)\njob: Ingenieur in een fictief bedrijf\norganisation: Fictief bedrijf {n}\n"
            f"fields: [{', '.join(fields)}]\nquote: Techniek is samen problemen oplossen.\n"
            "story: |\n  Als kind haalde ik alles uit elkaar. Nu ontwerp ik **machines** die dat voor mij doen.\n"
            f"consent_on: {_day(rng, date(2024, 1, 1), TODAY).isoformat()}\nlanguages: [nl]\n"
            f"region: {rng.choice(['antwerpen', 'limburg', 'oost-vlaanderen', 'vlaams-brabant', 'west-vlaanderen'])}\n"
            f"available_for: [{rng.choice(['school', 'clubbezoek', 'online'])}]\n")


def _academy(n: int, rng: random.Random, municipalities: list[str]) -> str:
    return (f"name: Academie {n} (fictief)\nmunicipality: \"{rng.choice(municipalities)}\"\n"
            f"themes: [{rng.choice(['techniek', 'programmeren', 'natuur', 'sterrenkunde'])}]\n"
            f"formats: [{rng.choice(['losse-activiteit', 'korte-reeks', 'lange-reeks-jaar'])}]\n"
            f"ages: {{min: {rng.randrange(6, 12)}, max: {rng.randrange(12, 19)}}}\nwebsite: https://academie{n}.example/\n")


def _practice(n: int, rng: random.Random, municipalities: list[str]) -> str:
    return (f"title: Praktijk {n} (fictief)\norganisation: Fictieve vzw {n}\n"
            "summary: Jongeren bouwen samen een makerspace uit.\n"
            "body: |\n  Eerst een ruimte, dan **materiaal**, dan een vaste avond per week.\n"
            f"topics: [{rng.choice(['makerspace', 'jeugdhuis', 'bibliotheek'])}]\n"
            f"municipality: \"{rng.choice(municipalities)}\"\n")


def _event(n: int, rng: random.Random, municipalities: list[str]) -> str:
    day = _day(rng, TODAY - timedelta(days=200), TODAY + timedelta(days=200))
    return (f"title: Workshop {n} (fictief)\nstarts: {day.isoformat()}T14:00\nends: {day.isoformat()}T16:00\n"
            f"location:\n  name: Fictieve bibliotheek {n}\n  municipality: \"{rng.choice(municipalities)}\"\n"
            f"organiser: Fictieve academie {n}\nurl: https://workshop{n}.example/\naudience: [kinderen]\n"
            "description: Bouw en programmeer je eigen robot.\n")


def _story(n: int, rng: random.Random, municipalities: list[str], signatories: int) -> str:
    tellers = sorted({rng.randrange(1, signatories + 1) for _ in range(2)})
    tellers = [t for t in tellers if t % 97] or [1]  # never a withdrawn one (see _signatory)
    lines = [f"title: Verhaal {n} (fictief)", f"published_on: {_day(rng, date(2024, 1, 1), TODAY).isoformat()}",
             f"kind: {rng.choice(['samenwerking', 'project', 'doelgroep', 'bezoek'])}",
             "summary: Een fictieve klas bouwde samen met een fictief bedrijf een kleine windmolen.",
             "body: |\n  Drie weken lang kwamen twee **ingenieurs** naar de klas.",
             f"signatories: [{', '.join(f'bench-ondertekenaar-{t}' for t in tellers)}]",
             f'municipality: "{rng.choice(municipalities)}"']
    if n % 10 == 0:  # one in ten with a photo
        lines += [f"consent_on: {TODAY.isoformat()}", "image_alt: Leerlingen rond een zelfgebouwde windmolen."]
    return "\n".join(lines) + "\n"


def counts(signatories: int) -> dict[str, int]:
    """How many records of each collection a data set of N signatories has."""
    return {"signatories": signatories, **{name: max(2, signatories // per) for name, per in SHARE.items()}}


def write_data(data: Path, signatories: int) -> dict[str, int]:
    """Write the synthetic records and images into ``data/``; returns the count per collection."""
    rng = random.Random(signatories)
    municipalities = _municipalities()
    sizes = counts(signatories)
    for name in sizes:
        (data / name).mkdir(parents=True, exist_ok=True)
    for n in range(1, signatories + 1):
        slug = f"bench-ondertekenaar-{n}"
        (data / "signatories" / f"{slug}.yml").write_text(_signatory(n, rng, municipalities), encoding="utf-8")
        fmt = LOGO_FORMATS[n % len(LOGO_FORMATS)]
        logo = _svg(rng, f"Logo {n}") if fmt == "svg" else _raster(rng, (rng.randrange(160, 480), 120), fmt)
        (data / "signatories" / f"{slug}.{fmt}").write_bytes(logo)
    for n in range(1, sizes["role_models"] + 1):
        (data / "role_models" / f"bench-rolmodel-{n}.yml").write_text(_role_model(n, rng), encoding="utf-8")
        (data / "role_models" / f"bench-rolmodel-{n}.jpg").write_bytes(_raster(rng, (600, 800), "jpg"))
    for n in range(1, sizes["academies"] + 1):
        (data / "academies" / f"bench-academie-{n}.yml").write_text(_academy(n, rng, municipalities), encoding="utf-8")
    for n in range(1, sizes["practices"] + 1):
        (data / "practices" / f"bench-praktijk-{n}.yml").write_text(_practice(n, rng, municipalities), encoding="utf-8")
    for n in range(1, sizes["events"] + 1):
        (data / "events" / f"bench-activiteit-{n}.yml").write_text(_event(n, rng, municipalities), encoding="utf-8")
    for n in range(1, sizes["stories"] + 1):
        (data / "stories" / f"bench-verhaal-{n}.yml").write_text(_story(n, rng, municipalities, signatories),
                                                                 encoding="utf-8")
        if n % 10 == 0:
            (data / "stories" / f"bench-verhaal-{n}.jpg").write_bytes(_raster(rng, (900, 600), "jpg"))
    return sizes


def make_project(root: Path, signatories: int) -> dict[str, int]:
    """The real site (config, theme, schemas, content, data) plus N synthetic signatories in ``root``."""
    copy_real_project(root)
    return write_data(root / "data", signatories)


FLOOR_CONFIG = """\
site_name: Vloer
site_url: http://127.0.0.1:8000/
docs_dir: docs
strict: true
theme:
  name: material
  language: nl
  font: false
plugins:
  - search:
      lang: nl
nav:
  - index.md
"""


def make_floor(root: Path, project: Path) -> int:
    """The same records as plain Markdown pages, out of the nav, for bare MkDocs: the framework floor.

    Each page carries the record's own text (name, fields, commitments) as Markdown, so
    MkDocs and its search index handle about as much text per page as in our build."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Vloer\n\nBare MkDocs met dezelfde pagina's.\n", encoding="utf-8")
    pages = 0
    for folder in sorted((project / "data").iterdir()):
        if folder.name in ("vocabularies", "figures") or not folder.is_dir():
            continue
        (docs / folder.name).mkdir(exist_ok=True)
        for path in folder.glob("*.yml"):
            body = [line.replace("  - type:", "- ").replace("    description:", "  ") for line in
                    path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
            title = body[0].split(":", 1)[1].strip()
            (docs / folder.name / f"{path.stem}.md").write_text(f"# {title}\n\n" + "\n\n".join(body[1:]) + "\n",
                                                                encoding="utf-8")
            pages += 1
    return pages
