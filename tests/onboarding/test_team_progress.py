"""New hires' progress as marketing and managers see it, from ingested events where the expected figures
are known by construction: who finished, in how many days, what is overdue, and the median."""

from __future__ import annotations

import datetime as dt
import io

from enablement_app.catalog.playlists import Playlist, PlaylistItem
from enablement_app.onboarding.team_progress import (
    OnboardingProgress,
    onboarding_progress,
    write_progress_csv,
)
from enablement_app.store import Store
from enablement_app.usage.events import UsageEvent
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW

GUIDE, DECK, PRICING = "a" * 32, "b" * 32, "c" * 32
WEEK = Playlist(
    id="first-week",
    title="Your first week",
    items=(
        PlaylistItem(GUIDE, due_day=1),
        PlaylistItem(DECK, due_day=2, first_page=2, last_page=3),
        PlaylistItem(PRICING, due_day=4),
    ),
)
DAY = dt.timedelta(days=1)


def step(rep: Rep, when: dt.timedelta, step: str, asset: str | None = None, **details: object) -> UsageEvent:
    return rep.event(
        "playlist_progress",
        asset,
        when,
        version=None,
        playlist="first-week",
        step=step,
        items_total=3,
        **details,
    )


def journey(rep: Rep, start: dt.timedelta, done_on: list[int], *, finish: bool) -> list[UsageEvent]:
    """``rep`` starts at ``start`` and completes item n (1-based) ``done_on[n-1]`` days later."""
    events = [rep.profile(), step(rep, start, "started", items_done=0)]
    assets = [(GUIDE, None), (DECK, [2, 3]), (PRICING, None)]
    for position, days in enumerate(done_on, start=1):
        asset, pages = assets[position - 1]
        how = "marked_done" if position == 1 else "viewed"
        extra = {"confirmation": f"{rep.name} took notes"} if how == "marked_done" else {}
        events.append(
            step(
                rep,
                start + days * DAY,
                "item_completed",
                asset,
                items_done=position,
                position=position,
                pages=pages,
                how=how,
                **extra,
            )
        )
    if finish:
        events.append(step(rep, start + max(done_on) * DAY, "finished", items_done=3))
    return events


def test_progress_days_taken_overdue_and_median(store: Store) -> None:
    ana = Rep("Ana Silva", team="Mid-market", role="new_hire")
    ben = Rep("Ben Okafor", team="Enterprise", role="new_hire")
    cleo = Rep("Cleo Martin", team="Mid-market", role="new_hire")
    dev = Rep("Dev Patel", team="SMB", role="new_hire")
    ingest(
        store,
        journey(ana, dt.timedelta(0), [0, 2, 4], finish=True)  # days 1..5: 5 days
        + journey(ben, dt.timedelta(0), [0, 1, 2], finish=True)  # 3 days
        + journey(cleo, DAY, [0], finish=False)  # started day 2 of the period, 1 of 3 done
        # Monday to the Sunday after: 7 calendar days, 5 working days (the weekend is still Friday's day)
        + journey(dev, dt.timedelta(hours=2), [1, 3, 6], finish=True),
    )
    now = FIXED_NOW + 10 * DAY
    progress = onboarding_progress(store, [WEEK], now=now)
    by_name = {row.name: row for row in progress.new_hires}
    assert {
        name: (row.items_done, row.items_total, row.overdue, row.days_taken) for name, row in by_name.items()
    } == {
        "Ana Silva": (3, 3, 0, 5),
        "Ben Okafor": (3, 3, 0, 3),
        "Cleo Martin": (1, 3, 2, None),
        "Dev Patel": (3, 3, 0, 5),
    }
    assert progress.median_days_to_finish() == 5
    assert progress.median_days_to_finish("first-week") == 5
    assert (
        by_name["Cleo Martin"].started_at == FIXED_NOW + DAY and by_name["Cleo Martin"].team == "Mid-market"
    )
    assert by_name["Ben Okafor"].confirmations == ((1, "Ben Okafor took notes"),)
    assert [row.name for row in progress.team_first("mid-market")][:2] == ["Cleo Martin", "Ana Silva"]

    # marketing reorders the playlist and drops the pricing sheet: what was done still counts, by asset
    reordered = Playlist(id="first-week", title="Week one", items=(WEEK.items[1], WEEK.items[0]))
    again = {row.name: row for row in onboarding_progress(store, [reordered], now=now).new_hires}
    assert (again["Cleo Martin"].items_done, again["Cleo Martin"].items_total) == (1, 2)
    assert again["Ana Silva"].playlist_title == "Week one"

    # a manager's app counts overdue items on its own day, not on the day marketing published
    cleo = by_name["Cleo Martin"]
    assert cleo.pending_due_days == (2, 4)
    assert cleo.overdue_on((FIXED_NOW + 2 * DAY).date()) == 0  # day 2: the deck is due today
    assert cleo.overdue_on((FIXED_NOW + 3 * DAY).date()) == 1
    assert by_name["Ana Silva"].overdue_on(now.date() + 30 * DAY) == 0

    # the document managers read from the hub round-trips
    assert OnboardingProgress.from_json(progress.to_json()) == progress

    out = io.StringIO()
    assert write_progress_csv(progress.for_playlist("first-week"), out) == 4
    lines = out.getvalue().splitlines()
    assert lines[0] == "name,email,team,playlist,items_done,items_total,overdue,started,finished,days_taken"
    assert "Cleo Martin,cleo@lumora.example,Mid-market,Your first week,1,3,2,2026-11-03,," in lines


def test_no_events_no_new_hires(store: Store) -> None:
    progress = onboarding_progress(store, [WEEK], now=FIXED_NOW)
    assert progress.new_hires == () and progress.median_days_to_finish() is None
