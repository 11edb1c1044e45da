"""Every page leads to its source, record pages to a pre-filled change or withdrawal, and the e-mail route
appears only with the platform's own address; in the built sample site."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load

from stemsite.collections import COLLECTIONS
from stemsite.editors.proposals import PROPOSALS, Links, mail_body, load_form_file
from support import REPO, SAMPLE_CONTACT, SAMPLE_DATA

EDIT = "https://github.com/stem-platform/stem-site/edit/main/"


def hrefs(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]


def record_pages() -> list[tuple[str, str, str]]:
    """(collection, slug, page path) of every sample record."""
    return [(c.name, path.stem, c.page_url(path.stem)) for c in COLLECTIONS
            for path in sorted((SAMPLE_DATA / c.name).glob("*.yml"))]


def test_the_real_configuration_sets_the_repository_once_and_no_invented_address():
    with (REPO / "mkdocs.yml").open("rb") as handle:
        config = yaml_load(handle)
    assert config["repo_url"] == "https://github.com/stem-platform/stem-site"
    # The edit action is the theme's own, below the content (partials/page-edit.html), not Material's pencil above it.
    assert config["edit_uri"] == "edit/main/content/" and "content.action.edit" not in config["theme"]["features"]
    assert config["extra"]["contact"]["email"] == ""
    links = Links.from_config(config["repo_url"], config["edit_uri"], config["extra"], REPO)
    assert links.email == "" and all(p["mail"] == "" for p in links.proposals())
    assert links.record("academies", "x", "X")["change_mail"] == ""


def test_an_address_that_is_no_address_is_never_linked():
    for bad in ("", "geen adres", "a@b", "x@example.org?bcc=iedereen@example.org", "x@example.org\nBcc: y@z.be"):
        assert Links.from_config("https://github.com/o/r", "edit/main/content/", {"contact": {"email": bad}}).email == ""


@pytest.mark.parametrize("collection,slug,page", record_pages(), ids=lambda v: v if "/" in str(v) else None)
def test_every_record_page_links_to_its_yaml_and_a_prefilled_change(sample_site, collection, slug, page):
    html = (sample_site / page / "index.html").read_text(encoding="utf-8")
    links = hrefs(html)
    data_file = f"data/{collection}/{slug}.yml"
    edit = EDIT + data_file
    assert edit in links, "Bewerk deze gegevens"
    assert f'<a href="{edit}" rel="nofollow">Bewerk deze gegevens</a>' in html
    assert "md-content__button" not in html and 'class="page-edit"' not in html, "one edit action, to the YAML file"
    (change,) = [h for h in links if "/issues/new?" in h]
    query = parse_qs(urlsplit(change).query)
    assert query["template"] == ["wijzigen-of-intrekken.yml"] and query["record"] == [data_file]
    (mail,) = [h for h in links if h.startswith(f"mailto:{SAMPLE_CONTACT}?")]
    body = parse_qs(urlsplit(mail).query)["body"][0]
    assert "### Over welke pagina gaat het?\n> verplicht\n\n" + data_file in body


def test_every_hand_written_page_has_the_edit_action_to_its_markdown(sample_site):
    for source in sorted((REPO / "content").rglob("*.md")):
        rel = source.relative_to(REPO / "content").as_posix()
        folder = rel.removesuffix(".md").removesuffix("index").rstrip("/")
        html = (sample_site / folder / "index.html").read_text(encoding="utf-8")
        assert f'<a href="{EDIT}content/{rel}" rel="nofollow">Wijzig deze pagina</a>' in html, rel
        assert "class=\"record-edit\"" not in html, rel


def test_no_page_asks_github_for_repository_facts(sample_site):
    for html in sample_site.rglob("*.html"):
        assert 'data-md-component="source"' not in html.read_text(encoding="utf-8"), html


def test_meedoen_offers_every_proposal_as_a_form_and_an_email(sample_site):
    html = (sample_site / "meedoen" / "index.html").read_text(encoding="utf-8")
    links = hrefs(html)
    for proposal in PROPOSALS:
        assert f"https://github.com/stem-platform/stem-site/issues/new?template={proposal.form_file}" in \
            [h.split("&")[0] for h in links], proposal.key
        (mail,) = [h for h in links if h.startswith("mailto:") and
                   unquote(parse_qs(urlsplit(h).query)["subject"][0]) == proposal.issue_title]
        body = parse_qs(urlsplit(mail).query)["body"][0]
        # the e-mail asks what the full form asks (for a proposal about a person: the private one)
        assert body == mail_body(load_form_file(REPO, proposal, full=True)), "the e-mail asks what the form asks"
    assert (sample_site / "meedoen" / "img" / "bewerk-deze-gegevens.png").is_file()
    signing = (sample_site / "charter" / "ondertekenen" / "index.html").read_text(encoding="utf-8")
    assert any(h.startswith(f"mailto:{SAMPLE_CONTACT}?subject=Ondertekening") for h in hrefs(signing))


def test_every_record_file_names_its_schema_for_the_editor():
    for collection in COLLECTIONS:
        for path in sorted((REPO / "data" / collection.name).glob("*.yml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{collection.name}.schema.json", path


def test_the_mail_body_is_read_back_by_the_issue_reader():
    from stemsite.workflows.issue_body import load_form, parse_body
    from stemsite.workflows.mail_route import issue_text

    for proposal in PROPOSALS:
        form = load_form(REPO / ".github" / "ISSUE_TEMPLATE" / proposal.form_file)
        parsed = parse_body(issue_text(mail_body(load_form_file(REPO, proposal))), form)
        assert [p.message for p in parsed.problems] == [], proposal.key
        assert set(parsed.answers) == set(form.fields)
        assert Path(proposal.form_file).suffix == ".yml"
