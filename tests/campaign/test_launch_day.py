"""``stemsite.pages.launch_day``: what pages say while collections are empty, decided on real catalogs."""

from __future__ import annotations

import pytest

from stemsite.catalog.views.regions import regions
from stemsite.pages import launch_day


BLOCK = """a
<!-- stem:als charter/ondertekenaars -->
Bekijk wie al tekende.
<!-- stem:als charter/ondertekenaars?categorie=lokale-overheid -->
- gemeenten
<!-- stem:einde -->
<!-- stem:anders -->
Nog niemand tekende.
<!-- stem:einde -->
b"""


def test_a_conditional_block_keeps_its_text_only_when_the_list_shows_something(launch_catalog, sample_catalog):
    assert launch_day.conditional_blocks(BLOCK, launch_catalog) == "a\nNog niemand tekende.\nb"
    kept = launch_day.conditional_blocks(BLOCK, sample_catalog)
    assert kept.startswith("a\nBekijk wie al tekende.\n") and "Nog niemand" not in kept and "stem:" not in kept
    has_local = any(r["category"] == "lokale-overheid" for r in sample_catalog.signatories_on_wall())
    assert ("- gemeenten" in kept) is has_local


def test_inline_blocks_and_filters_of_every_list(launch_catalog, sample_catalog):
    text = "x<!-- stem:als rolmodellen --> [lees](r)<!-- stem:einde -->."
    assert launch_day.conditional_blocks(text, launch_catalog) == "x."
    assert launch_day.conditional_blocks(text, sample_catalog) == "x [lees](r)."
    assert launch_day.shows_something(launch_catalog, "academies")
    assert not launch_day.shows_something(launch_catalog, "verhalen")
    assert launch_day.shows_something(sample_catalog, "aanbod", "soort", "stages") == any(
        c["type"] == "stages" for r in sample_catalog.signatories_on_wall() for c in r["commitments"] if not c.get("until"))


@pytest.mark.parametrize("text, found", [
    ("<!-- stem:als nergens -->x<!-- stem:einde -->", "'nergens' is geen lijst"),
    ("<!-- stem:als verhalen?kleur=rood -->x<!-- stem:einde -->", "geen filter"),
    ("<!-- stem:als verhalen -->x", "buiten een blok"),
    ("x<!-- stem:einde -->", "buiten een blok"),
])
def test_a_block_that_names_no_list_or_is_not_closed_fails_the_build(launch_catalog, text, found):
    with pytest.raises(launch_day.ConditionError, match=found):
        launch_day.conditional_blocks(text, launch_catalog, "voor/x.md")


def test_the_home_page_has_one_invitation_for_what_is_still_empty(launch_catalog, sample_catalog):
    invitation = launch_day.home_invitation(launch_catalog)
    assert [a.href for a in invitation.actions] == ["charter/ondertekenen/", "meedoen/#voorstel-activiteit",
                                                    "meedoen/#voorstel-verhaal"]
    assert invitation.actions[0].primary and invitation.elsewhere
    assert "ondertekenen" in invitation.coming and " en verhalen" in invitation.coming
    assert launch_day.home_invitation(sample_catalog) is None  # the sample has signatories, an upcoming event, stories


def test_region_cards_count_only_what_there_is_and_quote_the_inventory(launch_catalog, sample_catalog):
    for catalog in (launch_catalog, sample_catalog):
        cards = launch_day.region_cards(catalog, regions(catalog))
        assert len(cards) == 6
        assert all(not c.startswith("0 ") for card in cards for c in card.counts)
        assert all(card.inventory for card in cards), "every province has its row in the published inventory"
    by_value = {card.region.value: card for card in launch_day.region_cards(launch_catalog, regions(launch_catalog))}
    assert by_value["oost-vlaanderen"].counts == ("1 academie",)
    assert by_value["limburg"].counts == () and by_value["limburg"].inventory == (22, 44, 50.0)
    assert by_value["vlaams-brabant"].inventory == (27, 65, 41.54)  # the table writes "Vlaams Brabant"
    assert launch_day.inventory_source(launch_catalog).startswith("STEM-platform, advies")


def test_region_gaps_name_what_a_region_lacks(launch_catalog):
    by_value = {r.value: r for r in regions(launch_catalog)}
    assert launch_day.region_gaps(by_value["oost-vlaanderen"]) == (
        "aanbod van ondertekenaars, komende activiteiten, verhalen of rolmodellen")


def test_no_societal_theme_is_guessed_for_the_real_practices(launch_catalog):
    """No seed names a societal theme for one of its practices, so none carries one (and /waarom-stem/ invites)."""
    assert not any(r.get("societal_themes") for r in launch_catalog.collection("practices"))
    assert launch_day.themes_without_examples(launch_catalog) == [
        "energie", "milieu en klimaat", "mobiliteit", "voeding", "vergrijzing en zorg"]


def test_the_themes_invitation_names_the_empty_themes_unambiguously(launch_catalog, sample_catalog):
    assert launch_day.themes_phrase(launch_catalog) == "deze thema's"
    phrase = launch_day.themes_phrase(sample_catalog)
    named = {t for r in sample_catalog.collection("role_models") for t in r.get("societal_themes") or []}
    if phrase:
        assert phrase.startswith(("het thema ‘", "de thema's ‘"))
    assert bool(phrase) == (len(named) < 5)
