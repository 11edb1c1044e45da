"""The trust rules on a signatory (``stemsite.validate.trust``): shared hosts, invited names, verified domains.

The same function serves the build, the forms and (as data) the browser: these tests use the
real vocabularies, and a copy with a verified domain where acceptance is tested.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from support import REPO, SIGNATORY, TODAY, make_project

from stemsite.load.vocabularies import load_vocabularies
from stemsite.problems import Report
from stemsite.project import Project
from stemsite.validate import invited, trust
from stemsite.validate.dataset import validate_project
from stemsite.vocabularies import Vocabulary

LOGO = REPO / "tests" / "hostile" / "corpus" / "signatories" / "stem-charter.svg"


def real_vocabularies() -> dict[str, Vocabulary]:
    report = Report()
    found = load_vocabularies(REPO / "data" / "vocabularies", REPO, report)
    assert not report, report.render()
    return found


VOCABULARIES = real_vocabularies()
RULES = trust.TrustRules.from_vocabularies(VOCABULARIES)


def with_verified(label: str, *domains: str) -> trust.TrustRules:
    """The real rules, with ``domains`` recorded as verified for the invited organisation ``label``."""
    vocabulary = VOCABULARIES[invited.VOCABULARY]
    terms = tuple(dataclasses.replace(t, verified_domains=domains) if t.label == label else t for t in vocabulary.terms)
    return trust.TrustRules.from_vocabularies({**VOCABULARIES, invited.VOCABULARY: Vocabulary(vocabulary.name, terms)})


def record(name: str, website: str | None = "https://www.corpus.example/",
           proof: str | None = "https://www.corpus.example/charter") -> dict:
    found = {"name": name}
    found.update({k: v for k, v in (("website", website), ("proof", proof)) if v is not None})
    return found


def fields(problems: list) -> list[str]:
    return [where[0] for where, _, _ in problems]


def test_an_ordinary_signatory_has_no_trust_problem():
    assert trust.signatory_problems(record("Voorbeeld Chemie nv"), RULES) == []


def test_an_invited_name_is_refused_by_name_with_how_the_platform_verifies():
    [(where, message, fix)] = trust.signatory_problems(record("UGent"), RULES)
    assert where == ("name",)
    assert message.startswith("'UGent' is of bevat de naam van U Gent, een organisatie die het STEM-platform zelf uitnodigt")
    assert "Neem contact op met het STEM-platform" in fix and "nagekeken domeinen" in fix


def test_an_invited_name_signs_only_when_website_and_proof_are_both_on_a_verified_domain():
    rules = with_verified("U Gent", "corpus.example")
    assert trust.signatory_problems(record("UGent"), rules) == []
    assert trust.signatory_problems(record("U.Gent", "https://WWW.CORPUS.EXAMPLE./"), rules) == []
    for website, proof in [("https://www.corpus.example/", "https://evil.example/charter"),
                           ("https://evil.example/", "https://www.corpus.example/charter"),
                           ("https://corpus.example.evil.example/", "https://corpus.example.evil.example/c"),
                           (None, None)]:
        problems = trust.signatory_problems(record("UGent", website, proof), rules)
        assert fields(problems) == ["name"], (website, proof)
        assert "(corpus.example), en daar staan de website en de bewijspagina niet op" in problems[0][1]


def test_a_domain_verified_for_one_organisation_does_not_admit_another():
    rules = with_verified("U Gent", "corpus.example")
    assert fields(trust.signatory_problems(record("KU Leuven"), rules)) == ["name"]
    assert fields(trust.signatory_problems(record("UGent en KU Leuven"), rules)) == ["name"]


@pytest.mark.parametrize("host", ["sites.google.com", "corpus.wixsite.com", "www.facebook.com", "m.facebook.com",
                                  "linktr.ee", "docs.google.com", "corpus.github.io", "www.linkedin.com"])
def test_a_shared_host_is_refused_for_website_and_proof(host):
    problems = trust.signatory_problems(record("Voorbeeld nv", f"https://{host}/a", f"https://{host}/b"), RULES)
    assert fields(problems) == ["website", "proof"]
    assert f"staat op {host} (" in problems[0][1]


@pytest.mark.parametrize("host", ["www.google.com", "notfacebook.com", "facebook.com.corpus.example",
                                  "www.corpus.example"])
def test_a_host_is_shared_only_when_it_is_or_lies_under_a_listed_one(host):
    assert trust.signatory_problems(record("Voorbeeld nv", f"https://{host}/", f"https://{host}/c"), RULES) == []


def test_the_browser_gets_the_rules_as_plain_data_that_reproduce_the_matcher():
    exported = json.loads(json.dumps(trust.signing_rules_for_browser(VOCABULARIES), ensure_ascii=False))
    assert {e["label"] for e in exported["invited"]} == {t.label for t in VOCABULARIES[invited.VOCABULARY].terms}
    assert {s["host"] for s in exported["shared_hosts"]} >= {"sites.google.com", "wixsite.com", "linktr.ee"}
    assert exported["compaction"]["lookalikes"]["\u03bf"] == "o"  # Greek omicron
    assert sorted(exported["compaction"]) == ["capital_fold", "invisible_extra", "lookalikes", "small_fold", "steps",
                                              "whole_name_only_up_to", "word", "word_split"]
    assert exported["compaction"]["steps"] == list(invited.STEPS)
    assert sorted(exported) == ["compaction", "invited", "messages", "shared_host_rule", "shared_hosts"]
    assert sorted(exported["invited"][0]) == ["keys", "label", "names", "value", "verified_domains"]
    # The browser shows the build's own sentences: filled in, they are what the build says.
    messages = exported["messages"]
    [(_, said, fix)] = trust.signatory_problems(record("UGent"), RULES)
    assert [m.replace("{name}", "UGent").replace("{label}", "U Gent") for m in messages["invited"]] == [said, fix]
    rules = with_verified("U Gent", "corpus.example")
    [(_, said, fix)] = trust.signatory_problems(record("UGent", "https://evil.example/"), rules)
    assert [m.replace("{name}", "UGent").replace("{label}", "U Gent").replace("{domains}", "corpus.example")
            for m in messages["invited_with_domains"]] == [said, fix]
    found = trust.signatory_problems(record("Voorbeeld nv", "https://sites.google.com/a", "https://linktr.ee/b"), RULES)
    for (where, said, fix), host, label in zip(found, ("sites.google.com", "linktr.ee"), ("Google Sites", "Linktree")):
        shown = messages["shared"][0].format(what=messages["what"][where[0]], host=host, label=label)
        assert [shown, messages["shared"][1][where[0]]] == [said, fix]
    names = ["Agoria", "UGent", "AgoriaVlaanderen", "K.U.Leuven", "B.A.S.F.", "V.D.A.B.", "i m e c", "\u0410goria",
             "ag\u200boria", "\uff36\uff29\uff34\uff2f", "VlB", "VLB", "V1TO", "ABW", "Vitomobiel", "GO!", "Go Voorbeeld nv",
             "Voorbeeld & Zonen nv", "Stichting imec-Gent", "KULeuven", "Kekul\u00e9", "\u0406\u041c\u0415\u0421"]
    for name in names:
        assert from_exported_data(exported, name) == {e.term.label for e in RULES.matcher.find(name)}, name


def from_exported_data(exported: dict, name: str) -> set[str]:
    """The matcher re-done from the exported data alone, as the browser's form does it."""
    rules = exported["compaction"]
    extra = re.compile(rules["invisible_extra"])

    def dropped(ch: str) -> bool:
        cp = ord(ch)
        return (unicodedata.category(ch) in ("Cf", "Co", "Cn", "Zl", "Zp") or bool(extra.match(ch)) or cp < 0x20
                or 0x7F <= cp <= 0x9F or 0xD800 <= cp <= 0xDFFF or 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE)

    plain = "".join(ch for ch in unicodedata.normalize("NFKC", name) if not dropped(ch))
    mapped = "".join(rules["lookalikes"].get(ch, ch) for ch in unicodedata.normalize("NFD", plain))
    bare = "".join(ch for ch in unicodedata.normalize("NFD", mapped) if not unicodedata.combining(ch))
    words = [p for w in re.findall(rules["word"], bare) for p in re.split(rules["word_split"], w) if p]

    def small(text: str) -> str:
        text = text.casefold()
        for seen, read in rules["small_fold"]:
            text = text.replace(seen, read)
        return text

    def capitals(text: str) -> str:
        table = rules["capital_fold"]
        return "".join(table.get(ch) or table.get(ch.upper(), ch.upper()) for ch in text)

    found = set()
    for entry in exported["invited"]:
        keys = set(entry["keys"])
        for fold in (small, capitals):
            if fold("".join(words)) in keys:
                found.add(entry["label"])
            for start in range(len(words)):
                for end in range(start + 1, len(words) + 1):
                    key = fold("".join(words[start:end]))
                    if len(key) > rules["whole_name_only_up_to"] and key in keys:
                        found.add(entry["label"])
    return found


