"""Top reps' signals in the rep's window, driven for real: marketing's figures are in the data folder as
the rep's sync keeps them (``hub-figures.json``), and the rep reads them on cards and in the preview, sorts
results by them, browses the empty screen's stage shelf and prepares a call."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from enablement_app.paths import DataPaths
from enablement_app.sync.hub import Aggregates, AssetFigures
from tests.conftest import FIXED_NOW
from tests.ui.conftest import App, save_rep, start_app
from tests.ui.test_main_window import WAIT, search_for
from ui import library_session
from ui.call_prep.call_prep_dialog import CallPrepDialog
from ui.call_prep.suggestion_model import SuggestionRole
from ui.library_session import HomeView, SearchView
from ui.search.result_delegate import CARD_HEIGHT, FIGURES_HEIGHT
from ui.search.results_model import ResultRole

PRICING, DECK, GUIDE = "Pricing sheet 2026", "Lumora Forecast pitch deck", "New rep onboarding guide"


def publish(app: App, figures: dict[str, dict[str, object]]) -> None:
    """Marketing's figures, by asset title, as the rep's last sync kept them."""
    workspace = app.session.workspace
    assert workspace is not None
    ids = {card.title: card.id for card in workspace.library_search.cards().values()}
    workspace.hub_publications.accept_figures(
        Aggregates(
            FIXED_NOW,
            {ids[title]: AssetFigures.from_json(ids[title], values) for title, values in figures.items()},
        )
    )


def titles(app: App) -> list[str]:
    model = app.window.results
    return [model.index(row).data() for row in range(model.rowCount())]


def index_of(app: App, title: str) -> QModelIndex:
    model = app.window.results
    return next(model.index(row) for row in range(model.rowCount()) if model.index(row).data() == title)


def show_home(qtbot: QtBot, app: App) -> HomeView:
    window = app.window
    shown: list[HomeView] = []

    def home(view: object) -> bool:
        if isinstance(view, HomeView):
            shown.append(view)
            return True
        return False

    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT, check_params_cb=home):
        window.search_box.clear()
        window.search.run_now()
    return shown[-1]


def test_cards_and_the_preview_say_how_many_top_reps_used_an_asset(
    qtbot: QtBot, app: App, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    window = app.window
    publish(
        app, {PRICING: {"opens": 12, "top_reps_this_quarter": 3, "top_rep_opens": 4}, DECK: {"opens": 30}}
    )
    search_for(qtbot, app, "forecast")

    pricing, deck = index_of(app, PRICING), index_of(app, DECK)
    assert (
        pricing.data(Qt.ItemDataRole.AccessibleDescriptionRole)
        == "12 opens · used by 3 of the top reps this quarter"
    )
    assert "used by 3 of the top reps this quarter" in pricing.data(Qt.ItemDataRole.ToolTipRole)
    assert deck.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "30 opens"  # no top rep: no claim
    assert window.result_view.visualRect(pricing).height() == CARD_HEIGHT + FIGURES_HEIGHT
    qtmodeltester.check(window.results)

    window.result_view.setCurrentIndex(pricing)
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        window.preview_current()
    assert window.preview.figures_label.isVisible()
    assert window.preview.figures_label.text() == "12 opens · used by 3 of the top reps this quarter"


def test_results_sort_by_top_reps_picks_and_the_choice_survives_a_restart(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, library, tmp_path)
    window = app.window
    search_for(qtbot, app, "forecast")
    choices = window.top_rep_choices
    assert choices.sort_box.isVisible() and choices.sort_box.currentText() == "Relevance"
    by_relevance = titles(app)
    assert set(by_relevance[:2]) == {PRICING, DECK}

    # Nothing published yet: the sort says why it changes nothing, rather than silently doing nothing.
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT):
        choices.sort_box.setCurrentIndex(choices.sort_box.findData("top_reps"))
        choices.sort_box.activated.emit(choices.sort_box.currentIndex())
    assert titles(app) == by_relevance
    assert window.suggestion_label.isVisible()
    assert window.suggestion_label.text() == (
        "No top-rep figures are published yet (marketing publishes them from a CRM import), so results stay "
        "in order of relevance."
    )

    # The result relevance put second is what top reps used most: it comes first.
    second, first = by_relevance[1], by_relevance[0]
    publish(
        app, {second: {"top_reps_this_quarter": 4, "top_rep_shares": 2}, first: {"top_reps_this_quarter": 1}}
    )

    def sorted_view(view: object) -> bool:
        return isinstance(view, SearchView) and view.sort == "top_reps"

    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT, check_params_cb=sorted_view):
        window.search.run_now()
    assert titles(app)[:2] == [second, first]
    assert not window.suggestion_label.isVisible()
    window.close()

    again = start_app(qtbot, data_paths, library, tmp_path)
    qtbot.waitUntil(lambda: again.window.search.sort == "top_reps", timeout=WAIT)
    assert again.window.top_rep_choices.sort_box.currentText() == "Top reps' picks"
    search_for(qtbot, again, "forecast")
    assert titles(again)[:2] == [second, first]
    again.window.close()


def test_the_empty_screen_leads_with_the_stage_s_top_reps_picks(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, library, tmp_path)
    window = app.window
    home = show_home(qtbot, app)
    choices = window.top_rep_choices
    assert home.stages == ("consideration", "decision", "onboarding")
    assert home.stage == "decision" and home.shelf_size == 0
    assert choices.stage_box.isVisible() and not choices.sort_box.isVisible()
    assert [choices.stage_box.itemText(row) for row in range(choices.stage_box.count())] == [
        "Consideration",
        "Decision",
        "Onboarding",
    ]
    assert window.suggestion_label.text() == (
        "Top reps' picks for the decision stage show here once marketing publishes top-rep figures "
        "(from a CRM import, through the hub)."
    )

    publish(
        app,
        {
            PRICING: {"top_reps_this_quarter": 2, "top_rep_shares": 5},
            DECK: {"top_reps_this_quarter": 3, "top_rep_shares": 1},
        },
    )
    show_home(qtbot, app)
    first = window.results.index(0)
    assert first.data(ResultRole.SECTION) == "Top reps' picks for the decision stage"
    assert first.data() == PRICING
    assert window.results.row_at(0).note == "shared 5 times by top reps this quarter"  # type: ignore[union-attr]
    assert window.results.index(1).data(ResultRole.SECTION) is not None  # the shelf holds one asset
    assert not window.suggestion_label.isVisible()
    qtmodeltester.check(window.results)

    # Another stage, chosen by the rep, is remembered.
    def consideration(view: object) -> bool:
        return isinstance(view, HomeView) and view.stage == "consideration"

    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT, check_params_cb=consideration):
        choices.stage_box.setCurrentIndex(choices.stage_box.findData("consideration"))
        choices.stage_box.activated.emit(choices.stage_box.currentIndex())
    assert window.results.index(0).data(ResultRole.SECTION) == "Top reps' picks for the consideration stage"
    assert titles(app)[0] == DECK

    # A click on a shelf card previews it.
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        window.result_view.activated.emit(window.results.index(0))
    assert window.preview.card is not None and window.preview.card.title == DECK
    assert [event.asset_id for event in app.events("open")] == [window.preview.card.id]
    window.close()

    again = start_app(qtbot, data_paths, library, tmp_path)
    assert show_home(qtbot, again).stage == "consideration"
    assert again.window.top_rep_choices.stage_box.currentText() == "Consideration"
    again.window.close()


def open_call_prep(qtbot: QtBot, app: App) -> CallPrepDialog:
    window = app.window
    qtbot.keyClick(window.search_box, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.call_prep_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.prep is not None, timeout=WAIT)  # Any, Any, Any at first
    return dialog


def test_call_prep_infers_the_situation_and_opens_a_best_page(qtbot: QtBot, app: App, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = app.window
    publish(
        app,
        {
            PRICING: {"top_reps_this_quarter": 3, "top_rep_shares": 2, "best_pages": [2, 1]},
            DECK: {"top_reps_this_quarter": 5, "best_pages": [3]},
        },
    )
    assert window.call_prep_button.isVisible()
    dialog = open_call_prep(qtbot, app)
    assert [
        dialog.facet_boxes["persona"].itemText(row) for row in range(dialog.facet_boxes["persona"].count())
    ] == [
        "Any",
        "CFO",
        "CRO",
    ]
    assert not dialog.facet_boxes["industry"].isEnabled()  # no asset of this library names an industry
    model = dialog.model
    assert [model.index(row).data() for row in range(model.rowCount())] == [DECK, PRICING, GUIDE]

    qtbot.keyClicks(dialog.about_box, "Acme Bank: the CFO wants the contract signed before Friday")
    with qtbot.waitSignal(dialog.suggestions_shown, timeout=WAIT):
        qtbot.keyClick(dialog.about_box, Qt.Key.Key_Return)
    assert dialog.facet_boxes["persona"].currentText() == "CFO"
    assert dialog.facet_boxes["stage"].currentText() == "Decision"
    assert dialog.inferred_label.text() == (
        "Recognised persona CFO (from “CFO”), stage decision (from “contract”). Change any choice below."
    )
    assert [model.index(row).data() for row in range(model.rowCount())] == [PRICING]
    first = model.index(0)
    assert first.data(SuggestionRole.BEST_PAGES) == [2, 1]
    assert first.data(SuggestionRole.REASON) == "used by 3 of the top reps this quarter · shared 2 times"
    assert dialog.notice_label.isHidden()
    qtmodeltester.check(model)

    # The rep widens the stage by hand: Any.
    with qtbot.waitSignal(dialog.suggestions_shown, timeout=WAIT):
        dialog.facet_boxes["stage"].setCurrentIndex(0)
        dialog.facet_boxes["stage"].activated.emit(0)
    # the CFO's pricing sheet, then the guide, which names no persona: a generic fit, ranked lower
    assert [model.index(row).data() for row in range(model.rowCount())] == [PRICING, GUIDE]
    assert model.index(1).data(SuggestionRole.REASON) == "not used by top reps this quarter · for any persona"

    # A click on page 2's link opens the preview at page 2.
    view = dialog.list_view
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(first)
    links = dict(dialog.delegate.page_rects(option, first))
    assert list(links) == [2, 1]
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=links[2].center())
    assert window.preview.card is not None and window.preview.card.title == PRICING
    assert window.preview.page == 2
    assert window.preview.page_box.value() == 2
    assert [event.details["target"] for event in app.events("open")] == ["preview"]


def test_call_prep_without_figures_says_so_and_lists_the_best_fits(qtbot: QtBot, app: App) -> None:
    dialog = open_call_prep(qtbot, app)
    with qtbot.waitSignal(dialog.suggestions_shown, timeout=WAIT):
        dialog.facet_boxes["persona"].setCurrentIndex(dialog.facet_boxes["persona"].findData("CRO"))
        dialog.facet_boxes["persona"].activated.emit(dialog.facet_boxes["persona"].currentIndex())
    assert [dialog.model.index(row).data() for row in range(dialog.model.rowCount())] == [DECK, GUIDE]
    assert dialog.notice_label.isVisible()
    assert dialog.notice_label.text().startswith("No top-rep figures have been published yet")
    assert dialog.model.index(0).data(SuggestionRole.REASON) == "made for this situation"


def test_top_reps_picks_come_from_every_match_not_only_the_most_relevant(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room for one result, relevance shows its best match; sorted by top reps' picks, the match
    top reps use shows instead, although relevance ranked it lower."""
    monkeypatch.setattr(library_session, "RESULT_LIMIT", 1)
    window = app.window
    search_for(qtbot, app, "forecast")
    [best] = titles(app)
    total = window.summary_label.text()
    other = DECK if best == PRICING else PRICING
    publish(app, {other: {"top_reps_this_quarter": 2}})

    def sorted_view(view: object) -> bool:
        return isinstance(view, SearchView) and view.sort == "top_reps"

    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT, check_params_cb=sorted_view):
        window.top_rep_choices.sort_box.setCurrentIndex(window.top_rep_choices.sort_box.findData("top_reps"))
        window.top_rep_choices.sort_box.activated.emit(window.top_rep_choices.sort_box.currentIndex())
    assert titles(app) == [other]
    assert window.summary_label.text() == total  # still every match counted, the best one shown

    # browsing by filters alone shows assets by title: sorted by top reps' picks, theirs come first,
    # even when the title order would have cut them off
    monkeypatch.setattr(library_session, "BROWSE_LIMIT", 1)
    by_title = app.session.run_search("", {}, "relevance")
    [first_by_title] = [row.card.title for row in by_title.rows]
    used = next(title for title in (PRICING, DECK, GUIDE) if title != first_by_title)
    publish(app, {used: {"top_reps_this_quarter": 1}})
    assert [row.card.title for row in app.session.run_search("", {}, "top_reps").rows] == [used]
