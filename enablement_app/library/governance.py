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
from sqlalchemy.orm import Session

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


# The governance columns the catalog decides, in the order ``_wanted`` gives their values.
_GOVERNED = (
    Asset.status,
    Asset.approved_by,
    Asset.approved_at,
    Asset.expires_at,
    Asset.supersedes_id,
    Asset.title,
)


def apply_catalog_entries(session: Session, catalog: Catalog) -> int:
    """Bring every asset's governance in line with ``catalog``; returns how many assets changed.

    Every asset is compared as a plain row, and only those that differ are loaded as objects and
    changed: loading the whole library's objects and tags took a tenth of a second on a thousand assets,
    paid by every index run, the watcher's one-file runs included.
    """
    rows = session.execute(
        select(Asset.id, Asset.path, Asset.content_hash, Asset.removed_at, *_GOVERNED)
    ).all()
    tags: dict[str, set[tuple[str, str]]] = {}
    for asset_id, facet, value in session.execute(select(AssetTag.asset_id, AssetTag.facet, AssetTag.value)):
        tags.setdefault(asset_id, set()).add((facet, value))
    present_by_path = {row.path: row for row in rows if row.removed_at is None}
    any_by_path = {row.path: row for row in rows if row.removed_at is not None} | present_by_path
    changed = 0
    for row in present_by_path.values():
        found = catalog.entry_for(row.path, row.content_hash)
        entry = found[1] if found else _NO_ENTRY
        superseded = any_by_path.get(entry.supersedes) if entry.supersedes else None
        wanted = (
            entry.status,
            entry.approved_by,
            entry.approved_at,
            entry.expires_at,
            superseded.id if superseded is not None and superseded.id != row.id else None,
            entry.title or row.title,
        )
        wanted_tags = {(facet, value) for facet, values in entry.facets.items() for value in values}
        current = tuple(row[4:])
        if wanted == current and wanted_tags == tags.get(row.id, set()):
            continue
        changed += 1
        asset = session.get_one(Asset, row.id)
        for column, governed in zip(_GOVERNED, wanted, strict=True):
            setattr(asset, column.key, governed)
        if wanted_tags != tags.get(row.id, set()):
            asset.tags = [AssetTag(facet=facet, value=value) for facet, value in sorted(wanted_tags)]
    return changed
