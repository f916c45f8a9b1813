"""A new hire's progress from real events in a real outbox, with a clock the test moves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from enablement_app.catalog.playlists import Playlist, PlaylistItem
from enablement_app.library.workspace import Workspace
from enablement_app.onboarding.progress import (
    MIN_PAGE_DWELL_MS,
    OnboardingError,
    OnboardingTracker,
    current_playlist,
)
from enablement_app.usage.profile import RepProfile, save_profile
from enablement_app.usage.queries import events_since
from enablement_app.usage.recorder import UsageRecorder
from tests.conftest import FIXED_NOW, Clock

LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def ids_by_path(workspace: Workspace) -> dict[str, tuple[str, int, int]]:
    return {
        card.path: (card.id, card.version, card.page_count)
        for card in workspace.library_search.cards().values()
    }


@pytest.fixture
def onboarding(workspace: Workspace, library: Path) -> tuple[Workspace, Playlist, UsageRecorder]:
    workspace.index(library)
    save_profile(
        workspace.store,
        RepProfile.new(name="Nina Novak", email="nina@lumora.example", team="Mid-market", role="new_hire"),
    )
    ids = ids_by_path(workspace)
    playlist = Playlist(
        id="first-week",
        title="Your first week",
        items=(
            PlaylistItem(ids["Guides/onboarding.docx"][0], due_day=1, note="Start here"),
            PlaylistItem(ids["Decks/forecast-pitch.pptx"][0], due_day=2, first_page=1, last_page=2),
            PlaylistItem(ids["Pricing/pricing-2026.pdf"][0], due_day=3),
        ),
    )
    return workspace, playlist, workspace.open_recorder()


def read(recorder: UsageRecorder, asset: tuple[str, int, int], page: int, dwell_ms: int) -> None:
    recorder.record_page_view(asset[0], asset[1], page, dwell_ms)


def test_items_complete_when_most_pages_were_read_and_steps_are_recorded_once(
    onboarding: tuple[Workspace, Playlist, UsageRecorder], clock: Clock
) -> None:
    workspace, playlist, recorder = onboarding
    tracker = OnboardingTracker(workspace.store, recorder, clock=clock)
    ids = ids_by_path(workspace)
    deck = ids["Decks/forecast-pitch.pptx"]

    progress = tracker.update(playlist)
    assert progress.recorded == ("started",)
    assert progress.started_at == FIXED_NOW and progress.day == 1
    assert progress.summary() == "0 of 3 done · day 1 of 3"

    read(recorder, deck, 1, MIN_PAGE_DWELL_MS)
    read(recorder, deck, 2, MIN_PAGE_DWELL_MS - 1)  # flicked past: not read
    read(recorder, deck, 3, 60_000)  # outside the item's page range
    progress = tracker.update(playlist)
    assert progress.recorded == ()
    deck_item = progress.items[1]
    assert (deck_item.pages, deck_item.pages_read, deck_item.state) == ((1, 2), 1, "in_progress")

    read(recorder, deck, 2, 5_000)
    progress = tracker.update(playlist)
    assert progress.recorded == ("item_completed",)
    assert progress.items[1].how == "viewed" and progress.items[1].state == "done"
    assert tracker.update(playlist).recorded == ()  # recorded once, however often the app looks

    steps = [
        (event.details["step"], event.details.get("position"), event.details["items_done"])
        for event in events_since(workspace.store, LONG_AGO, kinds=["playlist_progress"])
    ]
    assert steps == [("started", None, 0), ("item_completed", 2, 1)]


def test_overdue_mark_done_and_finish_with_the_clock_moving(
    onboarding: tuple[Workspace, Playlist, UsageRecorder], clock: Clock
) -> None:
    workspace, playlist, recorder = onboarding
    tracker = OnboardingTracker(workspace.store, recorder, clock=clock)
    ids = ids_by_path(workspace)
    tracker.update(playlist)

    clock.now = FIXED_NOW + dt.timedelta(days=2)  # day 3: items due on days 1 and 2 are late
    progress = tracker.progress(playlist)
    assert [item.state for item in progress.items] == ["overdue", "overdue", "not_started"]
    assert progress.items[0].due_on == FIXED_NOW.date()
    assert progress.summary() == "0 of 3 done · day 3 of 3 · 2 overdue"

    with pytest.raises(OnboardingError, match="Say in a few words"):
        tracker.mark_done(playlist, 1, "  ")
    progress = tracker.mark_done(playlist, 1, "Shadow three calls in week one")
    assert progress.items[0].state == "done" and progress.items[0].how == "marked_done"
    assert progress.items[0].confirmation == "Shadow three calls in week one"

    deck, pricing = ids["Decks/forecast-pitch.pptx"], ids["Pricing/pricing-2026.pdf"]
    for page in (1, 2):
        read(recorder, deck, page, 8_000)
    read(recorder, pricing, 1, 8_000)  # 1 of 2 pages: 50%, not enough
    assert tracker.update(playlist).done_count == 2
    read(recorder, pricing, 2, 8_000)
    progress = tracker.update(playlist)
    assert progress.finished and progress.recorded == ("item_completed", "finished")
    assert progress.summary() == "3 of 3 done · finished"
    assert progress.overdue_count == 0

    events = events_since(workspace.store, LONG_AGO, kinds=["playlist_progress"])
    marked = next(event for event in events if event.details.get("how") == "marked_done")
    assert marked.details["confirmation"] == "Shadow three calls in week one"
    assert marked.rep_role == "new_hire" and marked.asset_id == playlist.items[0].asset_id
    assert [event.details["step"] for event in events][-1] == "finished"


def test_a_new_hire_works_through_their_playlists_one_after_the_other(
    onboarding: tuple[Workspace, Playlist, UsageRecorder], clock: Clock
) -> None:
    """A second playlist for the rep's team comes after the first: it is current once the first is
    finished, and its day 1 is the day they reach it, not their first day."""
    workspace, first_week, recorder = onboarding
    ids = ids_by_path(workspace)
    week_two = Playlist(
        id="week-two",
        title="Mid-market: week two",
        team="Mid-market",
        items=(PlaylistItem(ids["Pricing/pricing-2026.pdf"][0], due_day=1),),
    )
    tracker = OnboardingTracker(workspace.store, recorder, clock=clock)
    mine = (first_week, week_two)
    assert current_playlist(tracker, ()) is None
    assert current_playlist(tracker, mine) == (1, first_week)
    tracker.update(first_week)

    clock.now = FIXED_NOW + dt.timedelta(days=7)  # the Monday after
    for position in (1, 2, 3):
        tracker.mark_done(first_week, position, "took notes")
    assert tracker.progress(first_week).finished
    assert current_playlist(tracker, mine) == (2, week_two)
    progress = tracker.update(week_two)
    assert progress.recorded == ("started",)
    assert progress.started_at == clock.now and progress.day == 1

    tracker.mark_done(week_two, 1, "know the discounts")
    assert current_playlist(tracker, mine) == (2, week_two)  # all finished: the last stays in view
