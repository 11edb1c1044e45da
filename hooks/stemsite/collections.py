"""The collections of the data contract, declared once: one table of every per-collection fact.

The data contract in ``design.md`` fixes folder names and URLs; this table is the only place
the code spells them. Where a record's page goes, which template lays it out, how it describes
itself, which picture and share card it gets: all hang off its :class:`Collection`. Field rules
live in ``schemas/<name>.schema.json`` (the scaffolder's questions and the editors' help come
from there). Adding a collection is one entry here, one schema and one template.
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
    describe: str
    """The rule (``pages.describe.RULES``) by which a record describes itself in search and share previews."""
    card_kicker: str
    """The line above the title on the record's share card."""
    image: str | None = None
    """``required``, ``optional`` or ``None``: an image beside the record, same stem."""
    image_extensions: tuple[str, ...] = ()
    image_recipe: str | None = None
    """How its image is cut and sized (``images.raster.RECIPES``): ``logo``, ``photo``, ``wide``."""
    reserved_slugs: tuple[str, ...] = ()
    """Names the section uses for pages of its own (the wall's ``pagina/<k>/``): no record may take them."""
    index: str = "list"
    """How the index is laid out: ``list`` (one page) or ``wall`` (the charter wall, in pages)."""
    page_shows_only_its_record: bool = False
    """The record's page shows the record, its media and vocabulary labels, nothing of other records: its
    template gets no records, and its body is kept between builds (``pages.kept_bodies``)."""

    @property
    def schema_file(self) -> str:
        """The schema's file name in ``schemas/``."""
        return f"{self.name}.schema.json"

    @property
    def template(self) -> str:
        """The record page's template in ``theme/records/``."""
        return f"{self.kind}.html"

    @property
    def index_template(self) -> str:
        return f"{self.kind}-index.html"

    @property
    def index_url(self) -> str:
        """Site-relative URL of the collection's index, e.g. ``charter/ondertekenaars/``."""
        return f"{self.section}/"

    @property
    def index_source(self) -> str:
        """The index page's path as if under ``content/``."""
        return f"{self.section}/index.md"

    def data_file(self, slug: str) -> str:
        """A record's YAML file, relative to the project root."""
        return f"data/{self.name}/{slug}.yml"

    def page_url(self, slug: str) -> str:
        """Site-relative URL of a record's page, e.g. ``academies/maldegem/``."""
        return f"{self.section}/{slug}/"

    def source_of(self, slug: str) -> str:
        """A record page's path as if under ``content/``."""
        return f"{self.section}/{slug}.md"

    def file_of(self, slug: str, extension: str) -> str:
        """A file of the record's own next to its page, e.g. an event's ``agenda/<slug>.ics``."""
        return f"{self.section}/{slug}.{extension}"


COLLECTIONS: tuple[Collection, ...] = (
    Collection("signatories", "signatory", "charter/ondertekenaars", "Ondertekenaars van het STEM-charter",
               "name", describe="signatory", card_kicker="Ondertekenaar van het STEM-charter",
               image="required", image_extensions=LOGO_EXTENSIONS, image_recipe="logo",
               reserved_slugs=("pagina",), index="wall", page_shows_only_its_record=True),
    Collection("role_models", "role-model", "rolmodellen", "Rolmodellen", "name", describe="role-model",
               card_kicker="Rolmodel", image="required", image_extensions=RASTER_EXTENSIONS, image_recipe="photo",
               page_shows_only_its_record=True),  # its stories come through media.related
    Collection("academies", "academy", "academies", "STEM-academies", "name", describe="academy",
               card_kicker="STEM-academie", page_shows_only_its_record=True),  # inactive: decided in pages.generate
    Collection("practices", "practice", "goede-praktijken", "Goede praktijken", "title", describe="summary",
               card_kicker="Goede praktijk", image="optional", image_extensions=RASTER_EXTENSIONS,
               image_recipe="wide", page_shows_only_its_record=True),
    Collection("events", "event", "agenda", "Agenda", "title", describe="event", card_kicker="Agenda",
               page_shows_only_its_record=True),  # organisers, stories, calendar file and JSON-LD come through media
    Collection("stories", "story", "verhalen", "Verhalen", "title", describe="summary", card_kicker="Verhaal",
               image="optional", image_extensions=RASTER_EXTENSIONS, image_recipe="story",
               page_shows_only_its_record=True),  # tellers, event, role models come through media.related
)

REGIONS = Collection("regions", "region", "regio", "STEM in je regio", "contact", describe="region",
                     card_kicker="Regio")
"""``data/regions/<province>.yml``: a region's contact point. Not in :data:`COLLECTIONS`: there is a page per
province whether or not its file exists (``pages.supplied``), and the file name must be a province."""
OFFERS_SECTION = "aanbod"
"""The signatories' current commitments as offers, ``/aanbod/`` (``catalog.views.offers``)."""
DIGEST_SECTION = "week"
"""The weekly digest for communication staff, ``/week/`` and ``/week/feed.xml`` (``catalog.views.stories``)."""

BY_NAME = {c.name: c for c in COLLECTIONS}
BY_KIND = {c.kind: c for c in COLLECTIONS}
