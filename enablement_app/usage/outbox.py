"""The one place usage events are written to the store: the append-only ``usage_outbox`` table.

Inserting is idempotent (``ON CONFLICT(id) DO NOTHING``): a spool that is drained twice after a crash, or
by two app instances, never duplicates an event. Rows are never updated, so sync can read them by ``seq``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from enablement_app.store import Store
from enablement_app.store.models import OutboxEvent
from enablement_app.usage.events import UsageEvent, compact_json
from enablement_app.usage.ratings import apply_rate_events


def store_events(store: Store, events: Sequence[UsageEvent]) -> int:
    """Append ``events`` to the outbox in one transaction and update the ratings they change.

    Returns how many were new. Raises SQLAlchemy's ``OperationalError`` when the database is locked or the
    disk is full; nothing is written then, and the caller keeps the events to try again.
    """
    if not events:
        return 0
    with store.sessions.begin() as session:
        return insert_events(session, events)


def insert_events(session: Session, events: Sequence[UsageEvent]) -> int:
    ids = [event.id for event in events]
    known = set(session.scalars(select(OutboxEvent.id).where(OutboxEvent.id.in_(ids))))
    fresh: list[UsageEvent] = []
    seen: set[str] = set()
    for event in events:
        if event.id not in known and event.id not in seen:
            fresh.append(event)
            seen.add(event.id)
    if not fresh:
        return 0
    session.execute(
        sqlite_insert(OutboxEvent).on_conflict_do_nothing(index_elements=["id"]),
        [event_row(event) for event in fresh],
    )
    apply_rate_events(session, fresh)
    return len(fresh)


def event_row(event: UsageEvent) -> dict[str, object]:
    """The columns an event is stored in, in the outbox."""
    return {
        "id": event.id,
        "kind": event.kind,
        "occurred_at": event.occurred_at,
        "rep_id": event.rep_id,
        "device_id": event.device_id,
        "rep_team": event.rep_team,
        "rep_region": event.rep_region,
        "rep_role": event.rep_role,
        "asset_id": event.asset_id,
        "asset_version": event.asset_version,
        "details": compact_json(dict(event.details)),
    }
