"""Every asset of the library with the governance marketing is editing: what the marketing workspace lists.

Governance comes from the folder's ``catalog.json``, marketing's working copy, so an approval shows here as
soon as it is written, also on a computer that takes reps' governance from the hub (where it reaches reps
only once published). A catalog that cannot be read falls back to what the store last took from one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enablement_app.catalog import Catalog, CatalogEntry
from enablement_app.store.models import Asset, effective_status

# Approved assets expiring within this many days are flagged for marketing.
EXPIRING_WITHIN_DAYS = 30

# An asset's standing, as a rep would meet it: "expiring" is approved and still found by reps,
# "superseded" is not found because a newer asset replaces it.
STANDINGS = ("draft", "approved", "expiring", "expired", "retired", "superseded")


@dataclass(frozen=True, slots=True)
class GovernedAsset:
    id: str
    path: str
    title: str
    kind: str
    standing: str  # one of STANDINGS
    facets: Mapping[str, tuple[str, ...]]
    expires_at: dt.date | None
    days_left: int | None  # until expiry, counted from today; negative once expired
    approved_by: str | None
    approved_at: dt.datetime | None
    supersedes: str | None  # the path of the older asset this one replaces
    superseded_by: str | None  # the path of the newer asset that replaces this one
    superseded_by_title: str | None

    @property
    def found_by_reps(self) -> bool:
        return self.standing in ("approved", "expiring")


@dataclass(frozen=True, slots=True)
class GovernedLibrary:
    assets: tuple[GovernedAsset, ...]
    today: dt.date
    # Why the folder's catalog could not be read; the governance shown is then the store's.
    catalog_problem: str | None = None

    @property
    def expiring(self) -> tuple[GovernedAsset, ...]:
        return tuple(asset for asset in self.assets if asset.standing == "expiring")


def governed_assets(
    session: Session,
    catalog: Catalog | None,
    today: dt.date,
    *,
    expiring_within_days: int = EXPIRING_WITHIN_DAYS,
    catalog_problem: str | None = None,
) -> GovernedLibrary:
    """Every present asset with its entry in ``catalog``; with no catalog (None), the store's governance."""
    assets = list(
        session.scalars(
            select(Asset)
            .where(Asset.removed_at.is_(None))
            .options(selectinload(Asset.tags), selectinload(Asset.supersedes))
            .order_by(Asset.path)
        )
    )
    entries = {
        asset.id: _catalog_entry(catalog, asset) if catalog is not None else _stored_entry(asset)
        for asset in assets
    }
    by_path = {asset.path: asset for asset in assets}
    statuses = {
        asset.id: effective_status(entries[asset.id].status, entries[asset.id].expires_at, today)
        for asset in assets
    }
    successors: dict[str, Asset] = {}
    for asset in assets:
        older = by_path.get(entries[asset.id].supersedes or "")
        if older is not None and older is not asset:
            current = successors.get(older.id)
            # of two newer versions, the one reps find names the older one's standing
            if current is None or (statuses[asset.id] == "approved" and statuses[current.id] != "approved"):
                successors[older.id] = asset
    horizon = today + dt.timedelta(days=expiring_within_days)
    rows = []
    for asset in assets:
        entry = entries[asset.id]
        status = statuses[asset.id]
        successor = successors.get(asset.id)
        if successor is not None and (
            status == "retired" or (status == "approved" and statuses[successor.id] == "approved")
        ):
            standing = "superseded"
        elif status == "approved" and entry.expires_at is not None and entry.expires_at <= horizon:
            standing = "expiring"
        else:
            standing = status
        rows.append(
            GovernedAsset(
                id=asset.id,
                path=asset.path,
                title=entry.title or asset.title,
                kind=asset.kind,
                standing=standing,
                facets=dict(entry.facets),
                expires_at=entry.expires_at,
                days_left=(entry.expires_at - today).days if entry.expires_at is not None else None,
                approved_by=entry.approved_by,
                approved_at=entry.approved_at,
                supersedes=entry.supersedes,
                superseded_by=successor.path if successor is not None else None,
                superseded_by_title=(entries[successor.id].title or successor.title) if successor else None,
            )
        )
    return GovernedLibrary(tuple(rows), today, catalog_problem)


def _catalog_entry(catalog: Catalog, asset: Asset) -> CatalogEntry:
    found = catalog.entry_for(asset.path, asset.content_hash)
    return found[1] if found is not None else CatalogEntry()


def _stored_entry(asset: Asset) -> CatalogEntry:
    """The entry the store last took from a catalog, for when the folder's cannot be read."""
    facets: dict[str, list[str]] = {}
    for tag in asset.tags:
        facets.setdefault(tag.facet, []).append(tag.value)
    return CatalogEntry(
        status=asset.status,
        approved_by=asset.approved_by,
        approved_at=asset.approved_at,
        expires_at=asset.expires_at,
        facets={facet: tuple(values) for facet, values in facets.items()},
        supersedes=asset.supersedes.path if asset.supersedes is not None else None,
    )
