"""The weekly link check, offline: a local http.server plays every website in the data."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from ci_support import commit_all, git, make_data_project, write_signatory
from stemsite.workflows import linkcheck
from stemsite.project import Project
from stemsite.validate.dataset import validate_project

PAGES = {
    "/ok": (200, "<h1>Welkom</h1>"),
    "/bewijs": (200, "<p>Wij ondertekenden het STEM-Charter.</p>"),
    "/bewijs-weg": (200, "<p>Over ons</p>"),
    "/weg": (404, "niet gevonden"),
    "/verwijderd": (410, "weg"),
    "/kapot": (500, "serverfout"),
    "/verboden": (403, "nee"),
}
REDIRECTS = {"/oud": "/ok", "/oud-dood": "/weg"}


class _Site(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_HEAD(self):  # noqa: N802 - many real servers get HEAD wrong; the checker must not depend on it
        self.send_response(405)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        path = self.path.split("?")[0]
        _Site.hits[path] = _Site.hits.get(path, 0) + 1
        if path == "/traag":
            time.sleep(1.5)
        if path in REDIRECTS:
            self.send_response(301)
            self.send_header("Location", REDIRECTS[path])
            self.end_headers()
            return
        status, body = PAGES.get(path, (200, "traag maar goed") if path == "/traag" else (404, "?"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # the slow page: the checker stopped waiting, as it should
            pass

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check(url, **kwargs):
    return linkcheck.check_url(url, pause=0, **{"timeout": 5, **kwargs})


def test_a_page_that_loads_is_ok_even_when_head_is_refused(site):
    result = check(f"{site}/ok")
    assert result.ok and result.status == 200 and result.reason == ""


def test_redirects_are_followed(site):
    assert check(f"{site}/oud").ok
    gone = check(f"{site}/oud-dood")
    assert not gone.ok and gone.dead and gone.status == 404


@pytest.mark.parametrize("path,status", [("/weg", 404), ("/verwijderd", 410)])
def test_missing_pages_are_dead(site, path, status):
    result = check(site + path)
    assert not result.ok and result.dead and result.status == status
    assert str(status) in result.reason


def test_other_errors_are_to_check_and_server_errors_are_retried(site):
    forbidden = check(f"{site}/verboden")
    assert not forbidden.ok and not forbidden.dead and "toegang geweigerd" in forbidden.reason
    before = _Site.hits.get("/kapot", 0)
    broken = check(f"{site}/kapot", retries=1)
    assert not broken.ok and not broken.dead and "500" in broken.reason
    assert _Site.hits["/kapot"] - before == 2


def test_unreachable_and_slow_servers(site):
    refused = check(f"http://127.0.0.1:{closed_port()}/", retries=0)
    assert not refused.ok and not refused.dead and "verbinding" in refused.reason
    slow = check(f"{site}/traag", timeout=0.3, retries=0)
    assert not slow.ok and "geen antwoord binnen 0.3 seconden" in slow.reason


def test_unknown_domains_count_as_dead_but_a_dns_hiccup_does_not():
    reason, dead = linkcheck._reason(socket.gaierror(socket.EAI_NONAME, "Name or service not known"), 20)
    assert dead and "bestaat niet" in reason
    reason, dead = linkcheck._reason(socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), 20)
    assert not dead and "even niet" in reason


def test_a_runner_without_network_reports_nothing(project, tmp_path, capsys):
    def offline(url, **kwargs):
        return linkcheck.Result(url, False, "de domeinnaam bestaat niet (meer)", dead=True)

    report = tmp_path / "linkcontrole.md"
    assert linkcheck.main(["--root", str(project), "--output", str(report)], check=offline) == 2
    assert not report.exists()
    assert "netwerk" in capsys.readouterr().err


def test_proof_pages_must_still_mention_the_charter(site):
    assert check(f"{site}/bewijs", want_word="charter").reason == ""
    gone = check(f"{site}/bewijs-weg", want_word="charter")
    assert gone.ok and "charter" in gone.reason


@pytest.fixture
def project(tmp_path):
    """Signatories, an academy and an event whose addresses the local site answers."""
    root = make_data_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    write_signatory(root, "oud", text="name: Oud bedrijf\ncategory: bedrijf\nwebsite: https://www.oud.be/ok\n"
                    "proof: https://www.oud.be/bewijs\nsigned_on: '2023-05-01'\n"
                    "commitments:\n  - type: stages\n    description: Stages.\n")
    write_signatory(root, "ingetrokken", text="name: Ingetrokken\ncategory: bedrijf\nwebsite: https://www.weg.be/ok\n"
                    "proof: https://www.weg.be/bewijs\nsigned_on: '2023-05-01'\nwithdrawn_on: '2024-01-01'\n"
                    "commitments:\n  - type: stages\n    description: Stages.\n")
    (root / "data" / "academies" / "academie-oud.yml").write_text(
        "name: Oude academie\nmunicipality: '43010'\nthemes: [techniek]\nformats: [korte-reeks]\n"
        "website: https://academie.be/verwijderd\n", encoding="utf-8")
    commit_all(root, "oud", when="2024-06-01T12:00:00+02:00")
    write_signatory(root, "nieuw", text="name: Nieuw bedrijf\ncategory: bedrijf\nwebsite: https://www.nieuw.be/oud-dood\n"
                    "proof: https://www.nieuw.be/bewijs-weg\nsigned_on: '2026-01-05'\n"
                    "commitments:\n  - type: stages\n    description: Stages.\n"
                    "links:\n  - title: Interview\n    url: https://krant.be/kapot\n")
    commit_all(root, "nieuw", when="2026-10-01T12:00:00+02:00")
    return root


def test_collect_links_finds_every_https_field_with_its_line(project):
    dataset, report = validate_project(Project(project, today=date(2026, 11, 23)))
    assert not report, report.render()
    links = {(link.path, link.field): link for link in linkcheck.collect_links(dataset)}
    assert links[("data/signatories/nieuw.yml", "links[0].url")].url == "https://krant.be/kapot"
    assert links[("data/signatories/nieuw.yml", "links[0].url")].line == 11
    assert links[("data/signatories/nieuw.yml", "proof")].is_proof
    assert links[("data/academies/academie-oud.yml", "website")].label == "Oude academie"
    assert len(links) == 8


def test_stale_records_are_the_old_ones_not_withdrawn(project):
    dataset, _ = validate_project(Project(project, today=date(2026, 11, 23)))
    stale = linkcheck.stale_records(dataset, project, date(2026, 11, 23))
    assert [(s.path, s.last_change.isoformat()) for s in stale] == [
        ("data/academies/academie-oud.yml", "2024-06-01"), ("data/signatories/oud.yml", "2024-06-01")]
    assert stale[0].days == (date(2026, 11, 23) - date(2024, 6, 1)).days


def test_the_command_writes_one_report_and_the_counts(project, site, tmp_path, monkeypatch):
    def local(url, **kwargs):
        """Every https address of the data, answered by the local site (same path)."""
        return _as(url, check(f"{site}{urlsplit(url).path}", **kwargs))

    outputs = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    monkeypatch.setenv("STEMSITE_TODAY", "2026-11-23")
    report = tmp_path / "linkcontrole.md"
    assert linkcheck.main(["--root", str(project), "--output", str(report)], check=local) == 0
    text = report.read_text(encoding="utf-8")
    dead = text.split("## Dode links")[1].split("## Te controleren")[0]
    unsure = text.split("## Te controleren")[1].split("## Niet bevestigd")[0]
    stale = text.split("## Niet bevestigd")[1]
    assert "`https://academie.be/verwijderd`" in dead and "410" in dead
    assert "`https://www.nieuw.be/oud-dood`" in dead
    assert "`https://krant.be/kapot`" in unsure and "`https://www.oud.be/ok`" not in text
    assert "Nieuw bedrijf" in text and "`https://www.nieuw.be/bewijs-weg`" in text  # proof without 'charter'
    assert "Oude academie" in stale and "Oud bedrijf" in stale and "Ingetrokken" not in stale
    counts = dict(line.split("=") for line in outputs.read_text(encoding="utf-8").split())
    assert counts == {"failing": "3", "stale": "2", "findings": "5"}


def _as(url, result):
    """The local result under the address the data wrote."""
    return linkcheck.Result(url, result.ok, result.reason, result.status, result.dead)


def test_report_escapes_what_the_data_says():
    link = linkcheck.Link("https://x.be/a`b", "data/signatories/x.yml", 3, "website", "<b>@team</b> [x](javascript:1)")
    text = linkcheck.report([link], {link.url: linkcheck.Result(link.url, False, "de server antwoordt 404", 404, True)},
                            [], today=date(2026, 11, 23))
    assert "<b>" not in text and "@team" not in text and "](javascript" not in text
    assert "``https://x.be/a`b``" in text
