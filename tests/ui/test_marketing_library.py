"""Marketing's Library page in a marketer's real window: every asset with its status as reps meet it, what
expires soon, and approve, retire, supersede and bulk edit writing the folder's catalog.json; reps never
see the workspace, and their search never finds an expired asset."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.catalog import CatalogEntry, load_catalog, save_catalog
from enablement_app.paths import DataPaths
from enablement_app.sync.catalog_signing import generate_signing_key, save_signing_key
from enablement_app.sync.hub import create_hub
from tests.analytics.usage_events import Rep, ingest
from tests.builders import make_pdf
from tests.conftest import Clock
from tests.sync.hubs import unwritable
from tests.ui.conftest import App, start_app
from tests.ui.test_main_window import WAIT, search_for, titles
from tests.ui.test_marketing_actions import save_marketer
from tests.ui.test_sync_status import set_hub
from ui import theme
from ui.marketing.asset_dialogs import BulkEditDialog, RenewDialog, SupersedeDialog
from ui.marketing.library_model import COLUMN, LibraryRole
from ui.marketing.library_page import LibraryPage
from ui.marketing.reports_page import ReportsPage
from ui.marketing.usage_page import UsagePage
from ui.marketing.workspace_view import MARKETING_VIEW, SEARCH_VIEW

# Three weeks before the 2026 pricing sheet expires; the battlecard expired in June 2026.
NOW = dt.datetime(2027, 12, 10, 12, 0, tzinfo=dt.UTC)
PRICING = "Pricing/pricing-2026.pdf"
NEW_PRICING = "Pricing/pricing-2027.pdf"
OLD_PRICING = "Pricing/pricing-2025.pdf"
PITCH = "Decks/forecast-pitch.pptx"
ONBOARDING = "Guides/onboarding.docx"
BATTLECARD = "Guides/battlecard-forecastly.md"


@pytest.fixture
def marketing_library(library: Path) -> Path:
    """The test library with a draft (next year's pricing sheet) and the pitch deck expiring in 12 days."""
    make_pdf(
        library / NEW_PRICING,
        ["Lumora Forecast pricing 2027. Team plan 52 dollars per seat per month."],
        title="Pricing sheet 2027",
    )
    catalog = load_catalog(library)
    assert catalog is not None
    pitch = dataclasses.replace(catalog.entries[PITCH], expires_at=dt.date(2027, 12, 22))
    save_catalog(library, catalog.with_entry(PITCH, pitch))
    return library


def start_marketer(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path, now: dt.datetime = NOW
) -> App:
    save_marketer(data_paths)
    return start_app(qtbot, data_paths, library, tmp_path, now=Clock(now))


def library_page(app: App) -> LibraryPage:
    workspace = app.window.marketing_view
    assert workspace is not None
    page = workspace.page("Library")
    assert isinstance(page, LibraryPage)
    return page


def open_library(qtbot: QtBot, app: App) -> LibraryPage:
    """Click "Marketing" and wait until the Library page shows the library and what reps have of it."""
    page = library_page(app)
    with qtbot.waitSignals([page.assets_shown, page.publish_bar.counted], timeout=WAIT):
        app.window.view_switch.buttons[MARKETING_VIEW].click()
    return page


def statuses(page: LibraryPage) -> list[tuple[str, str]]:
    column = COLUMN["standing"]
    return [
        (page.proxy.index(row, 0).data(LibraryRole.PATH), page.proxy.index(row, column).data())
        for row in range(page.proxy.rowCount())
    ]


def cell(page: LibraryPage, path: str, column: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(LibraryRole.PATH) == path:
            return page.proxy.index(row, COLUMN[column]).data(role)
    raise AssertionError(f"{path} is not listed")


def entry(library: Path, path: str) -> CatalogEntry:
    catalog = load_catalog(library)
    assert catalog is not None
    return catalog.entries[path]


def test_the_library_lists_every_asset_by_what_needs_attention_and_flags_what_expires(
    qtbot: QtBot, data_paths: DataPaths, marketing_library: Path, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    app = start_marketer(qtbot, data_paths, marketing_library, tmp_path)
    window = app.window
    assert window.view_switch.isVisible()
    page = open_library(qtbot, app)
    assert window.views.currentWidget() is window.marketing_view
    assert not window.search_box.isVisible()

    assert statuses(page) == [
        (PITCH, "Expires in 12 days"),
        (PRICING, "Expires in 21 days"),
        (BATTLECARD, "Expired"),
        (NEW_PRICING, "Draft"),
        (ONBOARDING, "Approved"),
        (OLD_PRICING, "Superseded by Pricing sheet 2026"),
    ]
    assert page.expiring_label.text().endswith("2 assets expire within 30 days</a>")
    assert page.summary_label.text() == "6 assets · 3 found by reps"
    assert {name: chip.text() for name, chip in page.chips.items()} == {
        "all": "All  6",
        "draft": "Drafts  1",
        "approved": "Approved  3",
        "expiring": "Expiring soon  2",
        "expired": "Expired  1",
        "retired": "Retired  1",
    }
    assert cell(page, PITCH, "standing", Qt.ItemDataRole.ToolTipRole).startswith(
        "Expires in 12 days, on 22 Dec 2027"
    )
    expiring_colour = cell(page, PITCH, "standing", Qt.ItemDataRole.ForegroundRole)
    assert isinstance(expiring_colour, QColor)
    assert expiring_colour == theme.standing_colour("expiring", page.palette())
    assert cell(page, PITCH, "standing", Qt.ItemDataRole.DecorationRole) is not None
    assert cell(page, PRICING, "title") == "Pricing sheet 2026"
    assert cell(page, PRICING, "kind") == "PDF"
    assert cell(page, PRICING, "stage") == "decision"
    assert cell(page, PRICING, "product") == "Lumora Forecast"
    assert cell(page, PRICING, "persona") == "CFO"
    assert cell(page, PRICING, "expires") == "2027-12-31"
    assert cell(page, PRICING, "approved_by") == "maria@lumora.example"
    assert cell(page, PRICING, "approved_at") == "2026-09-01"
    assert cell(page, NEW_PRICING, "expires") == ""
    assert page.publish_bar.label.text() == "No hub: changes are live at once for reps who read this folder"
    assert not page.publish_bar.button.isVisible()

    page.chips["expiring"].click()
    assert [path for path, _status in statuses(page)] == [PITCH, PRICING]
    page.chips["retired"].click()
    assert statuses(page) == [(OLD_PRICING, "Superseded by Pricing sheet 2026")]
    page.chips["all"].click()
    qtbot.keyClicks(page.filter_box, "cfo decision")
    assert [path for path, _status in statuses(page)] == [PRICING]
    page.filter_box.clear()
    page.table.sortByColumn(COLUMN["expires"], Qt.SortOrder.AscendingOrder)
    assert [path for path, _status in statuses(page)][:3] == [BATTLECARD, PITCH, PRICING]

    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    window.close()


def test_approve_retire_and_supersede_rewrite_the_catalog_and_the_table(
    qtbot: QtBot, data_paths: DataPaths, marketing_library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, marketing_library, tmp_path)
    page = open_library(qtbot, app)

    # The expired battlecard needs a new expiry date before it is approved again: asked, once.
    page.select_paths([BATTLECARD, NEW_PRICING])
    assert page.selection_label.text() == "2 selected"
    page.approve_button.click()
    dialog = page.dialog
    assert isinstance(dialog, RenewDialog)
    dialog.no_expiry.click()
    with qtbot.waitSignal(page.catalog_edited, timeout=WAIT) as edited:
        dialog.buttons.accepted.emit()
    assert edited.args == ["Approved 2 assets"]
    assert page.message_label.text() == "Approved 2 assets"
    for path in (BATTLECARD, NEW_PRICING):
        approved = entry(marketing_library, path)
        assert (approved.status, approved.expires_at) == ("approved", None)
        assert (approved.approved_by, approved.approved_at) == ("maria@lumora.example", NOW)
    assert entry(marketing_library, BATTLECARD).facets == {"stage": ("decision",)}
    assert cell(page, BATTLECARD, "standing") == "Approved"
    assert cell(page, NEW_PRICING, "approved_by") == "maria@lumora.example"
    assert page.chips["approved"].text() == "Approved  5"
    assert {asset.path for asset in page.selected_assets()} == {BATTLECARD, NEW_PRICING}

    page.select_paths([PITCH])
    with qtbot.waitSignal(page.catalog_edited, timeout=WAIT) as edited:
        page.retire_button.click()
    assert edited.args == ["Retired “Lumora Forecast pitch deck”: reps no longer find it"]
    assert entry(marketing_library, PITCH).status == "retired"
    assert cell(page, PITCH, "standing") == "Retired"

    page.select_paths([PRICING])
    page.supersede_button.click()
    dialog = page.dialog
    assert isinstance(dialog, SupersedeDialog)
    listed = [dialog.proxy.index(row, 0).data(LibraryRole.PATH) for row in range(dialog.proxy.rowCount())]
    assert PRICING not in listed and NEW_PRICING in listed
    assert not dialog.supersede_button.isEnabled()
    assert dialog.choose(NEW_PRICING)
    with qtbot.waitSignal(page.catalog_edited, timeout=WAIT) as edited:
        dialog.supersede_button.click()
    assert edited.args == ["Approved “Pricing sheet 2027” in place of “Pricing sheet 2026”, now retired"]
    assert entry(marketing_library, NEW_PRICING).supersedes == PRICING
    assert entry(marketing_library, PRICING).status == "retired"
    assert cell(page, PRICING, "standing") == "Superseded by Pricing sheet 2027"

    # Back in the reps' view, the search shows the library as marketing left it.
    with qtbot.waitSignal(app.window.search.results_shown, timeout=WAIT):
        app.window.view_switch.buttons[SEARCH_VIEW].click()
    search_for(qtbot, app, "pricing")
    assert titles(app) == ["Pricing sheet 2027"]
    app.window.close()


def test_bulk_edit_changes_only_what_was_edited_and_mixed_fields_keep_each_assets_values(
    qtbot: QtBot, data_paths: DataPaths, marketing_library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, marketing_library, tmp_path)
    page = open_library(qtbot, app)
    page.select_paths([PRICING, PITCH])
    page.edit_button.click()
    dialog = page.dialog
    assert isinstance(dialog, BulkEditDialog)
    assert dialog.fields["product"].text() == "Lumora Forecast"  # the same on both
    for mixed in ("stage", "persona"):  # CFO and CRO, decision and consideration
        assert dialog.fields[mixed].text() == ""
        assert dialog.fields[mixed].placeholderText() == "(mixed)"
    assert dialog.expiry_choice.currentText() == "Keep each asset's date (mixed)"

    qtbot.keyClicks(dialog.fields["stage"], "negotiation")
    qtbot.keyClicks(dialog.fields["persona"], "x")  # typed, then emptied again: still mixed
    dialog.fields["persona"].clear()
    qtbot.keyClicks(dialog.add_tags, "pricing, Q4")
    dialog.expiry_choice.setCurrentIndex(1)
    dialog.expiry_date.setDate(dt.date(2028, 6, 30))
    with qtbot.waitSignal(page.catalog_edited, timeout=WAIT) as edited:
        dialog.apply_button.click()
    assert edited.args == ["Changed the stage, tags and expiry date of 2 assets"]
    pricing, pitch = entry(marketing_library, PRICING), entry(marketing_library, PITCH)
    assert pricing.facets == {
        "product": ("Lumora Forecast",),
        "stage": ("negotiation",),
        "persona": ("CFO",),
        "tag": ("pricing", "Q4"),
    }
    assert pitch.facets["persona"] == ("CRO",) and pitch.facets["stage"] == ("negotiation",)
    assert pricing.expires_at == pitch.expires_at == dt.date(2028, 6, 30)
    assert pricing.status == pitch.status == "approved"  # an edit never changes the status
    assert cell(page, PRICING, "persona") == "CFO" and cell(page, PITCH, "persona") == "CRO"
    assert cell(page, PITCH, "stage") == "negotiation"
    assert cell(page, PITCH, "standing") == "Approved"  # no longer expiring
    assert page.expiring_label.text() == "Nothing expires within 30 days"

    # One asset: its own values fill the form; remove a tag and clear the product.
    page.select_paths([PITCH])
    page.edit_button.click()
    dialog = page.dialog
    assert isinstance(dialog, BulkEditDialog)
    assert dialog.fields["persona"].text() == "CRO"
    assert dialog.tags_label.text() == "pricing, Q4"
    qtbot.keyClicks(dialog.remove_tags, "q4")
    dialog.fields["product"].selectAll()
    qtbot.keyClick(dialog.fields["product"], Qt.Key.Key_Delete)
    with qtbot.waitSignal(page.catalog_edited, timeout=WAIT) as edited:
        dialog.apply_button.click()
    assert edited.args == ["Changed the product and tags of “Lumora Forecast pitch deck”"]
    pitch = entry(marketing_library, PITCH)
    assert "product" not in pitch.facets and pitch.facets["tag"] == ("pricing",)
    assert entry(marketing_library, PRICING).facets["tag"] == ("pricing", "Q4")
    app.window.close()


def test_a_catalog_that_cannot_be_read_or_written_gets_a_sentence_and_loses_nothing(
    qtbot: QtBot, data_paths: DataPaths, marketing_library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, marketing_library, tmp_path)
    page = open_library(qtbot, app)
    manifest = marketing_library / "catalog.json"
    before = manifest.read_bytes()
    page.select_paths([PITCH, ONBOARDING])
    with unwritable(marketing_library), qtbot.waitSignal(page.edit_failed, timeout=WAIT) as failed:
        page.retire_button.click()
    assert failed.args[0].startswith(
        f"Could not retire: catalog.json in {marketing_library} cannot be written ("
    )
    assert failed.args[0].endswith("): nothing was changed")  # (Permission denied), for root (Operation...)
    assert page.message_label.text() == failed.args[0]
    assert manifest.read_bytes() == before
    assert cell(page, ONBOARDING, "standing") == "Approved"
    assert page.approve_button.isEnabled()  # ready to try again

    manifest.write_text('{"assets": {"Decks/forecast-pitch.pptx": ', encoding="utf-8")
    with qtbot.waitSignal(page.edit_failed, timeout=WAIT) as failed:
        page.retire_button.click()
    assert failed.args[0] == (
        "Could not retire: catalog.json is not valid JSON (line 1, column 42: Expecting value); "
        "nothing was changed"
    )
    assert manifest.read_text(encoding="utf-8") == '{"assets": {"Decks/forecast-pitch.pptx": '
    assert page.problem_label.isVisible()
    assert page.problem_label.text().startswith("Catalog.json is not valid JSON")
    assert "statuses shown are the ones last read" in page.problem_label.text()
    assert cell(page, ONBOARDING, "standing") == "Approved"  # the store's, as last read
    app.window.close()


def test_publish_changes_counts_what_reps_do_not_have_and_publishes_it(
    qtbot: QtBot, data_paths: DataPaths, marketing_library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    set_hub(data_paths, hub_url)
    app = start_marketer(qtbot, data_paths, marketing_library, tmp_path)
    page = open_library(qtbot, app)
    bar = page.publish_bar
    assert bar.label.text() == "5 changes not published: no signing key on this computer"
    assert "catalog-signing-key.pem" in bar.label.toolTip()
    assert not bar.button.isVisible()

    save_signing_key(generate_signing_key(), data_paths.signing_key)
    with qtbot.waitSignal(bar.counted, timeout=WAIT):
        bar.recount()
    assert bar.button.isVisible() and bar.button.isEnabled()
    assert bar.button.text() == "Publish 5 changes"  # nothing published yet: every entry
    with qtbot.waitSignals([app.window.marketing.publish_finished, bar.counted], timeout=WAIT):
        bar.button.click()
    assert bar.label.text() == "Reps have every change"
    assert not bar.button.isEnabled()

    page.select_paths([PITCH, ONBOARDING])
    with qtbot.waitSignals([page.catalog_edited, bar.counted], timeout=WAIT):
        page.retire_button.click()
    assert bar.button.text() == "Publish 2 changes"
    assert bar.button.toolTip().startswith("2 changes in the folder's catalog.json that reps do not have yet")
    app.window.close()


def test_a_page_added_to_the_workspace_gets_its_own_entry_in_the_navigation(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, library, tmp_path)
    open_library(qtbot, app)
    workspace = app.window.marketing_view
    assert workspace is not None
    assert workspace.page_names() == ["Library", "Usage", "Reports", "Field tips", "Onboarding"]
    usage = QLabel("Onboarding playlists")
    stopped: list[str] = []
    workspace.add_page("Playlists", usage, "What new hires follow", stop=lambda: stopped.append("playlists"))
    assert workspace.page_names() == ["Library", "Usage", "Reports", "Field tips", "Onboarding", "Playlists"]
    assert workspace.current_page() == "Library"  # adding a page does not leave the one in use
    workspace.nav_buttons["Playlists"].click()
    assert workspace.current_page() == "Playlists" and usage.isVisible()
    assert not library_page(app).isVisible()
    with pytest.raises(ValueError, match="already has a page 'Usage'"):
        workspace.add_page("Usage", QLabel())
    app.window.close()
    assert stopped == ["playlists"]  # a page's background work ends with the window


def test_the_usage_and_reports_pages_show_the_usage_pulled_into_this_computer(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, library, tmp_path)
    assert app.session.workspace is not None
    ana, ben = Rep("Ana Ruiz"), Rep("Ben Okafor", team="Enterprise")
    days_ago = [NOW - dt.timedelta(days=days) for days in (1, 2, 3)]
    ingest(
        app.session.workspace.store,
        [
            ana.event("open", "a" * 32, days_ago[0], target="preview"),
            ana.event("open", "b" * 32, days_ago[1], target="preview"),
            ben.event("open", "a" * 32, days_ago[2], target="file"),
            ben.event("share", "a" * 32, days_ago[2], channel="email"),
        ],
    )
    refresh_rollups(app.session.workspace.store)  # as a pull of reps' usage does
    open_library(qtbot, app)
    workspace = app.window.marketing_view
    assert workspace is not None
    heatmaps = workspace.page("Usage")
    assert isinstance(heatmaps, UsagePage)
    with qtbot.waitSignal(heatmaps.figures_shown, timeout=WAIT):
        workspace.nav_buttons["Usage"].click()
    grid = [heatmaps.asset_model.row(n) for n in range(heatmaps.asset_model.rowCount())]
    assert [(row.asset_id, row.total_opens) for row in grid] == [("a" * 32, 2), ("b" * 32, 1)]

    page = workspace.page("Reports")
    assert isinstance(page, ReportsPage)
    with qtbot.waitSignal(page.report_shown, timeout=WAIT) as shown:  # computed when first shown
        workspace.nav_buttons["Reports"].click()
    assert shown.args == ["alignment"]
    months = page.models["months"]
    last = [months.index(months.rowCount() - 1, column).data() for column in range(5)]
    assert last == ["2027-12", "3", "1", "2", "2"]  # month, opens, shares, active reps, assets used
    app.window.close()


def test_a_rep_never_sees_the_marketing_workspace(qtbot: QtBot, app: App) -> None:
    window = app.window
    assert not window.view_switch.isVisible()
    assert window.marketing_view is None
    window.show_view(MARKETING_VIEW)  # even asked some other way, a rep's window stays on search
    assert window.views.currentWidget() is window.search_page
    assert window.search_box.isVisible()

    profile = app.session.profile
    assert profile is not None
    with qtbot.waitSignal(app.session.profile_changed, timeout=WAIT):
        app.session.update_profile(dataclasses.replace(profile, role="marketer"))
    assert window.view_switch.isVisible()
    page = library_page(app)
    with qtbot.waitSignal(page.assets_shown, timeout=WAIT):
        window.view_switch.buttons[MARKETING_VIEW].click()
    with qtbot.waitSignal(app.session.profile_changed, timeout=WAIT):
        app.session.update_profile(dataclasses.replace(profile, role="rep"))
    assert not window.view_switch.isVisible()
    assert window.views.currentWidget() is window.search_page


def test_an_empty_library_says_how_to_fill_it(qtbot: QtBot, data_paths: DataPaths, tmp_path: Path) -> None:
    folder = tmp_path / "empty collateral"
    folder.mkdir()
    app = start_marketer(qtbot, data_paths, folder, tmp_path)
    page = open_library(qtbot, app)
    assert page.stack.currentWidget() is page.empty_label
    text = page.empty_label.text()
    assert "No assets in the library yet" in text and str(folder) in text
    assert "show here as drafts" in text
    assert not page.controls.isVisible()
    assert page.summary_label.text() == "" and page.expiring_label.text() == ""
    app.window.close()


def test_a_filter_that_finds_nothing_says_so(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, library, tmp_path, now=dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
    page = open_library(qtbot, app)
    page.chips["draft"].click()
    assert page.stack.currentWidget() is page.empty_label
    assert "No drafts" in page.empty_label.text()
    page.chips["all"].click()
    qtbot.keyClicks(page.filter_box, "webinar")
    assert "No asset matches “webinar”" in page.empty_label.text()
    page.on_link_activated("clear-filter")
    assert page.stack.currentWidget() is page.table and page.proxy.rowCount() == 5
    app.window.close()


def test_the_marketing_switch_reminds_of_assets_that_expire_soon_from_either_view(
    qtbot: QtBot, data_paths: DataPaths, marketing_library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, marketing_library, tmp_path)
    switch = app.window.view_switch.buttons[MARKETING_VIEW]
    qtbot.waitUntil(lambda: switch.text() == "Marketing  ⚠ 2", timeout=WAIT)  # still on the Search view
    assert app.window.views.currentWidget() is app.window.search_page
    assert switch.toolTip().splitlines() == [
        "2 approved assets expire within 30 days; reps stop finding them the day after:",
        "Lumora Forecast pitch deck: expires in 12 days",
        "Pricing sheet 2026: expires in 21 days",
        "Approve for longer on Marketing › Library (Expiring soon).",
    ]

    page = open_library(qtbot, app)
    page.select_paths([PITCH])
    with qtbot.waitSignal(app.window.expiring_shown, timeout=WAIT, check_params_cb=lambda n: n == 1):
        page.retire_button.click()
    assert switch.text() == "Marketing  ⚠ 1"
    assert switch.toolTip().startswith("1 approved asset expires within 30 days; reps stop finding it")
    page.select_paths([PRICING])
    with qtbot.waitSignal(app.window.expiring_shown, timeout=WAIT, check_params_cb=lambda n: n == 0):
        page.retire_button.click()
    assert switch.text() == "Marketing"
    assert switch.toolTip().startswith("Publish and govern the library")
    app.window.close()
