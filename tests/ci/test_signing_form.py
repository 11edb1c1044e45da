"""The signing form's one path: generated from the schema, read by the generic reader, checked before anything is fetched.

A hostile answer is refused with a Dutch message naming the question; a good issue becomes a file
that passes validation. The form is made from ``schemas/signatories.schema.json`` like every other
proposal form; signing's own rules (the proof on the website's domain, invited names) run on top.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.request import Request

import pytest
import yaml

from ci_support import FORM, REPO, make_data_project, png_bytes
from stemsite.editors.proposals import BY_KEY
from stemsite.workflows import attachments, proposal
from stemsite.workflows.issue_body import MAX_BODY_CHARS, NO_RESPONSE, load_form
from stemsite.slugs import MAX_SLUG, slugify
from stemsite.load import yaml_strict
from stemsite.project import Project
from stemsite.validate.dataset import validate_project
from stemsite.load.vocabularies import load_vocabularies
from stemsite.problems import Report

TODAY = date(2026, 11, 23)
LOGO = "https://github.com/user-attachments/assets/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
FORM_SPEC = load_form(FORM)
SIGNING = BY_KEY["ondertekenen"]

GOOD = {
    "name": "Voorbeeld Chemie nv",
    "category": "Bedrijven, instellingen en diensten",
    "website": "https://www.voorbeeld-chemie.be/",
    "proof": "https://www.voorbeeld-chemie.be/nieuws/stem-charter",
    "signed_on": "2025-03-14",
    "commitments": "Stageplaatsen | Elk jaar tien stageplaatsen voor leerlingen uit het secundair.\n"
                   "Experts voor scholen | Ingenieurs die in de klas komen vertellen. | Leerkrachten en scholen, Jongeren",
    "sector": "chemie",
    "municipality": "Maldegem",
    "employees": "1.250",
    "description": "Wij maken **verf**.\n\n- voor huizen\n- voor bruggen",
    "links": "Interview | https://www.standaard.be/interview",
    "image": f'<img width="512" height="256" alt="logo" src="{LOGO}" />',
    "consent": "\n".join(f"- [X] {option}" for option in FORM_SPEC.fields["consent"]["options"]),
}


def read_back(text: str) -> dict:
    """The record as the build reads it (dates stay text, as in the schema)."""
    from stemsite.validate import coerce

    schema = json.loads((REPO / "schemas" / "signatories.schema.json").read_text(encoding="utf-8"))
    return coerce.to_json(yaml_strict.parse(text), schema, {})


def body(**answers: str) -> str:
    """An issue text exactly as GitHub writes it for this form."""
    values = {**GOOD, **answers}
    parts = []
    for field_id, spec in FORM_SPEC.fields.items():
        parts.append(f"### {spec['label']}\n\n{values.get(field_id) or NO_RESPONSE}")
    return "\n\n".join(parts) + "\n"


class Fetch:
    """Stands in for the download; remembers what it was asked."""

    def __init__(self, data: bytes | None = None):
        self.data = png_bytes() if data is None else data
        self.urls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        return self.data


@pytest.fixture
def root(tmp_path):
    return make_data_project(tmp_path / "project")


def prepare(root, text, fetch=None):
    return proposal.prepare(SIGNING, text, 42, root, today=TODAY, fetch=fetch or Fetch())


def test_a_good_issue_becomes_a_file_that_passes_validation(root):
    fetch = Fetch()
    outcome = prepare(root, body(), fetch)
    assert outcome.ok, outcome.problems
    assert fetch.urls == [LOGO]
    assert outcome.slug == "voorbeeld-chemie-nv"
    assert set(outcome.files) == {"data/signatories/voorbeeld-chemie-nv.yml", "data/signatories/voorbeeld-chemie-nv.png"}
    _, report = validate_project(Project(root, today=TODAY))
    assert not report, report.render()
    text = (root / "data" / "signatories" / "voorbeeld-chemie-nv.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/signatories.schema.json\n")
    assert read_back(text) == {
        "name": "Voorbeeld Chemie nv", "category": "bedrijf", "website": "https://www.voorbeeld-chemie.be/",
        "proof": "https://www.voorbeeld-chemie.be/nieuws/stem-charter", "signed_on": "2025-03-14",
        "commitments": [{"type": "stages", "description": "Elk jaar tien stageplaatsen voor leerlingen uit het secundair."},
                        {"type": "experts", "description": "Ingenieurs die in de klas komen vertellen.",
                         "audience": ["leerkrachten", "jongeren"]}],
        "sector": "chemie", "municipality": "43010",
        "employees": 1250, "description": "Wij maken **verf**.\n\n- voor huizen\n- voor bruggen",
        "links": [{"title": "Interview", "url": "https://www.standaard.be/interview"}],
    }


def test_an_individual_needs_no_website_and_an_empty_date_is_the_day_of_approval(root):
    outcome = prepare(root, body(name="Dr. Ada Voorbeeld", category="Individuen", website="", proof="", signed_on=""))
    assert outcome.ok, outcome.problems
    data = read_back((root / "data" / "signatories" / "dr-ada-voorbeeld.yml").read_text(encoding="utf-8"))
    assert data["category"] == "individu" and data["signed_on"] == TODAY.isoformat() and "website" not in data


HOSTILE = {
    "javascript website": (dict(website="javascript:alert(document.cookie)"), "Website", "'javascript:'-adressen"),
    "javascript proof": (dict(proof="JavaScript:alert(1)"), "Bewijspagina", "alleen https://"),
    "javascript link": (dict(links="Klik | javascript:alert(1)"), "Links", "alleen https://"),
    "http website": (dict(website="http://www.voorbeeld-chemie.be/"), "Website", "alleen https://"),
    "newline in name": (dict(name="Acme\n::error file=x::vals"), "Naam", "één regel"),
    "newline in website": (dict(website="https://a.be/\nhttps://b.be/"), "Website", "één regel"),
    "oversized name": (dict(name="A" * 121), "Naam", "te lang (121 tekens, maximaal 120)"),
    "oversized commitment": (dict(commitments="Stageplaatsen | " + "woord " * 120), "Engagementen", "te lang"),
    "oversized answer": (dict(description="x" * 6000), "Beschrijving", "te lang (6000 tekens)"),
    "logo elsewhere": (dict(image="![logo](https://evil.example/logo.png)"), "Logo", "bijlage"),
    "logo lookalike host": (dict(image=LOGO.replace("github.com", "github.com.evil.example")), "Logo", "bijlage"),
    "logo path escape": (dict(image=LOGO + "/../../../evil"), "Logo", "bijlage"),
    "logo over http": (dict(image=LOGO.replace("https", "http")), "Logo", "bijlage"),
    "logo data url": (dict(image="<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">"), "Logo", "verboden soort adres"),
    "two logos": (dict(image=f"{LOGO}\n{LOGO[:-1]}0"), "Logo", "meerdere"),
    "no logo": (dict(image="ons logo volgt nog"), "Logo", "geen bestand"),
    "injected question": (dict(description="Over ons\n\n### Website\n\nhttps://evil.example/"), "Website", "twee keer"),
    "unknown heading": (dict(description="### Geschiedenis\n\nSinds 1900."), "Geschiedenis", "kop (###)"),
    "unknown category": (dict(category="Geheime dienst"), "Soort ondertekenaar", "staat niet in de lijst"),
    "no consent": (dict(consent="- [ ] " + FORM_SPEC.fields["consent"]["options"][0]), "Toestemming", "vakjes"),
    "no commitment": (dict(commitments=""), "Engagementen", "verplicht"),
    "unknown commitment type": (dict(commitments="Feestjes | Elk jaar een feest"), "Engagementen", "staat niet in de lijst"),
    "unknown audience": (dict(commitments="Stageplaatsen | Tien plaatsen | Studenten"), "Engagementen", "niet in de lijst"),
    "future date": (dict(signed_on="2099-01-01"), "Datum van ondertekening", "toekomst"),
    "not a date": (dict(signed_on="14/03/2025"), "Datum van ondertekening", "JJJJ-MM-DD"),
    "not a number": (dict(employees="veel"), "Aantal werknemers", "geen geheel getal"),
    "unknown municipality": (dict(municipality="Atlantis"), "Gemeente", "geen gemeente"),
    "organisation without proof": (dict(proof=""), "Bewijspagina", "alleen wie als persoon tekent"),
    "proof on another domain": (dict(proof="https://www.iemand-anders.be/stem"), "Bewijspagina",
                                "de bewijspagina staat op iemand-anders.be, de website op voorbeeld-chemie.be"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_answers_are_refused_before_anything_is_fetched_or_written(root, case):
    answers, label, fragment = HOSTILE[case]
    fetch = Fetch()
    outcome = prepare(root, body(**answers), fetch)
    assert not outcome.ok
    assert any(p.field == label and fragment in f"{p.message} {p.fix}" for p in outcome.problems), outcome.problems
    assert fetch.urls == []
    assert list((root / "data" / "signatories").iterdir()) == []


def test_an_oversized_issue_is_refused_whole(root):
    outcome = prepare(root, body() + "x" * MAX_BODY_CHARS)
    assert not outcome.ok and "te lang" in outcome.problems[0].message


def test_a_proof_on_another_domain_is_the_only_problem_and_nothing_is_left_behind(root):
    fetch = Fetch()
    outcome = prepare(root, body(proof="https://www.iemand-anders.be/stem"), fetch)
    assert not outcome.ok and fetch.urls == []
    assert [(p.field, p.message) for p in outcome.problems] == [
        ("Bewijspagina", "de bewijspagina staat op iemand-anders.be, de website op voorbeeld-chemie.be")]
    assert list((root / "data" / "signatories").iterdir()) == []


def test_a_logo_that_is_no_image_or_a_bomb_is_refused(root):
    not_image = prepare(root, body(), Fetch(b"<html><script>alert(1)</script></html>"))
    assert not not_image.ok and not_image.problems[0].field == "Logo"
    assert "geen PNG, JPEG, WebP of SVG" in not_image.problems[0].message
    tiny = prepare(root, body(), Fetch(png_bytes(20, 20)))
    assert not tiny.ok and tiny.problems[0].field == "Logo" and "te klein" in tiny.problems[0].message


def test_an_existing_signatory_is_never_overwritten(root):
    assert prepare(root, body()).ok
    again = prepare(root, body())
    assert not again.ok and "bestaat al" in again.problems[0].message


def test_a_name_in_another_script_is_transliterated(root):
    outcome = prepare(root, body(name="北京科技"))
    assert outcome.ok and outcome.slug == "bei-jing-ke-ji"


def test_a_name_without_letters_gets_no_empty_slug(root):
    outcome = prepare(root, body(name="🚀 ✨"))
    assert not outcome.ok and "bestandsnaam" in outcome.problems[0].message


@pytest.mark.parametrize("name,message", [
    ("Voorbeeld Сhemie nv", "het woord 'Сhemie' mengt letters uit verschillende schriften (cyrillic en latin)"),
    ("Ｖoorbeeld Chemie nv", "bevat letters of cijfers in een bijzondere vorm ('Ｖ' in plaats van 'V')"),
    ("Voorbeeld Chemie nv\ufe0f", "bevat onzichtbare of tekstrichting-omkerende tekens"),
    ("Voorbeeld Chemie nv\U000e0041", "bevat onzichtbare of tekstrichting-omkerende tekens"),
    ("Voorbeeld\u2060Chemie nv", "bevat onzichtbare of tekstrichting-omkerende tekens"),
    ("Voorbeeld Chemie nv\ufffe", "bevat tekens die geen tekst zijn en feeds en badges breken (U+FFFE)"),
    ("Voorbeeld C\u0301\u0301hemie nv", "bevat een opeenstapeling van accenttekens op één letter"),
])
def test_look_alike_and_unprintable_names_are_refused_by_the_form(root, name, message):
    fetch = Fetch()
    outcome = prepare(root, body(name=name), fetch)
    assert not outcome.ok
    assert [p.field for p in outcome.problems] == [FORM_SPEC.label("name")]
    assert outcome.problems[0].message.startswith(message), outcome.problems[0].message
    assert list((root / "data" / "signatories").iterdir()) == []  # nothing left behind


@pytest.mark.parametrize("existing,name", [("Voorbeeld Chemie nv", "VOORBEELD  chemie NV"),
                                           ("Voorbeeld Chemie nv", "Voorbeeld СНЕМІЕ nv"),  # a whole word in Cyrillic capitals
                                           ("Zeta Chemie nv", "Zеta Chemie nv ")])
def test_a_name_that_looks_like_a_signatory_on_the_wall_is_refused(root, existing, name):
    assert prepare(root, body(name=existing)).ok
    outcome = prepare(root, body(name=name))
    assert not outcome.ok
    assert any(p.field == FORM_SPEC.label("name") and ("bestaat al" in p.message or "gelijkende naam" in p.message
                                                      or "mengt letters" in p.message) for p in outcome.problems), \
        outcome.problems


@pytest.mark.parametrize("name", ["Agoria Vlaanderen", "agoria   VLAANDEREN!", "Аgoria Vlaanderen", "KU Leuven vzw", "GO!",
                                  "Agoria", "UGent", "AgoriaVlaanderen", "K.U.Leuven", "B.A.S.F.", "V.D.A.B.", "i m e c"])
def test_an_invited_organisation_is_caught_by_the_forms_own_check(root, name):
    fetch = Fetch()
    outcome = prepare(root, body(name=name), fetch)
    assert not outcome.ok and fetch.urls == []  # refused before the logo is fetched
    (invited,) = [p for p in outcome.problems if "een organisatie die het STEM-platform zelf uitnodigt" in p.message]
    assert invited.field == FORM_SPEC.label("name") and "Neem contact op met het STEM-platform" in invited.fix


@pytest.mark.parametrize("answers,field,message", [
    ({"proof": "https://evil.example?x=.voorbeeld-chemie.be"}, "proof",
     "de bewijspagina staat op evil.example, de website op voorbeeld-chemie.be"),
    ({"proof": "https://evil.example#.voorbeeld-chemie.be"}, "proof", "de bewijspagina staat op evil.example"),
    ({"proof": "https://sites.google.com/view/voorbeeld"}, "proof", "staat op sites.google.com (Google Sites)"),
    ({"website": "https://github.io/", "proof": "https://github.io/charter"}, "website", "een publiek achtervoegsel"),
    ({"proof": "https://s3.amazonaws.com/emmer/charter.html"}, "proof", "een publiek achtervoegsel"),
    ({"proof": "https://www.voorbeeld-chemie.be@evil.example/"}, "proof", "gebruikersnaam of wachtwoord"),
])
def test_the_form_applies_the_build_trust_rules_to_website_and_proof(root, answers, field, message):
    fetch = Fetch()
    outcome = prepare(root, body(**answers), fetch)
    assert not outcome.ok and fetch.urls == []  # refused before the logo is fetched
    assert any(p.field == FORM_SPEC.label(field) and message in p.message for p in outcome.problems), outcome.problems


def test_a_name_that_only_resembles_an_invited_one_passes(root):
    assert prepare(root, body(name="Go Voorbeeld Chemie nv")).ok


def test_slugs():
    assert slugify("Ça Va Chemie & Co nv") == "ca-va-chemie-co-nv"
    assert slugify("  ../../etc/passwd  ") == "etc-passwd"
    long = slugify("Vereniging " * 10)
    assert len(long) <= MAX_SLUG and not long.endswith("-")


def test_the_yaml_emitter_keeps_yaml_syntax_in_answers_as_text():
    schema = json.loads((REPO / "schemas" / "signatories.schema.json").read_text(encoding="utf-8"))
    record = {"name": "no", "category": "bedrijf", "website": "https://a.be/", "signed_on": "2025-01-01",
              "commitments": [{"type": "stages", "description": "&anker *alias !!python/object:os.system {a: b}"}],
              "proof": "https://a.be/#x", "description": "---\n!!python/name:os.system\n- [x]\nkey: value # nee"}
    text = proposal._emitted("signatories", record, "Gemaakt uit issue #7.", schema)
    tree = yaml_strict.parse(text)  # the strict loader refuses tags and anchors: they must be quoted text
    assert tree.items["name"].quoted
    assert read_back(text) == record


def test_the_form_asks_for_every_field_of_the_schema_by_its_own_name():
    """Field ids are the schema's property names, so the signing page can fill them in through the query."""
    schema = json.loads((REPO / "schemas" / "signatories.schema.json").read_text(encoding="utf-8"))
    vocabularies = load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())
    fields = FORM_SPEC.fields
    assert list(fields) == [name for name in schema["properties"] if name not in ("$schema", "withdrawn_on")] + \
        ["image", "consent"]
    assert fields["category"]["options"] == [t.label for t in vocabularies["signatory_categories"].terms]
    assert [fields[f]["label"] for f in ("name", "category", "website", "proof", "signed_on", "commitments")] == [
        "Naam", "Soort ondertekenaar", "Website", "Bewijspagina", "Datum van ondertekening", "Engagementen"]
    assert {f for f, spec in fields.items() if spec["required"]} == {"name", "category", "commitments", "image"}
    raw = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert raw["name"] == "STEM-charter ondertekenen" and raw["labels"] == ["ondertekening"]
    assert raw["title"] == SIGNING.issue_title and FORM.name == "charter-ondertekenen.yml"  # links keep working
    (consent,) = [item for item in raw["body"] if item.get("id") == "consent"]
    assert len(consent["attributes"]["options"]) == 2
    assert all(option["required"] is True for option in consent["attributes"]["options"])


