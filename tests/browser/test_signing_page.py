"""The signing form on /charter/ondertekenen/, in Debian's Chromium, as a communication officer uses it.

Filled by keyboard only at 360 px (fields found by their labels), it hands GitHub a file that the real
`stemsite validate` accepts in a fresh project with a logo; the issue-form link fills only ids the form has;
a proof page on another domain and an invited name each get their Dutch message next to the field; the page's
slug rule, Public Suffix List and invited-name folding agree with the project's Python on shared tables; axe
finds nothing empty or filled, light or dark; without JavaScript the other routes remain.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from stemsite.collections import BY_NAME
from stemsite.editors.forms import questions
from stemsite.load import yaml_strict
from stemsite.load.vocabularies import load_vocabularies
from stemsite.validate import coerce
from stemsite.workflows.issue_body import NO_RESPONSE, form_from_data, parse_body
from stemsite.workflows.proposal_answers import build as build_answers
from stemsite.problems import Report
from stemsite.urls import UrlProblem, read_https, registered_domain
from stemsite.validate import schemas as schema_files
from stemsite.validate.checks import record_problems
from stemsite.validate.invited import Matcher
from stemsite.validate.trust import TrustRules, signatory_problems
from support import REPO, SAMPLE_CONTACT, SAMPLE_DATA, TODAY, make_project
from test_a11y import AXE, RUN_AXE, TAGS  # noqa: E402

pytestmark = pytest.mark.browser

PAGE = "charter/ondertekenen/"
READY = "#ondertekenen-formulier button[type=submit]:enabled"
"""The form's button, enabled once the script has the rules: the form is ready."""
PHONE = {"width": 360, "height": 740}
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "charter-ondertekenen.yml"
ATTACHMENT = "https://github.com/user-attachments/assets/00000000-0000-4000-8000-000000000000"
VOCABULARIES = load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())
SLUGS = json.loads((REPO / "tests" / "fixtures" / "slugs.json").read_text(encoding="utf-8"))["names"]
HOSTS = ["www.agoria.be", "agoria.be", "s3.amazonaws.com", "bucket.s3.amazonaws.com", "github.io", "fictief.github.io",
         "www.city.kobe.jp", "city.kobe.jp", "a.b.kobe.jp", "www.ck", "foo.bar.ck", "sites.google.com", "example.co.uk",
         "www.example.unknowntld", "be", "xn--bcher-kva.be", "gov.be", "www.vlaanderen.be", "a.b.c.d.e.f.g.blogspot.com"]
ADDRESSES = [  # (name, website, proof): each gives the browser exactly the build's Dutch messages
    ("Fictief", "https://www.agoria.be/", "https://evil.example?x=.agoria.be"),
    ("Fictief", "https://www.agoria.be/", "https://evil.example#.agoria.be"),
    ("Fictief", "https://sites.google.com/view/a", "https://sites.google.com/view/b"),
    ("Fictief", "https://github.io/", "https://s3.amazonaws.com/bucket/x"),
    ("Fictief", "https://fictief.github.io/", "https://fictief.github.io/charter"),
    ("B.A.S.F.", "https://www.basf.com/", "https://www.basf.com/be/charter"),
    ("Fictief", "https://www.voorbeeld.be:8080/", "http://www.voorbeeld.be/"),
    ("Fictief", "https://user@voorbeeld.be/", "https://1.2.3.4/"),
    ("Fictief", "HTTPS://www.voorbeeld.be/", "https://www.voorbeeld.be\\@evil.example/"),
    ("Fictief", "https://bücher.be/", "https://www.xn--bcher-kva.be/x"),
    ("Fictief", "https://www.voorbeeld.be/", "https://www.voorbeeld.be/%2e%2e/charter"),
    ("Fictief", "https://www.voorbeeld.be/", "https://voorbeeld.be./charter"),
]
NAMES = ["AgoriaVlaanderen", "Agoria", "K.U.Leuven", "B.A.S.F.", "V.D.A.B.", "i m e c", "UGent", "Imecmaker",
         "Vitomobiel", "Go Fictief Bedrijf", "GO!", "Fictief bedrijf (testgegeven)", "Аgoria Vlaanderen", "VlB", "VLB"]


