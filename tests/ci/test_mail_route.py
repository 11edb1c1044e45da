"""The e-mail route reads a saved message as bytes (issue 28, item 6).

Each case is a real file as a mail program saves it: text in latin-1, Windows-1252 or UTF-16,
an ``.eml`` with quoted-printable or base64 bodies, MIME encoded-words, nested parts and
attachments; or no file, a folder, a missing attachment. A readable message becomes the same
record as from an issue; anything else ends in one Dutch report (exit 1), never a traceback.
"""

from __future__ import annotations

import shutil
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
import yaml
from ci_support import REPO, make_data_project, png_bytes
from test_proposal import ROLE_MODEL, TODAY

from stemsite import cli
from stemsite.editors.proposals import BY_KEY, FORMS, PRIVATE_FORMS, form_path, load_form_file, mail_body
from stemsite.project import Project
from stemsite.validate.dataset import validate_project
from stemsite.workflows.issue_body import load_form

NAME = "Zoë Van Damme-Ørsted"
"""Letters outside ASCII that latin-1 and Windows-1252 can hold too."""
SLUG = "zoe-van-damme-orsted"


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("STEMSITE_TODAY", TODAY.isoformat())
    root = make_data_project(tmp_path / "project")
    shutil.copytree(REPO / FORMS, root / FORMS, dirs_exist_ok=True)
    shutil.copytree(REPO / PRIVATE_FORMS, root / PRIVATE_FORMS)  # a role model's full form travels privately
    (root / "data" / "role_models").mkdir()
    return root


def answers(root: Path, name: str = NAME) -> str:
    """The role-model questions of the e-mail route, answered as someone would type them."""
    message = mail_body(load_form_file(root, BY_KEY["rolmodel"], full=True))
    labels = load_form(root / form_path(BY_KEY["rolmodel"], full=True))
    for field_id, answer in {**ROLE_MODEL, "name": name, "image": ""}.items():
        heading = f"### {labels.label(field_id)}\n"
        at = message.index(heading) + len(heading)
        at = message.index("\n\n", at) + 1 if message[at:].startswith(">") else at
        message = message[:at] + "\n" + answer + "\n" + message[at:]
    for option in ("- [ ] Wetenschap", "- [ ] Ik mag", "- [ ] De persoon"):
        message = message.replace(option, option.replace("[ ]", "[x]"))
    return "Beste,\n\nhieronder ons voorstel.\n\n" + message


def run(root: Path, message: Path, *extra: str) -> int:
    return cli.main(["--root", str(root), "voorstel", str(message), "--soort", "rolmodel",
                     "--uit", str(root.parent / "uit"), *extra])


def accepted(root: Path, capsys, name: str = NAME) -> None:
    """The record came out with the name as the sender wrote it, and the project validates."""
    out = capsys.readouterr()
    record = yaml.safe_load((root / "data" / "role_models" / f"{SLUG}.yml").read_text(encoding="utf-8"))
    assert record["name"] == name, out.err
    assert (root / "data" / "role_models" / f"{SLUG}.png").read_bytes() == png_bytes(300, 300)
    _, report = validate_project(Project(root, today=TODAY))
    assert not report, report.render()


def refused(capsys) -> list[str]:
    """The report's lines; it must be the whole output of a refusal, in Dutch, without a traceback."""
    out = capsys.readouterr()
    assert "Traceback" not in out.err and out.out == ""
    lines = out.err.splitlines()
    assert lines[0].startswith("Niet verwerkt: ")
    return lines[1:]


def photo(tmp_path: Path) -> Path:
    path = tmp_path / "foto.png"
    path.write_bytes(png_bytes(300, 300))
    return path


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_a_text_saved_in_another_encoding_reads_the_same(root, tmp_path, capsys, encoding):
    saved = tmp_path / "bericht.txt"
    saved.write_bytes(answers(root).replace("\n", "\r\n").encode(encoding))
    assert run(root, saved, "--bijlage", str(photo(tmp_path))) == 0
    accepted(root, capsys)


def eml(root: Path, transfer: str, *, attach: bytes | None = None, filename: str = "foto.png",
        subtype: str = "png", nested: bool = False, subject: str = "Voorstel rolmodel") -> bytes:
    """A message as a mail program sends it: the text in ``transfer`` encoding, the photo attached."""
    mail = EmailMessage()
    mail["From"] = f"{NAME} <zoe@example.org>"
    mail["To"] = "voorstellen@example.org"
    mail["Subject"] = subject
    mail.set_content(answers(root), charset="utf-8", cte=transfer)
    if nested:
        mail.add_alternative("<p>Zie de tekstversie.</p>", subtype="html")  # multipart/alternative inside multipart/mixed
    if attach is not None:
        mail.add_attachment(attach, maintype="image", subtype=subtype, filename=filename)
    return mail.as_bytes(policy=SMTP)


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64", "8bit"])
def test_an_eml_is_decoded_with_its_transfer_encoding_and_its_attachment_used(root, tmp_path, capsys, transfer):
    saved = tmp_path / "bericht.eml"
    saved.write_bytes(eml(root, transfer, attach=png_bytes(300, 300), nested=True))
    if transfer != "8bit":
        assert NAME.encode() not in saved.read_bytes()  # really encoded on disk
    assert run(root, saved) == 0
    accepted(root, capsys)


