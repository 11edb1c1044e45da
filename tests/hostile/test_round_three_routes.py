"""Round three of the hostile inputs, for the routes around the data: the cache, the pull request's
check, the e-mail route and the link check (issue 28, items 5-7), each vector with its exact Dutch
message, every route's vectors in one run of its report.

``NAMED`` marks the vectors the issue named (and their siblings), ``NEW`` the ones this round found
itself (none of the three rounds named them); the counts go into the closing note. The real builds
of the planted and swapped cache are in ``test_planted_cache.py``; more cases per route in
``tests/ci/test_build_outputs.py``, ``test_mail_route.py`` and ``test_public_net.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from support import REPO as _REPO

sys.path.insert(0, str(_REPO / "tests" / "ci"))  # the CI tests' helpers: git projects and the e-mail's answers
from ci_support import REPO, commit_all, git, make_data_project, png_bytes, write_signatory
from support import SAMPLE_DATA, make_project
from test_mail_route import NAME, SLUG, accepted, answers, eml

from stemsite import cli
from stemsite.editors.proposals import FORMS, PRIVATE_FORMS
from stemsite.image_cache import content_key
from stemsite.imagecheck import inspect as image_inspect
from stemsite.project import Project
from stemsite.stored import keyed_name
from stemsite.validate.dataset import validate_project
from stemsite.workflows import annotations, public_net

NAMED, NEW = "genoemd", "nieuw"
_OUTPUT = ("bestand: dit bestand hoort bij {}: dat maakt de build of een hulpprogramma zelf, het hoort niet in de "
           "repository — haal het uit je pull request (git rm --cached, of verwijder het in de webeditor); een pull "
           "request wijzigt alleen gegevens, inhoud of code")

PULL_REQUEST = [  # path added with git add -f, what the check says, which round named it
    (".cache/stemsite/bodies/0123456789abcdef0123456789abcdef01234567.html", "de buildcache", NAMED),
    (".cache/stemsite/media/48a645cbb6e74784aff7.svg", "de buildcache", NAMED),
    (".cache/stemsite/geheim", "de buildcache", NEW),  # a secret of the attacker's own, to seal planted entries
    ("site/charter/ondertekenaars/fictief-bedrijf/index.html", "de gebouwde site", NAMED),
    ("site.old/index.html", "een gebouwde site", NAMED),
    ("hooks/stemsite/__pycache__/project.cpython-311.pyc", "gecompileerde Python-code", NEW),  # unchecked-hash pyc runs
    (".venv/lib/python3.11/site-packages/mkdocs/__init__.py", "de Python-omgeving", NEW),
    ("node_modules/axe-core/axe.min.js", "de Node-pakketten", NEW),
    ("content/.cache/kaart.json", "een cache", NEW),
]


def test_the_pull_request_check_refuses_every_build_output_in_one_report(tmp_path: Path, capsys):
    root = make_data_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    write_signatory(root, "acme")
    base = commit_all(root, "basis")
    for path, _, _ in PULL_REQUEST:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"<script>alert(1)</script>")
    git(root, "add", "-f", *[path for path, _, _ in PULL_REQUEST])
    commit_all(root, "pull request")
    verdict = tmp_path / "verdict.json"
    assert annotations.main(["--root", str(root), "--base", base, "--verdict", str(verdict)]) == 1
    problems = {p["path"]: f"{p['field']}: {p['message']} — {p['fix']}" for p in json.loads(verdict.read_text())["problems"]}
    assert problems == {path: _OUTPUT.format(kind) for path, kind, _ in PULL_REQUEST}
    assert capsys.readouterr().out.count("::error ") == len(PULL_REQUEST)


def test_a_tracked_link_named_cache_or_site_is_refused(tmp_path: Path, capsys):
    """NEW: not a file under .cache/ but the folder itself, as a link to anywhere."""
    root = make_data_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    write_signatory(root, "acme")
    base = commit_all(root, "basis")
    (root / ".cache").symlink_to("/tmp", target_is_directory=True)
    (root / "site").symlink_to("content", target_is_directory=True)
    git(root, "add", "-f", ".cache", "site")
    commit_all(root, "pull request")
    verdict = tmp_path / "verdict.json"
    assert annotations.main(["--root", str(root), "--base", base, "--verdict", str(verdict)]) == 1
    problems = {p["path"]: f"{p['field']}: {p['message']} — {p['fix']}" for p in json.loads(verdict.read_text())["problems"]}
    assert problems == {".cache": _OUTPUT.format("de buildcache"), "site": _OUTPUT.format("de gebouwde site")}


def test_a_cache_folder_in_the_project_is_refused_by_either_setting(tmp_path: Path, monkeypatch):
    root = make_project(tmp_path / "p", data=None, content=False)
    for variable, value, shown in [("STEMSITE_CACHE_DIR", root / "data" / "cache", root / "data" / "cache"),  # NEW
                                   ("XDG_CACHE_HOME", root / "xdg", None)]:  # NEW: a CI that puts XDG in the workspace
        monkeypatch.delenv("STEMSITE_CACHE_DIR", raising=False)
        monkeypatch.setenv(variable, str(value))
        with pytest.raises(ValueError) as refused:
            Project(root).cache_dir
        folder = shown or Path(str(refused.value).split("(", 1)[1].split(")", 1)[0])
        assert str(refused.value) == (f"de buildcache ({folder}) ligt in het project zelf: een pull request kan daar "
                                      "bestanden in zetten — laat STEMSITE_CACHE_DIR weg of kies een map buiten de "
                                      "checkout")
        assert folder.is_relative_to(root)


def test_a_planted_verdict_does_not_pass_a_script_logo(tmp_path: Path):
    """NEW: the image check keeps its verdicts by content hash; a 'no problems' planted under the hash anyone can
    compute is never read, and one under the keyed name is only there if this cache wrote it."""
    logo = tmp_path / "logo.svg"
    logo.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')
    cache = tmp_path / "cache"
    public = cache / "verdicts" / f"{content_key(logo.read_bytes(), image_inspect.VERSION, 'svg')}.json"
    public.parent.mkdir(parents=True)
    public.write_text("[]", encoding="utf-8")
    problems = image_inspect.check(logo, cache)
    assert [p.message for p in problems][:1] == ["de SVG bevat een <script>"]
    kept = cache / "verdicts" / f"{keyed_name(cache, content_key(logo.read_bytes(), image_inspect.VERSION, 'svg'))}.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == [p.__dict__ for p in problems]


def mail_project(tmp_path: Path) -> Path:
    """A project with the public forms and the private ones (a role model's full form travels privately)."""
    root = make_data_project(tmp_path / "project")
    shutil.copytree(REPO / FORMS, root / FORMS, dirs_exist_ok=True)
    shutil.copytree(REPO / PRIVATE_FORMS, root / PRIVATE_FORMS, dirs_exist_ok=True)
    (root / "data" / "role_models").mkdir()
    return root


def _eml(root: Path, attachment: bytes, *, filename: str = "foto.png", subject: str = "Voorstel") -> bytes:
    """The message as it travels; ``subject`` and ``filename`` are put in as raw header text (encoded-words
    included), the way a hostile sender's program can write them."""
    mail = EmailMessage()
    mail["From"], mail["Subject"] = "a@example.org", "ONDERWERP"
    mail.set_content(answers(root))
    mail.add_alternative("<p>Zie de tekst.</p>", subtype="html")  # multipart/alternative in multipart/mixed
    mail.add_attachment(attachment, maintype="image", subtype="png", filename="BESTAND.png")
    raw = mail.as_bytes()
    return raw.replace(b"ONDERWERP", subject.encode(), 1).replace(b"BESTAND.png", filename.encode(), 1)


SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def mail_vectors(root: Path, tmp_path: Path) -> list[tuple[str, Path, list[str], list[str], str]]:
    """(what, the saved message, extra arguments, the exact report lines, named or new)."""
    text = answers(root)
    vectors = []

    def saved(name: str, content: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    photo = saved("foto.png", png_bytes(300, 300))
    vectors.append(("een map als bericht", tmp_path, [], [f"  {tmp_path}:1: bericht: dit is een map, geen bestand — "
                                                          "geef het bestand zelf op"], NAMED))
    vectors.append(("geen bestand", tmp_path / "weg.eml", [], [f"  {tmp_path / 'weg.eml'}:1: bericht: dit bestand "
                                                               "bestaat niet — controleer de naam en de map van het bestand"],
                    NAMED))
    vectors.append(("een ontbrekende bijlage", saved("latin1.txt", text.encode("latin-1")),
                    ["--bijlage", str(tmp_path / "weg.png")],
                    [f"  {tmp_path / 'weg.png'}:1: bijlage: dit bestand bestaat niet — controleer de naam en de map van "
                     "het bestand", "Antwoord de afzender wat er nog moet veranderen:",
                     "  Foto: er is geen bestand opgeladen — sleep precies één bestand in het veld"], NAMED))
    vectors.append(("een gecodeerd woord met een nieuwe vraag erin",
                    saved("woord.txt", answers(root, name="=?utf-8?b?Wm/DqwojIyMgV2Vic2l0ZQ==?=").encode()),
                    ["--bijlage", str(photo)],
                    [f"  {tmp_path / 'woord.txt'}:{answers(root, name='X').split(chr(10)).index('X') + 1}: bericht: een "
                     "gecodeerd woord bevat een regeleinde of stuurteken — vraag de afzender dit antwoord als gewone tekst"],
                    NEW))
    os.mkfifo(tmp_path / "pijp.eml")  # reading it would wait forever
    vectors.append(("een named pipe als bericht", tmp_path / "pijp.eml", [],
                    [f"  {tmp_path / 'pijp.eml'}:1: bericht: dit is geen gewoon bestand — sla het op als bestand en geef "
                     "dat op"], NEW))
    vectors.append(("een apparaat als bericht", Path("/dev/zero"), [],
                    ["  /dev/zero:1: bericht: dit is geen gewoon bestand — sla het op als bestand en geef dat op"], NEW))
    vectors.append(("HTML vermomd als PNG in geneste delen", saved("html.eml", _eml(root, b"<html><script>x</script>")), [],
                    ["Antwoord de afzender wat er nog moet veranderen:",
                     "  Foto: de bijlage is geen PNG, JPEG, WebP of SVG — exporteer het logo als SVG of PNG en laad het "
                     "opnieuw op"], NEW))
    vectors.append(("een SVG met script vermomd als PNG", saved("svg.eml", _eml(root, SCRIPT_SVG)), [],
                    ["Antwoord de afzender wat er nog moet veranderen:",
                     "  Foto: een SVG-bestand past hier niet — gebruik PNG, JPG, JPEG, WEBP"], NEW))
    return vectors


def test_the_mail_route_refuses_each_vector_with_its_message(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("STEMSITE_TODAY", "2026-11-23")
    root = mail_project(tmp_path)
    for what, message, extra, expected, _ in mail_vectors(root, tmp_path):
        code = cli.main(["--root", str(root), "voorstel", str(message), "--soort", "rolmodel", *extra])
        out = capsys.readouterr()
        assert code == 1 and "Traceback" not in out.err, what
        count = len([line for line in expected if line.startswith("  ")])
        assert out.err.splitlines() == [f"Niet verwerkt: {count} {'probleem' if count == 1 else 'problemen'}.",
                                        *expected], (what, out.err)
        assert list((root / "data" / "role_models").iterdir()) == [], what


@pytest.mark.parametrize(("subject", "filename"), [
    ("=?utf-8?q?Voorstel=0D=0ABcc:_iedereen@example.org=0D=0A=0D=0A###_Naam?=", "foto.png"),  # NEW: header injection
    ("Voorstel", "../../../hooks/stemsite/__init__.py"),  # NEW: a path in the attachment's name
    ("Voorstel", "=?utf-8?q?foto.png=0D=0A###_Naam?="),  # NEW: a question in the attachment's name
])
def test_what_the_headers_say_is_inert(tmp_path: Path, monkeypatch, capsys, subject, filename):
    monkeypatch.setenv("STEMSITE_TODAY", "2026-11-23")
    root = mail_project(tmp_path)
    before = {p for p in root.rglob("*")}
    message = tmp_path / "bericht.eml"
    message.write_bytes(_eml(root, png_bytes(300, 300), filename=filename, subject=subject))
    assert cli.main(["--root", str(root), "voorstel", str(message), "--soort", "rolmodel",
                     "--uit", str(tmp_path / "uit")]) == 0, capsys.readouterr().err
    added = sorted(p.relative_to(root).as_posix() for p in set(root.rglob("*")) - before)
    assert added == [f"data/role_models/{SLUG}.png", f"data/role_models/{SLUG}.yml"]
    assert f"name: {NAME}" in (root / "data" / "role_models" / f"{SLUG}.yml").read_text(encoding="utf-8")
    assert "Bcc" not in (tmp_path / "uit" / "pr-body.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("saved_as", ["latin-1", "cp1252", "utf-16", "utf-16-le", "quoted-printable", "base64",
                                      "encoded-word"])
def test_what_used_to_end_in_a_traceback_or_a_literal_name_now_reads_the_same(tmp_path: Path, monkeypatch, capsys,
                                                                                saved_as):
    """NAMED (item 6): each came out as a traceback (latin-1, UTF-16) or as a literal, still encoded name."""
    monkeypatch.setenv("STEMSITE_TODAY", "2026-11-23")
    root = mail_project(tmp_path)
    message = tmp_path / "bericht"
    if saved_as in ("quoted-printable", "base64"):
        message.write_bytes(eml(root, saved_as, attach=png_bytes(300, 300)))
    elif saved_as == "encoded-word":
        message.write_text(answers(root, name="=?utf-8?b?Wm/DqyBWYW4gRGFtbWUt?= =?iso-8859-1?q?=D8rsted?="))
    else:
        message.write_bytes(answers(root).encode(saved_as))
    photo = tmp_path / "foto.png"
    photo.write_bytes(png_bytes(300, 300))
    extra = [] if saved_as in ("quoted-printable", "base64") else ["--bijlage", str(photo)]
    assert cli.main(["--root", str(root), "voorstel", str(message), "--soort", "rolmodel",
                     "--uit", str(tmp_path / "uit"), *extra]) == 0
    accepted(root, capsys)


ADDRESSES = [  # host as a URL names it, the refusal, named or new
    ("[64:ff9b::a9fe:a9fe]", "wijst naar 64:ff9b::a9fe:a9fe, dat staat voor 169.254.169.254, een adres in een intern "
                             "netwerk", NAMED),
    ("[64:ff9b:1::a00:1]", "wijst naar 64:ff9b:1::a00:1, een adres in een intern netwerk", NAMED),
    ("[2002:a9fe:a9fe::1]", "wijst naar 2002:a9fe:a9fe::1, dat staat voor 169.254.169.254, een adres in een intern "
                            "netwerk", NAMED),
    ("[::a9fe:a9fe]", "wijst naar ::a9fe:a9fe, dat staat voor 169.254.169.254, een adres in een intern netwerk", NAMED),
    ("[fec0::1]", "wijst naar fec0::1, een adres in een intern netwerk", NAMED),
    ("[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "wijst naar 2001:0:4136:e378:8000:63bf:3fff:fdd2, een Teredo-tunneladres",
     NAMED),
    ("0x7f.1", "wijst naar 127.0.0.1, een adres in een intern netwerk", NEW),  # the resolver reads hex
    ("0177.0.0.1", "wijst naar 127.0.0.1, een adres in een intern netwerk", NEW),  # and octal
    ("127.1", "wijst naar 127.0.0.1, een adres in een intern netwerk", NEW),  # and short forms
    ("[3fff::1]", "wijst naar 3fff::1, een adres in een intern netwerk", NEW),  # documentation (RFC 9637), 'global' in 3.11
    ("[ff0e::1]", "wijst naar ff0e::1, een multicastadres", NEW),  # global-scope multicast
]


def test_the_link_check_refuses_each_address_with_its_message():
    for host, message, _ in ADDRESSES:
        with pytest.raises(public_net.NotPublic) as refused:
            public_net.vetted_addresses(host, 443)
        assert refused.value.what == f"{host} {message}", host
    with pytest.raises(public_net.NotPublic) as refused:
        public_net.vetted_addresses("2130706433", 443)  # NEW: one decimal number is 127.0.0.1 to the resolver
    assert refused.value.what == "'2130706433' is een interne servernaam"


def test_a_name_whose_aaaa_is_nat64_of_the_metadata_service_is_refused(monkeypatch):
    """NEW: DNS64 answers for an IPv4-only name; a name that answers with the metadata service behind NAT64."""
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("64:ff9b::a9fe:a9fe", 443, 0, 0))])
    with pytest.raises(public_net.NotPublic) as refused:
        public_net.vetted_addresses("www.voorbeeld.be", 443)
    assert refused.value.what == ("www.voorbeeld.be wijst naar 64:ff9b::a9fe:a9fe, dat staat voor 169.254.169.254, een "
                                  "adres in een intern netwerk")