def open_form(new_page, site_url: str, **options) -> Page:
    page = new_page(viewport=PHONE, **options)
    page.goto(site_url + PAGE, wait_until="networkidle")
    page.locator(READY).wait_for()
    return page


def field(page: Page, label: str, role: str = "textbox"):
    return page.get_by_role(role, name=label, exact=True)


def type_in(page: Page, label: str, text: str, role: str = "textbox") -> None:
    """Focus the field its label names and type, as a keyboard does (a select takes the typed option's start)."""
    field(page, label, role).focus()
    page.keyboard.type(text)
    page.keyboard.press("Tab")


def press_button(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")


def fill_by_keyboard(page: Page, name: str, website: str, proof: str, logo: Path) -> None:
    type_in(page, "Naam", name)
    type_in(page, "Soort ondertekenaar", "Bedrijven", role="combobox")
    type_in(page, "Website", website)
    type_in(page, "Bewijspagina", proof)
    type_in(page, "Soort engagement", "Stage", role="combobox")
    type_in(page, "Beschrijving", "Elk schooljaar vijf stageplaatsen voor leerlingen: techniek & zorg.")
    press_button(page, "Engagement toevoegen")  # focus moves into the new engagement
    page.keyboard.type("Experts")
    page.keyboard.press("Tab")
    page.keyboard.type("Onze technici geven gastlessen.\nOok in het eerste jaar.")
    page.locator("#ondertekenen-logo").set_input_files(str(logo))  # a file dialog is the system's, not the page's
    page.get_by_text("Niet verplicht: sector").focus()
    page.keyboard.press("Enter")
    type_in(page, "Sector", "voeding")
    type_in(page, "Gemeente", "Maldegem", role="combobox")  # a text field with a list of suggestions
    type_in(page, "Aantal werknemers", "1.250")


def issue_answer(item: dict, query: dict) -> str:
    """What GitHub puts under a question: the query's value, the upload for the logo, every box ticked."""
    if item["type"] == "checkboxes":
        return "\n".join(f"- [X] {option['label']}" for option in item["attributes"]["options"])
    if item["id"] in ("image", "logo"):
        return ATTACHMENT
    return query.get(item["id"], [NO_RESPONSE])[0]


def links_of(page: Page) -> dict[str, str]:
    return {name: page.locator(f'[data-result="{name}"]').get_attribute("href") or ""
            for name in ("new-file", "issue", "mail", "upload")}


def test_filled_by_keyboard_at_360_px_the_new_file_passes_the_real_validate(new_page, site_url, tmp_path):
    page = open_form(new_page, site_url)
    logo = SAMPLE_DATA / "signatories" / "fictief-bedrijf.png"
    fill_by_keyboard(page, "Voorbeeld & Zonen nv", "https://www.voorbeeld-zonen.be/",
                     "https://www.voorbeeld-zonen.be/nieuws/stem-charter", logo)
    press_button(page, "Controleer en maak klaar")
    result = page.locator("#ondertekenen-klaar")
    expect(result).to_be_visible()
    expect(result).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    new_file = urlsplit(links_of(page)["new-file"])
    assert new_file.netloc == "github.com" and new_file.path == "/stem-platform/stem-site/new/main/data/signatories"
    query = parse_qs(new_file.query)
    assert query["filename"] == ["voorbeeld-zonen-nv.yml"]
    assert page.locator('[data-result="logo-name"]').inner_text() == "voorbeeld-zonen-nv.png"
    assert links_of(page)["upload"] == "https://github.com/stem-platform/stem-site/upload/main/data/signatories"
    text = query["value"][0]
    record = yaml.safe_load(text)
    assert record["municipality"] == "43010" and record["employees"] == 1250
    assert [c["type"] for c in record["commitments"]] == ["stages", "experts"]

    root = make_project(tmp_path / "p", data=None, content=False)
    folder = root / "data" / "signatories"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / query["filename"][0]).write_text(text, encoding="utf-8")
    shutil.copy(logo, folder / "voorbeeld-zonen-nv.png")
    env = {k: v for k, v in os.environ.items() if k != "STEMSITE_TODAY"}  # the browser's today is today
    checked = subprocess.run([sys.executable, "-m", "stemsite", "--root", str(root), "validate"],
                             capture_output=True, text=True, env=env)
    assert checked.returncode == 0, text + checked.stderr
    assert "1 signatories" in checked.stdout
    page.watch.assert_clean()


