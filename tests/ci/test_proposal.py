"""The one proposal path: every form's issue becomes valid files, or a Dutch answer naming the question."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date

import pytest

from ci_support import REPO, make_data_project, png_bytes, write_signatory
from stemsite import cli
from stemsite.workflows import proposal
from stemsite.workflows.issue_body import NO_RESPONSE, load_form
from stemsite.editors.proposals import BY_KEY, FORMS, PRIVATE_FORMS, form_path, load_form_file, mail_body
from stemsite.load import yaml_strict
from stemsite.project import Project
from stemsite.validate.dataset import validate_project

TODAY = date(2026, 11, 23)
PHOTO = "https://github.com/user-attachments/assets/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"


@pytest.fixture
def root(tmp_path):
    root = make_data_project(tmp_path / "project")
    shutil.copytree(REPO / FORMS, root / FORMS, dirs_exist_ok=True)
    shutil.copytree(REPO / PRIVATE_FORMS, root / PRIVATE_FORMS)
    for name in ("role_models", "practices", "events"):
        (root / "data" / name).mkdir()
    return root


def ticked(key: str, field: str, which: list[int] | None = None) -> str:
    options = load_form(REPO / form_path(BY_KEY[key], full=True)).fields[field]["options"]
    return "\n".join(f"- [{'X' if which is None or i in which else ' '}] {o}" for i, o in enumerate(options))


ROLE_MODEL = {
    "name": "Ada Voorbeeld", "job": "ingenieur windenergie", "organisation": "Voorbeeld nv",
    "quote": "Ik los graag puzzels op.", "story": "Als kind bouwde ik **bruggen**.\n\n- van karton\n- van hout",
    "consent_on": "2026-01-02", "languages": "nl, fr", "region": "Limburg",
    "links": "Interview | https://www.example.org/interview", "image": f'<img alt="foto" src="{PHOTO}" />',
}


def body(key: str, **answers: str) -> str:
    """An issue text exactly as GitHub writes it for this form (a proposal about a person: its full, private form)."""
    form = load_form(REPO / form_path(BY_KEY[key], full=True))
    parts = [f"### {spec['label']}\n\n{answers.get(field_id) or NO_RESPONSE}" for field_id, spec in form.fields.items()]
    return "\n\n".join(parts) + "\n"


def role_model(**answers: str) -> str:
    return body("rolmodel", **{"fields": ticked("rolmodel", "fields", [0, 2]), "consent": ticked("rolmodel", "consent"),
                               **ROLE_MODEL, **answers})


class Fetch:
    def __init__(self, data: bytes | None = None):
        self.data = png_bytes(300, 300) if data is None else data
        self.urls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        return self.data


def prepare(root, key, text, fetch=None):
    """A proposal about a person comes whole only from the private intake repository (or an e-mail)."""
    route = "intake" if BY_KEY[key].private else "issue"
    return proposal.prepare(BY_KEY[key], text, 7, root, today=TODAY, fetch=fetch or Fetch(), route=route)


def test_a_role_model_issue_becomes_a_record_and_photo_that_pass_validation(root):
    fetch = Fetch()
    outcome = prepare(root, "rolmodel", role_model(), fetch)
    assert outcome.ok, outcome.problems
    assert fetch.urls == [PHOTO]
    assert sorted(outcome.files) == ["data/role_models/ada-voorbeeld.png", "data/role_models/ada-voorbeeld.yml"]
    _, report = validate_project(Project(root, today=TODAY))
    assert not report, report.render()
    text = (root / "data" / "role_models" / "ada-voorbeeld.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/role_models.schema.json\n")
    tree = yaml_strict.parse(text)
    assert set(tree.items) == {"name", "job", "organisation", "fields", "quote", "story", "consent_on", "languages",
                               "region", "links"}
    assert "fields:\n  - wetenschap\n  - engineering\n" in text and "region: limburg\n" in text


def test_an_academy_and_an_event_come_out_of_their_generated_forms(root):
    academy = body("academie", name="Voorbeeldacademie", municipality="9990", themes=ticked("academie", "themes", [1]),
                   formats=ticked("academie", "formats", [0]), **{"ages-min": "8", "ages-max": "14"},
                   recognised="Ja", partners="Jeugdhuis De Voorbeeld | Jeugdhuis of jeugdwerking",
                   consent=ticked("academie", "consent"))
    outcome = prepare(root, "academie", academy)
    assert outcome.ok, outcome.problems
    text = (root / "data" / "academies" / "voorbeeldacademie.yml").read_text(encoding="utf-8")
    assert "municipality: '43010'" in text or 'municipality: "43010"' in text  # Maldegem's postal code
    assert "ages:\n  min: 8\n  max: 14\n" in text and "recognised: true" in text
    assert "partners:\n  - name: Jeugdhuis De Voorbeeld\n    kind: jeugdhuis\n" in text
    event = body("activiteit", title="Robotkamp", starts="2027-07-01 09:30", organiser="Voorbeeldclub",
                 **{"location-name": "Sporthal", "location-municipality": "Maldegem"},
                 consent=ticked("activiteit", "consent"))
    outcome = prepare(root, "activiteit", event)
    assert outcome.ok, outcome.problems
    assert outcome.files == {"data/events/robotkamp.yml": root / "data" / "events" / "robotkamp.yml"}


HOSTILE = {
    "photo elsewhere": (dict(image="![x](https://evil.example/x.png)"), "Foto", "bijlage"),
    "photo as data url": (dict(image='<img src="data:image/png;base64,AAAA">'), "Foto", "verboden soort adres"),
    "two photos": (dict(image=f"{PHOTO}\n{PHOTO[:-1]}0"), "Foto", "meerdere"),
    "no photo": (dict(image=""), "Foto", "geen bestand opgeladen"),
    "newline in name": (dict(name="Ada\n::error::x"), "Naam", "één regel"),
    "javascript link": (dict(links="Klik | javascript:alert(1)"), "Links", "javascript"),
    "too many parts": (dict(links="a | https://a.be | c"), "Links", "meer delen"),
    "unknown province": (dict(region="Atlantis"), "Provincie", "staat niet in de lijst"),
    "future consent": (dict(consent_on="2099-01-01"), "Toestemming op", "toekomst"),
    "not a date": (dict(consent_on="2/1/2026"), "Toestemming op", "JJJJ-MM-DD"),
    "injected question": (dict(story="Zo.\n\n### Naam\n\nIemand anders"), "Naam", "twee keer"),
    "no consent": (dict(consent=ticked("rolmodel", "consent", [0])), "Toestemming", "vakjes"),
    "no field ticked": (dict(fields=ticked("rolmodel", "fields", [])), "STEM-domeinen", ""),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_or_wrong_answers_name_their_question_and_leave_nothing_behind(root, case):
    answers, label, fragment = HOSTILE[case]
    outcome = prepare(root, "rolmodel", role_model(**answers))
    assert not outcome.ok
    assert any(p.field == label and fragment in f"{p.message} {p.fix}" for p in outcome.problems), outcome.problems
    assert list((root / "data" / "role_models").iterdir()) == []


def test_a_photo_is_checked_like_every_image(root):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"/>'
    refused = prepare(root, "rolmodel", role_model(), Fetch(svg))
    assert not refused.ok and refused.problems[0].field == "Foto" and "SVG" in refused.problems[0].message
    tiny = prepare(root, "rolmodel", role_model(), Fetch(png_bytes(20, 20)))
    assert not tiny.ok and tiny.problems[0].field == "Foto" and "te klein" in tiny.problems[0].message
    assert list((root / "data" / "role_models").iterdir()) == []


def test_the_issue_labels_pick_the_form(root):
    assert proposal.proposal_of(["voorstel-rolmodel", "bug"]).key == "rolmodel"
    assert proposal.proposal_of(["ondertekening"]).key == "ondertekenen"
    assert proposal.proposal_of(["voorstel-rolmodel", "voorstel-academie"]) is None
    assert proposal.proposal_of(["goedgekeurd"]) is None


def test_the_command_writes_files_body_and_one_answer(root, tmp_path, monkeypatch):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 9, "body": role_model(), "labels": [{"name": "voorstel-rolmodel"}],
                                           "user": {"login": "iemand"}, "html_url": "https://github.com/o/r/issues/9"}}))
    outputs = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    monkeypatch.setenv("STEMSITE_TODAY", TODAY.isoformat())
    out = tmp_path / "out"
    assert proposal.main(["--event", str(event), "--out", str(out), "--root", str(root), "--route", "intake"],
                         fetch=Fetch()) == 0
    assert outputs.read_text() == "ok=true\nslug=ada-voorbeeld\nkind=rolmodel\n"
    assert (out / "files" / "data" / "role_models" / "ada-voorbeeld.png").is_file()
    assert (out / "pr-title.txt").read_text() == "Voorstel rolmodel: Ada Voorbeeld\n"
    pr_body = (out / "pr-body.md").read_text()
    assert "Closes #" not in pr_body and "issue #9" not in pr_body  # the number is the private repository's
    assert "langs een privéweg" in pr_body
    assert (out / "comment.md").read_text().startswith("<!-- stemsite-voorstel -->\n✅")
    assert (out / "deletions.txt").read_text() == ""


def test_the_answer_lists_problems_inertly(root, tmp_path):
    outcome = prepare(root, "rolmodel", role_model(name="<script>x</script>\n@stem-platform/maintainers", job="<b>@stem-platform/maintainers</b>\nx"))
    proposal.write_outputs(outcome, tmp_path, issue=3, author="x", issue_url="")
    comment = (tmp_path / "comment.md").read_text()
    assert comment.startswith("<!-- stemsite-voorstel -->\n") and "**Naam**" in comment
    assert "<script>" not in comment and "@stem-platform" not in comment
    assert not (tmp_path / "pr-body.md").exists() and not (tmp_path / "files").exists()


def change(record: str, request: str = "Intrekken of weghalen", **answers: str) -> str:
    return body("wijziging", **{"record": record, "request": request, "relation": "communicatieverantwoordelijke",
                                "consent": ticked("wijziging", "consent"), **answers})


def test_a_signatory_withdraws_and_stays_in_the_history(root):
    write_signatory(root, "voorbeeld-nv")
    outcome = prepare(root, "wijziging", change("https://stem.example/site/charter/ondertekenaars/voorbeeld-nv/"))
    assert outcome.ok, outcome.problems
    assert list(outcome.files) == ["data/signatories/voorbeeld-nv.yml"] and outcome.deletions == []
    text = (root / "data" / "signatories" / "voorbeeld-nv.yml").read_text()
    assert text.endswith(f"\nwithdrawn_on: {TODAY.isoformat()}\n")
    again = prepare(root, "wijziging", change("data/signatories/voorbeeld-nv.yml"))
    assert not again.ok and "al ingetrokken" in again.problems[0].message


def test_a_role_model_that_withdraws_leaves_the_site(root):
    assert prepare(root, "rolmodel", role_model()).ok
    outcome = prepare(root, "wijziging", change("data/role_models/ada-voorbeeld.yml"))
    assert outcome.ok and outcome.files == {}
    assert outcome.deletions == ["data/role_models/ada-voorbeeld.png", "data/role_models/ada-voorbeeld.yml"]


def test_a_change_in_words_goes_to_the_team_and_unknown_records_are_named(root):
    write_signatory(root, "voorbeeld-nv")
    asked = prepare(root, "wijziging", change("data/signatories/voorbeeld-nv.yml", "Gegevens aanpassen",
                                              details="Ons nieuwe logo."))
    assert asked.ok and not asked.files and not asked.deletions and "medewerker" in asked.note
    for record in ("data/signatories/onbekend.yml", "data/../../etc/passwd.yml", "https://evil.example/x/"):
        unknown = prepare(root, "wijziging", change(record))
        assert not unknown.ok and unknown.problems[0].field == "Over welke pagina gaat het?", record
    unticked = prepare(root, "wijziging", change("data/signatories/voorbeeld-nv.yml", consent="- [ ] x"))
    assert not unticked.ok and unticked.problems[0].field == "Bevestiging"


def test_an_email_with_the_same_questions_becomes_the_same_files(root, tmp_path, capsys):
    form = load_form_file(root, BY_KEY["rolmodel"], full=True)
    message = mail_body(form)
    labels = load_form(root / form_path(BY_KEY["rolmodel"], full=True))
    for field_id, answer in {**ROLE_MODEL, "image": ""}.items():  # what someone types under each question
        heading = f"### {labels.label(field_id)}\n"
        at = message.index(heading) + len(heading)
        at = message.index("\n\n", at) + 1 if message[at:].startswith(">") else at
        message = message[:at] + "\n" + answer + "\n" + message[at:]
    message = message.replace("- [ ] Wetenschap", "- [x] Wetenschap").replace("- [ ] Ik mag", "- [x] Ik mag")
    message = message.replace("- [ ] De persoon", "- [x] De persoon")
    saved = tmp_path / "bericht.txt"
    saved.write_text("Beste,\n\nhieronder ons voorstel.\n\n" + message, encoding="utf-8")
    photo = tmp_path / "foto.png"
    photo.write_bytes(png_bytes(300, 300))
    code = cli.main(["--root", str(root), "voorstel", str(saved), "--soort", "rolmodel",
                                "--bijlage", str(photo), "--uit", str(tmp_path / "uit")])
    assert code == 0, capsys.readouterr().err
    assert (root / "data" / "role_models" / "ada-voorbeeld.png").read_bytes() == photo.read_bytes()
    assert "git switch -c voorstel/rolmodel-ada-voorbeeld" in capsys.readouterr().out
    _, report = validate_project(Project(root, today=TODAY))
    assert not report, report.render()


def test_an_email_without_its_required_photo_is_refused_in_dutch(root, tmp_path, capsys):
    saved = tmp_path / "bericht.txt"
    saved.write_text(mail_body(load_form_file(root, BY_KEY["rolmodel"], full=True)), encoding="utf-8")
    assert cli.main(["--root", str(root), "voorstel", str(saved), "--soort", "rolmodel"]) == 1
    err = capsys.readouterr().err
    assert "Niet verwerkt" in err and "Naam:" in err
    assert list((root / "data" / "role_models").iterdir()) == []


def test_the_guides_quote_the_answers_as_the_workflow_writes_them(root, tmp_path):
    def words(text: str) -> str:
        return " ".join(re.sub(r"^\s*>\s?", "", text, flags=re.M).split())

    guides = [words((REPO / name).read_text(encoding="utf-8")) for name in ("CONTRIBUTING.md", "content/meedoen/index.md")]
    wrong = prepare(root, "rolmodel", role_model(region="Atlantis"))
    proposal.write_outputs(wrong, tmp_path / "fout", issue=1, author="x", issue_url="")
    right = prepare(root, "rolmodel", role_model())
    proposal.write_outputs(right, tmp_path / "goed", issue=1, author="x", issue_url="")
    for out in ("fout", "goed"):
        lines = (tmp_path / out / "comment.md").read_text(encoding="utf-8").splitlines()[1:]
        quoted = [words(re.sub(r"\\(.)", r"\1", line).lstrip("✅ "))  # as GitHub shows the escaped text
                  for line in lines if line.strip() and not line.startswith("Pas je antwoorden")]
        for line in quoted:
            for guide in guides:
                assert line in guide, line


def public(key: str, **answers: str) -> str:
    """A public issue made with the short form of a proposal about a person."""
    form = load_form(REPO / FORMS / BY_KEY[key].form_file)
    values = {"about": "Een ingenieur uit de bouwsector die in scholen wil vertellen.", "relation": "Een collega of werkgever",
              "consent": "\n".join(f"- [X] {o}" for o in form.fields["consent"]["options"]), **answers}
    return "\n\n".join(f"### {spec['label']}\n\n{values.get(i) or NO_RESPONSE}" for i, spec in form.fields.items()) + "\n"


@pytest.mark.parametrize("key", ["rolmodel", "verhaal"])
def test_a_public_issue_about_a_person_becomes_an_answer_never_a_file(root, key, tmp_path, monkeypatch):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 11, "body": public(key),
                                           "labels": [{"name": BY_KEY[key].label}, {"name": "goedgekeurd"}]}}))
    outputs = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    out = tmp_path / "out"
    assert proposal.main(["--event", str(event), "--out", str(out), "--root", str(root)], fetch=Fetch()) == 0
    assert outputs.read_text() == f"ok=false\nslug=\nkind={key}\n"  # approved or not: no pull request from here
    assert not (out / "files").exists() and not (out / "pr-body.md").exists()
    comment = (out / "comment.md").read_text()
    assert comment.startswith("<!-- stemsite-voorstel -->\n✅") and "privéweg" in comment


@pytest.mark.parametrize("answers,label,fragment", [
    (dict(about="Bel Ada op 0471 23 45 67."), "Waarover gaat je voorstel?", "telefoonnummer"),
    (dict(about="Mail ada.voorbeeld@example.org voor haar verhaal."), "Waarover gaat je voorstel?", "e-mailadres"),
    (dict(about="x" * 501), "Waarover gaat je voorstel?", "te lang"),
    (dict(consent="- [ ] Ik schreef hier geen naam"), "Bevestiging", "niet aangevinkt"),
    (dict(relation="Haar buurman"), "Wie stelt voor?", "uit de lijst"),
    (dict(about="Zo.\n\n### Naam\n\nAda Voorbeeld"), "Naam", "kop (###)"),
])
def test_a_public_issue_with_contact_details_or_unticked_is_refused(root, answers, label, fragment):
    outcome = proposal.prepare(BY_KEY["rolmodel"], public("rolmodel", **answers), 11, root, today=TODAY, fetch=Fetch())
    assert not outcome.ok and not outcome.files
    assert any(p.field == label and fragment in p.message for p in outcome.problems), outcome.problems


def test_the_full_questions_of_a_person_never_come_through_a_public_issue(root):
    """Even a public issue that holds every full answer is read with the short form: nothing becomes a file."""
    outcome = proposal.prepare(BY_KEY["rolmodel"], role_model(), 12, root, today=TODAY, fetch=Fetch())
    assert not outcome.ok and not outcome.files
    assert list((root / "data" / "role_models").iterdir()) == []