def test_changing_a_verified_domain_is_seen_by_a_warm_validation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The lists are part of the validation cache's key: a record kept as valid is checked again when they change."""
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    root = make_project(tmp_path / "p", data=None, content=False)
    folder = root / "data" / "signatories"
    folder.mkdir(parents=True, exist_ok=True)
    text = SIGNATORY.replace("Testbedrijf", "VDAB").replace("www.test.example", "www.corpus.example")
    (folder / "vdab.yml").write_text(text.replace("test.example/charter", "corpus.example/charter"), encoding="utf-8")
    shutil.copyfile(LOGO, folder / "vdab.svg")
    vocabulary = root / "data" / "vocabularies" / "invited_organisations.yml"
    listed = vocabulary.read_text(encoding="utf-8")
    at = listed.index("verified_domains: []", listed.index("label: VDAB\n"))
    vocabulary.write_text(listed[:at] + "verified_domains: [corpus.example]" + listed[at + len("verified_domains: []"):],
                          encoding="utf-8")
    _, report = validate_project(Project(root, today=TODAY))
    assert [str(p) for p in report.sorted()] == []
    vocabulary.write_text(listed, encoding="utf-8")
    _, report = validate_project(Project(root, today=TODAY))
    assert [p.field for p in report.sorted()] == ["name"]
    assert "'VDAB' is of bevat de naam van VDAB" in report.sorted()[0].message


