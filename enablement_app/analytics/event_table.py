"""Appending ingested events to marketing's analytics store: ``analytics_events`` and their senders.

Marketing ingests millions of events, so a page of them goes to SQLite as one JSON array that a single
``INSERT ... SELECT FROM json_each`` stores: SQLite parses and inserts in C without Python's global lock,
so marketing's ingest reads the next page from the hub meanwhile (``marketing_sync.ingest``), and
SQLAlchemy's per-row parameter and type processing, which cost more than SQLite's own work, is skipped.
The stored forms are those the ORM reads back (``UtcDateTime``: naive UTC text with microseconds), which
a test checks by reading rows through the models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, insert, select

from enablement_app.store.models import AnalyticsEvent, AnalyticsSender
from enablement_app.sync.bulk import collector_paused
from enablement_app.usage.events import UsageEvent, compact_json

# (column, how to read it from the row's JSON array: ->> gives SQL text or numbers, -> the JSON text)
_COLUMNS = (
    ("id", "->>"),
    ("kind", "->>"),
    ("occurred_at", "->>"),
    ("sender", "->>"),
    ("asset_id", "->>"),
    ("asset_version", "->>"),
    ("details", "->"),  # the details object, stored as its compact JSON text
)
# Rows go in sorted by event id (time-ordered, see ``new_event_id``), so the id's unique index is written
# front to back instead of all over (a third faster on a million rows): ``seq`` orders rows as ingested,
# not as they happened. SQLite sorts: sorting in Python scatters the rows in memory, and writing the JSON
# then slows down more than sorting costs. "WHERE true" tells SQLite's parser the ON CONFLICT belongs to
# the INSERT, not to a join in the SELECT.
_INSERT_EVENTS = (
    f"INSERT INTO {AnalyticsEvent.__tablename__} ({', '.join(name for name, _ in _COLUMNS)}, ingested_at) "
    f"SELECT {', '.join(f'value {op} {n}' for n, (_, op) in enumerate(_COLUMNS))}, :ingested_at "
    "FROM json_each(:rows) WHERE true ORDER BY value ->> 0 ON CONFLICT (id) DO NOTHING"
)

Profile = tuple[str, str, str, str, str]  # rep_id, device_id, team, region, role, as AnalyticsSender has them


@dataclass(slots=True)
class Senders:
    """The sender keys already stored, and those given out since; one ingest holds it for all its pages."""

    keys: dict[Profile, int]
    unsaved: list[tuple[int, Profile]] = field(default_factory=list)
    highest: int = 0

    @classmethod
    def load(cls, connection: Connection) -> Senders:
        rows = connection.execute(
            select(
                AnalyticsSender.key,
                AnalyticsSender.rep_id,
                AnalyticsSender.device_id,
                AnalyticsSender.rep_team,
                AnalyticsSender.rep_region,
                AnalyticsSender.rep_role,
            )
        )
        keys = {(rep, device, team, region, role): key for key, rep, device, team, region, role in rows}
        return cls(keys, highest=max(keys.values(), default=0))

    def key(self, profile: Profile) -> int:
        key = self.keys.get(profile)
        if key is None:
            self.highest += 1
            key = self.keys[profile] = self.highest
            self.unsaved.append((key, profile))
        return key

    def take_unsaved(self) -> list[tuple[int, Profile]]:
        unsaved, self.unsaved = self.unsaved, []
        return unsaved


@dataclass(frozen=True, slots=True)
class EventRows:
    """A page of events ready to store: a JSON array of rows, the senders they introduce, and when they
    arrived."""

    json: str
    count: int
    new_senders: list[tuple[int, Profile]]
    ingested_at: dt.datetime


def stored_time(moment: dt.datetime) -> str:
    """An aware datetime as SQLAlchemy stores a ``UtcDateTime`` in SQLite (``2026-11-02 09:00:00.000000``)."""
    if moment.tzinfo is not dt.UTC:  # from_dict hands out UTC times: the common case skips astimezone
        moment = moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


def event_rows(events: Sequence[UsageEvent], senders: Senders, ingested_at: dt.datetime) -> EventRows:
    """The rows of ``events`` as one JSON array, with sender keys from ``senders``."""
    key = senders.key
    with collector_paused():
        rows = [
            (
                event.id,
                event.kind,
                stored_time(event.occurred_at),
                key((event.rep_id, event.device_id, event.rep_team, event.rep_region, event.rep_role)),
                event.asset_id,
                event.asset_version,
                dict(event.details),
            )
            for event in events
        ]
        return EventRows(compact_json(rows), len(rows), senders.take_unsaved(), ingested_at)


def append_rows(connection: Connection, rows: EventRows) -> int:
    """Store the page's new senders and the events not stored yet, in the caller's transaction; returns
    how many events were new.

    Rows are only ever appended, by one writer at a time, so the new ones are the growth of the highest
    ``seq``: an index lookup, where counting would read the table. A second ingest running at the same
    time would give out the same sender keys; its transaction then fails on the key and stores nothing.
    """
    if rows.new_senders:
        connection.execute(
            insert(AnalyticsSender),
            [
                {
                    "key": key,
                    "rep_id": rep_id,
                    "device_id": device_id,
                    "rep_team": team,
                    "rep_region": region,
                    "rep_role": role,
                }
                for key, (rep_id, device_id, team, region, role) in rows.new_senders
            ],
        )
    if not rows.count:
        return 0
    highest = select(func.max(AnalyticsEvent.seq))
    before = connection.scalar(highest) or 0
    connection.exec_driver_sql(
        _INSERT_EVENTS, {"rows": rows.json, "ingested_at": stored_time(rows.ingested_at)}
    )
    return (connection.scalar(highest) or 0) - before
