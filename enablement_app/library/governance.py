"""Mirrors the catalog manifest into the store: status, approval, expiry, facets, supersession, title.

A manifest that cannot be read changes nothing, so a bad edit by marketing never un-approves the library.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enablement_app.catalog import MANIFEST_NAME, Catalog, CatalogEntry, CatalogError, load_catalog
from enablement_app.store.models import Asset, AssetTag

log = logging.getLogger(__name__)

_NO_ENTRY = CatalogEntry()


@dataclass(frozen=True, slots=True)
class GovernanceOutcome:
    changed: int
    error: str | None
    manifest_key: str = MANIFEST_NAME


CatalogLoader = Callable[[Path], Catalog | None]


def apply_catalog(
    session: Session, root: Path, now: dt.datetime, load: CatalogLoader = load_catalog
) -> GovernanceOutcome:
    """Governance from ``load(root)``: the folder's ``catalog.json``, or for a rep on a hub, the catalog
    marketing signed (see ``enablement_app.sync.hub_catalog``)."""
    try:
        catalog = load(root)
    except CatalogError as error:
        log.warning("catalog manifest ignored: %s", error)
        return GovernanceOutcome(0, f"{error}; the last catalog that could be read stays in force")
    return GovernanceOutcome(apply_catalog_entries(session, catalog or Catalog()), None)


def apply_catalog_entries(session: Session, catalog: Catalog) -> int:
    """Bring every asset's governance in line with ``catalog``; returns how many assets changed."""
    assets = list(session.scalars(select(Asset).options(selectinload(Asset.tags))))
    present_by_path = {asset.path: asset for asset in assets if asset.removed_at is None}
    any_by_path = {asset.path: asset for asset in assets if asset.removed_at is not None} | present_by_path
    changed = 0
    for asset in present_by_path.values():
        found = catalog.entry_for(asset.path, asset.content_hash)
        entry = found[1] if found else _NO_ENTRY
        superseded = any_by_path.get(entry.supersedes) if entry.supersedes else None
        wanted_tags = {(facet, value) for facet, values in entry.facets.items() for value in values}
        current_tags = {(tag.facet, tag.value) for tag in asset.tags}
        title = entry.title or asset.title
        updates = {
            "status": entry.status,
            "approved_by": entry.approved_by,
            "approved_at": entry.approved_at,
            "expires_at": entry.expires_at,
            "supersedes_id": superseded.id if superseded is not None and superseded is not asset else None,
            "title": title,
        }
        differs = any(getattr(asset, name) != value for name, value in updates.items())
        if differs or wanted_tags != current_tags:
            changed += 1
            for name, value in updates.items():
                setattr(asset, name, value)
            if wanted_tags != current_tags:
                asset.tags = [AssetTag(facet=facet, value=value) for facet, value in sorted(wanted_tags)]
    return changed
