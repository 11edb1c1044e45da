"""The weekly freshness check: dead links and proof pages, and records nobody confirmed for a year.

``python -m stemsite.workflows.linkcheck --output rapport.md`` reads every valid record, requests
each external address once (``website``, ``proof``, ``links[].url``, an event's ``url`` ...:
every field whose schema format is ``https-url``), looks at when git last saw each signatory
and academy change, and writes one Dutch Markdown report. The workflow turns that report into
one issue, opened or updated. Findings are the report's job, so the command exits 0 even
when links are dead; it fails only when it cannot do its work.
"""

from __future__ import annotations

import argparse
import socket
import ssl
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from http.client import HTTPException
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.error import HTTPError, URLError
from urllib.request import Request

from .. import urls
from ..collections import BY_NAME
from ..project import Project, today_in_brussels
from ..validate.coerce import field_name, line_of
from ..validate.dataset import Dataset, validate_project
from . import markdown
from .git import GitError, is_shallow, last_changed
from .public_net import PUBLIC, NotPublic, Policy, opener
from .step_outputs import write_step_outputs

USER_AGENT = "Mozilla/5.0 (compatible; stem-site-linkcheck/1.0; +https://github.com/stem-platform)"
"""Some sites refuse clients without a browser-like agent; this one still says who it is."""
TIMEOUT = 20.0
STALE_AFTER_DAYS = 365
MAX_PAGE_BYTES = 2 * 1024 * 1024
"""Enough to find the word 'charter' on a proof page; never more is read."""
DEAD_STATUSES = {404, 410}
"""Answers that mean the page is gone; every other failure may be temporary and is 'to check'."""
MIN_FOR_OUTAGE = 3
"""With at least this many addresses and not one HTTP answer, the network is down, not the links."""
STALE_COLLECTIONS = {"signatories": "withdrawn_on", "academies": "inactive_since"}
"""Collections whose records must be confirmed yearly, and the field that retires a record."""


@dataclass(frozen=True)
class Link:
    """One external address in one record."""

    url: str
    path: str
    line: int
    field: str
    label: str

    @property
    def is_proof(self) -> bool:
        return self.field == "proof"


@dataclass(frozen=True)
class Result:
    """What requesting one address gave."""

    url: str
    ok: bool
    reason: str = ""
    """Dutch: why the address failed, or a remark on a page that loads (a proof without 'charter')."""
    status: int | None = None
    dead: bool = False
    """True when the page is certainly gone (404, 410, unknown domain)."""


@dataclass(frozen=True)
class Stale:
    """A record whose file has not changed for longer than a year."""

    path: str
    label: str
    collection_title: str
    last_change: date
    days: int


