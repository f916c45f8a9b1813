"""A new hire's progress through an onboarding playlist, from this computer's usage events.

The outbox keeps every event (it is append-only), so progress is derived, never stored: page views with
their dwell say which pages were read, and "playlist_progress" events say when onboarding started (day 1)
and which items were completed, and how. The tracker records those events the moment it sees a step
happen, so marketing and the rep's manager follow the same progress from synced events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from enablement_app.catalog.playlists import Playlist, PlaylistItem
from enablement_app.onboarding.working_days import date_of_day, day_of
from enablement_app.usage.events import UsageEvent

if TYPE_CHECKING:
    from enablement_app.store import Store
    from enablement_app.usage.recorder import UsageRecorder

# An item is complete once the rep read at least this share of its pages...
MIN_VIEWED_SHARE = 0.8
# ...counting a page only when it stayed on screen this long: a page flicked past was not read.
MIN_PAGE_DWELL_MS = 4000
# The shortest confirmation that counts when a rep marks an item done ("What did you take from it?").
MIN_CONFIRMATION_CHARS = 3


class OnboardingError(ValueError):
    """Something a rep asked of their playlist cannot be done; the message says why in a sentence."""


def item_key(item: PlaylistItem) -> tuple[str, int | None, int | None]:
    """What identifies an item across edits of the playlist: its asset and page range (not its position,
    which changes when marketing reorders)."""
    first = item.first_page
    return (item.asset_id, first, (item.last_page or first) if first is not None else None)


@dataclass(frozen=True, slots=True)
class ItemProgress:
    position: int  # 1-based, in the playlist's order
    item: PlaylistItem
    title: str
    page_count: int  # the asset's pages on this computer; 0 when it is not here (yet)
    pages: tuple[int, ...]  # the pages the item asks for
    pages_read: int  # of those, read with real dwell
    due_on: dt.date | None  # None before onboarding started
    completed_at: dt.datetime | None
    how: str | None = None  # "viewed" or "marked_done"
    confirmation: str = ""
    overdue: bool = False

    @property
    def done(self) -> bool:
        return self.completed_at is not None

    @property
    def available(self) -> bool:
        return self.page_count > 0

    @property
    def state(self) -> str:
        """``done``, ``overdue``, ``in_progress`` (some pages read) or ``not_started``."""
        if self.done:
            return "done"
        if self.overdue:
            return "overdue"
        return "in_progress" if self.pages_read else "not_started"

    @property
    def complete_by_reading(self) -> bool:
        return bool(self.pages) and self.pages_read >= MIN_VIEWED_SHARE * len(self.pages)


@dataclass(frozen=True, slots=True)
class PlaylistProgress:
    playlist: Playlist
    items: tuple[ItemProgress, ...]
    today: dt.date
    started_at: dt.datetime | None
    finished_at: dt.datetime | None = None
    recorded: tuple[str, ...] = field(default=())  # steps recorded by the update that computed this

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    @property
    def finished(self) -> bool:
        return bool(self.items) and self.done_count == len(self.items)

    @property
    def day(self) -> int | None:
        """Today's working day of onboarding (day 1 is the day it started), None before it started."""
        if self.started_at is None:
            return None
        return day_of(self.started_at.date(), self.today)

    def summary(self) -> str:
        """ "4 of 9 done · day 3 of 10", as the new hire sees it over their list."""
        parts = [f"{self.done_count} of {len(self.items)} done"]
        if self.finished:
            parts.append("finished")
        elif self.day is not None:
            parts.append(f"day {self.day} of {self.playlist.days}")
        if self.overdue_count:
            parts.append(f"{self.overdue_count} overdue")
        return " · ".join(parts)


def compute_progress(
    playlist: Playlist,
    events: Iterable[UsageEvent],
    assets: Mapping[str, tuple[str, int]],
    today: dt.date,
) -> PlaylistProgress:
    """Progress of one rep through ``playlist`` from their events (page views and "playlist_progress"),
    with ``assets`` giving each asset's (title, page count) on this computer."""
    read: dict[str, set[int]] = {}
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    completed: dict[tuple[str, int | None, int | None], UsageEvent] = {}
    for event in sorted(events, key=lambda event: event.occurred_at):
        details = event.details
        if event.kind == "page_view" and event.asset_id:
            if int(details.get("dwell_ms", 0)) >= MIN_PAGE_DWELL_MS:
                read.setdefault(event.asset_id, set()).add(int(details.get("page", 0)))
        elif event.kind == "playlist_progress" and details.get("playlist") == playlist.id:
            step = details.get("step")
            if step == "started" and started_at is None:
                started_at = event.occurred_at
            elif step == "finished" and finished_at is None:
                finished_at = event.occurred_at
            elif step == "item_completed" and event.asset_id:
                pages = details.get("pages") or [None, None]
                completed.setdefault((event.asset_id, pages[0], pages[1]), event)
    items = []
    for position, item in enumerate(playlist.items, start=1):
        title, page_count = assets.get(item.asset_id, (item.title or "An asset not in your library yet", 0))
        pages = tuple(item.pages(page_count))
        due_on = date_of_day(started_at.date(), item.due_day) if started_at else None
        completion = completed.get(item_key(item))
        done = completion is not None
        items.append(
            ItemProgress(
                position=position,
                item=item,
                title=title,
                page_count=page_count,
                pages=pages,
                pages_read=sum(1 for page in pages if page in read.get(item.asset_id, ())),
                due_on=due_on,
                completed_at=completion.occurred_at if completion is not None else None,
                how=str(completion.details.get("how")) if completion is not None else None,
                confirmation=str(completion.details.get("confirmation", "")) if completion else "",
                overdue=not done and due_on is not None and today > due_on,
            )
        )
    return PlaylistProgress(playlist, tuple(items), today, started_at, finished_at)


