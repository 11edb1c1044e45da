"""``stemsite.pages.campaign_view``: counters, plurals, filter values and honest links, on real catalogs."""

from __future__ import annotations

from stemsite.pages import campaign_view


def test_dutch_plurals_follow_the_cldr_rule():
    assert campaign_view.plural(0, "academie", "academies") == "0 academies"
    assert campaign_view.plural(1, "academie", "academies") == "1 academie"
    assert campaign_view.plural(2000, "academie", "academies") == "2.000 academies"


def test_place_name_leaves_out_a_province_of_the_same_name():
    assert campaign_view.place_name("11002") == "Antwerpen"
    assert campaign_view.place_name("43010") == "Maldegem (Oost-Vlaanderen)"


def test_a_counter_appears_once_there_is_something_to_count(launch_catalog, sample_catalog):
    counters = {c.href: c for c in campaign_view.home_counters(launch_catalog)}
    assert set(counters) == {"academies/", "academies/dekking/"}  # no signatory, no role model yet: no bare 0
    assert counters["academies/"].value == 1 and counters["academies/"].label == "STEM-academie op deze site"
    full = campaign_view.home_counters(sample_catalog)
    assert {c.href for c in full} == {"charter/ondertekenaars/", "rolmodellen/", "academies/", "academies/dekking/"}
    assert all(c.value > 0 for c in full)


def test_links_into_empty_filtered_lists_point_at_the_whole_list(launch_catalog, sample_catalog):
    text = ("[a](../rolmodellen/index.md?domein=wetenschap) [b](../academies/index.md?provincie=oost-vlaanderen) "
            "[c](../academies/index.md?provincie=limburg) [d](../charter/ondertekenaars/index.md?categorie=bedrijf)")
    assert campaign_view.honest_links(text, launch_catalog) == (
        "[a](../rolmodellen/index.md) [b](../academies/index.md?provincie=oost-vlaanderen) "
        "[c](../academies/index.md) [d](../charter/ondertekenaars/index.md)")
    assert campaign_view.honest_links(text, sample_catalog).count("?") == 4


def test_filters_offer_only_values_that_yield_something(launch_catalog, sample_catalog):
    assert campaign_view.used_terms(launch_catalog, launch_catalog.active_academies(), "academy_themes", "themes") == []
    assert [t.value for t in campaign_view.academy_provinces(launch_catalog)] == ["oost-vlaanderen"]
    themes = campaign_view.used_terms(sample_catalog, sample_catalog.active_academies(), "academy_themes", "themes")
    used = {v for a in sample_catalog.active_academies() for v in a.get("themes", [])}
    assert {t.value for t in themes} == used and used


def test_area_tokens_name_arrondissement_and_province():
    assert campaign_view.area_tokens(["43010"]) == "arr-43 prov-40000"


def test_signatures_per_month_runs_from_the_first_signature_to_the_build_month(launch_catalog, sample_catalog):
    assert campaign_view.signatures_per_month(launch_catalog) is None
    chart = campaign_view.signatures_per_month(sample_catalog)
    counted = sum(bar.count for bar in chart.bars)
    assert counted == len(sample_catalog.signatories_on_wall())
    assert all(0 <= bar.y <= chart.baseline for bar in chart.bars)
    assert chart.description.startswith("Ondertekeningen per maand.")