def test_a_verified_domain_must_be_a_registered_domain(tmp_path: Path):
    folder = tmp_path / "data" / "vocabularies"
    folder.mkdir(parents=True)
    (folder / "invited_organisations.yml").write_text(
        "values:\n  - value: vdab\n    label: VDAB\n    verified_domains: [www.vdab.be, s3.amazonaws.com, vdab.be]\n",
        encoding="utf-8")
    report = Report()
    found = load_vocabularies(folder, tmp_path, report)
    assert found["invited_organisations"].terms[0].verified_domains == ("vdab.be",)
    assert sorted(p.message for p in report.problems) == ["'s3.amazonaws.com' is geen geregistreerd domein",
                                                         "'www.vdab.be' is geen geregistreerd domein"]


# Mutation testing (scripts/mutate.py) let these through: the exact sentences, the browser's shared-host data
# and rules without a shared-hosts list.

def test_the_refusal_of_an_invited_name_is_this_exact_dutch_sentence():
    [(_, said, fix)] = trust.signatory_problems(record("UGent"), RULES)
    assert said == ("'UGent' is of bevat de naam van U Gent, een organisatie die het STEM-platform zelf uitnodigt; "
                    "zo'n naam tekent alleen vanaf een domein dat het platform voor U Gent heeft nagekeken, "
                    "en dat is er nog niet")
    assert fix == ("teken je namens U Gent? Neem contact op met het STEM-platform: het gaat bij U Gent zelf na dat het "
                   "domein van jullie website echt van de organisatie is en zet het bij de nagekeken domeinen; "
                   "daarna aanvaardt de controle deze ondertekening. Teken je voor een andere organisatie, "
                   "schrijf dan haar eigen naam")


def test_the_refusal_names_every_verified_domain_separated_by_a_comma():
    rules = with_verified("U Gent", "corpus.example", "ugent.example")
    [(_, said, _)] = trust.signatory_problems(record("UGent", "https://evil.example/"), rules)
    assert said.endswith("zo'n naam tekent alleen vanaf een domein dat het platform voor U Gent heeft "
                         "nagekeken (corpus.example, ugent.example), en daar staan de website en de bewijspagina niet op")


def test_the_browser_gets_each_shared_host_with_its_label():
    exported = trust.signing_rules_for_browser(VOCABULARIES)
    assert {"host": "linktr.ee", "label": "Linktree"} in exported["shared_hosts"]
    assert all(sorted(s) == ["host", "label"] for s in exported["shared_hosts"])


def test_rules_without_a_shared_hosts_list_refuse_no_host():
    rules = trust.TrustRules.from_vocabularies({invited.VOCABULARY: VOCABULARIES[invited.VOCABULARY]})
    assert rules.shared_hosts == ()
    assert trust.signatory_problems(record("Voorbeeld nv", "https://sites.google.com/a", "https://linktr.ee/b"),
                                    rules) == []
    assert fields(trust.signatory_problems(record("UGent"), rules)) == ["name"]