def test_encoded_words_in_the_text_are_decoded(root, tmp_path, capsys):
    saved = tmp_path / "bericht.txt"
    saved.write_text(answers(root, name="=?utf-8?b?Wm/DqyBWYW4gRGFtbWUt?= =?iso-8859-1?q?=D8rsted?="), encoding="utf-8")
    assert run(root, saved, "--bijlage", str(photo(tmp_path))) == 0
    accepted(root, capsys)


def test_an_encoded_word_that_hides_a_new_question_is_refused(root, tmp_path, capsys):
    # "Zoë\n### Website" — decoded blindly, it would start an answer of its own
    saved = tmp_path / "bericht.txt"
    saved.write_text(answers(root, name="=?utf-8?b?Wm/DqwojIyMgV2Vic2l0ZQ==?="), encoding="utf-8")
    assert run(root, saved, "--bijlage", str(photo(tmp_path))) == 1
    lines = refused(capsys)
    assert any(f"{saved}:" in line and "bericht: een gecodeerd woord bevat een regeleinde of stuurteken — vraag de "
               "afzender dit antwoord als gewone tekst" in line for line in lines), lines
    assert not list((root / "data" / "role_models").iterdir())


def test_a_missing_message_and_a_missing_attachment_are_one_report(root, tmp_path, capsys):
    missing = tmp_path / "weg.eml"
    assert run(root, missing, "--bijlage", str(tmp_path / "weg.png")) == 1
    assert refused(capsys) == [
        f"  {missing}:1: bericht: dit bestand bestaat niet — controleer de naam en de map van het bestand",
        f"  {tmp_path / 'weg.png'}:1: bijlage: dit bestand bestaat niet — controleer de naam en de map van het bestand"]


def test_a_folder_given_as_the_message_or_the_attachment(root, tmp_path, capsys):
    assert run(root, tmp_path, "--bijlage", str(tmp_path)) == 1
    assert refused(capsys) == [f"  {tmp_path}:1: bericht: dit is een map, geen bestand — geef het bestand zelf op",
                               f"  {tmp_path}:1: bijlage: dit is een map, geen bestand — geef het bestand zelf op"]


def test_a_missing_attachment_with_a_good_message_names_the_photo_question_too(root, tmp_path, capsys):
    saved = tmp_path / "bericht.txt"
    saved.write_text(answers(root), encoding="latin-1")
    assert run(root, saved, "--bijlage", str(tmp_path / "weg.png")) == 1
    lines = refused(capsys)
    assert lines[0] == f"  {tmp_path / 'weg.png'}:1: bijlage: dit bestand bestaat niet — controleer de naam en de " \
                       "map van het bestand"
    assert lines[1] == "Antwoord de afzender wat er nog moet veranderen:"
    assert len(lines) > 2 and all(line.startswith("  ") for line in lines[2:])


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "bericht: dit bestand is leeg — sla het bericht opnieuw op, met de antwoorden"),
    (b"\xff\xfe" + b"\x00\xd8", "bericht: de tekst is geen geldige utf-16 — sla het bericht opnieuw op als UTF-8-tekst "
                                "of als .eml"),
    (b"### Naam\n\nZo\x00\x00\x00", "bericht: het bestand bevat NUL-tekens: het is geen tekst — sla het bericht "
                                    "opnieuw op als tekst of als .eml"),
    (b"From: a@example.org\nMIME-Version: 1.0\nContent-Type: text/html\n\n<p>### Naam</p>",
     "bericht: het bericht heeft alleen een HTML-versie — vraag de afzender de antwoorden als gewone tekst te sturen"),
    (b"From: a@example.org\nMIME-Version: 1.0\nContent-Type: text/plain; charset=x-onbekend\n\n### Naam\n",
     "bericht: het bericht gebruikt een onbekende tekenset 'x-onbekend' — sla het bericht opnieuw op als UTF-8"),
])
def test_a_message_that_cannot_be_read_says_why(root, tmp_path, capsys, content, problem):
    saved = tmp_path / "bericht.eml"
    saved.write_bytes(content)
    assert run(root, saved, "--bijlage", str(photo(tmp_path))) == 1
    assert refused(capsys)[0] == f"  {saved}:1: {problem}"


def test_two_attachments_without_bijlage_ask_which(root, tmp_path, capsys):
    saved = tmp_path / "bericht.eml"
    mail = EmailMessage()
    mail["From"], mail["Subject"] = "zoe@example.org", "Voorstel"
    mail.set_content(answers(root))
    for number in (1, 2):
        mail.add_attachment(png_bytes(300, 300), maintype="image", subtype="png", filename=f"foto{number}.png")
    saved.write_bytes(mail.as_bytes())
    assert run(root, saved) == 1
    assert refused(capsys)[0] == f"  {saved}:1: bijlage: het bericht heeft 2 bijlagen en het is niet duidelijk welke " \
                                 "het logo of de foto is — sla die ene bijlage op en geef ze mee met --bijlage"
