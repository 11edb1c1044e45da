"""What one build hands from step to step: the types, and nothing that runs the steps.

Like MkDocs' ``structure/files.py``, this module sits below everything that uses it: the
producers (images, feeds, pages) return these types, ``build`` collects them, the MkDocs
adapter and ``stemsite generate`` read them. It imports only the catalog and the project, so
no producer ever needs to import the module that runs it.

What producers make for a record (a picture, a share card, a badge, a calendar file, JSON-LD)
comes back as a :class:`RecordMedia` per record in their :class:`Produced`; ``build`` merges
them, and refuses two producers setting the same field, so the order of producers cannot
silently matter. Records themselves never change after the catalog is built.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, Protocol

import yaml
from markupsafe import escape

from .catalog import Catalog, Record
from .catalog.views.offers import Offer
from .vocabularies import Term
from .project import Project

RecordKey = tuple[str, str]
"""``(collection name, slug)``: :attr:`Record.key`."""
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Asset:
    """A file the build adds to the site (an image, a feed, an export)."""

    dest_uri: str
    """Path inside the site, e.g. ``api/signatories.json``."""
    content: bytes | None = None
    source: Path | None = None
    """A file on disk (e.g. in the image cache) to copy instead of ``content``."""


@dataclass(frozen=True)
class Pending:
    """Work a producer left running when it returned (share cards drawing in worker processes)."""

    wait: Callable[[], None]
    """Blocks until the work is done; raises DataError if it failed."""
    cancel: Callable[[], None]
    """Drops what has not started (the build failed)."""
    assets: list[Asset]
    """The files it makes, all in the cache; pages may point at them already."""


@dataclass(frozen=True)
class Picture:
    """A logo or photo as ``theme/records/_picture.html`` shows it; URLs are site-relative (``media/...``)."""

    kind: str
    """``raster`` or ``svg``."""
    src: str
    width: int
    height: int
    srcset_webp: str = ""
    srcset_fallback: str = ""
    fallback_type: str = ""


@dataclass(frozen=True)
class Badge:
    """A badge file and what an ``<img>`` needs to show it without layout shift."""

    src: str
    """Site-relative path, e.g. ``badge/naam.svg``."""
    url: str
    """Absolute address, for HTML pasted on another site."""
    width: int
    height: int
    alt: str
    page_url: str
    """Absolute address of the signatory's page, where the pasted badge links to."""


Link = tuple[str, str]
"""``(label, site-relative URL)`` of another record."""


@dataclass(frozen=True)
class Related:
    """What a record's page shows of other records (``feeds.supplied.related``).

    A signatory's page is kept between builds under the hash of its data and media
    (``pages.kept_bodies``), so whatever it shows of other records comes through here."""

    offers: tuple[tuple[Term, tuple[Offer, ...]], ...] = ()
    """A signatory's current offers under their type, in the vocabulary's order."""
    ended_offers: tuple[Offer, ...] = ()
    """A signatory's offers past their ``until``."""
    stories: tuple[Link, ...] = ()
    """Stories the record tells, appears in or produced (an event), newest first."""
    organisers: tuple[Link, ...] = ()
    """An event's organising signatories and academies."""
    tellers: tuple[Link, ...] = ()
    """A story's signatories and academies."""
    role_models: tuple[Link, ...] = ()
    """Role models a story names."""
    event: Link | None = None
    """The event a story came from."""


@dataclass(frozen=True)
class RecordMedia:
    """Everything producers made for one record; pages read it through ``media_of(record)``."""

    picture: Picture | None = None
    """The logo or photo at card size."""
    picture_large: Picture | None = None
    """A role model's photo for its own page."""
    share: str | None = None
    """Site-relative URL of the record's share card (``media/…-share.jpg``)."""
    badge: Badge | None = None
    ics: str | None = None
    """Site-relative URL of an event's own calendar file."""
    jsonld: str | None = None
    """Script-safe JSON-LD text for the record's page."""
    related: Related | None = None
    """Links to other records and offers, for the record's page."""

    def get(self, name: str, default: Any = None) -> Any:
        """Templates ask ``media.get("picture")``, as they would of a mapping."""
        value = getattr(self, name, None)
        return default if value is None else value

    def merged(self, other: RecordMedia, producer: str) -> RecordMedia:
        """Both sets of fields; a field both set is a programming error (producers own their fields)."""
        changes = {}
        for item in fields(other):
            value = getattr(other, item.name)
            if value is None:
                continue
            if getattr(self, item.name) is not None:
                raise RuntimeError(f"{producer} zet media.{item.name}, dat een andere producent al zette")
            changes[item.name] = value
        return replace(self, **changes) if changes else self


NO_MEDIA = RecordMedia()


@dataclass
class Produced:
    """What one producer returns: files, media per record, share cards of pages, work still running."""

    assets: list[Asset] = field(default_factory=list)
    media: dict[RecordKey, RecordMedia] = field(default_factory=dict)
    share_cards: dict[str, str] = field(default_factory=dict)
    """Share card URL per hand-written or index page (``src_uri``)."""
    pending: list[Pending] = field(default_factory=list)


