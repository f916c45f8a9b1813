"""The rep's window driven like a rep: type, filter, preview, page, share, rate, and what gets recorded."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from enablement_app.paths import DataPaths
from tests.conftest import Clock
from tests.ui.conftest import App, save_rep, start_app
from ui.library_session import SearchView
from ui.search.results_model import ResultRole

WAIT = 15_000


def titles(app: App) -> list[str]:
    model = app.window.results
    return [model.index(row).data() for row in range(model.rowCount())]


def search_for(qtbot: QtBot, app: App, text: str) -> None:
    """Types ``text`` and waits for its own results (not a late answer to an earlier search)."""
    window = app.window

    def answers_this(view: object) -> bool:
        return isinstance(view, SearchView) and view.results.query == text

    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT, check_params_cb=answers_this):
        window.search_box.clear()
        qtbot.keyClicks(window.search_box, text)


def open_first_preview(qtbot: QtBot, app: App) -> None:
    window = app.window
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.preview.isVisible()


def test_typing_shows_ranked_results_with_facets(qtbot: QtBot, app: App, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    search_for(qtbot, app, "pricing")
    window = app.window
    assert titles(app)[0] == "Pricing sheet 2026"
    assert "Pricing sheet 2025" not in titles(app)  # retired and superseded: reps never see it
    assert "for “pricing”" in window.summary_label.text()
    first = window.results.index(0)
    assert first.data(ResultRole.SNIPPET) is not None
    assert first.data(ResultRole.PAGES)
    assert "decision" in first.data(ResultRole.TAGS)
    stage = window.facets.value_index("stage", "decision")
    assert stage.isValid()
    assert window.facets.index(stage.row(), 1, stage.parent()).data() == "1"
    qtmodeltester.check(window.results)
    qtmodeltester.check(window.facets)


def test_facet_filter_narrows_the_results(qtbot: QtBot, app: App) -> None:
    search_for(qtbot, app, "forecast")
    assert len(titles(app)) > 1
    window = app.window
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT):
        window.facets.set_checked("stage", "consideration", True)
    assert titles(app) == ["Lumora Forecast pitch deck"]
    assert window.clear_filters_button.isEnabled()
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT):
        window.clear_filters_button.click()
    assert len(titles(app)) > 1


def test_filters_without_words_browse_the_library(qtbot: QtBot, app: App) -> None:
    window = app.window
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT):
        window.facets.set_checked("kind", "pptx", True)
    assert titles(app) == ["Lumora Forecast pitch deck"]


def test_keyboard_moves_previews_and_clears(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "forecast")
    assert window.result_view.currentIndex().row() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.result_view.currentIndex().row() == 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Up)
    assert window.result_view.currentIndex().row() == 0
    open_first_preview(qtbot, app)
    qtbot.keyClick(window.preview, Qt.Key.Key_Escape)
    assert not window.preview.isVisible()
    qtbot.keyClick(window.result_view, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.search_box.hasFocus()
    window.result_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()


def test_preview_opens_on_best_page_pages_through_and_records(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "SOC")  # only on page 2 of the pricing sheet
    open_first_preview(qtbot, app)
    pane = window.preview
    assert pane.title_label.text() == "Pricing sheet 2026"
    assert pane.page == 2
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.page_area, timeout=WAIT)
    assert not pane.page_label.pixmap().isNull()
    app.clock.advance(4.0)
    pane.previous_button.click()
    assert pane.page == 1
    assert pane.page_box.value() == 1
    app.clock.advance(2.5)
    with qtbot.waitSignal(pane.closed, timeout=WAIT):
        pane.close_button.click()
    assert window.rate_prompt.isVisible()

    searches = app.events("search")
    assert [(e.details["query"], e.details["clicked_rank"]) for e in searches] == [("SOC", 1)]
    opened = app.events("open")
    assert [e.details["target"] for e in opened] == ["preview"]
    asset_id = opened[0].asset_id
    assert searches[0].asset_id == asset_id
    views = [(e.details["page"], e.details["dwell_ms"]) for e in app.events("page_view")]
    assert views == [(2, 4000), (1, 2500)]
    for event in app.events():
        assert event.rep_id == app.session.profile.rep_id  # type: ignore[union-attr]
        assert event.device_id
        assert event.occurred_at.tzinfo is not None


def test_text_assets_preview_their_slides(qtbot: QtBot, app: App) -> None:
    search_for(qtbot, app, "Acme Robotics")
    open_first_preview(qtbot, app)
    pane = app.window.preview
    assert pane.stack.currentWidget() is pane.text_view
    assert pane.page == 3
    assert "Acme Robotics" in pane.text_view.toPlainText()
    assert "Pause for questions" in pane.text_view.toPlainText()  # the speaker notes
    assert pane.thumbnails.rowCount() == 3


def test_share_actions_do_what_they_say_and_are_recorded(qtbot: QtBot, app: App, library: Path) -> None:
    window = app.window
    search_for(qtbot, app, "pricing")
    open_first_preview(qtbot, app)
    card = window.preview.card
    assert card is not None
    pricing = library / "Pricing" / "pricing-2026.pdf"

    window.preview.share_actions["clipboard"].trigger()
    assert [url.toLocalFile() for url in QGuiApplication.clipboard().mimeData().urls()] == [str(pricing)]

    with qtbot.waitSignal(window.share_finished, timeout=WAIT):
        window.preview.share_actions["saved_copy"].trigger()
    assert (app.desktop.copies / "pricing-2026.pdf").read_bytes() == pricing.read_bytes()

    window.preview.share_actions["email"].trigger()
    mail = app.desktop.opened[-1]
    assert mail.scheme() == "mailto"
    body = urllib.parse.parse_qs(
        urllib.parse.urlsplit(mail.toString(mail.ComponentFormattingOption.FullyEncoded)).query
    )["body"][0]
    assert pricing.as_uri() in body

    window.preview.link_button.click()
    assert QGuiApplication.clipboard().text() == pricing.as_uri()

    shares = app.events("share")
    assert [event.details["channel"] for event in shares] == ["clipboard", "saved_copy", "email", "link"]
    assert {event.asset_id for event in shares} == {card.id}


def test_ctrl_enter_opens_the_file_in_its_application(qtbot: QtBot, app: App, library: Path) -> None:
    window = app.window
    search_for(qtbot, app, "onboarding")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert app.desktop.opened[-1].toLocalFile() == str(library / "Guides" / "onboarding.docx")
    assert [event.details["target"] for event in app.events("open")] == ["file"]
    assert app.events("search")[0].details["clicked_rank"] == 1


def test_one_click_rating_after_preview_then_a_changed_rating(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "pricing")
    open_first_preview(qtbot, app)
    with qtbot.waitSignal(window.preview.closed, timeout=WAIT):
        window.preview.close_button.click()
    with qtbot.waitSignal(window.rating_saved, timeout=WAIT):
        qtbot.keyClick(window.rate_prompt.stars, Qt.Key.Key_4)
    assert window.results.index(0).data(ResultRole.RATING).average == 4.0

    card = window.results.row_at(0).card  # type: ignore[union-attr]
    from ui.rating.rating_widgets import RatingChoice

    with qtbot.waitSignal(window.rating_saved, timeout=WAIT):
        window.save_rating(card, RatingChoice(2, "Prices moved since", used_in_deal=True))
    rating = window.results.index(0).data(ResultRole.RATING)
    assert (rating.average, rating.count) == (2.0, 1)  # one rep, one current rating
    rates = app.events("rate")
    assert [event.details["stars"] for event in rates] == [4, 2]
    assert rates[-1].details["comment"] == "Prices moved since"
    assert rates[-1].details["used_in_deal"] is True


def test_empty_state_shows_recent_and_new_assets(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "onboarding")
    open_first_preview(qtbot, app)
    window.preview.close_button.click()
    app.session.recorder.flush(10.0)  # type: ignore[union-attr]
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT):
        window.search_box.clear()
    sections = [
        window.results.index(row).data(ResultRole.SECTION) for row in range(window.results.rowCount())
    ]
    assert sections[0] == "Recently opened"
    assert titles(app)[0] == "New rep onboarding guide"
    assert "New and updated" in sections
    assert "approved assets" in window.summary_label.text()


def test_settled_search_without_a_click_is_recorded_once(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "zebra unicorn")
    assert window.result_stack.currentWidget() is window.empty_label
    assert "No approved asset matches" in window.empty_label.text()
    app.clock.advance(2.0)
    search_for(qtbot, app, "pricing")
    searches = app.events("search")
    assert [(e.details["query"], e.details["result_count"]) for e in searches] == [("zebra unicorn", 0)]


def test_one_click_rating_from_the_result_list_keeps_the_comment(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "onboarding")
    card = window.results.row_at(0).card  # type: ignore[union-attr]
    from ui.rating.rating_widgets import RatingChoice

    with qtbot.waitSignal(window.rating_saved, timeout=WAIT):
        window.save_rating(card, RatingChoice(3, "Good first-week plan"))
    menu = window.result_menu(card)
    rate_menu = next(action.menu() for action in menu.actions() if action.text() == "How useful was this?")
    five = rate_menu.actions()[0]
    assert [action.isChecked() for action in rate_menu.actions()[:5]] == [False, False, True, False, False]
    with qtbot.waitSignal(window.rating_saved, timeout=WAIT):
        five.trigger()
    rating = window.results.index(0).data(ResultRole.RATING)
    assert (rating.average, rating.count) == (5.0, 1)
    last = app.events("rate")[-1]
    assert (last.details["stars"], last.details["comment"]) == (5, "Good first-week plan")


def test_rating_dialog_needs_stars_and_returns_the_choice(qtbot: QtBot) -> None:
    from ui.rating.rating_widgets import RatingChoice, RatingDialog

    dialog = RatingDialog("Pricing sheet 2026")
    qtbot.addWidget(dialog)
    save = dialog.buttons.buttons()[0]
    assert not save.isEnabled()
    qtbot.keyClick(dialog.stars, Qt.Key.Key_4)
    assert save.isEnabled()
    assert dialog.meaning.text() == "Very useful"
    qtbot.keyClicks(dialog.comment, "Used the discount matrix")
    dialog.used_in_deal.setChecked(True)
    assert dialog.choice() == RatingChoice(4, "Used the discount matrix", True)

    again = RatingDialog("Pricing sheet 2026", RatingChoice(2, "old", False))
    qtbot.addWidget(again)
    assert (again.stars.value(), again.comment.toPlainText()) == (2, "old")


def test_thumbnails_model_is_a_sound_model(qtbot: QtBot, app: App, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    search_for(qtbot, app, "SOC")
    open_first_preview(qtbot, app)
    pane = app.window.preview
    qtbot.waitUntil(lambda: pane.thumbnails.rowCount() == 2, timeout=WAIT)
    qtmodeltester.check(pane.thumbnails)


def test_reps_search_stops_finding_an_asset_the_day_after_it_expires(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    save_rep(data_paths)
    clock = Clock(dt.datetime(2026, 6, 30, 17, 0, tzinfo=dt.UTC))  # the battlecard's last day
    app = start_app(qtbot, data_paths, library, tmp_path, now=clock)
    search_for(qtbot, app, "Forecastly")
    assert titles(app) == ["Battlecard: Forecastly"]

    clock.now = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)
    search_for(qtbot, app, "Forecastly")
    assert titles(app) == []
    assert app.window.summary_label.text() == "No results"
    app.window.close()


def test_an_upgrade_of_the_store_is_said_while_the_library_opens(app: App) -> None:
    """Opening waits for the store's migration, which can take a minute after an update: the window
    says so instead of an unexplained "Opening the library…"."""
    app.session.upgrading.emit("Upgrading the library database after an update")
    assert app.window.status_label.text() == "Upgrading the library database after an update…"
    assert "Upgrading the library database" in app.window.empty_label.text()


def test_the_status_bar_says_whether_the_folder_is_watched(app: App) -> None:
    """The test app runs without watching (as --no-watch does): the status bar must not claim it watches."""
    root = app.session.library_root()
    assert (
        app.window.status_label.text()
        == f"Library updated (5 new, 0 changed, 0 removed) · {root} (not watched for changes)"
    )


def test_building_the_window_s_modules_loads_no_store_index_or_pdf_library() -> None:
    """The window shows before the library opens: SQLAlchemy, Whoosh and PyMuPDF load on the session's
    thread, not while the window's modules are imported (the preview's field tips once pulled in
    SQLAlchemy through the tips' outbox query)."""
    heavy = ["sqlalchemy", "whoosh", "pymupdf", "fitz"]
    code = f"import sys, ui.main_window; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )

    assert result.stdout.strip() == "[]"
