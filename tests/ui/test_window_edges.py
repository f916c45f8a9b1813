"""The window on the first run, on bad input, and while the collateral folder changes under it."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from enablement_app.catalog import CatalogEntry, load_catalog, save_catalog
from enablement_app.paths import DataPaths
from enablement_app.store import open_store
from enablement_app.usage.profile import load_profile
from tests.builders import make_pdf
from tests.disk_full import disk_full_after, word_pdfs
from tests.ui.conftest import App, save_rep, start_app
from tests.ui.test_main_window import WAIT, open_first_preview, search_for, titles
from ui.first_run.profile_dialog import ProfileDialog
from ui.library_session import SearchView


def test_first_run_asks_for_a_profile_then_indexes_the_chosen_folder(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    app = start_app(qtbot, data_paths, None, tmp_path, wait_for_index=False)
    window, session = app.window, app.session
    with qtbot.waitSignal(session.profile_needed, timeout=WAIT):
        session.open()
    dialog = window.profile_dialog
    assert isinstance(dialog, ProfileDialog)
    assert dialog.isVisible()
    assert Path(dialog.folder.text()).name == "demo-library"  # the default library
    assert "Welcome" in window.empty_label.text()  # not "Opening the library…" behind the dialog
    assert window.status_label.text() == "Waiting for your profile"

    dialog.accept()  # nothing filled in yet
    assert dialog.isVisible()
    assert "name" in dialog.error.text()

    qtbot.keyClicks(dialog.name, "Alex Morgan")
    qtbot.keyClicks(dialog.email, "alex.morgan@lumora.example")
    qtbot.keyClicks(dialog.team, "Enterprise East")
    dialog.region.setCurrentText("North America")
    dialog.role.setCurrentIndex(dialog.role.findData("new_hire"))
    dialog.folder.setText(str(library))
    with qtbot.waitSignal(session.index_finished, timeout=60_000):
        dialog.accept()
    assert not dialog.isVisible()

    store = open_store(data_paths.database)
    try:
        profile = load_profile(store)
    finally:
        store.close()
    assert profile is not None
    assert (profile.name, profile.team, profile.region, profile.role) == (
        "Alex Morgan",
        "Enterprise East",
        "North America",
        "new_hire",
    )
    assert session.library_root() == library.resolve()
    search_for(qtbot, app, "pricing")
    assert titles(app)[0] == "Pricing sheet 2026"
    window.close()


def test_missing_collateral_folder_says_so_and_offers_a_choice(
    qtbot: QtBot, data_paths: DataPaths, tmp_path: Path
) -> None:
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, tmp_path / "not-there", tmp_path, wait_for_index=False)
    with qtbot.waitSignal(app.session.folder_missing, timeout=WAIT):
        app.session.open()
    window = app.window
    assert window.banner.isVisible()
    assert "cannot be found" in window.banner_label.text()
    assert window.banner_button.isVisible()
    window.close()


def test_huge_and_operator_queries_answer_without_errors(qtbot: QtBot, app: App) -> None:
    window = app.window
    window.search_box.setText("pricing " * 700)  # 5,600 characters
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT):
        window.search.run_now()
    assert "Only the first 500 characters were searched." in window.suggestion_label.text()

    for query in ('AND OR NOT (( title: "', "*** ??? ~~~ ^^^", "pricing)) OR (("):
        window.search_box.setText(query)
        with qtbot.waitSignal(window.search.results_shown, timeout=WAIT):
            window.search.run_now()
        shown = window.summary_label.text()
        assert shown.startswith(("No results", "1 asset", *(f"{n} assets" for n in range(2, 10))))


def test_misspelled_query_offers_a_correction_that_searches(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "complaince")
    assert "Did you mean" in window.suggestion_label.text()
    link = "search:compliance"
    assert link in window.suggestion_label.text()

    def corrected(view: object) -> bool:
        return isinstance(view, SearchView) and view.results.query == "compliance"

    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT, check_params_cb=corrected):
        window.suggestion_label.linkActivated.emit(link)
    assert window.search_box.text() == "compliance"
    assert titles(app)[0] == "Pricing sheet 2026"


def test_file_deleted_while_previewed_is_explained(qtbot: QtBot, app: App, library: Path) -> None:
    window = app.window
    search_for(qtbot, app, "onboarding")
    open_first_preview(qtbot, app)
    (library / "Guides" / "onboarding.docx").unlink()
    with qtbot.waitSignal(app.session.index_finished, timeout=WAIT):
        app.session.start_indexing()
    pane = window.preview
    assert pane.stack.currentWidget() is pane.message_label
    assert "moved or deleted" in pane.message_label.text()
    assert not pane.open_button.isEnabled()
    window.open_file(pane.card)  # type: ignore[arg-type]
    assert "moved or deleted" in window.statusBar().currentMessage()


def test_asset_that_fails_to_render_shows_why(qtbot: QtBot, app: App, library: Path) -> None:
    window = app.window
    search_for(qtbot, app, "SOC")
    (library / "Pricing" / "pricing-2026.pdf").write_bytes(b"%PDF-1.7\n garbage, not a PDF any more")
    with qtbot.waitSignal(window.renderer.source_failed, timeout=WAIT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    pane = window.preview
    assert pane.stack.currentWidget() is pane.message_label
    assert "cannot be shown" in pane.message_label.text()
    assert pane.open_button.isEnabled()  # the file is there: its own application may still open it


def test_watched_folder_new_file_becomes_searchable(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, library, tmp_path, wait_for_index=False)
    app.session._watch = True
    with qtbot.waitSignal(app.session.index_finished, timeout=60_000):
        app.session.open()
    qtbot.waitUntil(lambda: app.session._watcher is not None, timeout=WAIT)
    make_pdf(
        library / "Pricing" / "zanzibar-promo.pdf",
        ["Zanzibar launch promotion for new logos."],
        title="Zanzibar launch promotion",
    )
    catalog = load_catalog(library)
    assert catalog is not None
    save_catalog(library, catalog.with_entry("Pricing/zanzibar-promo.pdf", CatalogEntry(status="approved")))

    def zanzibar_found(view: object) -> bool:
        return isinstance(view, SearchView) and bool(view.rows)

    app.window.search_box.setText("zanzibar")
    # The watcher notices the file and the catalog, re-indexes, and the search on screen re-runs by itself.
    with qtbot.waitSignal(app.window.search.results_shown, timeout=WAIT, check_params_cb=zanzibar_found):
        pass
    assert titles(app) == ["Zanzibar launch promotion"]
    app.window.close()


def test_indexing_can_be_cancelled_from_the_status_bar(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    (library / "Bulk").mkdir()
    for number in range(40):
        make_pdf(
            library / "Bulk" / f"sheet-{number:02}.pdf", [f"Bulk sheet {number} about regional pricing."]
        )
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, library, tmp_path, wait_for_index=False)
    window = app.window
    with qtbot.waitSignal(app.session.index_started, timeout=WAIT):
        app.session.open()
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(app.session.index_finished, timeout=60_000) as finished:
        window.cancel_button.click()
    assert finished.args[0].cancelled
    assert "stopped" in window.status_label.text()
    window.close()


def test_decks_show_as_text_at_once_then_as_converted_pages(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, library, tmp_path, office_pages=True)
    search_for(qtbot, app, "Acme Robotics")
    pane = app.window.preview
    with qtbot.waitSignal(app.window.renderer.source_loaded, timeout=WAIT):
        qtbot.keyClick(app.window.search_box, Qt.Key.Key_Return)
    assert pane.stack.currentWidget() is pane.text_view  # the slide's text, without waiting
    assert pane.page == 3
    # LibreOffice (installed by scripts/setup) converts the deck; its slides then show as pages.
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.page_area, timeout=60_000)
    assert pane.page == 3
    assert pane.page_box.maximum() == 3
    assert not pane.page_label.pixmap().isNull()
    assert list((data_paths.root / "previews").glob("*.pdf"))
    app.window.close()


def test_a_full_disk_while_indexing_is_said_in_the_status_bar_and_the_next_run_finishes(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, library, tmp_path)
    window, session = app.window, app.session
    word_pdfs(library / "New", "new", 4, random.Random(5))

    with disk_full_after(256 * 1024), qtbot.waitSignal(session.index_failed, timeout=60_000):
        session.start_indexing()

    status = window.status_label.text()
    assert status.startswith("Indexing stopped: the disk holding") and "is full" in status
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    search_for(qtbot, app, "pricing")
    assert "Pricing sheet 2026" in titles(app)  # what was indexed before is still found

    with qtbot.waitSignal(session.index_finished, timeout=60_000):  # the same window, once there is room
        session.start_indexing()

    assert window.status_label.text().startswith("Library updated (4 new")
    window.close()
