"""A field tip's whole way, on every hub backend: a rep writes it, their sync sends it, marketing ingests it
and sees it with the author's name, promotes it, publishes, and a second rep's app shows it with the author.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.catalog import load_catalog
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset
from enablement_app.sync.catalog_signing import generate_signing_key, public_key_text
from enablement_app.sync.hub import Hub
from enablement_app.sync.hub_catalog import HUB_KEY_SETTING
from enablement_app.sync.marketing_sync import ingest, publish, unpublished_changes
from enablement_app.sync.rep_sync import RepSync
from enablement_app.tips.marketing_tips import ingested_tips, promote_tip, unpromote_tip
from enablement_app.tips.rep_tips import CatalogTips
from enablement_app.usage.profile import RepProfile, device_id, save_profile
from tests.conftest import Clock

DECK = "Decks/forecast-pitch.pptx"


def _rep_workspace(tmp_path: Path, name: str, clock: Clock, library: Path) -> Workspace:
    workspace = Workspace(DataPaths(tmp_path / name), clock=clock, workers=1)
    workspace.index(library)
    return workspace


def _asset_id(workspace: Workspace, path: str) -> str:
    with workspace.store.sessions() as session:
        found = session.scalar(select(Asset.id).where(Asset.path == path))
    assert found is not None
    return found


def test_a_reps_tip_reaches_marketing_and_once_promoted_every_rep(
    tmp_path: Path, library: Path, hub: Hub, hub_factory: Callable[[], Hub], clock: Clock
) -> None:
    dana_app = _rep_workspace(tmp_path, "dana", clock, library)
    marketing = _rep_workspace(tmp_path, "marketing", clock, library)
    sam_app = _rep_workspace(tmp_path, "sam", clock, library)
    try:
        # Dana writes two tips and withdraws one; her sync sends the events to the hub
        dana = save_profile(
            dana_app.store,
            RepProfile.new(
                name="Dana Reyes", email="dana@lumora.example", team="Enterprise West", region="NA"
            ),
        )
        recorder = dana_app.open_recorder(dana)
        deck = _asset_id(dana_app, DECK)
        kept = recorder.record_tip(deck, 1, "I open with slide 3 for CFOs: results first", page=3)
        clock.now += dt.timedelta(minutes=2)
        dropped = recorder.record_tip(deck, 1, "Skip the demo on renewals")
        clock.now += dt.timedelta(minutes=2)
        recorder.record_tip(
            deck, 1, "Skip the demo on renewals", tip_id=str(dropped.details["tip_id"]), withdrawn=True
        )
        assert recorder.flush()
        assert RepSync(dana_app.store, hub_factory, device_id(dana_app.store), clock=clock).sync_once().ok

        # marketing ingests and sees each tip's current state with its author and the asset's title
        ingest(marketing.store, hub, clock=clock)
        refresh_rollups(marketing.store)  # the author's name comes from her "profile" event
        seen = ingested_tips(marketing.store, load_catalog(library))
        assert [(tip.text, tip.author, tip.author_team, tip.asset_title, tip.page, tip.status) for tip in seen] == [
            ("Skip the demo on renewals", "Dana Reyes", "Enterprise West", "Lumora Forecast pitch deck", None,
             "withdrawn by the author"),
            ("I open with slide 3 for CFOs: results first", "Dana Reyes", "Enterprise West",
             "Lumora Forecast pitch deck", 3, "not promoted"),
        ]  # fmt: skip

        # marketing publishes once, then promotes the kept tip in lighter words: one unpublished change
        key = generate_signing_key()
        publish(marketing.store, hub, key, library, clock=clock)
        assert unpublished_changes(hub, library) == 0
        promote_tip(
            library, seen[1], promoted_by="Maria Chen", clock=clock, text="Open with slide 3 for CFOs"
        )
        assert unpublished_changes(hub, library) == 1
        assert ingested_tips(marketing.store, load_catalog(library))[1].status == "promoted"
        publish(marketing.store, hub, key, library, clock=clock)
        assert unpublished_changes(hub, library) == 0

        # Sam, on the hub with marketing's key pinned, takes the catalog and sees the tip with its author
        sam_app.store.set_setting(HUB_KEY_SETTING, public_key_text(key))
        sam_sync = RepSync(sam_app.store, hub_factory, device_id(sam_app.store), clock=clock)
        refreshed = sam_sync.refresh_published(sam_app.hub_publications)
        assert refreshed is not None and refreshed.catalog_applied
        tips = CatalogTips(sam_app.hub_publications).for_asset(library, deck)
        assert [(tip.text, tip.byline, tip.page, tip.promoted_by) for tip in tips] == [
            ("Open with slide 3 for CFOs", "Dana Reyes, Enterprise West", 3, "Maria Chen")
        ]
        assert tips[0].tip_id == kept.details["tip_id"]

        # unpromoting is a change too, and reaches Sam with the next publish
        assert unpromote_tip(library, tips[0].tip_id)
        assert unpublished_changes(hub, library) == 1
        publish(marketing.store, hub, key, library, clock=clock)
        assert sam_sync.refresh_published(sam_app.hub_publications) is not None
        assert CatalogTips(sam_app.hub_publications).for_asset(library, deck) == []
    finally:
        for workspace in (dana_app, marketing, sam_app):
            workspace.close()
