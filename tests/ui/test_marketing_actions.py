"""A marketer's window pulls every rep's usage from a real folder hub and publishes the signed catalog and
figures; a rep's window offers neither."""

from __future__ import annotations

import dataclasses
import os
import threading
import uuid
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from enablement_app.analytics.crm_import import import_crm_export
from enablement_app.analytics.rollups import pending_events
from enablement_app.paths import DataPaths
from enablement_app.store import Store, open_store
from enablement_app.store.models import AnalyticsEvent
from enablement_app.sync.catalog_signing import (
    generate_signing_key,
    parse_public_key,
    public_key_text,
    save_signing_key,
    verify_catalog,
)
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.hub import EventBatch, create_hub, open_hub
from enablement_app.sync.rep_sync import RepSync
from enablement_app.usage.profile import RepProfile, save_profile
from tests.disk_full import disk_full_after
from tests.sync.events import record
from tests.ui.conftest import App, start_app
from tests.ui.hub_usage import push_usage, usage
from tests.ui.test_main_window import WAIT
from tests.ui.test_sync_status import set_hub

LONG_AGO = 1_000_000_000.0  # a batch file that has long stopped changing, so a damaged one is quarantined


def save_marketer(paths: DataPaths) -> RepProfile:
    store = open_store(paths.ensure().database)
    try:
        return save_profile(
            store,
            RepProfile.new(
                name="Maria Lopez", email="maria@lumora.example", team="Product marketing", role="marketer"
            ),
        )
    finally:
        store.close()


def reps_sync(tmp_path: Path, hub_url: str, name: str, count: int) -> list[str]:
    """A rep's data folder records ``count`` events and its sync sends them to the hub."""
    store = open_store(tmp_path / name / "library.sqlite3")
    try:
        device = str(uuid.uuid4())
        events = record(store, count, device)
        report = RepSync(store, lambda: open_hub(hub_url), device).sync_once()
        assert report.ok and report.sent_events == count
        return [event.id for event in events]
    finally:
        store.close()


def plant_damaged_batches(hub_folder: Path) -> None:
    """Two batch files a rep's sync client mangled, long ago."""
    device = str(uuid.uuid4())
    folder = hub_folder / "devices" / device
    folder.mkdir(parents=True)
    for first, data in ((1, b"this is not gzip at all"), (4, b"\x1f\x8b\x08\x00truncated")):
        path = folder / f"{EventBatch.make_id(device, first, first + 2)}.jsonl.gz"
        path.write_bytes(data)
        os.utime(path, (LONG_AGO, LONG_AGO))


def analytics_ids(app: App) -> set[str]:
    workspace = app.session.workspace
    assert workspace is not None
    store: Store = workspace.store
    with store.sessions() as session:
        return set(session.scalars(select(AnalyticsEvent.id)))


def start_marketer(qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path, hub_url: str) -> App:
    save_marketer(data_paths)
    set_hub(data_paths, hub_url)
    return start_app(qtbot, data_paths, library, tmp_path)


