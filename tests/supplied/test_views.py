"""The views behind /aanbod/, /regio/ and /week/: which offer is current, where it is, what is new."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from support import TODAY, make_project

from stemsite.catalog import build_catalog
from stemsite.catalog.views import offers, regions, stories
from stemsite.project import Project
from stemsite.validate.dataset import validate_project


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory):
    root = make_project(tmp_path_factory.mktemp("views") / "p", content=False)
    dataset, report = validate_project(Project(root, today=TODAY))
    assert not report, report.render()
    return build_catalog(dataset)


def on(catalog, day: date):
    """The same catalog on another build day."""
    return replace(catalog, today=day)


def ended_offer(catalog):
    return next((r, c) for r in catalog.signatories_on_wall() for c in r["commitments"] if c.get("until"))


def test_an_offer_runs_through_its_until_day(catalog):
    record, item = ended_offer(catalog)
    for day, current in ((item["until"], True), (item["until"] + timedelta(days=1), False)):
        found = [o for o in offers.current_offers(on(catalog, day)).offers
                 if o.signatory == record.slug and o.description == item["description"]]
        assert bool(found) is current, day
        mine = offers.offers_of(on(catalog, day), record)
        assert [o.ended for o in mine if o.description == item["description"]] == [not current]


def test_withdrawn_signatories_offer_nothing(catalog):
    withdrawn = {r.slug for r in catalog.collection("signatories") if r.get("withdrawn_on")}
    assert withdrawn
    assert not withdrawn & {o.signatory for o in offers.current_offers(catalog).offers}


def test_an_offer_happens_in_its_own_municipality_else_the_signatorys(catalog):
    for record in catalog.signatories_on_wall():
        for offer, item in zip(offers.offers_of(catalog, record), record["commitments"]):
            assert offer.municipality == (item.get("municipality") or record.get("municipality") or "")


def test_pages_keep_the_vocabulary_order_and_know_where_each_type_starts(catalog):
    view = offers.current_offers(catalog)
    view.page_size = 3
    pages = view.pages()
    assert [o for p in pages for o in p.offers] == view.offers
    assert all(len(p.offers) <= 3 for p in pages) and pages[-1].count == len(pages)
    order = [t.value for t in catalog.vocabularies["commitment_types"].terms]
    assert [order.index(o.type) for o in view.offers] == sorted(order.index(o.type) for o in view.offers)
    for option in view.offered_types:
        first = view.first_page_of(option.value)
        assert any(o.type == option.value for o in pages[first - 1].offers)
        assert not any(o.type == option.value for p in pages[:first - 1] for o in p.offers)
    assert offers.page_path(1) == "aanbod/" and offers.page_path(4) == "aanbod/pagina/4/"


def test_pagination_links_first_last_and_nearby_pages():
    page = offers.OfferPage(10, 300, [])
    assert page.nearby() == [1, None, 7, 8, 9, 10, 11, 12, 13, None, 300]
    assert offers.OfferPage(1, 3, []).nearby() == [1, 2, 3]
    assert offers.OfferPage(2, 9, []).nearby() == [1, 2, 3, 4, 5, None, 9]


def test_every_region_is_there_with_or_without_a_contact(catalog):
    found = regions.regions(catalog)
    assert [r.value for r in found] == catalog.vocabularies["provinces"].values
    assert {r.value for r in found if r.contact} == set(catalog.regions)
    key = lambda o: (o.signatory, o.number)  # noqa: E731
    in_regions = sorted(key(o) for r in found for o in r.offers)
    provinces = {r.value for r in found}
    assert in_regions == sorted(key(o) for o in offers.current_offers(catalog).offers if o.province in provinces)
    assert in_regions  # the sample has offers in the regions


def test_the_digest_covers_seven_days_up_to_the_build_day(catalog):
    newest = max(s["published_on"] for s in catalog.collection("stories"))
    assert [s["published_on"] for s in stories.digest(on(catalog, newest)).stories] == [newest]
    assert stories.digest(on(catalog, newest + timedelta(days=6))).stories
    assert not stories.digest(on(catalog, newest + timedelta(days=7))).stories
    week = stories.digest(on(catalog, newest + timedelta(days=3)))
    assert week.last - week.first == timedelta(days=6)


def test_tellings_point_back_from_every_teller(catalog):
    told = stories.tellings(catalog)
    for story in catalog.collection("stories"):
        for name in ("signatories", "academies", "role_models"):
            for slug in story.get(name) or []:
                record = next(r for r in catalog.collection(name) if r.slug == slug)
                assert story in told.of(record)
