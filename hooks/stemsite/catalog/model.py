"""Typed records and the catalog that holds them, built once per build from validated data.

Records keep their fields as the schema names them (the schemas are the data model);
dates become ``date``/``datetime`` here so templates and feeds never parse text.
Lookups that several outputs need (labels, places, active signatories) live on the
:class:`Catalog` so pages, feeds and exports agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import places
from ..collections import COLLECTIONS, Collection
from ..validate import formats, schemas
from ..validate.dataset import Dataset
from ..validate.record_file import RawRecord
from ..vocabularies import Vocabulary


@dataclass(frozen=True)
class Record:
    """One record of one collection, ready for pages, feeds and exports."""

    collection: Collection
    slug: str
    data_file: str
    """Path of the YAML file, relative to the project root (not `source`: records may have a `source` field)."""
    data: dict[str, Any]
    image: Path | None = None

    @property
    def key(self) -> tuple[str, str]:
        """``(collection name, slug)``: unique in the catalog, the key of what producers make for it."""
        return (self.collection.name, self.slug)

    @property
    def page_url(self) -> str:
        """Site-relative URL of the record's page, e.g. ``academies/maldegem/``."""
        return self.collection.page_url(self.slug)

    @property
    def label(self) -> str:
        """What the record is called (``name`` or ``title``)."""
        return str(self.data.get(self.collection.label_field, self.slug))

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class Catalog:
    """Every record of the site, its vocabularies and the build's date."""

    today: date
    vocabularies: dict[str, Vocabulary]
    records: dict[str, list[Record]] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    """Published tables from ``data/figures/`` by slug (``validate.figures.FigureTable``)."""
    regions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Contact points from ``data/regions/<province>.yml`` by province value (``catalog.regions``)."""
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each collection's schema (enums from the vocabularies): what exports read their columns from."""
    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Views over the whole catalog made once per build (records never change after the catalog is built):
    ``views.offers.current_offers`` was made six times per build, 30,000 offers each at 10,000 signatories.
    Not an argument: a copy of the catalog (``dataclasses.replace``, another day) starts without them."""

    def collection(self, name: str) -> list[Record]:
        """Records of one collection, in a stable order (by label)."""
        return self.records.get(name, [])

    def label(self, vocabulary: str, value: str) -> str:
        """The Dutch label of a vocabulary value."""
        vocab = self.vocabularies.get(vocabulary)
        return vocab.label(value) if vocab else value

    def signatories_on_wall(self) -> list[Record]:
        """Signatories that have not withdrawn."""
        return [r for r in self.collection("signatories") if not r.get("withdrawn_on")]

    def active_academies(self) -> list[Record]:
        """Academies not marked inactive on or before today."""
        return [r for r in self.collection("academies")
                if not r.get("inactive_since") or r["inactive_since"] > self.today]

    @staticmethod
    def municipality(code: str) -> places.Municipality | None:
        return places.municipality(code)


def _typed(value: Any, schema: dict[str, Any]) -> Any:
    """Turn date strings into dates following the schema's formats; one value where a list may stand becomes a list."""
    listed = schemas.one_or_list(schema)
    if listed is not None:
        return _typed(value if isinstance(value, list) else [value], listed)
    kind = schema.get("format")
    if isinstance(value, str) and kind == "date":
        return formats.parse_date(value)
    if isinstance(value, str) and kind == "date-or-datetime":
        return formats.parse_date_or_datetime(value)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: _typed(v, props.get(k, {})) for k, v in value.items() if k != "$schema"}
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [_typed(v, schema["items"]) for v in value]
    return value


def _record(raw: RawRecord, schema: dict[str, Any]) -> Record:
    return Record(raw.collection, raw.slug, raw.rel, _typed(raw.data, schema), raw.image)


def build_catalog(dataset: Dataset) -> Catalog:
    """The catalog of a validated dataset (call only when its report is empty)."""
    catalog = Catalog(dataset.project.today, dataset.vocabularies, figures=dataset.figures, schemas=dataset.schemas)
    for collection in COLLECTIONS:
        schema = dataset.schemas.get(collection.name, {})
        records = [_record(raw, schema) for raw in dataset.records.get(collection.name, [])]
        records.sort(key=lambda r: (r.label.casefold(), r.slug))
        catalog.records[collection.name] = records
    catalog.regions = {province: dict(raw.data, data_file=raw.rel) for province, raw in dataset.regions.items()}
    return catalog



