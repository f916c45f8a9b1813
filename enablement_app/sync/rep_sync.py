"""The rep's side of sync: send the outbox to the hub in batches, and say how it went.

Events leave the outbox only by the cursor (the ``hub_outbox_cursor`` setting, the highest ``seq`` the hub
confirmed) moving past them; the table itself stays append-only. The cursor moves after ``push`` returned,
never before, so a process killed anywhere in a sync sends the unconfirmed batch again next time, which
the hub stores once. Everything else a rep sees (when it last worked, why it last failed, how many events
wait) is kept in settings rows too, so the status survives a restart and the CLI and the app agree.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson
from sqlalchemy import Integer, String, cast, func, select, type_coerce
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from enablement_app.store import Store
from enablement_app.store.models import OutboxEvent, Setting
from enablement_app.sync.bulk import collector_paused
from enablement_app.sync.hub import (
    HUB_URL_SETTING,
    Aggregates,
    EventBatch,
    Hub,
    HubError,
    HubRefusedError,
    SignedCatalog,
    open_hub,
    redact,
)
from enablement_app.usage.events import UsageEvent

if TYPE_CHECKING:
    from enablement_app.sync.hub_catalog import HubPublications, Refreshed

log = logging.getLogger(__name__)

OUTBOX_CURSOR_SETTING = "hub_outbox_cursor"
LAST_SUCCESS_SETTING = "hub_last_success_at"
LAST_ATTEMPT_SETTING = "hub_last_attempt_at"
LAST_ERROR_SETTING = "hub_last_error"
FAILURES_SETTING = "hub_failures"
BATCH_SIZE = 5000

_COLUMNS = (
    OutboxEvent.seq,
    OutboxEvent.id,
    OutboxEvent.kind,
    # the stored text, read as it is: SQLAlchemy's own DateTime parsing costs more than the rest of a row
    type_coerce(OutboxEvent.occurred_at, String),
    OutboxEvent.rep_id,
    OutboxEvent.device_id,
    OutboxEvent.asset_id,
    OutboxEvent.asset_version,
    OutboxEvent.details,
    OutboxEvent.rep_team,
    OutboxEvent.rep_region,
    OutboxEvent.rep_role,
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did. ``error`` is the sentence for the rep when it stopped on a hub problem;
    ``refused`` says retrying will not help until someone fixes the address or the permissions."""

    sent_events: int
    sent_batches: int
    waiting_events: int
    stopped: bool = False
    error: str | None = None
    refused: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class SyncStatus:
    hub_url: str | None
    last_success_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    last_error: str | None  # None when the last attempt worked
    waiting_events: int
    failures: int  # failed attempts in a row, for the back-off

    def describe(self, now: dt.datetime, *, with_error: bool = True) -> str:
        """The status bar's line: "Synced 2 min ago · 14 events waiting", and why the last try failed."""
        if self.hub_url is None:
            head = "No hub set up"
        elif self.last_success_at is None:
            head = "Not synced yet"
        else:
            head = f"Synced {_ago(now - self.last_success_at)}"
        waiting = self.waiting_events
        parts = [head, f"{waiting} event{'' if waiting == 1 else 's'} waiting" if waiting else "all sent"]
        if self.last_error and with_error:
            parts.append(f"last try failed: {self.last_error}")
        return " · ".join(parts)