class OnboardingTracker:
    """One rep's onboarding on this computer: reads their events from the outbox and records the steps
    they reach. Call it off the UI thread: it waits for the recorder to store what it holds."""

    def __init__(self, store: Store, recorder: UsageRecorder, *, clock: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.recorder = recorder
        self.clock = clock

    def progress(self, playlist: Playlist) -> PlaylistProgress:
        """Where the rep stands, without recording anything."""
        # imported here: the window's onboarding view reads this module's rules before the store opens
        from sqlalchemy import select

        from enablement_app.store.models import Asset, OutboxEvent

        self.recorder.flush(10.0)
        rep_id = self.recorder.profile.rep_id
        asset_ids = {item.asset_id for item in playlist.items}
        with self.store.sessions() as session:
            rows = session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.rep_id == rep_id)
                .where(
                    ((OutboxEvent.kind == "page_view") & OutboxEvent.asset_id.in_(asset_ids))
                    | (OutboxEvent.kind == "playlist_progress")
                )
                .order_by(OutboxEvent.seq)
            ).all()
            events = [UsageEvent.from_row(row) for row in rows]
            assets = {
                asset_id: (title, page_count)
                for asset_id, title, page_count in session.execute(
                    select(Asset.id, Asset.title, Asset.page_count).where(
                        Asset.id.in_(asset_ids), Asset.removed_at.is_(None)
                    )
                )
            }
        return compute_progress(playlist, events, assets, self.clock().date())

    def update(self, playlist: Playlist) -> PlaylistProgress:
        """Record the steps the rep has reached and not yet recorded (started, items read through,
        finished) and return their progress with those steps in it."""
        progress = self.progress(playlist)
        recorded: list[str] = []
        if progress.started_at is None:
            self._record(playlist, "started", progress.done_count)
            recorded.append("started")
        done = progress.done_count
        for item in progress.items:
            if not item.done and item.complete_by_reading:
                done += 1
                self._record_item(playlist, item, "viewed", "", done)
                recorded.append("item_completed")
        if recorded:
            progress = self.progress(playlist)
        if progress.finished and progress.finished_at is None:
            self._record(playlist, "finished", progress.done_count)
            progress = self.progress(playlist)
            recorded.append("finished")
        return PlaylistProgress(
            progress.playlist,
            progress.items,
            progress.today,
            progress.started_at,
            progress.finished_at,
            tuple(recorded),
        )

    def mark_done(self, playlist: Playlist, position: int, confirmation: str) -> PlaylistProgress:
        """The rep says they went through item ``position`` (1-based), with what they took from it."""
        text = " ".join(confirmation.split())
        if len(text) < MIN_CONFIRMATION_CHARS:
            raise OnboardingError("Say in a few words what you took from it, then mark it done.")
        progress = self.progress(playlist)
        if not 1 <= position <= len(progress.items):
            raise OnboardingError(f"{playlist.title} has no item {position}.")
        item = progress.items[position - 1]
        if not item.done:
            if progress.started_at is None:
                self._record(playlist, "started", progress.done_count)
            self._record_item(playlist, item, "marked_done", text, progress.done_count + 1)
        return self.update(playlist)

    def _record(self, playlist: Playlist, step: str, done: int) -> None:
        self.recorder.record_playlist_progress(
            playlist.id, step, items_done=done, items_total=len(playlist.items)
        )

    def _record_item(
        self, playlist: Playlist, item: ItemProgress, how: str, confirmation: str, done: int
    ) -> None:
        first, last = item.item.first_page, item.item.last_page
        self.recorder.record_playlist_progress(
            playlist.id,
            "item_completed",
            items_done=done,
            items_total=len(playlist.items),
            asset_id=item.item.asset_id,
            position=item.position,
            pages=(first, last or first) if first is not None else None,
            how=how,
            confirmation=confirmation,
        )


def playlists_for(playlists: Sequence[Playlist], role: str, team: str) -> tuple[Playlist, ...]:
    """The playlists meant for a rep of ``role`` in ``team``, in the catalog's order."""
    return tuple(playlist for playlist in playlists if playlist.is_for(role, team))


def current_playlist(tracker: OnboardingTracker, mine: Sequence[Playlist]) -> tuple[int, Playlist] | None:
    """Which of the rep's playlists they work through now, with its place among them (1-based): the
    first they have not finished, in the catalog's order, else the last. A new hire follows one playlist
    at a time ("Your first week", then their team's "Week two"), and a later playlist's day 1 is the day
    they reach it, so its due days count from then rather than from their first day."""
    if not mine:
        return None
    for number, playlist in enumerate(mine, start=1):
        if not tracker.progress(playlist).finished:
            return number, playlist
    return len(mine), mine[-1]
