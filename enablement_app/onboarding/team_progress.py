"""Every new hire's onboarding as marketing and managers see it, from the synced "playlist_progress" events.

Marketing computes it from its analytics tables (each event's details are kept; ``analytics_reps`` names
the reps) and publishes it on the hub as one document, so a manager's app shows their team's new hires
without reading anyone's events. Days are counted as a new hire sees them: day 1 is the day they started,
so a playlist started and finished on the same day took 1 day.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TextIO

from sqlalchemy import select

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.catalog.playlists import Playlist
from enablement_app.onboarding.progress import item_key
from enablement_app.onboarding.working_days import day_of, is_past
from enablement_app.store import Store
from enablement_app.store.models import AnalyticsEvent, AnalyticsRep, AnalyticsSender

PROGRESS_CSV_HEADER = (
    "name",
    "email",
    "team",
    "playlist",
    "items_done",
    "items_total",
    "overdue",
    "started",
    "finished",
    "days_taken",
)


@dataclass(frozen=True, slots=True)
class NewHireProgress:
    """One rep's progress through one playlist."""

    rep_id: str
    name: str
    email: str
    team: str
    playlist_id: str
    playlist_title: str
    items_done: int
    items_total: int
    overdue: int
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    # what the new hire said they took from the items they marked done, by item position
    confirmations: tuple[tuple[int, str], ...] = ()
    # the due days of the items not done yet, so a manager's app counts what is overdue on its own day,
    # not on the day marketing published
    pending_due_days: tuple[int, ...] = ()

    def overdue_on(self, today: dt.date) -> int:
        """Items not done whose due day is past on ``today``: counted on the viewer's day, so a new hire who
        stalls after marketing published turns late in a manager's app; without the due days (a playlist no
        longer in the catalog), as ``overdue`` counted it when computed."""
        if self.finished:
            return 0
        if not self.pending_due_days:
            return self.overdue
        return sum(1 for day in self.pending_due_days if is_past(self.started_at.date(), day, today))

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def days_taken(self) -> int | None:
        """Working days from start to finish, both counted (started and finished on one day: 1)."""
        if self.finished_at is None:
            return None
        return day_of(self.started_at.date(), self.finished_at.date())

    def day(self, today: dt.date) -> int:
        return day_of(self.started_at.date(), today)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["finished_at"] = self.finished_at.isoformat() if self.finished_at else None
        data["confirmations"] = [list(pair) for pair in self.confirmations]
        data["pending_due_days"] = list(self.pending_due_days)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NewHireProgress:
        finished = data.get("finished_at")
        return cls(
            rep_id=str(data["rep_id"]),
            name=str(data["name"]),
            email=str(data["email"]),
            team=str(data["team"]),
            playlist_id=str(data["playlist_id"]),
            playlist_title=str(data["playlist_title"]),
            items_done=int(data["items_done"]),
            items_total=int(data["items_total"]),
            overdue=int(data["overdue"]),
            started_at=_utc(str(data["started_at"])),
            finished_at=_utc(str(finished)) if finished else None,
            confirmations=tuple((int(pair[0]), str(pair[1])) for pair in data.get("confirmations", [])),
            pending_due_days=tuple(int(day) for day in data.get("pending_due_days", [])),
        )


