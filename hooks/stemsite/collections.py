"""The collections of the data contract, declared once.

The data contract in ``design.md`` fixes folder names and URLs; this table is the only
place the code spells them. Field rules live in ``schemas/<name>.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

RASTER_EXTENSIONS = ("png", "jpg", "jpeg", "webp")
LOGO_EXTENSIONS = ("svg", *RASTER_EXTENSIONS)


@dataclass(frozen=True)
class Collection:
    """One folder of records under ``data/`` and the section of the site it becomes."""

    name: str
    """Folder under ``data/`` and schema name."""
    kind: str
    """Singular name: record template ``theme/records/<kind>.html``, CLI ``new <kind>``."""
    section: str
    """URL path of the collection index; records live at ``/<section>/<slug>/``."""
    title: str
    """Dutch title of the collection's index page."""
    label_field: str
    """The field that names a record (unique within the collection)."""
    image: str | None = None
    """``required``, ``optional`` or ``None``: an image beside the record, same stem."""
    image_extensions: tuple[str, ...] = ()
    reserved_slugs: tuple[str, ...] = ()
    """Names the section uses for pages of its own (the wall's ``pagina/<k>/``): no record may take them."""
    page_shows_only_its_record: bool = False
    """The record's page shows the record, its media and vocabulary labels, nothing of other records: its
    template gets no records, and its body is kept between builds (``pages.kept_bodies``)."""


COLLECTIONS: tuple[Collection, ...] = (
    Collection("signatories", "signatory", "charter/ondertekenaars", "Ondertekenaars van het STEM-charter",
               "name", image="required", image_extensions=LOGO_EXTENSIONS, reserved_slugs=("pagina",),
               page_shows_only_its_record=True),
    Collection("role_models", "role-model", "rolmodellen", "Rolmodellen",
               "name", image="required", image_extensions=RASTER_EXTENSIONS),
    Collection("academies", "academy", "academies", "STEM-academies", "name"),
    Collection("practices", "practice", "goede-praktijken", "Goede praktijken",
               "title", image="optional", image_extensions=RASTER_EXTENSIONS),
    Collection("events", "event", "agenda", "Agenda", "title"),
    Collection("stories", "story", "verhalen", "Verhalen", "title",
               image="optional", image_extensions=RASTER_EXTENSIONS),
)

REGIONS = Collection("regions", "region", "regio", "Regio's", "contact")
"""``data/regions/<province>.yml``: a region's contact point. Not in :data:`COLLECTIONS`: there is a page per
province whether or not its file exists (``pages.regions``), and the file name must be a province."""
OFFERS_SECTION = "aanbod"
"""The signatories' current commitments as offers, ``/aanbod/`` (``catalog.offers``)."""
DIGEST_SECTION = "week"
"""The weekly digest for communication staff, ``/week/`` and ``/week/feed.xml`` (``feeds.digest``)."""

BY_NAME = {c.name: c for c in COLLECTIONS}
BY_KIND = {c.kind: c for c in COLLECTIONS}