def test_a_marketer_pulls_every_reps_usage_and_again_after_each_sync(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    sent = reps_sync(tmp_path, hub_url, "ana", 12) + reps_sync(tmp_path, hub_url, "ben", 7)
    plant_damaged_batches(tmp_path / "hub")
    app = start_marketer(qtbot, data_paths, library, tmp_path, hub_url)
    window = app.window
    assert window.pull_usage_action.isVisible() and window.publish_action.isVisible()

    lines: list[str] = []
    window.marketing.status_changed.connect(lambda line, _detail: lines.append(line))
    with qtbot.waitSignal(window.marketing.pull_finished, timeout=WAIT) as pulled:
        window.pull_usage_action.trigger()
    assert pulled.args[0].new_events == 19
    # what the status bar said while it ran: the count pulled, then the figures' progress
    assert lines == [
        "Pulling reps' usage from the hub…",
        "Pulling reps' usage from the hub… 19 events",
        "Adding 19 new events to the usage figures… 100%",
        "Pulled 19 events from the hub · 2 batches quarantined",
    ]
    assert window.status_label.text() == "Pulled 19 events from the hub · 2 batches quarantined"
    assert "not gzip data" in window.status_label.toolTip()
    assert analytics_ids(app) == set(sent)
    assert app.session.workspace is not None
    assert pending_events(app.session.workspace.store) == 0  # the reports' rollups count them already
    assert not window.marketing_stop_button.isVisible()
    assert window.pull_usage_action.isEnabled()

    # More usage arrives; the marketer's next sync with the hub (timed or asked for) pulls it too, quietly.
    cal_device = str(uuid.uuid4())
    later = [usage("open", str(uuid.uuid4()), "a" * 32, cal_device) for _ in range(3)]
    push_usage(hub_url, cal_device, later)
    with qtbot.waitSignals([window.sync.sync_finished, window.marketing.pull_finished], timeout=WAIT):
        window.sync_action.trigger()
    own = {event.id for event in app.events("profile")}  # the marketer's own announcement, synced too
    assert len(own) == 1
    assert analytics_ids(app) == set(sent) | {event.id for event in later} | own
    assert window.status_label.text() == "Pulled 19 events from the hub · 2 batches quarantined"
    window.close()


def test_a_pull_stopped_before_it_starts_keeps_the_events_for_the_next_one(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    sent = reps_sync(tmp_path, hub_url, "ana", 5)
    app = start_marketer(qtbot, data_paths, library, tmp_path, hub_url)
    window = app.window
    lane_free = threading.Event()
    window.tasks.run(lambda: lane_free.wait(WAIT / 1000), lane="sync")  # a rep's sync still running

    with qtbot.waitSignal(window.marketing.pull_finished, timeout=WAIT) as pulled:
        window.pull_usage_action.trigger()
        assert window.marketing_stop_button.isVisible()
        assert window.status_label.text() == "Pulling reps' usage from the hub…"
        window.marketing_stop_button.click()
        lane_free.set()
    assert pulled.args[0].cancelled
    assert window.status_label.text() == "Stopped pulling: 0 events kept, the rest come next time"
    assert analytics_ids(app) == set()

    with qtbot.waitSignal(window.marketing.pull_finished, timeout=WAIT):
        window.pull_usage_action.trigger()
    assert analytics_ids(app) == set(sent)
    window.close()


def test_an_unreachable_hub_is_one_clear_line(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    app = start_marketer(qtbot, data_paths, library, tmp_path, (tmp_path / "share-not-mounted").as_uri())
    window = app.window
    with qtbot.waitSignal(window.marketing.pull_failed, timeout=WAIT) as failed:
        window.pull_usage_action.trigger()
    line = window.status_label.text()
    assert line == failed.args[0]
    assert line.startswith("Could not pull reps' usage: the hub folder ")
    assert "cannot be reached" in line
    assert "\n" not in line
    window.close()


def test_a_pull_onto_a_full_disk_is_one_clear_line_and_the_next_pull_takes_the_rest(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    sent = reps_sync(tmp_path, hub_url, "ana", 3_000)
    app = start_marketer(qtbot, data_paths, library, tmp_path, hub_url)
    window = app.window

    with disk_full_after(96 * 1024), qtbot.waitSignal(window.marketing.pull_failed, timeout=WAIT) as failed:
        window.pull_usage_action.trigger()

    line = window.status_label.text()
    assert line == failed.args[0]
    assert line.startswith("Could not pull reps' usage: the disk holding ") and "is full" in line
    assert line.endswith("nothing saved before was lost")
    assert window.pull_usage_action.isEnabled()  # ready to try again
    with qtbot.waitSignal(window.marketing.pull_finished, timeout=WAIT):
        window.pull_usage_action.trigger()
    assert analytics_ids(app) == set(sent)
    window.close()


def test_publish_without_a_signing_key_says_how_to_get_one(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    app = start_marketer(qtbot, data_paths, library, tmp_path, hub_url)
    window = app.window
    with qtbot.waitSignal(window.marketing.publish_failed, timeout=WAIT):
        window.publish_action.trigger()
    line = window.status_label.text()
    assert line.startswith("Cannot publish: no signing key on this computer.")
    assert "catalog-signing-key.pem" in line and "`enablement hub init`" in line
    assert str(data_paths.root) in window.status_label.toolTip()
    assert FolderHub.from_url(hub_url).catalog() is None
    window.close()


def test_publish_signs_the_catalog_and_publishes_the_pulled_figures(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    key = generate_signing_key()
    save_signing_key(key, data_paths.ensure().signing_key)
    app = start_marketer(qtbot, data_paths, library, tmp_path, hub_url)
    window = app.window
    device, rep = str(uuid.uuid4()), str(uuid.uuid4())
    push_usage(hub_url, device, [usage("open", rep, "b" * 32, device), usage("share", rep, "b" * 32, device)])
    with qtbot.waitSignal(window.marketing.pull_finished, timeout=WAIT):
        window.pull_usage_action.trigger()

    with qtbot.waitSignal(window.marketing.publish_finished, timeout=WAIT):
        window.publish_action.trigger()
    assert window.status_label.text() == "Published catalog number 1 (5 assets) and figures for 1 asset"
    hub = FolderHub.from_url(hub_url)
    signed = hub.catalog()
    assert signed is not None and signed.serial == 1
    catalog = verify_catalog(parse_public_key(public_key_text(key)), signed)
    assert catalog.entries["Pricing/pricing-2026.pdf"].status == "approved"
    aggregates = hub.aggregates()
    assert aggregates is not None
    figures = aggregates.assets["b" * 32]
    assert (figures.opens, figures.shares) == (1, 1)
    window.close()


def test_publish_marks_what_the_crms_top_reps_open_as_their_pick(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    save_signing_key(generate_signing_key(), data_paths.ensure().signing_key)
    app = start_marketer(qtbot, data_paths, library, tmp_path, hub_url)
    window = app.window
    deck, sheet = "d" * 32, "s" * 32
    for name, asset in (("ana", deck), ("ben", sheet), ("cleo", sheet), ("dev", sheet)):
        device, rep = str(uuid.uuid4()), str(uuid.uuid4())
        profile = dataclasses.replace(
            usage("profile", rep, deck, device, name=name.title(), email=f"{name}@lumora.example"),
            asset_id=None,
            asset_version=None,
        )
        push_usage(hub_url, device, [profile, *(usage("open", rep, asset, device) for _ in range(5))])
    with qtbot.waitSignal(window.marketing.pull_finished, timeout=WAIT):
        window.pull_usage_action.trigger()
    workspace = app.session.workspace
    assert workspace is not None
    crm = tmp_path / "crm.csv"
    crm.write_text(
        "Owner Email,Fiscal Period,% of Quota\nana@lumora.example,Q3-2026,130%\nben@lumora.example,Q3-2026,90%\n"
        "cleo@lumora.example,Q3-2026,80%\ndev@lumora.example,Q3-2026,70%\n",
        encoding="utf-8",
    )
    import_crm_export(workspace.store, crm, clock=workspace.clock)

    with qtbot.waitSignal(window.marketing.publish_finished, timeout=WAIT) as published:
        window.publish_action.trigger()
    assert published.args is not None and published.args[0].top_reps_picks == 1
    assert window.status_label.toolTip().splitlines()[1] == (
        "Top reps of 2026-Q3 (top 25% by quota attainment): 1 of 4 reps in the CRM import, 1 using the app; "
        '1 asset marked "Top reps\' pick", 1 asset used by top reps this quarter.'
    )
    assert published.args[0].used_by_top_reps == 1
    aggregates = FolderHub.from_url(hub_url).aggregates()
    assert aggregates is not None
    assert aggregates.assets[deck].top_reps_pick and aggregates.assets[deck].top_rep_opens == 5
    assert not aggregates.assets[sheet].top_reps_pick
    window.close()


def test_a_rep_sees_no_marketing_actions_until_their_role_is_marketer(
    qtbot: QtBot, app: App, tmp_path: Path
) -> None:
    window = app.window
    assert not window.pull_usage_action.isVisible()
    assert not window.publish_action.isVisible()
    menu = window.profile_button.menu()
    shown = [action.text() for action in menu.actions() if action.isVisible()]
    assert "Sync with marketing now" in shown
    assert "Pull reps' usage" not in shown and "Publish catalog and figures" not in shown
    with qtbot.assertNotEmitted(window.marketing.busy_changed, wait=100):
        window.pull_usage_action.trigger()  # even when triggered some other way, a rep's window does nothing
        window.publish_action.trigger()

    profile = app.session.profile
    assert profile is not None
    with qtbot.waitSignal(app.session.profile_changed, timeout=WAIT):
        app.session.update_profile(dataclasses.replace(profile, role="marketer"))
    assert window.pull_usage_action.isVisible() and window.publish_action.isVisible()