def event_file(tmp_path, number, text, **issue):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": number, "body": text, "labels": [{"name": SIGNING.label}],
                                           **issue}}), encoding="utf-8")
    return event


def test_the_one_workflow_reads_the_event_file_and_writes_what_the_next_job_needs(root, tmp_path, monkeypatch):
    event = event_file(tmp_path, 42, body(), user={"login": "voorbeeld"}, html_url="https://github.com/o/r/issues/42")
    outputs = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    monkeypatch.setenv("STEMSITE_TODAY", TODAY.isoformat())
    out = tmp_path / "out"
    assert proposal.main(["--event", str(event), "--out", str(out), "--root", str(root)], fetch=Fetch()) == 0
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result == {"ok": True, "publish": True, "kind": "ondertekenen", "slug": "voorbeeld-chemie-nv", "issue": 42,
                      "files": ["data/signatories/voorbeeld-chemie-nv.png", "data/signatories/voorbeeld-chemie-nv.yml"],
                      "deletions": []}
    assert (out / "files" / "data" / "signatories" / "voorbeeld-chemie-nv.png").read_bytes() == png_bytes()
    assert (out / "pr-title.txt").read_text(encoding="utf-8") == "Ondertekening STEM-charter: Voorbeeld Chemie nv\n"
    pr_body = (out / "pr-body.md").read_text(encoding="utf-8")
    assert "Closes #42" in pr_body and "| Naam | Voorbeeld Chemie nv |" in pr_body
    assert outputs.read_text(encoding="utf-8") == "ok=true\nslug=voorbeeld-chemie-nv\nkind=ondertekenen\n"


