"""The catalog manifest: marketing's word on which assets are approved, until when, and for whom."""

from __future__ import annotations

from enablement_app.catalog.manifest import (
    FACETS,
    MANIFEST_NAME,
    STATUSES,
    UNCHANGED,
    Catalog,
    CatalogEntry,
    CatalogError,
    EntryEdit,
    Unchanged,
    load_catalog,
    save_catalog,
)

__all__ = [
    "FACETS",
    "MANIFEST_NAME",
    "STATUSES",
    "UNCHANGED",
    "Catalog",
    "CatalogEntry",
    "CatalogError",
    "EntryEdit",
    "Unchanged",
    "load_catalog",
    "save_catalog",
]
