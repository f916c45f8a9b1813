"""Usage events for sync tests, made the way the recorder makes them (time-ordered UUID ids, UTC times, a profile that changes team)."""

from __future__ import annotations

import datetime as dt
import uuid

from enablement_app.store import Store
from enablement_app.sync.hub import EventBatch
from enablement_app.usage.events import UsageEvent, new_event_id
from enablement_app.usage.outbox import store_events

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
REP_ID = "5d3c1a52-8b0e-4c55-9d7e-3f7f2f1c0a11"


def make_events(count: int, device_id: str, *, offset: int = 0) -> list[UsageEvent]:
    """``count`` events of a busy morning: opens, page views and searches, one a second."""
    events = []
    for number in range(offset, offset + count):
        asset = f"{number % 13:032x}"
        kind = ("open", "page_view", "search")[number % 3]
        details: dict[str, object] = {
            "open": {"target": "preview"},
            "page_view": {"page": number % 9 + 1, "dwell_ms": 1500 + number},
            "search": {
                "query": f"prix réduit {number}",
                "result_count": 4,
                "clicked_rank": None,
                "filters": {},
            },
        }[kind]
        events.append(
            UsageEvent(
                id=new_event_id(),
                kind=kind,
                occurred_at=START + dt.timedelta(seconds=number, microseconds=number % 1000),
                rep_id=REP_ID,
                device_id=device_id,
                asset_id=None if kind == "search" else asset,
                asset_version=None if kind == "search" else 1,
                details=details,
                rep_team="Mid-market West" if number % 10 < 7 else "Enterprise Nordics",
                rep_region="EMEA",
                rep_role="rep",
            )
        )
    return events


def batch_of(events: list[UsageEvent], device_id: str, first_seq: int) -> EventBatch:
    """The batch a rep sends for outbox rows ``first_seq`` onwards, one row per event."""
    last_seq = first_seq + len(events) - 1
    return EventBatch(EventBatch.make_id(device_id, first_seq, last_seq), device_id, tuple(events))


def record(store: Store, count: int, device_id: str) -> list[UsageEvent]:
    """Append ``count`` fresh events to the store's outbox, as the recorder would have."""
    events = make_events(count, device_id)
    store_events(store, events)
    return events


def new_device() -> str:
    return str(uuid.uuid4())