def test_the_one_workflow_comments_problems_inertly(root, tmp_path, monkeypatch):
    hostile = body(name="<script>alert(1)</script> @stem-platform/maintainers\nx", website="javascript:alert(1)")
    event = event_file(tmp_path, 5, hostile)
    outputs = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    out = tmp_path / "out"
    assert proposal.main(["--event", str(event), "--out", str(out), "--root", str(root)], fetch=Fetch()) == 0
    assert json.loads((out / "result.json").read_text(encoding="utf-8"))["ok"] is False
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "**Naam**" in comment and "**Website**" in comment
    assert "<script>" not in comment and "@stem-platform" not in comment
    assert not (out / "files").exists()
    assert outputs.read_text(encoding="utf-8") == "ok=false\nslug=\nkind=ondertekenen\n"


class _Response:
    def __init__(self, url: str, data: bytes):
        self.url, self.data = url, data

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def geturl(self):
        return self.url

    def read(self, size: int = -1):
        return self.data[:size] if size >= 0 else self.data


class _Opener:
    def __init__(self, final_url: str, data: bytes):
        self.final_url, self.data, self.requests = final_url, data, []

    def open(self, request: Request, data=None, timeout=None):
        self.requests.append(request.full_url)
        return _Response(self.final_url, self.data)