def _ago(elapsed: dt.timedelta) -> str:
    seconds = max(0, int(elapsed.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    days = seconds // 86400
    return f"{days} day{'' if days == 1 else 's'} ago"


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """When to sync next: every ``interval`` seconds while the hub answers; after failures, ``first_retry``
    doubling up to ``longest``, so a laptop offline for a day does not hammer a share or a server."""

    interval: float = 300.0
    first_retry: float = 15.0
    longest: float = 900.0

    def delay(self, failures: int) -> float:
        if failures <= 0:
            return self.interval
        return min(self.longest, self.first_retry * 2 ** min(failures - 1, 30))


@dataclass(frozen=True, slots=True)
class Published:
    """What marketing published for reps. Fetched, not yet applied to the library (a later slice)."""

    catalog: SignedCatalog | None
    aggregates: Aggregates | None


def hub_from_settings(store: Store) -> Hub:
    """The hub at the address stored by ``enablement hub connect``."""
    url = store.get_setting(HUB_URL_SETTING)
    if not url:
        raise HubRefusedError(
            "no hub is set up yet: run `enablement hub connect URL` with marketing's address"
        )
    return open_hub(url)


class RepSync:
    """Sends one device's outbox to the hub. Safe to run from several processes at once: each push is
    idempotent and the cursor only ever moves forward."""

    def __init__(
        self,
        store: Store,
        hub_factory: Callable[[], Hub],
        device_id: str,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._store = store
        self._hub_factory = hub_factory
        self._device_id = device_id
        self._clock = clock
        self._batch_size = batch_size

    def sync_once(self, should_stop: Callable[[], bool] = lambda: False) -> SyncReport:
        """Send every waiting event, a batch at a time, until none wait, ``should_stop`` says so, or the hub
        fails; hub failures are reported (and remembered for ``status``), never raised."""
        attempt_at = self._clock()
        sent_events = sent_batches = 0
        stopped = False
        try:
            hub = self._hub_factory()
            try:
                while not (stopped := should_stop()):
                    with collector_paused():
                        batch = self._next_batch()
                        if batch is None:
                            break
                        hub.push(batch)
                    self._advance_cursor(_last_seq(batch))
                    sent_events += len(batch.events)
                    sent_batches += 1
            finally:
                hub.close()
        except HubError as error:
            log.info("sync stopped after %d events: %s", sent_events, error)
            self._remember(attempt_at, error=str(error))
            return SyncReport(
                sent_events,
                sent_batches,
                self.waiting_events(),
                stopped=False,
                error=str(error),
                refused=isinstance(error, HubRefusedError),
            )
        self._remember(attempt_at, error=None)
        return SyncReport(sent_events, sent_batches, self.waiting_events(), stopped=stopped)

    def status(self) -> SyncStatus:
        settings = self._settings()
        url = settings.get(HUB_URL_SETTING)
        return SyncStatus(
            hub_url=redact(url) if url else None,
            last_success_at=_parse_time(settings.get(LAST_SUCCESS_SETTING)),
            last_attempt_at=_parse_time(settings.get(LAST_ATTEMPT_SETTING)),
            last_error=settings.get(LAST_ERROR_SETTING) or None,
            waiting_events=self.waiting_events(),
            failures=int(settings.get(FAILURES_SETTING) or 0),
        )

    def fetch_published(self) -> Published:
        """The catalog and figures marketing published, for the slice that applies them to the library."""
        hub = self._hub_factory()
        try:
            return Published(catalog=hub.catalog(), aggregates=hub.aggregates())
        finally:
            hub.close()

    def refresh_published(self, publications: HubPublications) -> Refreshed | None:
        """Fetch what marketing published and apply it to this computer's library; None when the hub could
        not be read (the next sync tries again)."""
        from enablement_app.sync.hub_catalog import refresh_from_hub

        try:
            published = self.fetch_published()
        except HubError as error:
            log.info("could not fetch what marketing published: %s", error)
            return None
        return refresh_from_hub(publications, published.catalog, published.aggregates)

    # -- the outbox ----------------------------------------------------------------------------

    def cursor(self) -> int:
        return int(self._store.get_setting(OUTBOX_CURSOR_SETTING) or 0)

    def waiting_events(self) -> int:
        with self._store.sessions() as session:
            count = session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.seq > self.cursor())
            )
        return int(count or 0)

    def _next_batch(self) -> EventBatch | None:
        query = (
            select(*_COLUMNS)
            .where(OutboxEvent.seq > self.cursor())
            .order_by(OutboxEvent.seq)
            .limit(self._batch_size)
        )
        with self._store.engine.connect() as connection:  # plain rows: the ORM's loading costs a third more
            rows = connection.execute(query).all()
        if not rows:
            return None
        events = tuple(
            UsageEvent(
                id=row[1],
                kind=row[2],
                occurred_at=dt.datetime.fromisoformat(row[3]).replace(tzinfo=dt.UTC),
                rep_id=row[4],
                device_id=row[5],
                asset_id=row[6],
                asset_version=row[7],
                details=orjson.loads(row[8]),
                rep_team=row[9],
                rep_region=row[10],
                rep_role=row[11],
            )
            for row in rows
        )
        batch_id = EventBatch.make_id(self._device_id, rows[0][0], rows[-1][0])
        return EventBatch(batch_id=batch_id, device_id=self._device_id, events=events)

    def _advance_cursor(self, seq: int) -> None:
        """Move the cursor to ``seq`` unless another sync already moved it further: one statement, so two
        syncs racing can never move it back."""
        insert = sqlite_insert(Setting).values(key=OUTBOX_CURSOR_SETTING, value=str(seq))
        forward = insert.on_conflict_do_update(
            index_elements=["key"],
            set_={"value": insert.excluded.value},
            where=cast(Setting.value, Integer) < cast(insert.excluded.value, Integer),
        )
        with self._store.sessions.begin() as session:
            session.execute(forward)

    # -- the status ----------------------------------------------------------------------------

    def _remember(self, attempt_at: dt.datetime, *, error: str | None) -> None:
        failures = 0 if error is None else int(self._store.get_setting(FAILURES_SETTING) or 0) + 1
        values = {
            LAST_ATTEMPT_SETTING: attempt_at.isoformat(),
            LAST_ERROR_SETTING: error or "",
            FAILURES_SETTING: str(failures),
        }
        if error is None:
            values[LAST_SUCCESS_SETTING] = attempt_at.isoformat()
        with self._store.sessions.begin() as session:
            for key, value in values.items():
                session.merge(Setting(key=key, value=value))

    def _settings(self) -> dict[str, str]:
        keys = (
            HUB_URL_SETTING,
            LAST_SUCCESS_SETTING,
            LAST_ATTEMPT_SETTING,
            LAST_ERROR_SETTING,
            FAILURES_SETTING,
        )
        with self._store.sessions() as session:
            rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys))).all()
        return {key: value for key, value in rows}


def _last_seq(batch: EventBatch) -> int:
    return int(batch.batch_id.rsplit("-", 1)[1])


def _parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


__all__ = [
    "BATCH_SIZE",
    "OUTBOX_CURSOR_SETTING",
    "BackoffPolicy",
    "Published",
    "RepSync",
    "SyncReport",
    "SyncStatus",
    "hub_from_settings",
]
