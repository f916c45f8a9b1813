"""The preview's "Field tips" section driven like a rep: a promoted tip shows with its author and jumps to
its page, a tip written on a page shows as the rep's own and is recorded, and withdrawing it takes it away."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from enablement_app.catalog import load_catalog, save_catalog
from enablement_app.catalog.field_tips import PromotedTip
from enablement_app.library.asset_ids import derived_asset_id
from enablement_app.paths import DataPaths
from enablement_app.store import open_store
from enablement_app.store.models import Asset
from enablement_app.sync.catalog_signing import generate_signing_key, public_key_text
from enablement_app.sync.hub import create_hub, open_hub
from enablement_app.sync.hub_catalog import HUB_KEY_SETTING
from enablement_app.sync.marketing_sync import publish
from enablement_app.tips.rep_tips import MAX_TIP_CHARS
from tests.conftest import Clock
from tests.ui.conftest import App, save_rep, start_app
from tests.ui.test_main_window import search_for
from tests.ui.test_sync_status import set_hub
from ui.preview.tips_model import TipRole

WAIT = 15_000


def _promote_on_pricing_page_2(app: App, library: Path) -> str:
    workspace = app.session.workspace
    assert workspace is not None
    with workspace.store.sessions() as session:
        asset_id = session.scalar(select(Asset.id).where(Asset.path == "Pricing/pricing-2026.pdf"))
    assert asset_id is not None
    catalog = load_catalog(library)
    assert catalog is not None
    tip = PromotedTip(
        tip_id="tip-soc2",
        asset_id=asset_id,
        text="Security reviewers ask for the SOC 2 letter first: page 2 has it.",
        author="Dana Reyes",
        author_team="Enterprise West",
        promoted_by="Maria Chen",
        promoted_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
        page=2,
    )
    save_catalog(library, dataclasses.replace(catalog, field_tips=(tip,)))
    return asset_id


def _rows(app: App) -> list[tuple[str, str, bool]]:
    model = app.window.preview.tips.model
    return [
        (
            model.index(row).data(),
            model.index(row).data(TipRole.BYLINE),
            model.index(row).data(TipRole.ON_PAGE),
        )
        for row in range(model.rowCount())
    ]


def _preview_pricing(qtbot: QtBot, app: App) -> None:
    window = app.window
    search_for(qtbot, app, "discount approval")  # page 1 of the pricing sheet
    with qtbot.waitSignals([window.renderer.source_loaded, window.field_tips.tips_shown], timeout=WAIT):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.preview.title_label.text() == "Pricing sheet 2026"


def test_a_promoted_tip_shows_with_its_author_and_jumps_to_its_page(
    qtbot: QtBot,
    app: App,
    library: Path,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    _promote_on_pricing_page_2(app, library)
    _preview_pricing(qtbot, app)
    tips = app.window.preview.tips
    qtmodeltester.check(tips.model)
    assert app.window.preview.page == 1
    assert tips.toggle_button.text() == "▾ Field tips (1)"
    assert _rows(app) == [
        (
            "Security reviewers ask for the SOC 2 letter first: page 2 has it.",
            "— Dana Reyes, Enterprise West · page 2",
            False,
        )
    ]
    assert not tips.withdraw_button.isEnabled()  # not the rep's to withdraw

    rect = tips.view.visualRect(tips.model.index(0))
    qtbot.mouseClick(tips.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert app.window.preview.page == 2
    assert _rows(app)[0][2] is True  # marked: it is about the page on screen
    app.window.preview.go_to(1)
    assert _rows(app)[0][2] is False

    # folding the section gives the page its room back
    tips.toggle_button.click()
    assert not tips.view.isVisible() and tips.toggle_button.text() == "▸ Field tips (1)"


def test_a_rep_adds_a_tip_on_a_page_sees_it_as_theirs_and_withdraws_it(qtbot: QtBot, app: App) -> None:
    _preview_pricing(qtbot, app)
    preview, tips, controller = app.window.preview, app.window.preview.tips, app.window.field_tips
    assert _rows(app) == []
    assert tips.empty_label.isVisible()
    preview.go_to(2)

    tips.add_button.click()
    dialog = tips.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.page == 2 and dialog.about_box.currentText() == "Page 2 (on screen)"
    assert not dialog.save_button.isEnabled()  # nothing written yet
    qtbot.keyClicks(dialog.text_edit, "x" * (MAX_TIP_CHARS + 1))
    assert not dialog.save_button.isEnabled()
    assert dialog.counter_label.text().startswith(
        f"{MAX_TIP_CHARS + 1} / {MAX_TIP_CHARS} — 1 character too many"
    )
    dialog.text_edit.clear()
    qtbot.keyClicks(dialog.text_edit, "Lead with the SOC 2 report for banks")
    assert dialog.counter_label.text() == f"36 / {MAX_TIP_CHARS}"
    with qtbot.waitSignal(controller.tip_saved, timeout=WAIT) as saved:
        dialog.save_button.click()

    assert _rows(app) == [("Lead with the SOC 2 report for banks", "Your tip · page 2", True)]
    assert app.window.statusBar().currentMessage().startswith("Tip saved.")
    [event] = app.events("tip")
    assert event.asset_id == preview.card.id  # type: ignore[union-attr]
    assert dict(event.details) == {
        "tip_id": saved.args[0],  # type: ignore[index]
        "text": "Lead with the SOC 2 report for banks",
        "page": 2,
        "withdrawn": False,
    }

    tips.view.setCurrentIndex(tips.model.index(0))
    assert tips.withdraw_button.isEnabled()
    # asked first: cancelling keeps the tip
    tips.withdraw_button.click()
    box = tips.withdraw_box
    assert box is not None and box.isVisible() and "Lead with the SOC 2 report for banks" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert tips.withdraw_box is None  # closed dialogs are deleted, not kept beside the preview
    assert [e.details["withdrawn"] for e in app.events("tip")] == [False]
    assert len(_rows(app)) == 1
    tips.withdraw_button.click()
    box = tips.withdraw_box
    assert box is not None
    withdraw = next(button for button in box.buttons() if button.text() == "Withdraw")
    with qtbot.waitSignal(controller.tip_withdrawn, timeout=WAIT):
        withdraw.click()
    assert _rows(app) == []
    assert [e.details["withdrawn"] for e in app.events("tip")] == [False, True]

    # the tip stays withdrawn when the asset is previewed again
    with qtbot.waitSignal(controller.tips_shown, timeout=WAIT):
        qtbot.keyClick(app.window.search_box, Qt.Key.Key_Return)
    assert _rows(app) == []


def test_on_a_hub_the_preview_shows_the_tips_marketing_signed_not_the_folders(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    """A rep who can write to the shared folder could add a "promoted" tip to its catalog.json; on a hub,
    only the catalog marketing signed counts, and a sync that brings a newly promoted tip shows it at once
    in the open preview."""
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    key = generate_signing_key()
    save_rep(data_paths)
    set_hub(data_paths, hub_url)
    store = open_store(data_paths.database)
    try:
        store.set_setting(HUB_KEY_SETTING, public_key_text(key))
    finally:
        store.close()
    pricing_path = "Pricing/pricing-2026.pdf"
    pricing = derived_asset_id(
        pricing_path, hashlib.sha256((library / pricing_path).read_bytes()).hexdigest()
    )
    marketing = open_store(tmp_path / "marketing" / "library.sqlite3")
    clock = Clock()
    tip = PromotedTip(
        tip_id="tip-signed",
        asset_id=pricing,
        text="Banks want the SOC 2 letter first: page 2.",
        author="Dana Reyes",
        author_team="Enterprise West",
        promoted_by="Maria Chen",
        promoted_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
        page=2,
    )
    signed = load_catalog(library)
    assert signed is not None
    try:
        with closing(open_hub(hub_url)) as hub:
            publish(marketing, hub, key, library, clock=clock)  # what reps have: no tips yet
        forged = dataclasses.replace(tip, tip_id="tip-forged", text="Offer 40% off, everyone does")
        save_catalog(library, dataclasses.replace(signed, field_tips=(forged,)))

        app = start_app(qtbot, data_paths, library, tmp_path)
        with qtbot.waitSignal(app.window.sync.sync_finished, timeout=WAIT):
            app.window.sync_action.trigger()
        _preview_pricing(qtbot, app)
        assert _rows(app) == []  # the folder's unsigned tip is not marketing's word

        save_catalog(library, dataclasses.replace(signed, field_tips=(tip,)))
        with closing(open_hub(hub_url)) as hub:
            publish(marketing, hub, key, library, clock=clock)
        with qtbot.waitSignal(app.window.field_tips.tips_shown, timeout=WAIT):
            app.window.sync_action.trigger()
        assert _rows(app) == [
            ("Banks want the SOC 2 letter first: page 2.", "— Dana Reyes, Enterprise West · page 2", False)
        ]
        app.window.close()
    finally:
        marketing.close()
