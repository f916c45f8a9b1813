"""The read side of usage: what the CLI reports and what the app shows, all read from the store.

Only events already in the outbox are seen; a recorder moves its events there within milliseconds, and
``drain_orphaned_spools`` picks up those a killed app left behind.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, select

from enablement_app.store import Store
from enablement_app.store.models import Asset, AssetRating, OutboxEvent
from enablement_app.usage.events import UsageEvent

# How much one event counts towards "most used": sharing an asset with a buyer says most, opening it next,
# and each page looked at adds a little, so a deck read through ranks above one opened and closed.
USAGE_WEIGHTS = {"share": 5, "open": 3, "page_view": 1}

_IN_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit


@dataclass(frozen=True, slots=True)
class RatingSummary:
    average: float  # mean stars of every rep's current rating
    count: int  # reps who rated the asset
    used_in_deal: int  # of those, how many used it in a deal


@dataclass(frozen=True, slots=True)
class Rating:
    """A rep's current rating of an asset, as the rating form shows it for editing."""

    asset_id: str
    rep_id: str
    stars: int
    comment: str
    used_in_deal: bool
    asset_version: int | None
    rated_at: dt.datetime
    event_id: str


@dataclass(frozen=True, slots=True)
class AssetLabel:
    title: str
    path: str
    removed: bool


def events_since(store: Store, since: dt.datetime, *, kinds: Iterable[str] | None = None) -> list[UsageEvent]:
    """Events that happened at or after ``since``, oldest first (newest last), in the order recorded."""
    statement = select(OutboxEvent).where(OutboxEvent.occurred_at >= since)
    if kinds is not None:
        statement = statement.where(OutboxEvent.kind.in_(list(kinds)))
    with store.sessions() as session:
        rows = session.scalars(statement.order_by(OutboxEvent.occurred_at, OutboxEvent.seq))
        return [UsageEvent.from_row(row) for row in rows]


def rating_summaries(store: Store, asset_ids: Iterable[str] | None = None) -> dict[str, RatingSummary]:
    """Average stars per asset (only assets with at least one rating appear); all assets when not given."""
    statement = select(
        AssetRating.asset_id,
        func.avg(AssetRating.stars),
        func.count(),
        func.sum(case((AssetRating.used_in_deal, 1), else_=0)),
    ).group_by(AssetRating.asset_id)
    summaries: dict[str, RatingSummary] = {}
    with store.sessions() as session:
        if asset_ids is None:
            batches = [session.execute(statement).all()]
        else:
            wanted = sorted(set(asset_ids))
            batches = [
                session.execute(
                    statement.where(AssetRating.asset_id.in_(wanted[start : start + _IN_CHUNK]))
                ).all()
                for start in range(0, len(wanted), _IN_CHUNK)
            ]
    for rows in batches:
        for asset_id, average, count, used in rows:
            summaries[asset_id] = RatingSummary(float(average), int(count), int(used or 0))
    return summaries


def my_rating(store: Store, rep_id: str, asset_id: str) -> Rating | None:
    with store.sessions() as session:
        row = session.get(AssetRating, (asset_id, rep_id))
        if row is None:
            return None
        return Rating(
            asset_id=row.asset_id,
            rep_id=row.rep_id,
            stars=row.stars,
            comment=row.comment,
            used_in_deal=row.used_in_deal,
            asset_version=row.asset_version,
            rated_at=row.rated_at,
            event_id=row.event_id,
        )


def announced_profile(store: Store, rep_id: str) -> tuple[str, str, str, str, str] | None:
    """The profile facts (see ``profile_facts``) this rep last announced from this data folder, if any."""
    statement = (
        select(OutboxEvent.details, OutboxEvent.rep_team, OutboxEvent.rep_region, OutboxEvent.rep_role)
        .where(OutboxEvent.rep_id == rep_id, OutboxEvent.kind == "profile")
        .order_by(OutboxEvent.occurred_at.desc(), OutboxEvent.seq.desc())
        .limit(1)
    )
    with store.sessions() as session:
        row = session.execute(statement).one_or_none()
    if row is None:
        return None
    details, team, region, role = row
    data = json.loads(details)
    return (str(data.get("name", "")), str(data.get("email", "")), team, region, role)


def recent_assets(store: Store, rep_id: str, limit: int = 8) -> list[str]:
    """The assets this rep opened, most recently opened first, each once.

    Ids only, including assets since retired or removed: the caller shows those the rep may still see.
    """
    last_open = func.max(OutboxEvent.occurred_at)
    statement = (
        select(OutboxEvent.asset_id)
        .where(OutboxEvent.rep_id == rep_id, OutboxEvent.kind == "open", OutboxEvent.asset_id.is_not(None))
        .group_by(OutboxEvent.asset_id)
        .order_by(last_open.desc(), func.max(OutboxEvent.seq).desc())
        .limit(limit)
    )
    with store.sessions() as session:
        return [asset_id for asset_id in session.scalars(statement) if asset_id is not None]


def most_used_assets(store: Store, limit: int = 8, since: dt.datetime | None = None) -> list[tuple[str, int]]:
    """Assets by usage score (see ``USAGE_WEIGHTS``), highest first, ties to the most recently used.

    Counts every rep whose events are in this store. Ids only, like ``recent_assets``.
    """
    score = func.sum(
        case(*((OutboxEvent.kind == kind, weight) for kind, weight in USAGE_WEIGHTS.items()), else_=0)
    )
    statement = (
        select(OutboxEvent.asset_id, score)
        .where(OutboxEvent.kind.in_(list(USAGE_WEIGHTS)), OutboxEvent.asset_id.is_not(None))
        .group_by(OutboxEvent.asset_id)
        .order_by(score.desc(), func.max(OutboxEvent.occurred_at).desc(), OutboxEvent.asset_id)
        .limit(limit)
    )
    if since is not None:
        statement = statement.where(OutboxEvent.occurred_at >= since)
    with store.sessions() as session:
        return [(asset_id, int(total)) for asset_id, total in session.execute(statement) if asset_id]


def asset_labels(store: Store, asset_ids: Iterable[str]) -> dict[str, AssetLabel]:
    """Titles and library paths of the assets that events name, for printing; unknown ids are left out."""
    wanted = sorted(set(asset_ids))
    labels: dict[str, AssetLabel] = {}
    with store.sessions() as session:
        for start in range(0, len(wanted), _IN_CHUNK):
            rows = session.execute(
                select(Asset.id, Asset.title, Asset.path, Asset.removed_at).where(
                    Asset.id.in_(wanted[start : start + _IN_CHUNK])
                )
            )
            for asset_id, title, path, removed_at in rows:
                labels[asset_id] = AssetLabel(title=title, path=path, removed=removed_at is not None)
    return labels