@dataclass(frozen=True, slots=True)
class OnboardingProgress:
    """Every new hire's progress, as marketing computed (and published) it at ``generated_at``."""

    generated_at: dt.datetime
    new_hires: tuple[NewHireProgress, ...] = field(default=())

    def median_days_to_finish(self, playlist_id: str | None = None) -> float | None:
        """The median days new hires took to finish (a playlist, or any), None before anyone finished."""
        days = [
            taken
            for row in self.new_hires
            if (playlist_id is None or row.playlist_id == playlist_id)
            and (taken := row.days_taken) is not None
        ]
        return statistics.median(days) if days else None

    def for_playlist(self, playlist_id: str) -> tuple[NewHireProgress, ...]:
        return tuple(row for row in self.new_hires if row.playlist_id == playlist_id)

    def team_first(self, team: str) -> tuple[NewHireProgress, ...]:
        """A manager's order: their team's new hires first, then the others; each by start, newest first."""
        folded = team.strip().casefold()
        return tuple(
            sorted(
                self.new_hires,
                key=lambda row: (row.team.casefold() != folded or not folded, -row.started_at.timestamp()),
            )
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "generated_at": self.generated_at.isoformat(),
            "new_hires": [row.to_json() for row in self.new_hires],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OnboardingProgress:
        """Raises ``KeyError``, ``TypeError`` or ``ValueError`` for a document that is not one."""
        return cls(
            generated_at=_utc(str(data["generated_at"])),
            new_hires=tuple(NewHireProgress.from_json(row) for row in data["new_hires"]),
        )


def _utc(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def onboarding_progress(
    store: Store, playlists: Sequence[Playlist], *, now: dt.datetime
) -> OnboardingProgress:
    """Each rep's progress through each playlist they started, from marketing's ingested events.

    Items count as done by their asset and page range, so marketing reordering a playlist keeps what new
    hires did; an item taken out no longer counts. A playlist no longer in the catalog keeps the counts its
    events carried. Overdue items are those not done whose due day (from the rep's day 1) is past.
    """
    refresh_rollups(store)  # analytics_reps: the names and teams of reps, from their profile events
    by_id = {playlist.id: playlist for playlist in playlists}
    with store.sessions() as session:
        rows = session.execute(
            select(
                AnalyticsSender.rep_id,
                AnalyticsSender.rep_team,
                AnalyticsEvent.occurred_at,
                AnalyticsEvent.asset_id,
                AnalyticsEvent.details,
            )
            .join(AnalyticsSender, AnalyticsSender.key == AnalyticsEvent.sender)
            .where(AnalyticsEvent.kind == "playlist_progress")
            .order_by(AnalyticsEvent.occurred_at, AnalyticsEvent.seq)
        ).all()
        reps = {rep.rep_id: rep for rep in session.scalars(select(AnalyticsRep))}
    journeys: dict[tuple[str, str], _Journey] = {}
    for rep_id, team, occurred_at, asset_id, details_text in rows:
        try:
            details = json.loads(details_text)
        except ValueError:
            continue
        if not isinstance(details, dict) or not isinstance(details.get("playlist"), str):
            continue
        journey = journeys.setdefault((rep_id, details["playlist"]), _Journey(team=team))
        journey.add(occurred_at, asset_id, details)
    today = now.date()
    new_hires = []
    for (rep_id, playlist_id), journey in journeys.items():
        if journey.started_at is None:
            continue
        rep = reps.get(rep_id)
        playlist = by_id.get(playlist_id)
        new_hires.append(
            journey.progress(
                rep_id,
                playlist_id,
                playlist,
                today,
                name=rep.name if rep else "A rep not yet named",
                email=rep.email if rep else "",
                team=(rep.team if rep else "") or journey.team,
            )
        )
    new_hires.sort(key=lambda row: (row.playlist_title.casefold(), -row.started_at.timestamp(), row.name))
    return OnboardingProgress(generated_at=now, new_hires=tuple(new_hires))


@dataclass(slots=True)
class _Journey:
    team: str
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    completed: dict[tuple[str, int | None, int | None], tuple[int, str]] = field(default_factory=dict)
    items_done: int = 0
    items_total: int = 0

    def add(self, occurred_at: dt.datetime, asset_id: str | None, details: Mapping[str, Any]) -> None:
        step = details.get("step")
        self.items_total = int(details.get("items_total") or self.items_total)
        self.items_done = max(self.items_done, int(details.get("items_done") or 0))
        if step == "started" and self.started_at is None:
            self.started_at = occurred_at
        elif step == "finished" and self.finished_at is None:
            self.finished_at = occurred_at
        elif step == "item_completed" and asset_id:
            if self.started_at is None:
                self.started_at = occurred_at  # the started event has not come through (yet)
            pages = details.get("pages") or [None, None]
            key = (asset_id, pages[0], pages[1])
            self.completed.setdefault(
                key, (int(details.get("position") or 0), str(details.get("confirmation") or ""))
            )

    def progress(
        self,
        rep_id: str,
        playlist_id: str,
        playlist: Playlist | None,
        today: dt.date,
        *,
        name: str,
        email: str,
        team: str,
    ) -> NewHireProgress:
        assert self.started_at is not None
        if playlist is not None:
            pending = tuple(item.due_day for item in playlist.items if item_key(item) not in self.completed)
            total = len(playlist.items)
            done = total - len(pending)
            start = self.started_at.date()
            overdue = sum(1 for day in pending if is_past(start, day, today))
            finished_at = self.finished_at if done == total else None
            title = playlist.title
        else:
            done, total, overdue, finished_at, title = (
                self.items_done,
                self.items_total,
                0,
                self.finished_at,
                playlist_id,
            )
            pending = ()
        confirmations = tuple(sorted(pair for pair in self.completed.values() if pair[1]))
        return NewHireProgress(
            rep_id=rep_id,
            name=name,
            email=email,
            team=team,
            playlist_id=playlist_id,
            playlist_title=title,
            items_done=done,
            items_total=total,
            overdue=overdue,
            started_at=self.started_at,
            finished_at=finished_at,
            confirmations=confirmations,
            pending_due_days=pending,
        )


def write_progress_csv(rows: Iterable[NewHireProgress], file: TextIO) -> int:
    """One row per new hire and playlist; returns how many rows were written."""
    writer = csv.writer(file)
    writer.writerow(PROGRESS_CSV_HEADER)
    count = 0
    for row in rows:
        writer.writerow(
            (
                row.name,
                row.email,
                row.team,
                row.playlist_title,
                row.items_done,
                row.items_total,
                row.overdue,
                row.started_at.date().isoformat(),
                row.finished_at.date().isoformat() if row.finished_at else "",
                row.days_taken if row.days_taken is not None else "",
            )
        )
        count += 1
    return count