def test_data_files_that_are_no_files_or_no_slugs(tmp_path: Path):
    """NEW: a folder named like a record, a named pipe named like a record (reading it would hang the build), a
    folder named like a logo, a ligature that NFKC would turn into a slug."""
    root = make_project(tmp_path / "p", data=SAMPLE_DATA, content=False)
    folder = root / "data" / "signatories"
    (folder / "map-als-record.yml").mkdir()
    os.mkfifo(folder / "pijp.yml")
    (folder / "map-als-logo.png").mkdir()
    shutil.copyfile(folder / "fictief-bedrijf.yml", folder / "\ufb01ctief.yml")
    _, report = validate_project(Project(root))
    ours = [str(p) for p in report.sorted() if any(n in p.path for n in ("map-als", "pijp", "\ufb01"))]
    assert ours == [
        "data/signatories/map-als-logo.png:1: bestand: hier hoort geen map — zet de bestanden rechtstreeks in "
        "data/signatories/",
        "data/signatories/map-als-record.yml:1: bestand: hier hoort geen map — zet de bestanden rechtstreeks in "
        "data/signatories/",
        "data/signatories/pijp.yml:1: bestand: is geen gewoon bestand — voeg een gewoon tekstbestand toe",
        "data/signatories/\ufb01ctief.yml:1: bestandsnaam: '\ufb01ctief.yml' is geen geldige bestandsnaam (slug) — "
        "gebruik alleen kleine letters, cijfers en koppeltekens, bv. mijn-organisatie.yml"]
