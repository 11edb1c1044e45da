"""Round three of the hostile inputs, for what is not a data file's message (those are in ``cases.yml``).

Each test here kills a one-line bug the issue's mutation spot-check let through: the SVG check
reading CSS before decoding it, the slug cut inside a word, the kept-bodies key without the
package's code; and it proves the e-mail route, the link check and the image check apply the
round's rules through the same code as the build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ci.ci_support import make_data_project, png_bytes
from support import REPO

from stemsite import cli
from stemsite.editors.proposals import FORMS
from stemsite.imagecheck import inspect, svg
from stemsite.pages import kept_bodies
from stemsite.project import Project
from stemsite.slugs import MAX_SLUG, slugify
from stemsite.validate.dataset import validate_project
from stemsite.workflows import linkcheck
from stemsite.workflows.issue_body import NO_RESPONSE, load_form

CORPUS = Path(__file__).parent / "corpus" / "signatories"
SIGNING_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "charter-ondertekenen.yml"


@pytest.mark.parametrize("style", ["fill:\\75 rl(https://evil.example/x)", "fill:u\\72 l(https://evil.example/x)",
                                   "fill:\\55 RL(https://evil.example/x)", "fill:u/**/rl(https://evil.example/x)"])
def test_an_svg_attribute_with_an_escaped_url_is_refused(style):
    """The CSS is decoded before it is searched: ``\\75 rl(`` is ``url(`` to a browser."""
    value = style.split(":", 1)[1]
    data = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect fill="{value}"/></svg>'.encode()
    problems, _ = svg.check(data)
    assert [p.message for p in problems] == [f'het attribuut fill bevat CSS met url(https://evil.example/x) '
                                             '(verwijst naar iets buiten het bestand)'], style


def test_a_long_name_is_cut_between_words_never_inside_one():
    for name in ("Vereniging " * 10, "Koninklijke Vlaamse Ingenieursvereniging voor Duurzame Technologie en Wetenschap"):
        slug = slugify(name)
        assert len(slug) <= MAX_SLUG and not slug.endswith("-")
        assert set(slug.split("-")) <= set(slugify(name, max_length=0).split("-")), slug  # whole words only
        assert slugify(name, max_length=0).startswith(slug + "-")


def test_the_kept_bodies_key_changes_with_the_packages_code(tmp_path, monkeypatch):
    """A kept page body made by other code is never served: the key hashes every file of the package."""
    package = tmp_path / "stemsite"
    shutil.copytree(Path(kept_bodies.__file__).parent, package / "pages")
    monkeypatch.setattr(kept_bodies, "_PACKAGE", package)
    templates, vocabularies = REPO / "theme" / "templates", REPO / "data" / "vocabularies"
    before = kept_bodies.body_inputs(templates, vocabularies)
    (package / "pages" / "render.py").write_text("# another version of the code\n", encoding="utf-8")
    assert kept_bodies.body_inputs(templates, vocabularies) != before


def test_a_logo_of_extreme_proportions_is_refused_before_it_is_decoded(tmp_path):
    before = inspect.DECODES
    for name in ("beeld-hoog-64x600000.png", "beeld-breed-600000x64.png"):
        path = tmp_path / name
        shutil.copyfile(CORPUS / name, path)
        [problem] = inspect.check(path)
        assert "te langgerekt" in problem.message and f"hoogstens {inspect.MAX_ASPECT} keer" in problem.message
    assert inspect.DECODES == before  # judged from the header: the 38-megapixel line was never decoded
    edge = tmp_path / "rand.png"
    edge.write_bytes(png_bytes(64 * inspect.MAX_ASPECT, 64))  # exactly the limit: accepted
    assert inspect.check(edge) == []
    edge.write_bytes(png_bytes(64 * inspect.MAX_ASPECT + 1, 64))
    assert "te langgerekt" in inspect.check(edge)[0].message


def test_the_link_check_requests_the_address_as_the_rules_read_it(tmp_path):
    root = make_data_project(tmp_path / "p")
    (root / "data" / "signatories" / "voorbeeld.yml").write_text(
        "name: Voorbeeld nv\ncategory: bedrijf\nwebsite: https://WWW.Bücher.BE./\nproof: https://bücher.be/Charter\n"
        "signed_on: 2025-01-01\ncommitments:\n  - type: stages\n    description: Stages.\n", encoding="utf-8")
    (root / "data" / "signatories" / "voorbeeld.png").write_bytes(png_bytes())
    dataset, report = validate_project(Project(root))
    assert not report, report.render()
    assert sorted(link.url for link in linkcheck.collect_links(dataset)) == [
        "https://www.xn--bcher-kva.be/", "https://xn--bcher-kva.be/Charter"]


def test_the_email_route_refuses_an_invited_name_with_the_builds_message(tmp_path, capsys):
    root = make_data_project(tmp_path / "p")
    shutil.copytree(REPO / FORMS, root / FORMS, dirs_exist_ok=True)
    form = load_form(SIGNING_FORM)
    answers = {"name": "K.U.Leuven", "category": "Bedrijven, instellingen en diensten",
               "website": "https://www.voorbeeld-chemie.be/", "proof": "https://www.voorbeeld-chemie.be/charter",
               "signed_on": "2025-03-14", "commitments": "Stageplaatsen | Tien stageplaatsen.",
               "consent": "\n".join(f"- [X] {option}" for option in form.fields["consent"]["options"])}
    message = "Beste,\n\n" + "\n\n".join(f"### {spec['label']}\n\n{answers.get(field_id) or NO_RESPONSE}"
                                         for field_id, spec in form.fields.items()) + "\n"
    saved, logo = tmp_path / "bericht.txt", tmp_path / "logo.png"
    saved.write_text(message, encoding="utf-8")
    logo.write_bytes(png_bytes())
    assert cli.main(["--root", str(root), "voorstel", str(saved), "--soort", "ondertekenen", "--bijlage", str(logo)]) == 1
    err = capsys.readouterr().err
    assert "'K.U.Leuven' is of bevat de naam van KU Leuven, een organisatie die het STEM-platform zelf uitnodigt" in err
    assert list((root / "data" / "signatories").iterdir()) == []