def test_download_accepts_only_githubs_attachment_storage():
    storage = "https://objects.githubusercontent.com/github-production-user-asset/abc?X-Amz=1"
    opener = _Opener(storage, png_bytes())
    assert attachments.download(LOGO, opener=opener) == png_bytes()
    assert opener.requests == [LOGO]
    with pytest.raises(attachments.AttachmentRefused):
        attachments.download(LOGO, opener=_Opener("https://evil.example/x.png", png_bytes()))
    with pytest.raises(attachments.AttachmentRefused, match="te groot"):
        attachments.download(LOGO, opener=_Opener(storage, b"\0" * 101), limit=100)
    untouched = _Opener(storage, png_bytes())
    with pytest.raises(attachments.AttachmentRefused):
        attachments.download("https://evil.example/user-attachments/assets/x", opener=untouched)
    assert untouched.requests == []


@pytest.mark.parametrize("target", ["https://evil.example/x", "http://objects.githubusercontent.com/x",
                                    "https://objects.githubusercontent.com:8443/x", "file:///etc/passwd"])
def test_redirects_off_githubs_storage_are_refused(target):
    handler = attachments._GuardedRedirects()
    with pytest.raises(attachments.AttachmentRefused):
        handler.redirect_request(Request(LOGO), None, 302, "Found", {}, target)


def test_the_real_opener_has_no_file_or_plain_http_handler():
    opener = attachments.default_opener()
    kinds = {type(h).__name__ for h in opener.handlers}
    assert "HTTPSHandler" in kinds and not kinds & {"FileHandler", "FTPHandler", "DataHandler", "HTTPHandler"}
