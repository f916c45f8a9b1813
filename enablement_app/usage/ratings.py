"""Ratings derived from rate events: one row per rep and asset holding the rep's newest rating.

The ``ratings`` table is an aggregate, never the truth: it is updated in the same transaction that stores
the rate event, and ``rebuild_ratings`` recreates it from the outbox. "Newest" means the latest
``occurred_at``, ties broken by the order the events were stored (``seq``), in both paths, so applying
events one by one and rebuilding always agree, even when a crashed app's spool is drained late.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from enablement_app.store.models import AssetRating, OutboxEvent
from enablement_app.usage.events import UsageEvent


def apply_rate_events(session: Session, events: Iterable[UsageEvent]) -> None:
    """Fold rate events, in the order they were stored, into the ratings; other kinds are ignored."""
    for event in events:
        if event.kind != "rate" or event.asset_id is None:
            continue
        current = session.get(AssetRating, (event.asset_id, event.rep_id))
        if current is None:
            current = AssetRating(asset_id=event.asset_id, rep_id=event.rep_id)
            session.add(current)
        elif current.rated_at > event.occurred_at:
            continue  # a late-drained older rating does not undo a newer one
        current.stars = int(event.details["stars"])
        current.comment = str(event.details.get("comment", ""))
        current.used_in_deal = bool(event.details.get("used_in_deal", False))
        current.asset_version = event.asset_version
        current.rated_at = event.occurred_at
        current.event_id = event.id
        session.flush()


def rebuild_ratings(session: Session) -> int:
    """Recreate every rating from the rate events in the outbox; returns how many ratings there are."""
    session.execute(delete(AssetRating))
    rows = session.scalars(
        select(OutboxEvent)
        .where(OutboxEvent.kind == "rate")
        .order_by(OutboxEvent.occurred_at, OutboxEvent.seq)
    )
    apply_rate_events(session, (UsageEvent.from_row(row) for row in rows))
    return session.scalar(select(func.count()).select_from(AssetRating)) or 0
