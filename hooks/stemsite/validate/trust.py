"""Who may sign as whom: the trust rules on a signatory's name, website and proof page.

One function, :func:`signatory_problems`, serves the build's validation (per record, in
``record_file``, with the lists in the cache key), the pull-request check (which runs the same
validation), the issue form and the e-mail route (both before the logo is fetched) and, through
:func:`signing_rules_for_browser`, the signing form on the site:

- **Shared hosts** (``data/vocabularies/shared_hosts.yml``): a website or proof page on a host
  where one domain serves many owners' pages (``sites.google.com``, ``wixsite.com``,
  ``facebook.com`` ...) says nothing about who wrote it, so it is refused.
- **Invited names** (``data/vocabularies/invited_organisations.yml``, matched as in
  :mod:`.invited`): a name that is, or holds, an invited organisation's name signs only when
  its website and its proof page are both on a domain a maintainer recorded as verified for
  that organisation (``verified_domains``); otherwise it is refused by name, with how the
  platform verifies.

The rules that need no list (an address the standard library reads, a host that is a public
suffix, proof and website on one registered domain) are per record, in :mod:`.checks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import urls
from ..vocabularies import Term, Vocabulary
from .invited import VOCABULARY as INVITED, Invited, Matcher, compaction_rules, keys

COLLECTION = "signatories"
"""The collection the rules apply to."""
SHARED_HOSTS = "shared_hosts"
Problem = tuple[tuple[str, ...], str, str]
"""(field path, what is wrong, how to fix it), in Dutch."""
SHARED_MESSAGE = ("{what} staat op {host} ({label}), een domein waar veel verschillende eigenaars pagina's op zetten; "
                  "zo'n adres toont niet dat de organisatie zelf tekent")
WHAT = {"website": "de website", "proof": "de bewijspagina"}
SHARED_FIX = {"website": "geef het adres van de eigen website van de organisatie, bv. https://www.organisatie.be/",
              "proof": "zet de bewijspagina op de eigen website van de organisatie, bv. https://www.organisatie.be/charter"}


@dataclass
class TrustRules:
    """The lists the rules read, from the vocabularies (empty lists when a vocabulary is missing)."""

    matcher: Matcher
    shared_hosts: tuple[Term, ...] = field(default_factory=tuple)

    @classmethod
    def from_vocabularies(cls, vocabularies: dict[str, Vocabulary]) -> "TrustRules":
        shared = vocabularies.get(SHARED_HOSTS)
        return cls(Matcher(vocabularies.get(INVITED)), shared.terms if shared else ())

    def fingerprint(self) -> list[Any]:
        """What the verdicts depend on, for the cache of validated records."""
        return [[[e.term.value, *e.names, "|", *e.term.verified_domains] for e in self.matcher.invited],
                [t.value for t in self.shared_hosts]]

    def shared_host(self, host: str) -> Term | None:
        """The shared host an address's host is, or lies under (``www.facebook.com`` under ``facebook.com``)."""
        return next((t for t in self.shared_hosts if host == t.value or host.endswith("." + t.value)), None)


def _address(value: Any) -> urls.WebAddress | None:
    try:
        return urls.read_https(value) if isinstance(value, str) else None
    except urls.UrlProblem:
        return None  # the format check reports it


def _shared(record: dict[str, Any], rules: TrustRules) -> Iterator[Problem]:
    for key, what in WHAT.items():
        address = _address(record.get(key))
        # A host that is itself a public suffix (github.io) is refused by the per-record check, with its own message.
        shared = rules.shared_host(address.host) if address and not address.is_public_suffix else None
        if shared is not None:
            yield ((key,), SHARED_MESSAGE.format(what=what, host=address.host, label=shared.label), SHARED_FIX[key])


def _verified(entry: Invited, record: dict[str, Any]) -> bool:
    """True when website and proof are both on a domain verified for this organisation."""
    found = [_address(record.get(key)) for key in ("website", "proof")]
    domains = set(entry.term.verified_domains)
    return all(a is not None and a.registered_domain in domains for a in found)


def invited_message(name: str, label: str, domains: tuple[str, ...]) -> tuple[str, str]:
    """The Dutch refusal of a name that matches an invited organisation (shared with the browser)."""
    where = (f"nagekeken ({', '.join(domains)}), en daar staan de website en de bewijspagina niet op" if domains
             else "nagekeken, en dat is er nog niet")
    return (f"'{name}' is of bevat de naam van {label}, een organisatie die het STEM-platform zelf uitnodigt; zo'n naam "
            f"tekent alleen vanaf een domein dat het platform voor {label} heeft {where}",
            f"teken je namens {label}? Neem contact op met het STEM-platform: het gaat bij {label} zelf na dat het "
            "domein van jullie website echt van de organisatie is en zet het bij de nagekeken domeinen; daarna aanvaardt "
            "de controle deze ondertekening. Teken je voor een andere organisatie, schrijf dan haar eigen naam")


def signatory_problems(record: dict[str, Any], rules: TrustRules) -> list[Problem]:
    """Every trust problem of one signatory record: shared hosts, and an invited name without a verified domain."""
    problems = list(_shared(record, rules))
    name = record.get("name")
    if isinstance(name, str):
        for entry in rules.matcher.find(name):
            if not _verified(entry, record):
                problems.append((("name",), *invited_message(name, entry.term.label, entry.term.verified_domains)))
                break
    return problems


def signing_rules_for_browser(vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    """The trust rules as plain data (JSON-able), for the signing form in the browser to apply as the build does."""
    rules = TrustRules.from_vocabularies(vocabularies)
    return {
        "invited": [{
            "value": entry.term.value,
            "label": entry.term.label,
            "names": list(entry.names),
            "keys": sorted({key for name in entry.names for key in keys(name)}),
            "verified_domains": list(entry.term.verified_domains),
        } for entry in rules.matcher.invited],
        "shared_hosts": [{"host": term.value, "label": term.label} for term in rules.shared_hosts],
        "shared_host_rule": "a host is shared when it equals 'host' or ends with '.' + 'host'",
        "compaction": compaction_rules(),
        "messages": {
            "invited": invited_message("{name}", "{label}", ()),
            "invited_with_domains": invited_message("{name}", "{label}", ("{domains}",)),
            "shared": (SHARED_MESSAGE, dict(SHARED_FIX)),
            "what": dict(WHAT),
        },
    }
