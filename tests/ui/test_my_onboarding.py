"""A new hire works through their playlist in the real window: the switch appears, items complete as they
read pages in the preview, one is marked done with a confirmation, late items are highlighted as the
clock moves, and the playlist finishes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from enablement_app.catalog.playlists import Playlist, PlaylistItem
from enablement_app.library.workspace import Workspace
from enablement_app.onboarding.playlist_catalog import save_playlist
from enablement_app.paths import DataPaths
from enablement_app.store import open_store
from enablement_app.sync.catalog_signing import generate_signing_key
from enablement_app.sync.hub import create_hub
from enablement_app.usage.profile import RepProfile, save_profile
from tests.conftest import FIXED_NOW, Clock
from tests.ui.conftest import App, start_app
from tests.ui.hub_usage import ingest_and_publish, trust_key
from tests.ui.test_sync_status import set_hub
from ui.marketing.onboarding_page import OnboardingPage
from ui.marketing.workspace_view import MARKETING_VIEW, ONBOARDING_VIEW, SEARCH_VIEW, TEAM_ONBOARDING_VIEW
from ui.onboarding.items_model import ItemRole
from ui.tasks import TaskRunner

WAIT = 15_000
GUIDE, DECK, PRICING = "Guides/onboarding.docx", "Decks/forecast-pitch.pptx", "Pricing/pricing-2026.pdf"


def asset_ids(data_paths: DataPaths, library: Path) -> dict[str, str]:
    """The ids every computer gives the library's assets, as marketing's editor writes them."""
    with Workspace(DataPaths(data_paths.root.parent / "marketing"), workers=1) as marketing:
        marketing.index(library)
        return {card.path: card.id for card in marketing.library_search.cards().values()}


def first_week(ids: dict[str, str]) -> Playlist:
    return Playlist(
        id="your-first-week",
        title="Your first week",
        description="Read these before your first customer call.",
        items=(
            PlaylistItem(ids[GUIDE], due_day=1, note="How we sell, in ten minutes", title="Onboarding guide"),
            PlaylistItem(ids[DECK], due_day=2, first_page=1, last_page=2, note="The story we tell CROs"),
            PlaylistItem(ids[PRICING], due_day=3, note="Know the discount rules before a CFO asks"),
        ),
    )


def save_new_hire(paths: DataPaths, team: str = "Mid-market") -> RepProfile:
    store = open_store(paths.ensure().database)
    try:
        return save_profile(
            store,
            RepProfile.new(name="Nina Novak", email="nina@lumora.example", team=team, role="new_hire"),
        )
    finally:
        store.close()


@pytest.fixture
def new_hire(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> Iterator[tuple[App, Clock]]:
    save_playlist(library, first_week(asset_ids(data_paths, library)))
    save_new_hire(data_paths)
    clock = Clock(FIXED_NOW)
    app = start_app(qtbot, data_paths, library, tmp_path, wait_for_index=False, now=clock)
    with (
        qtbot.waitSignal(app.window.onboarding.controller.progress_read, timeout=WAIT, check_params_cb=bool),
        qtbot.waitSignal(app.session.index_finished, timeout=60_000),
    ):
        app.session.open()
    yield app, clock
    app.window.close()


def rows(app: App) -> list[tuple[str, str, str]]:
    model = app.window.onboarding.view.model
    return [
        (
            model.index(row).data(ItemRole.STATE),
            model.index(row).data(ItemRole.DUE_TEXT),
            model.index(row).data(ItemRole.STATE_TEXT),
        )
        for row in range(model.rowCount())
    ]


def test_a_new_hire_works_through_the_whole_playlist(
    qtbot: QtBot, new_hire: tuple[App, Clock], qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    app, clock = new_hire
    window = app.window
    switch = window.view_switch
    assert switch.isVisible()
    assert switch.buttons[ONBOARDING_VIEW].isVisible() and not switch.buttons[MARKETING_VIEW].isVisible()
    switch.buttons[ONBOARDING_VIEW].click()
    view = window.onboarding.view
    assert window.views.currentWidget() is view
    qtmodeltester.check(view.model)
    assert view.title_label.text() == "Your first week"
    assert view.summary_label.text() == "0 of 3 done · day 1 of 3"
    assert rows(app) == [
        ("not_started", "Day 1 · Mon 2 Nov", "Not started"),
        ("not_started", "Day 2 · Tue 3 Nov", "Not started"),
        ("not_started", "Day 3 · Wed 4 Nov", "Not started"),
    ]
    assert view.model.index(1).data(ItemRole.NOTE) == "Slides 1–2 · The story we tell CROs"
    started = app.events("playlist_progress")
    assert [event.details["step"] for event in started] == ["started"]

    # Day 2: the guide (due day 1) is late and highlighted; the deck is read through in the preview.
    clock.now = FIXED_NOW + dt.timedelta(days=1)
    with qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT):
        window.onboarding.controller.refresh()
    assert rows(app)[0] == ("overdue", "Day 1 · Mon 2 Nov", "Overdue")
    assert "1 overdue" in view.summary_label.text()

    view.list_view.setCurrentIndex(view.model.index(1))
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        view.open_button.click()
    pane = window.preview
    assert pane.isVisible() and pane.title_label.text() == "Lumora Forecast pitch deck" and pane.page == 1
    app.clock.advance(5.0)
    with qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT):
        pane.go_to(2)
    assert rows(app)[1][2] == "1 of 2 slides read"
    app.clock.advance(5.0)
    with (
        qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT),
        qtbot.waitSignal(pane.closed, timeout=WAIT),
    ):
        pane.close_button.click()
    assert window.views.currentWidget() is view  # closing the preview came back to the playlist
    assert rows(app)[1] == ("done", "Day 2 · Tue 3 Nov", "Done 3 Nov")
    assert view.summary_label.text() == "1 of 3 done · day 2 of 3 · 1 overdue"

    # The guide is marked done with what the new hire took from it: required, one line.
    view.list_view.setCurrentIndex(view.model.index(0))
    view.mark_button.click()
    dialog = view.mark_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.confirmation, "Discovery first, demo second")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(window.onboarding.controller.marked_done, timeout=WAIT):
        dialog.ok_button.click()
    assert rows(app)[0] == ("done", "Day 1 · Mon 2 Nov", "Marked done 3 Nov")
    assert not view.mark_button.isEnabled()  # the selected item is done

    # The pricing sheet, both pages, finishes the playlist.
    view.list_view.setCurrentIndex(view.model.index(2))
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        qtbot.keyClick(view.list_view, Qt.Key.Key_Return)
    app.clock.advance(6.0)
    with qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT):
        pane.go_to(2)
    app.clock.advance(6.0)
    with (
        qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT),
        qtbot.waitSignal(pane.closed, timeout=WAIT),
    ):
        pane.close_button.click()
    assert view.summary_label.text() == "3 of 3 done · finished"
    assert [state for state, _, _ in rows(app)] == ["done", "done", "done"]

    steps = [
        (event.details["step"], event.details.get("position"), event.details.get("how"))
        for event in app.events("playlist_progress")
    ]
    assert steps == [
        ("started", None, None),
        ("item_completed", 2, "viewed"),
        ("item_completed", 1, "marked_done"),
        ("item_completed", 3, "viewed"),
        ("finished", None, None),
    ]
    marked = app.events("playlist_progress")[2]
    assert marked.details["confirmation"] == "Discovery first, demo second"

    switch.buttons[SEARCH_VIEW].click()
    assert window.views.currentWidget() is window.search_page and window.search_box.isVisible()


def test_a_second_playlist_for_the_team_follows_the_first(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    ids = asset_ids(data_paths, library)
    save_playlist(library, first_week(ids))
    save_playlist(
        library,
        Playlist(
            id="week-two",
            title="Mid-market: week two",
            team="Mid-market",
            items=(PlaylistItem(ids[PRICING], due_day=2, note="Discounts, with your manager"),),
        ),
    )
    save_new_hire(data_paths)
    clock = Clock(FIXED_NOW)
    app = start_app(qtbot, data_paths, library, tmp_path, wait_for_index=False, now=clock)
    window = app.window
    controller = window.onboarding.controller
    try:
        with (
            qtbot.waitSignal(controller.progress_read, timeout=WAIT, check_params_cb=bool),
            qtbot.waitSignal(app.session.index_finished, timeout=60_000),
        ):
            app.session.open()
        window.view_switch.buttons[ONBOARDING_VIEW].click()
        view = window.onboarding.view
        assert view.title_label.text() == "Your first week"
        assert view.summary_label.text() == "0 of 3 done · day 1 of 3 · playlist 1 of 2"

        clock.now = FIXED_NOW + dt.timedelta(days=3)  # Thursday: the first week is done, late
        for row in range(3):
            view.list_view.setCurrentIndex(view.model.index(row))
            view.mark_button.click()
            assert view.mark_dialog is not None
            qtbot.keyClicks(view.mark_dialog.confirmation, "read it through")
            with qtbot.waitSignal(controller.marked_done, timeout=WAIT):
                view.mark_dialog.ok_button.click()
        assert view.summary_label.text() == "3 of 3 done · finished · playlist 1 of 2"

        with qtbot.waitSignal(controller.progress_read, timeout=WAIT):
            controller.refresh()
        assert view.title_label.text() == "Mid-market: week two"
        assert view.summary_label.text() == "0 of 1 done · day 1 of 2 · playlist 2 of 2"
        # its days count from today, Thursday: day 2 is Friday
        assert rows(app) == [("not_started", "Day 2 · Fri 6 Nov", "Not started")]
        started = [
            event.details["playlist"]
            for event in app.events("playlist_progress")
            if event.details["step"] == "started"
        ]
        assert started == ["your-first-week", "week-two"]
    finally:
        window.close()


def test_a_rep_without_a_playlist_sees_no_switch(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    ids = asset_ids(data_paths, library)
    save_playlist(library, first_week(ids))
    save_new_hire(data_paths)
    # a playlist for another team only
    save_playlist(
        library,
        Playlist(
            id="your-first-week", title="Enterprise week", team="Enterprise", items=first_week(ids).items
        ),
    )
    app = start_app(qtbot, data_paths, library, tmp_path, wait_for_index=False)
    try:
        with (
            qtbot.waitSignal(app.window.onboarding.controller.progress_read, timeout=WAIT),
            qtbot.waitSignal(app.session.index_finished, timeout=60_000),
        ):
            app.session.open()
        assert not app.window.view_switch.isVisible()
        assert app.events("playlist_progress") == []
    finally:
        app.window.close()


def test_the_managers_view_after_the_events_went_through_a_real_hub_and_marketing_published(  # type: ignore[no-untyped-def]
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path, qtmodeltester
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    key = generate_signing_key()
    playlist = first_week(asset_ids(data_paths, library))
    save_playlist(library, playlist)

    # The new hire reads the deck in the preview and marks the guide done, then syncs.
    save_new_hire(data_paths)
    set_hub(data_paths, hub_url)
    trust_key(data_paths, key)
    app = start_app(qtbot, data_paths, library, tmp_path, wait_for_index=False, now=Clock(FIXED_NOW))
    window = app.window
    with (
        qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT, check_params_cb=bool),
        qtbot.waitSignal(app.session.index_finished, timeout=60_000),
    ):
        app.session.open()
    window.view_switch.buttons[ONBOARDING_VIEW].click()
    view = window.onboarding.view
    view.list_view.setCurrentIndex(view.model.index(1))
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        view.open_button.click()
    app.clock.advance(5.0)
    with qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT):
        window.preview.go_to(2)
    app.clock.advance(5.0)
    with qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT):
        window.preview.close_preview()
    view.list_view.setCurrentIndex(view.model.index(0))
    view.mark_button.click()
    assert view.mark_dialog is not None
    qtbot.keyClicks(view.mark_dialog.confirmation, "Discovery first")
    with qtbot.waitSignal(window.onboarding.controller.marked_done, timeout=WAIT):
        view.mark_dialog.ok_button.click()
    assert view.summary_label.text() == "2 of 3 done · day 1 of 3"
    with qtbot.waitSignal(window.sync.sync_finished, timeout=WAIT, check_params_cb=lambda report: report.ok):
        window.sync.sync_now()
    window.close()

    # Marketing ingests and publishes; its Onboarding page shows the new hire and exports the progress.
    marketer = DataPaths(tmp_path / "marketing-data")
    published = ingest_and_publish(marketer, hub_url, library, key)
    assert published.serial == 1
    store = open_store(marketer.database)
    tasks = TaskRunner()
    exported = tmp_path / "progress.csv"
    try:
        page = OnboardingPage(
            store, lambda: library, tasks, clock=Clock(FIXED_NOW), choose_csv=lambda _parent, _name: exported
        )
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.progress_loaded, timeout=WAIT):
            page.show()
        qtmodeltester.check(page.new_hires)
        assert page.tabs.tabText(1) == "New hires (1)"
        assert page.progress_label.text() == "Your first week: 1 new hire · 0 finished"
        assert page.new_hires.index(0, 3).data() == "2 of 3"
        with qtbot.waitSignal(page.csv_exported, timeout=WAIT):
            page.export_progress_button.click()
        assert "Nina Novak,nina@lumora.example,Mid-market,Your first week,2,3,0,2026-11-02,," in (
            exported.read_text(encoding="utf-8-sig")
        )
        page.close()
    finally:
        tasks.shutdown()
        store.close()

    # The manager of the team opens their app: Team onboarding shows the new hire, from the hub.
    manager_paths = DataPaths(tmp_path / "manager-data")
    manager_store = open_store(manager_paths.ensure().database)
    save_profile(
        manager_store,
        RepProfile.new(name="Maya Chen", email="maya@lumora.example", team="Mid-market", role="manager"),
    )
    manager_store.close()
    set_hub(manager_paths, hub_url)
    trust_key(manager_paths, key)
    manager = start_app(
        qtbot,
        manager_paths,
        library,
        tmp_path,
        wait_for_index=False,
        now=Clock(FIXED_NOW + dt.timedelta(days=3)),
    )
    try:
        with (
            qtbot.waitSignal(
                manager.window.onboarding.team.progress_read, timeout=WAIT, check_params_cb=bool
            ),
            qtbot.waitSignal(manager.session.index_finished, timeout=60_000),
        ):
            manager.session.open()
        switch = manager.window.view_switch
        assert switch.isVisible() and switch.buttons[TEAM_ONBOARDING_VIEW].isVisible()
        assert (
            not switch.buttons[ONBOARDING_VIEW].isVisible() and not switch.buttons[MARKETING_VIEW].isVisible()
        )
        switch.buttons[TEAM_ONBOARDING_VIEW].click()
        team = manager.window.onboarding.team_view
        assert manager.window.views.currentWidget() is team
        qtmodeltester.check(team.model)
        assert team.title_label.text() == "Mid-market's new hires"
        # overdue is counted on the manager's day: the pricing sheet was due on day 3, this is day 4
        assert team.summary_label.text() == "1 new hire · 0 finished · 1 with overdue items"
        model = team.model
        assert [model.index(0, column).data() for column in range(model.columnCount())] == [
            "Nina Novak",
            "Mid-market",
            "Your first week",
            "2 of 3",
            "1",
            "2 Nov",
            "not yet, day 4",
            "",
        ]
        assert "Item 1: “Discovery first”" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()  # the manager's own team
    finally:
        manager.window.close()
