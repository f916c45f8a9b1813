"""The rep's sync on a real store and a real hub: the cursor moves only after the hub confirmed a batch."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from enablement_app.store import Store, open_store
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.hub import HUB_URL_SETTING, Hub
from enablement_app.sync.rep_sync import BackoffPolicy, RepSync, SyncStatus, hub_from_settings
from enablement_app.usage.profile import device_id
from tests.conftest import Clock
from tests.sync.events import record
from tests.sync.hubs import pull_all, unwritable


def test_sync_sends_the_outbox_in_batches_and_moves_the_cursor(
    store: Store, hub: Hub, hub_factory: Callable[[], Hub], clock: Clock
) -> None:
    device = device_id(store)
    events = record(store, 23, device)
    sync = RepSync(store, hub_factory, device, clock=clock, batch_size=10)
    assert sync.status().waiting_events == 23

    report = sync.sync_once()

    assert (report.sent_events, report.sent_batches, report.waiting_events, report.error) == (23, 3, 0, None)
    assert pull_all(hub)[0] == events
    assert sync.cursor() == 23
    assert sync.status().describe(clock.now) == "No hub set up · all sent"  # the factory, not a setting
    assert sync.sync_once().sent_events == 0

    more = record(store, 4, device)
    assert sync.status().waiting_events == 4
    assert sync.sync_once().sent_batches == 1
    assert Counter(event.id for event in pull_all(hub)[0]) == Counter(event.id for event in events + more)


def test_the_cursor_stays_on_the_last_batch_the_hub_confirmed(store: Store, folder_hub: FolderHub) -> None:
    device = device_id(store)
    events = record(store, 12, device)
    batches = 0

    def lose_write_access_after_the_first_batch() -> bool:
        nonlocal batches
        batches += 1
        if batches == 2:
            stack.enter_context(unwritable(folder_hub.root / "devices" / device))
        return False

    with contextlib.ExitStack() as stack:
        report = RepSync(store, lambda: folder_hub, device, batch_size=5).sync_once(
            lose_write_access_after_the_first_batch
        )
    sync = RepSync(store, lambda: folder_hub, device, batch_size=5)
    assert (report.sent_events, report.waiting_events, report.refused) == (5, 7, True)
    assert report.error is not None and "permission denied" in report.error
    assert sync.cursor() == 5
    assert pull_all(folder_hub)[0] == events[:5]
    assert sync.status().failures == 1

    assert sync.sync_once().sent_events == 7
    assert pull_all(folder_hub)[0] == events
    assert sync.status().failures == 0


def test_an_unreachable_hub_keeps_events_waiting_and_says_why(
    store: Store, folder_hub: FolderHub, clock: Clock
) -> None:
    device = device_id(store)
    store.set_setting(HUB_URL_SETTING, folder_hub.url)
    record(store, 3, device)
    sync = RepSync(store, lambda: hub_from_settings(store), device, clock=clock)
    assert sync.sync_once().ok
    synced_at = clock.now
    record(store, 14, device)
    aside = folder_hub.root.with_name("unmounted")
    folder_hub.root.rename(aside)  # the share drops off the network

    for minutes in (2, 3):
        clock.now = synced_at + dt.timedelta(minutes=minutes)
        report = sync.sync_once()
        assert not report.ok and not report.refused
        assert report.waiting_events == 14

    status = sync.status()
    assert status == SyncStatus(
        hub_url=folder_hub.url,
        last_success_at=synced_at,
        last_attempt_at=clock.now,
        last_error=report.error,
        waiting_events=14,
        failures=2,
    )
    assert status.describe(clock.now) == (
        f"Synced 3 min ago · 14 events waiting · last try failed: {report.error}"
    )
    assert "cannot be reached" in str(report.error)
    assert sync.cursor() == 3

    aside.rename(folder_hub.root)
    assert sync.sync_once().sent_events == 14
    assert sync.status().describe(clock.now) == "Synced just now · all sent"


def test_without_a_hub_address_sync_says_how_to_set_one(store: Store) -> None:
    record(store, 2, device_id(store))
    sync = RepSync(store, lambda: hub_from_settings(store), device_id(store))
    report = sync.sync_once()
    assert report.refused
    assert report.error == "no hub is set up yet: run `enablement hub connect URL` with marketing's address"
    assert sync.status().describe(dt.datetime.now(dt.UTC)).startswith("No hub set up · 2 events waiting")


def test_should_stop_ends_the_sync_between_batches(store: Store, folder_hub: FolderHub) -> None:
    device = device_id(store)
    record(store, 9, device)
    calls = iter([False, False, True])
    report = RepSync(store, lambda: folder_hub, device, batch_size=2).sync_once(lambda: next(calls))
    assert (report.sent_events, report.stopped, report.waiting_events) == (4, True, 5)


def test_the_back_off_doubles_from_15_seconds_to_15_minutes() -> None:
    policy = BackoffPolicy()
    assert [policy.delay(failures) for failures in range(8)] == [300, 15, 30, 60, 120, 240, 480, 900]
    assert policy.delay(10_000) == 900


def test_fetch_published_hands_over_what_marketing_published(store: Store, folder_hub: FolderHub) -> None:
    sync = RepSync(store, lambda: folder_hub, device_id(store))
    published = sync.fetch_published()
    assert (published.catalog, published.aggregates) == (None, None)


def test_two_stores_of_one_hub_keep_their_devices_apart(
    tmp_path: Path, store: Store, folder_hub: FolderHub
) -> None:
    other = open_store(tmp_path / "laptop" / "library.sqlite3")
    try:
        mine, theirs = record(store, 5, device_id(store)), record(other, 7, device_id(other))
        RepSync(store, lambda: folder_hub, device_id(store)).sync_once()
        RepSync(other, lambda: folder_hub, device_id(other)).sync_once()
    finally:
        other.close()
    assert sorted(path.name for path in (folder_hub.root / "devices").iterdir()) == sorted(
        [device_id(store), theirs[0].device_id]
    )
    assert {event.id for event in pull_all(folder_hub)[0]} == {event.id for event in mine + theirs}
    shutil.rmtree(tmp_path / "laptop")