def test_the_issue_form_link_fills_only_ids_the_form_has_and_the_mail_is_the_e_mail_routes(new_page, site_url):
    page = open_form(new_page, site_url)
    fill_by_keyboard(page, "Fictief Bedrijf (testgegeven)", "https://www.fictief.be/", "https://www.fictief.be/charter",
                     SAMPLE_DATA / "signatories" / "fictief-bedrijf.png")
    press_button(page, "Controleer en maak klaar")
    expect(page.locator("#ondertekenen-klaar")).to_be_visible()
    issue = urlsplit(links_of(page)["issue"])
    query = parse_qs(issue.query)
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = {item["id"] for item in form["body"] if item.get("id")}
    assert set(query) - {"template", "title"} <= ids
    assert query["template"] == ["charter-ondertekenen.yml"] and query["name"] == ["Fictief Bedrijf (testgegeven)"]
    category = next(item for item in form["body"] if item.get("id") == "category")
    assert query["category"][0] in category["attributes"]["options"]
    # GitHub writes each answer under its label; the form's own reader must give back the page's record.
    body = "".join(f"### {item['attributes']['label']}\n\n{issue_answer(item, query)}\n\n"
                   for item in form["body"] if item.get("id"))
    parsed = parse_body(body, form_from_data(form))
    schema = json.loads((REPO / "schemas" / "signatories.schema.json").read_text(encoding="utf-8"))
    read_back, logo = build_answers(parsed, questions(BY_NAME["signatories"], schema, VOCABULARIES), TODAY)
    assert not parsed.problems and logo == ATTACHMENT
    text = parse_qs(urlsplit(links_of(page)["new-file"]).query)["value"][0]
    assert read_back == coerce.to_json(yaml_strict.parse(text), schema, {})
    mail = links_of(page)["mail"]
    assert mail.startswith(f"mailto:{SAMPLE_CONTACT}?")
    body = parse_qs(urlsplit(mail).query)["body"][0]
    assert "### Naam\n> verplicht\n\nFictief Bedrijf (testgegeven)\n" in body and "\u2063" not in body
    page.watch.assert_clean()


def error_of(page: Page, label: str):
    """The Dutch message next to a field, after checking the field points at it and says it is invalid."""
    control = field(page, label)
    expect(control).to_have_attribute("aria-invalid", "true")
    error_id = f"{control.get_attribute('id')}-error"
    assert error_id in (control.get_attribute("aria-describedby") or "").split()
    return page.locator(f"#{error_id}")


def test_a_proof_on_another_domain_and_an_invited_name_get_their_dutch_message(new_page, site_url):
    page = open_form(new_page, site_url)
    fill_by_keyboard(page, "AgoriaVlaanderen", "https://www.agoria.be/", "https://evil.example?x=.agoria.be",
                     SAMPLE_DATA / "signatories" / "fictief-bedrijf.png")
    press_button(page, "Controleer en maak klaar")
    expect(page.locator(".signing-form__summary")).to_be_focused()
    expect(error_of(page, "Bewijspagina")).to_contain_text("De bewijspagina staat op evil.example, de website op agoria.be")
    expect(error_of(page, "Naam")).to_contain_text("Agoria Vlaanderen, een organisatie die het STEM-platform zelf uitnodigt")
    assert page.locator("#ondertekenen-klaar").is_hidden()  # nothing is handed on
    field(page, "Bewijspagina").fill("https://sites.google.com/view/fictief")
    page.keyboard.press("Tab")
    expect(error_of(page, "Bewijspagina")).to_contain_text("een domein waar veel verschillende eigenaars")
    page.watch.assert_clean()


