"""Catalog: the validated records as one typed, cross-referenced collection per build."""

from .model import Catalog, Record, build_catalog

__all__ = ["Catalog", "Record", "build_catalog"]
