"""Marketing's "Field tips" page in a marketer's real window: reps' ingested tips with their authors,
promoting one (lightly reworded) into catalog.json counts as a change to publish, and a promoted tip its
author withdrew is shown as such until marketing unpromotes it."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import closing
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset
from enablement_app.sync.catalog_signing import generate_signing_key, save_signing_key
from enablement_app.sync.hub import create_hub, open_hub
from enablement_app.sync.marketing_sync import publish
from tests.analytics.usage_events import Rep, ingest
from tests.ui.conftest import App
from tests.ui.test_main_window import WAIT
from tests.ui.test_marketing_library import start_marketer
from tests.ui.test_sync_status import set_hub
from ui.marketing.field_tips_model import COLUMNS, FieldTipRole
from ui.marketing.field_tips_page import FieldTipsPage
from ui.marketing.workspace_view import MARKETING_VIEW

DANA = Rep("Dana Reyes", team="Enterprise West")
OMAR = Rep("Omar Haddad", team="Mid-market")


def _rows(page: FieldTipsPage) -> list[tuple[str, ...]]:
    model = page.model
    return [
        tuple(str(model.index(row, column).data()) for column in (0, 1, 2, 3, 4, 6))
        for row in range(model.rowCount())
    ]


def _tip(
    rep: Rep,
    asset_id: str,
    tip_id: str,
    text: str,
    page: int | None,
    minutes: int,
    *,
    withdrawn: bool = False,
):  # type: ignore[no-untyped-def]
    return rep.event(
        "tip",
        asset_id,
        dt.timedelta(minutes=minutes),
        tip_id=tip_id,
        text=text,
        page=page,
        withdrawn=withdrawn,
    )


def _open_field_tips(qtbot: QtBot, app: App) -> FieldTipsPage:
    app.window.view_switch.buttons[MARKETING_VIEW].click()
    workspace = app.window.marketing_view
    assert workspace is not None
    page = workspace.page("Field tips")
    assert isinstance(page, FieldTipsPage)
    with qtbot.waitSignals([page.tips_shown, page.publish_bar.counted], timeout=WAIT):
        workspace.nav_buttons["Field tips"].click()
    return page


def test_marketing_promotes_a_reps_tip_and_sees_it_to_publish(
    qtbot: QtBot,
    data_paths: DataPaths,
    library: Path,
    tmp_path: Path,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    set_hub(data_paths, hub_url)
    key = generate_signing_key()
    save_signing_key(key, data_paths.signing_key)
    app = start_marketer(qtbot, data_paths, library, tmp_path)
    workspace = app.session.workspace
    assert workspace is not None
    with workspace.store.sessions() as session:
        pricing = session.scalar(select(Asset.id).where(Asset.path == "Pricing/pricing-2026.pdf"))
    assert pricing is not None
    # reps' events as marketing's pull stores them; then what reps have is published once
    ingest(
        workspace.store,
        [
            DANA.profile(),
            OMAR.profile(),
            _tip(DANA, pricing, "tip-dana", "Banks ask for the SOC 2 letter first:  it's on page 2", 2, 5),
            _tip(OMAR, pricing, "tip-omar", "Lead with the team plan price", None, 10),
            _tip(OMAR, pricing, "tip-omar-2", "Never discount in the first call", None, 12),
            _tip(OMAR, pricing, "tip-omar-2", "Never discount in the first call", None, 15, withdrawn=True),
        ],
    )
    refresh_rollups(workspace.store)
    with closing(open_hub(hub_url)) as hub:
        publish(workspace.store, hub, key, library, clock=workspace.clock)

    page = _open_field_tips(qtbot, app)
    qtmodeltester.check(page.model)
    assert [label for _, label in COLUMNS] == ["Tip", "Author", "Team", "Asset", "Page", "Written", "Status"]
    assert _rows(page) == [
        ("Never discount in the first call", "Omar Haddad", "Mid-market", "Pricing sheet 2026", "whole asset", "Withdrawn"),
        ("Lead with the team plan price", "Omar Haddad", "Mid-market", "Pricing sheet 2026", "whole asset", "New"),
        ("Banks ask for the SOC 2 letter first:  it's on page 2", "Dana Reyes", "Enterprise West", "Pricing sheet 2026", "2", "New"),
    ]  # fmt: skip
    assert page.summary_label.text() == "3 tips from reps, 0 promoted"
    bar = page.publish_bar
    assert bar.label.text() == "Reps have every change"
    assert not page.promote_button.isEnabled()  # nothing selected

    # promote Dana's tip in lighter words: one change reps do not have yet
    page.select_tip("tip-dana")
    assert page.about_label.text().startswith("Dana Reyes, Enterprise West on Pricing sheet 2026, page 2")
    assert page.promote_button.text() == "Promote" and page.promote_button.isEnabled()
    page.wording_edit.setPlainText("x" * 281)
    assert not page.promote_button.isEnabled()
    assert page.message_label.text().startswith("A tip is at most 280 characters")
    page.wording_edit.setPlainText("Banks ask for the SOC 2 letter first: it is on page 2.")
    with qtbot.waitSignals([page.tip_promoted, bar.counted], timeout=WAIT):
        page.promote_button.click()
    assert bar.button.text() == "Publish 1 change"
    assert page.summary_label.text() == "3 tips from reps, 1 promoted"
    assert page.model.index(2, 6).data() == "Promoted"
    [promoted] = json.loads((library / "catalog.json").read_text())["field_tips"]
    assert (promoted["tip_id"], promoted["text"], promoted["author"], promoted["author_team"], promoted["page"]) == (
        "tip-dana", "Banks ask for the SOC 2 letter first: it is on page 2.", "Dana Reyes", "Enterprise West", 2
    )  # fmt: skip
    assert promoted["promoted_by"] == "Maria Lopez"
    assert page.promote_button.text() == "Save wording" and not page.promote_button.isEnabled()

    # Dana withdraws it: marketing sees it withdrawn and still promoted, and decides
    ingest(
        workspace.store,
        [_tip(DANA, pricing, "tip-dana", "Banks ask for the SOC 2 letter", 2, 30, withdrawn=True)],
    )
    # a read asked for while one runs is merged into the next, and what waits on each is kept
    waited: list[str] = []
    with qtbot.waitSignal(page.tips_shown, timeout=WAIT):
        page.refresh(then=lambda: waited.append("first"))
        page.refresh(then=lambda: waited.append("second"))
    qtbot.waitUntil(lambda: waited == ["first", "second"], timeout=WAIT)
    assert _rows(page)[0][5] == "Withdrawn, still promoted"
    page.select_tip("tip-dana")
    assert page.withdrawn_label.isVisible()
    assert page.withdrawn_label.text().startswith("Dana Reyes withdrew this tip. It is still promoted")
    assert page.model.index(0, 0).data(FieldTipRole.TIP).promoted is not None
    with qtbot.waitSignals([page.tip_unpromoted, bar.counted], timeout=WAIT):
        page.unpromote_button.click()
    assert "field_tips" not in json.loads((library / "catalog.json").read_text())
    assert bar.label.text() == "Reps have every change"
    assert _rows(page)[0][5] == "Withdrawn"
    app.window.close()