def test_slug_psl_and_invited_names_agree_with_the_projects_python(new_page, site_url):
    page = open_form(new_page, site_url)
    vocabularies = load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())
    matcher = Matcher(vocabularies["invited_organisations"])
    got = page.evaluate("""async ([names, hosts, invited]) => {
      const rulesUrl = new URL(document.querySelector("[data-signing]").dataset.rules, document.baseURI);
      const rules = await (await fetch(rulesUrl)).json();
      const base = new URL(".", document.querySelector('script[src$="signing/form.js"]').src);
      const {makeSlugger} = await import(new URL("slug.js", base));
      const {makePsl} = await import(new URL("psl.js", base));
      const {makeChecks} = await import(new URL("checks.js", base));
      const slugify = makeSlugger(rules.slug, rulesUrl);
      const psl = makePsl(rules.pslParts, new URL(rules.psl, rulesUrl));
      const check = makeChecks(rules, psl);
      const refused = [];
      for (const name of invited) {
        const found = await check({name, website: "https://www.fictief.be/", proof: "https://www.fictief.be/x"}, "2026-01-01");
        refused.push(found.some(([path]) => path[0] === "name"));
      }
      return {slugs: await Promise.all(names.map(slugify)), domains: await Promise.all(hosts.map(psl)), refused};
    }""", [[row["name"] for row in SLUGS], HOSTS, NAMES])
    assert got["slugs"] == [row["slug"] for row in SLUGS]
    assert got["domains"] == [registered_domain(host) for host in HOSTS]
    assert got["refused"] == [bool(matcher.find(name)) for name in NAMES]
    assert any(got["refused"]) and not all(got["refused"])
    page.watch.assert_clean()


def build_messages(record: dict, schema: dict, rules: TrustRules) -> list[list[str]]:
    """What the build says about a record's name, website and proof: ``[field, "message — fix"]``."""
    found = []
    for key in ("website", "proof"):
        try:
            read_https(record[key])
        except UrlProblem as problem:
            found.append([key, f"{problem.message} — {problem.fix}"])
    for path, message, fix in [*record_problems(record, schema, TODAY), *signatory_problems(record, rules)]:
        found.append([".".join(map(str, path)), f"{message} — {fix}"])
    return sorted(found)