def _with_schema(value: Any, schema: dict[str, Any], where: tuple[str | int, ...]
                 ) -> Iterator[tuple[Any, dict[str, Any], tuple[str | int, ...]]]:
    yield value, schema, where
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, child in value.items():
            yield from _with_schema(child, properties.get(key, {}), (*where, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, child in enumerate(value):
            yield from _with_schema(child, schema["items"], (*where, i))


def _read(value: Any) -> urls.WebAddress | None:
    try:
        return urls.read_https(value) if isinstance(value, str) else None
    except urls.UrlProblem:
        return None  # validation refused the record already; a refused address is never requested


def collect_links(dataset: Dataset) -> list[Link]:
    """Every ``https-url`` value of every valid record, with where it stands."""
    links = []
    for name, records in dataset.records.items():
        schema = dataset.schemas.get(name, {})
        for record in records:
            label = record.data.get(BY_NAME[name].label_field, record.slug)
            for value, sub, where in _with_schema(record.data, schema, ()):
                address = _read(value) if sub.get("format") == "https-url" else None
                if address is not None:  # requested as every rule reads it: the host lower-cased, IDNA, no trailing dot
                    links.append(Link(address.url, record.rel, line_of(record.lines, where), field_name(where),
                                      str(label)))
    return links


def _reason(exc: BaseException, timeout: float) -> tuple[str, bool]:
    """A Dutch reason for a failed request, and whether it certainly means 'gone'."""
    if isinstance(exc, URLError) and not isinstance(exc, HTTPError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, NotPublic):
        return f"niet opgevraagd: {exc.what}", False
    if isinstance(exc, socket.gaierror):
        if exc.errno == socket.EAI_AGAIN:
            return "de domeinnaam kon even niet opgezocht worden", False
        return "de domeinnaam bestaat niet (meer)", True
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"geen antwoord binnen {timeout:g} seconden", False
    if isinstance(exc, ssl.SSLError):
        return "het beveiligingscertificaat (https) klopt niet", False
    if isinstance(exc, ConnectionRefusedError):
        return "de server weigert de verbinding", False
    if isinstance(exc, (ConnectionError, HTTPException, OSError)):
        return f"de verbinding mislukte ({type(exc).__name__})", False
    return f"onverwachte fout ({type(exc).__name__})", False


def check_url(url: str, *, want_word: str | None = None, timeout: float = TIMEOUT, retries: int = 1,
              pause: float = 2.0, policy: Policy = PUBLIC) -> Result:
    """Request one address with GET (many servers answer HEAD wrongly), following redirects.

    Only public addresses are requested, also after a redirect (:mod:`.public_net`).
    With ``want_word`` the page's first megabytes are read and a page that does not mention it
    loads but gets a remark (a proof page that no longer mentions the charter).
    """
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"})
    result = Result(url, False, "niet gecontroleerd")
    for attempt in range(retries + 1):
        try:
            with opener(policy).open(request, timeout=timeout) as response:
                status = response.status
                if want_word is None:
                    return Result(url, True, status=status)
                body = response.read(MAX_PAGE_BYTES)
                charset = response.headers.get_content_charset() or "utf-8"
            try:
                page = body.decode(charset, errors="replace").casefold()
            except LookupError:  # a charset Python does not know
                page = body.decode("utf-8", errors="replace").casefold()
            if want_word.casefold() in page:
                return Result(url, True, status=status)
            return Result(url, True, f"de pagina laadt, maar het woord '{want_word}' staat er niet (meer) op",
                          status=status)
        except HTTPError as exc:
            dead = exc.code in DEAD_STATUSES
            result = Result(url, False, f"de server antwoordt {exc.code} ({_http_reason(exc.code)})", exc.code, dead)
            if dead or exc.code < 500 and exc.code != 429:
                return result
        except (URLError, OSError, HTTPException, ValueError) as exc:
            reason, dead = _reason(exc, timeout)
            result = Result(url, False, reason, dead=dead)
            if dead or reason.startswith("niet opgevraagd"):
                return result
        if attempt < retries:
            time.sleep(pause)  # one more try: a server can be down for a minute
    return result


def _http_reason(code: int) -> str:
    return {
        400: "ongeldige vraag", 401: "aanmelden vereist", 403: "toegang geweigerd", 404: "pagina niet gevonden",
        410: "pagina verwijderd", 429: "te veel vragen", 500: "serverfout", 502: "serverfout",
        503: "tijdelijk niet beschikbaar", 504: "server antwoordt niet",
    }.get(code, "fout")


def check_links(links: list[Link], *, check: Callable[..., Result] = check_url, workers: int = 8,
                timeout: float = TIMEOUT) -> dict[str, Result]:
    """Check every distinct address once; a proof page is also searched for the word 'charter'."""
    proofs = {link.url for link in links if link.is_proof}
    urls = sorted({link.url for link in links})

    def one(url: str) -> Result:
        return check(url, want_word="charter" if url in proofs else None, timeout=timeout)

    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        return dict(zip(urls, pool.map(one, urls)))


def stale_records(dataset: Dataset, root: Path, today: date, days: int = STALE_AFTER_DAYS) -> list[Stale]:
    """Signatories and academies (not withdrawn or inactive) whose file git last saw change over ``days`` ago."""
    changed = last_changed(root)
    result = []
    for name, retired_field in STALE_COLLECTIONS.items():
        collection = BY_NAME[name]
        for record in dataset.records.get(name, []):
            if record.data.get(retired_field):
                continue
            day = changed.get(record.rel)
            if day is None:  # not committed yet: new, so not stale
                continue
            age = (today - day).days
            if age > days:
                label = str(record.data.get(collection.label_field, record.slug))
                result.append(Stale(record.rel, label, collection.title, day, age))
    return sorted(result, key=lambda s: (s.last_change, s.path))


def report(links: list[Link], results: dict[str, Result], stale: list[Stale], *, today: date,
           problems: int = 0, shallow: bool = False) -> str:
    """The issue body in Dutch."""
    failing = [(link, results[link.url]) for link in links if not results[link.url].ok]
    remarks = [(link, results[link.url]) for link in links if results[link.url].ok and results[link.url].reason]
    return markdown.render(
        "links_issue.md.j2",
        today=today.isoformat(),
        dead=[pair for pair in failing if pair[1].dead],
        unsure=[pair for pair in failing if not pair[1].dead],
        remarks=remarks,
        stale=stale,
        stale_days=STALE_AFTER_DAYS,
        checked=len(results),
        problems=problems,
        shallow=shallow,
    )


def main(argv: list[str] | None = None, *, check: Callable[..., Result] = check_url) -> int:
    """Check links and freshness, write the report and the counts for the workflow."""
    parser = argparse.ArgumentParser(prog="python -m stemsite.workflows.linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="de map van het project (standaard: hier)")
    parser.add_argument("--output", type=Path, required=True, help="het Markdown-rapport (de tekst van het issue)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconden per adres")
    parser.add_argument("--workers", type=int, default=8, help="zoveel adressen tegelijk")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    today = today_in_brussels()

    dataset, problems = validate_project(Project(root, today=today))
    links = collect_links(dataset)
    results = check_links(links, check=check, workers=args.workers, timeout=args.timeout)
    if len(results) >= MIN_FOR_OUTAGE and all(result.status is None for result in results.values()):
        # Not one server answered: the runner has no network, the web has not died. Reporting
        # every link as dead would bury the real ones, so fail the run instead.
        print(f"Geen enkel van de {len(results)} adressen gaf antwoord: het netwerk lijkt onbereikbaar. "
              "Niets gerapporteerd.", file=sys.stderr)
        return 2
    try:
        shallow = is_shallow(root)
        stale = [] if shallow else stale_records(dataset, root, today)
    except GitError as exc:
        parser.error(f"git: {exc}")
    text = report(links, results, stale, today=today, problems=len(problems.sorted()), shallow=shallow)
    args.output.write_text(text, encoding="utf-8")

    failing = sum(1 for link in links if not results[link.url].ok)
    write_step_outputs(failing=failing, stale=len(stale), findings=failing + len(stale))
    print(f"{len(results)} adressen gecontroleerd: {failing} vermelding(en) met een probleem; "
          f"{len(stale)} record(s) om te bevestigen.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