class Producer(Protocol):
    """An images, feeds or exports step: reads the build (catalog, and media once made), returns what it made."""

    def __call__(self, build: SiteBuild) -> Produced: ...


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: where it goes, its page metadata and its body (one HTML block)."""

    src_uri: str
    """Path as if under ``content/``, e.g. ``academies/maldegem.md``."""
    meta: dict[str, Any]
    """What front matter would hold (title, description, search, record, image), not yet escaped."""
    body: str
    in_nav: bool = False
    """Collection indexes may be linked from the navigation; record pages never are."""

    @property
    def text(self) -> str:
        """The page as a Markdown file with escaped YAML front matter (``stemsite generate``)."""
        return front_matter(self.meta) + self.body


def root_prefix(src_uri: str) -> str:
    """Relative path from a page's URL back to the site root (directory URLs)."""
    parts = src_uri.removesuffix(".md").split("/")
    depth = len(parts) - 1 if parts[-1] == "index" else len(parts)
    return "../" * depth


def escaped(meta: dict[str, Any]) -> dict[str, Any]:
    """Page metadata with every top-level string escaped for HTML, as templates expect it."""
    return {k: (str(escape(v)) if isinstance(v, str) else v) for k, v in meta.items()}


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter with every string escaped for HTML."""
    # libyaml's emitter when present: the same text as safe_dump, ~7× faster (10,000 pages: seconds).
    text = yaml.dump(escaped(meta), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return "---\n" + text + "---\n\n"


@dataclass
class SiteBuild:
    """One build: its catalog, what producers made from it, and the pages (see ``build.prepare``)."""

    project: Project
    catalog: Catalog
    pages: list[GeneratedPage] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cpu_timings: dict[str, float] = field(default_factory=dict)
    """CPU seconds of this process per step (``timings`` is wall time, which a shared machine stretches)."""
    media: dict[RecordKey, RecordMedia] = field(default_factory=dict)
    """What producers made per record, merged (:meth:`add`)."""
    share_cards: dict[str, str] = field(default_factory=dict)
    """Share card URL (``media/...-share.jpg``) per hand-written or index page (``src_uri``)."""
    kept_bodies: dict[str, int] = field(default_factory=dict)
    """Record page bodies laid out and reused from earlier builds (``pages.kept_bodies``)."""
    counts: dict[str, int] = field(default_factory=dict)
    """Work done again and taken from the cache: record files validated, export rows and files made and reused
    (``kept.COUNTS``); a build with no change validates and makes none."""
    pending: list[Pending] = field(default_factory=list)
    """Work still running; :meth:`finish` waits for it and hands over its files."""

    def add(self, produced: Produced, producer: str) -> None:
        """Take in what one producer made."""
        self.assets.extend(produced.assets)
        self.pending.extend(produced.pending)
        for page, url in produced.share_cards.items():
            if page in self.share_cards:
                raise RuntimeError(f"{producer} maakt een tweede deelkaart voor {page}")
            self.share_cards[page] = url
        for key, media in produced.media.items():
            self.media[key] = self.media.get(key, NO_MEDIA).merged(media, producer)

    def digest(self) -> str:
        """A hash of everything a page's template can read of this build: every record (data, file, image), the
        vocabularies, figures, regions, schemas and day of the catalog, every record's media, the share cards and
        the site's address (``pages.kept_bodies.KeptBodies.overview``). Plain values and dataclasses: their
        ``repr`` says all they hold."""
        digest = hashlib.sha256(self.context_digest().encode())
        catalog = self.catalog
        for name in sorted(catalog.records):
            for record in catalog.records[name]:
                digest.update(f"{name}\0{record.slug}\0{record.data_file}\0{record.image}\0{record.data!r}\0"
                              .encode("utf-8", "surrogatepass"))
        for key in sorted(self.media):
            digest.update(repr((key, self.media[key])).encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def context_digest(self) -> str:
        """A hash of what any page's template can read of this build besides the records and their media: the
        site's address, the day, the vocabularies, figures, regions and schemas of the catalog and the share
        cards (``pages.kept_bodies.KeptBodies.shown``, and part of :meth:`digest`)."""
        digest = hashlib.sha256()
        catalog = self.catalog
        for part in (self.project.site_url, catalog.today.isoformat(), repr(catalog.vocabularies), repr(catalog.figures),
                     repr(catalog.regions), repr(catalog.schemas), repr(sorted(self.share_cards.items()))):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def media_of(self, record: Record) -> RecordMedia:
        """What producers made for ``record`` (nothing: :data:`NO_MEDIA`)."""
        return self.media.get(record.key, NO_MEDIA)

    def finish(self) -> list[Asset]:
        """Wait for the pending work; return the files it made, or raise DataError."""
        pending, self.pending = self.pending, []
        try:
            for work in pending:
                work.wait()
        except BaseException:  # a DataError, or a worker that died: the build stops, so does the rest
            for work in pending:
                work.cancel()
            raise
        return [asset for work in pending for asset in work.assets]

    def cancel(self) -> None:
        """Drop the pending work that has not started (the build failed elsewhere)."""
        pending, self.pending = self.pending, []
        for work in pending:
            work.cancel()