def test_addresses_and_names_get_the_builds_own_dutch_messages(new_page, site_url):
    page = open_form(new_page, site_url)
    vocabularies = load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())
    schema = schema_files.sync_enums(schema_files.load_schema(REPO / "schemas" / "signatories.schema.json"), vocabularies)
    rules = TrustRules.from_vocabularies(vocabularies)
    records = [{"name": name, "category": "bedrijf", "website": website, "proof": proof, "signed_on": "2025-03-14",
                "commitments": [{"type": "stages", "description": "Vijf stageplaatsen."}]}
               for name, website, proof in ADDRESSES]
    got = page.evaluate("""async (records) => {
      const rulesUrl = new URL(document.querySelector("[data-signing]").dataset.rules, document.baseURI);
      const rules = await (await fetch(rulesUrl)).json();
      const base = new URL(".", document.querySelector('script[src$="signing/form.js"]').src);
      const {makePsl} = await import(new URL("psl.js", base));
      const {makeChecks} = await import(new URL("checks.js", base));
      const check = makeChecks(rules, makePsl(rules.pslParts, new URL(rules.psl, rulesUrl)));
      const out = [];
      for (const record of records) out.push((await check(record, "2026-11-23")).map(([p, m]) => [p.join("."), m]).sort());
      return out;
    }""", records)
    expected = [build_messages(record, schema, rules) for record in records]
    assert got == expected
    assert all(expected[:9]) and not expected[9]  # every case but the IDN one is refused
    page.watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_empty_with_errors_and_ready(new_page, site_url, scheme):
    assert AXE.exists(), "axe-core ontbreekt: voer `make test` uit (npm ci)"
    page = open_form(new_page, site_url, color_scheme=scheme)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE, TAGS) == [], "leeg"
    press_button(page, "Controleer en maak klaar")
    expect(page.locator(".signing-form__summary")).to_be_visible()
    assert page.evaluate(RUN_AXE, TAGS) == [], "met fouten"
    page.reload(wait_until="networkidle")
    page.locator(READY).wait_for()
    fill_by_keyboard(page, "Fictief Bedrijf (testgegeven)", "https://www.fictief.be/", "https://www.fictief.be/charter",
                     SAMPLE_DATA / "signatories" / "fictief-bedrijf.png")
    press_button(page, "Controleer en maak klaar")
    expect(page.locator("#ondertekenen-klaar")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE, TAGS) == [], "klaar"
    page.watch.assert_clean()


def test_nothing_moves_when_the_script_is_ready_at_1280(new_page, site_url):
    """The form is in the page from the first paint: the routes below it do not jump down when the rules arrive
    (Lighthouse measured CLS 0.071 on a desktop when the script revealed the form)."""
    page = new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script("""window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
        if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: "layout-shift", buffered: true});""")
    page.goto(site_url + PAGE, wait_until="networkidle")
    page.locator(READY).wait_for()
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.__cls") < 0.01
    page.watch.assert_clean()


def test_every_link_on_the_page_has_an_address_before_the_form_fills_it(new_page, site_url):
    """The last step's links lead to the same GitHub pages without the answers until the form writes them
    (Lighthouse's crawlable-anchors: a link without an address); the form then adds the answers."""
    page = open_form(new_page, site_url)
    assert page.locator("a:not([href])").count() == 0
    new_file = page.locator('[data-result="new-file"]').get_attribute("href")
    assert new_file == "https://github.com/stem-platform/stem-site/new/main/data/signatories"
    issue = page.locator('[data-result="issue"]').get_attribute("href")
    assert issue == "https://github.com/stem-platform/stem-site/issues/new?template=charter-ondertekenen.yml"
    page.watch.assert_clean()


def test_the_copy_button_copies_the_sentence_and_needs_no_room_of_its_own_without_javascript(new_page, site_url):
    """The button is in the page from the start (nothing moves), copies the sentence as one line, and is not shown
    where no script can make it work."""
    page = open_form(new_page, site_url, permissions=["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Kopieer de zin", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Gekopieerd.")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == ("Wij ondertekenen het STEM-charter van het Vlaamse STEM-platform en zetten ons in om wetenschap, "
                      "technologie, wiskunde en informatiekunde aantrekkelijker te maken voor jongeren.")
    page.watch.assert_clean()
    still = new_page(java_script_enabled=False, viewport=PHONE)
    still.goto(site_url + PAGE)
    assert still.get_by_role("button", name="Kopieer de zin", exact=True).is_hidden()


def test_without_javascript_the_issue_form_and_the_technical_route_remain(new_page, site_url):
    page = new_page(java_script_enabled=False, viewport=PHONE)
    page.goto(site_url + PAGE)
    assert page.locator("#ondertekenen-formulier").is_hidden()
    issue = page.locator('a:not([data-result])[href^="https://github.com/stem-platform/stem-site/issues/new?template=charter-ondertekenen.yml"]')
    expect(issue.first).to_be_visible()
    expect(page.get_by_role("link", name="ondertekenen voor technische bijdragers")).to_be_visible()
    expect(page.get_by_text("Wij ondertekenen het STEM-charter")).to_be_visible()
