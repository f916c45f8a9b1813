"""Marketing's Onboarding page: build a playlist from the library, edit it in place, save it into
catalog.json and export it as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from enablement_app.catalog import load_catalog
from enablement_app.library.workspace import Workspace
from enablement_app.onboarding.playlist_catalog import remove_playlist
from enablement_app.onboarding.proposals import load_drafts
from enablement_app.paths import DataPaths
from enablement_app.store import open_store
from enablement_app.sync.catalog_signing import generate_signing_key, save_signing_key
from enablement_app.sync.hub import create_hub
from enablement_app.usage.profile import RepProfile, save_profile
from tests.ui.conftest import start_app
from tests.ui.hub_usage import trust_key
from tests.ui.test_marketing_library import open_library, start_marketer
from tests.ui.test_my_onboarding import save_new_hire
from tests.ui.test_sync_status import set_hub
from ui.marketing.onboarding_page import OnboardingPage
from ui.marketing.workspace_view import ONBOARDING_VIEW, TEAM_ONBOARDING_VIEW
from ui.onboarding.editor_models import DUE_COLUMN, NOTE_COLUMN, PAGES_COLUMN
from ui.tasks import TaskRunner

WAIT = 15_000


def test_marketing_builds_saves_and_exports_a_playlist(  # type: ignore[no-untyped-def]
    qtbot: QtBot, workspace: Workspace, library: Path, tasks: TaskRunner, tmp_path: Path, qtmodeltester
) -> None:
    workspace.index(library)
    exported = tmp_path / "exports" / "week.csv"
    exported.parent.mkdir()
    page = OnboardingPage(workspace.store, lambda: library, tasks, choose_csv=lambda _parent, _name: exported)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.playlists_loaded, timeout=WAIT):
        page.show()
    assert page.status_label.text() == "No playlists yet: “New playlist” starts one."
    assert not page.editor.isEnabled()
    titles = page.completer.model().stringList()  # type: ignore[attr-defined]
    assert "Lumora Forecast pitch deck" in titles and "Pricing sheet 2026" in titles

    page.new_button.click()
    assert page.editor.isEnabled() and page.dirty
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Your first week")
    qtbot.keyClicks(page.team_edit, "Mid-market")
    qtbot.keyClicks(page.description_edit, "Read these before your first call.")
    assert page.playlists.index(0).data() == "Your first week"

    # typed text is set directly: the completer's popup cannot grab the keyboard offscreen
    page.add_edit.setText("New rep onboarding guide")
    page.add_button.click()
    page.add_edit.setText("pitch")  # part of a title, when only one asset has it
    qtbot.keyClick(page.add_edit, Qt.Key.Key_Return)
    page.add_edit.setText("pricing")  # two assets: a sentence, nothing added
    page.add_button.click()
    assert "2 assets match 'pricing'" in page.status_label.text()
    page.add_edit.setText("Pricing sheet 2026")
    page.add_button.click()
    assert [page.items.index(row, 1).data() for row in range(3)] == [
        "New rep onboarding guide",
        "Lumora Forecast pitch deck",
        "Pricing sheet 2026",
    ]
    qtmodeltester.check(page.items)
    qtmodeltester.check(page.playlists)

    items = page.items
    assert not items.setData(items.index(1, PAGES_COLUMN), "7")  # the deck has 3 slides
    assert page.status_label.text() == "Lumora Forecast pitch deck has 3 pages: page 7 is past its end."
    assert items.setData(items.index(1, PAGES_COLUMN), "2-3")
    assert not items.setData(items.index(1, DUE_COLUMN), "soon")
    assert "is not a due day" in page.status_label.text()
    assert items.setData(items.index(1, DUE_COLUMN), "day 2")
    assert items.setData(items.index(2, DUE_COLUMN), "3")
    assert items.setData(items.index(1, NOTE_COLUMN), "The story we tell CROs")
    assert items.index(1, PAGES_COLUMN).data() == "2–3"

    page.table.selectRow(2)
    page.up_button.click()  # pricing before the deck
    assert [page.items.index(row, 1).data() for row in range(3)][1] == "Pricing sheet 2026"
    page.down_button.click()
    page.table.selectRow(0)
    page.remove_button.click()
    assert page.items.rowCount() == 2

    with qtbot.waitSignal(page.playlists_saved, timeout=WAIT):
        page.save_button.click()
    assert not page.dirty and not page.save_button.isEnabled()
    assert page.status_label.text() == (
        "Saved 1 playlist to catalog.json: publish (Library › Publish) to bring them to reps"
    )
    catalog = load_catalog(library)
    assert catalog is not None and len(catalog.entries) == 5
    (saved,) = catalog.playlists
    assert (saved.id, saved.title, saved.team, saved.role) == (
        "new-playlist",
        "Your first week",
        "Mid-market",
        "new_hire",
    )
    assert saved.description == "Read these before your first call."
    assert [
        (item.title, item.due_day, item.first_page, item.last_page, item.note) for item in saved.items
    ] == [
        ("Lumora Forecast pitch deck", 2, 2, 3, "The story we tell CROs"),
        ("Pricing sheet 2026", 3, None, None, ""),
    ]

    with qtbot.waitSignal(page.csv_exported, timeout=WAIT):
        page.export_button.click()
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert [row[2] for row in rows[1:]] == ["Lumora Forecast pitch deck", "Pricing sheet 2026"]
    assert rows[1][4:] == ["2-3", "2", "The story we tell CROs"]

    # an edit made while a save runs is not taken as saved: it waits for the next save
    with qtbot.waitSignal(page.playlists_saved, timeout=WAIT):
        page.description_edit.setText("Read these before your first customer call.")
        page.description_edit.textEdited.emit(page.description_edit.text())
        page.save_button.click()
        page.description_edit.setText("Read these first.")
        page.description_edit.textEdited.emit(page.description_edit.text())
    assert page.dirty and page.save_button.isEnabled()
    assert page.status_label.text().endswith("Changes made since: unsaved")
    (saved,) = load_catalog(library).playlists  # type: ignore[union-attr]
    assert saved.description == "Read these before your first customer call."
    with qtbot.waitSignal(page.playlists_saved, timeout=WAIT):
        page.save_button.click()
    assert not page.dirty
    (saved,) = load_catalog(library).playlists  # type: ignore[union-attr]
    assert saved.description == "Read these first."

    # a playlist without a title is not saved
    page.new_button.click()
    page.title_edit.clear()
    page.title_edit.textEdited.emit("")
    page.save_button.click()
    assert page.status_label.text() == "Give the playlist a title before saving."
    assert len(load_catalog(library).playlists) == 1  # type: ignore[union-attr]


def test_a_saved_playlist_is_a_change_to_publish_and_reaches_a_new_hire_through_the_hub(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    set_hub(data_paths, hub_url)
    key = generate_signing_key()
    save_signing_key(key, data_paths.signing_key)
    app = start_marketer(qtbot, data_paths, library, tmp_path)
    bar = open_library(qtbot, app).publish_bar
    with qtbot.waitSignals([app.window.marketing.publish_finished, bar.counted], timeout=WAIT):
        bar.button.click()
    assert bar.label.text() == "Reps have every change"

    workspace = app.window.marketing_view
    assert workspace is not None
    page = workspace.page("Onboarding")
    assert isinstance(page, OnboardingPage)
    with qtbot.waitSignal(page.playlists_loaded, timeout=WAIT):
        workspace.nav_buttons["Onboarding"].click()
    page.new_button.click()
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Your first week")
    page.add_edit.setText("New rep onboarding guide")
    page.add_button.click()
    tips_bar = workspace.page("Field tips").publish_bar  # type: ignore[attr-defined]
    with qtbot.waitSignals([page.playlists_saved, bar.counted, tips_bar.counted], timeout=WAIT):
        page.save_button.click()
    assert bar.button.text() == "Publish 1 change"
    assert tips_bar.button.text() == "Publish 1 change"  # every page's bar hears of the catalog's edits
    with qtbot.waitSignals([app.window.marketing.publish_finished, bar.counted], timeout=WAIT):
        bar.button.click()
    app.window.close()
    # marketing's draft moves on without the playlist: a rep finds it only in the published catalog
    remove_playlist(library, "new-playlist")

    # a new hire connected to the hub takes the signed catalog, and with it the playlist
    new_hire_paths = DataPaths(tmp_path / "new-hire-data")
    save_new_hire(new_hire_paths)
    set_hub(new_hire_paths, hub_url)
    trust_key(new_hire_paths, key)
    new_hire = start_app(qtbot, new_hire_paths, library, tmp_path)
    window = new_hire.window
    try:
        assert not window.view_switch.isVisible()  # the folder's catalog has no playlist
        with qtbot.waitSignal(window.onboarding.controller.progress_read, timeout=WAIT, check_params_cb=bool):
            window.sync.sync_now()
        assert new_hire.session.workspace is not None
        assert new_hire.session.workspace.hub_publications.has_catalog()  # from the hub, not the folder
        assert window.view_switch.buttons[ONBOARDING_VIEW].isVisible()
        assert window.onboarding.view.title_label.text() == "Your first week"
    finally:
        window.close()


def test_a_manager_proposes_a_playlist_and_marketing_adds_it_to_the_catalog_in_one_click(  # type: ignore[no-untyped-def]
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path, qtmodeltester
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()

    # The manager builds the playlist in the same editor, from Team onboarding, and sends it.
    store = open_store(data_paths.ensure().database)
    save_profile(
        store,
        RepProfile.new(name="Maya Chen", email="maya@lumora.example", team="Mid-market", role="manager"),
    )
    store.close()
    set_hub(data_paths, hub_url)
    manager = start_app(qtbot, data_paths, library, tmp_path)
    window = manager.window
    window.view_switch.buttons[TEAM_ONBOARDING_VIEW].click()
    window.onboarding.team_view.propose_button.click()
    dialog = window.onboarding.propose_dialog
    assert dialog is not None
    page = dialog.page
    # the dialog's page was made by the click, so its load is awaited by what it says when done
    qtbot.waitUntil(
        lambda: page.status_label.text() == "No playlists yet: “New playlist” starts one.", timeout=WAIT
    )
    assert page.save_button.text() == "Send to marketing"
    assert not page.tabs.isTabVisible(1)  # new hires' progress is marketing's page, not the editor's
    page.new_button.click()
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Mid-market week")
    qtbot.keyClicks(page.team_edit, "Mid-market")
    page.add_edit.setText("pitch")
    page.add_button.click()
    assert page.items.setData(page.items.index(0, DUE_COLUMN), "day 2")
    with qtbot.waitSignal(page.playlists_saved, timeout=WAIT):
        page.save_button.click()
    assert page.status_label.text() == (
        "Sent 1 playlist to marketing: they add them to the catalog for your new hires"
    )
    assert load_catalog(library).playlists == ()  # type: ignore[union-attr]  # only marketing writes it
    assert [playlist.title for playlist in load_drafts(data_paths.root)] == ["Mid-market week"]
    dialog.close()
    window.close()

    # Marketing sees the proposal on its Onboarding page and adds it with one click.
    marketer = DataPaths(tmp_path / "marketing-data")
    set_hub(marketer, hub_url)
    marketing_store = open_store(marketer.database)
    tasks = TaskRunner()
    try:
        onboarding = OnboardingPage(marketing_store, lambda: library, tasks)
        qtbot.addWidget(onboarding)
        with qtbot.waitSignal(onboarding.proposals_loaded, timeout=WAIT):
            onboarding.show()
        qtmodeltester.check(onboarding.proposals)
        assert onboarding.proposals_box.isVisible()
        assert onboarding.proposals.index(0).data() == "Mid-market week\nby Maya Chen (Mid-market)"
        with qtbot.waitSignal(onboarding.playlists_saved, timeout=WAIT):
            onboarding.take_button.click()
        assert not onboarding.proposals_box.isVisible()
        (taken,) = load_catalog(library).playlists  # type: ignore[union-attr]
        assert (taken.title, taken.team, [item.due_day for item in taken.items]) == (
            "Mid-market week",
            "Mid-market",
            [2],
        )
        with qtbot.waitSignal(onboarding.proposals_loaded, timeout=WAIT):
            onboarding.reload_proposals()
        assert not onboarding.proposals_box.isVisible()  # taken as proposed: not offered again
        onboarding.close()
    finally:
        tasks.shutdown()
        marketing_store.close()
