"""Marketing's side of the hub, on every backend: ingest reps' events once, publish a signed catalog."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from enablement_app.catalog import Catalog, CatalogEntry, CatalogError, save_catalog
from enablement_app.store import Store
from enablement_app.store.models import AnalyticsEvent, AnalyticsSender, HubQuarantine
from enablement_app.sync.catalog_signing import SignatureError, generate_signing_key, verify_catalog
from enablement_app.sync.hub import EventBatch, Hub
from enablement_app.sync.marketing_sync import ingest, publish
from enablement_app.usage.events import UsageEvent
from tests.conftest import FIXED_NOW, Clock
from tests.sync.events import make_events

DEVICE_A = "0b8e2a2e-0000-4000-8000-00000000000a"
DEVICE_B = "0b8e2a2e-0000-4000-8000-00000000000b"


def push(hub: Hub, device: str, first_seq: int, count: int, *, offset: int = 0) -> list[str]:
    events = make_events(count, device, offset=offset)
    hub.push(EventBatch(EventBatch.make_id(device, first_seq, first_seq + count - 1), device, tuple(events)))
    return [event.id for event in events]


def stored_ids(store: Store) -> list[str]:
    with store.sessions() as session:
        return list(session.scalars(select(AnalyticsEvent.id)))


def test_ingest_stores_every_reps_events_once_and_resumes(hub: Hub, store: Store, clock: Clock) -> None:
    sent = push(hub, DEVICE_A, 1, 40) + push(hub, DEVICE_B, 1, 25, offset=100)
    report = ingest(store, hub, clock=clock, limit=16)
    assert (report.pulled_events, report.new_events, report.quarantined) == (65, 65, [])
    assert sorted(stored_ids(store)) == sorted(sent)

    again = ingest(store, hub, clock=clock)
    assert (again.pulled_events, again.new_events) == (0, 0)  # the cursor remembers what was ingested

    more = push(hub, DEVICE_A, 41, 5, offset=40)
    assert ingest(store, hub, clock=clock).new_events == 5
    assert sorted(stored_ids(store)) == sorted(sent + more)


def test_stored_events_read_back_through_the_models_as_they_were_sent(
    hub: Hub, store: Store, clock: Clock
) -> None:
    """Rows are written as JSON straight to SQLite; the ORM must read back exactly what reps recorded."""
    events = make_events(12, DEVICE_A)
    hub.push(EventBatch(EventBatch.make_id(DEVICE_A, 1, 12), DEVICE_A, tuple(events)))
    ingest(store, hub, clock=clock)
    with store.sessions() as session:
        rows = session.execute(
            select(AnalyticsEvent, AnalyticsSender).join(
                AnalyticsSender, AnalyticsSender.key == AnalyticsEvent.sender
            )
        ).all()
        senders = session.scalar(select(func.count()).select_from(AnalyticsSender))
    read_back = {
        event.id: UsageEvent(
            id=event.id,
            kind=event.kind,
            occurred_at=event.occurred_at,
            rep_id=sender.rep_id,
            device_id=sender.device_id,
            asset_id=event.asset_id,
            asset_version=event.asset_version,
            details=json.loads(event.details),
            rep_team=sender.rep_team,
            rep_region=sender.rep_region,
            rep_role=sender.rep_role,
        )
        for event, sender in rows
    }
    assert read_back == {event.id: event for event in events}
    assert {event.ingested_at for event, _ in rows} == {FIXED_NOW}
    assert senders == len({(e.rep_id, e.device_id, e.rep_team, e.rep_region, e.rep_role) for e in events})


def test_ingesting_the_same_events_again_from_scratch_adds_nothing(
    hub: Hub, store: Store, clock: Clock
) -> None:
    push(hub, DEVICE_A, 1, 30)
    ingest(store, hub, clock=clock)
    store.set_setting("hub_ingest_cursor", "")  # as if the cursor were lost in a crash
    with store.sessions.begin() as session:
        session.query(AnalyticsEvent).delete()
    first = ingest(store, hub, clock=clock)
    second = ingest(store, hub, clock=clock)
    assert first.new_events == 30
    assert second.new_events == 0
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AnalyticsEvent)) == 30


def test_ingest_can_be_stopped_before_it_pulls(hub: Hub, store: Store, clock: Clock) -> None:
    push(hub, DEVICE_A, 1, 10)
    report = ingest(store, hub, clock=clock, should_stop=lambda: True)
    assert report.cancelled and report.pulled_events == 0
    assert stored_ids(store) == []


def test_publish_signs_the_folder_catalog_with_the_next_serial(
    hub: Hub, store: Store, clock: Clock, tmp_path: Path
) -> None:
    library = tmp_path / "collateral"
    library.mkdir()
    save_catalog(library, Catalog(library="Lumora", entries={"a.pdf": CatalogEntry(status="approved")}))
    key = generate_signing_key()
    push(hub, DEVICE_A, 1, 12)
    ingest(store, hub, clock=clock)

    first = publish(store, hub, key, library, clock=clock)
    second = publish(store, hub, key, library, clock=clock)
    assert (first.serial, second.serial) == (1, 2)
    signed = hub.catalog()
    assert signed is not None and signed.serial == 2
    assert verify_catalog(key.public_key(), signed).entries["a.pdf"].status == "approved"
    with pytest.raises(SignatureError):
        verify_catalog(generate_signing_key().public_key(), signed)
    aggregates = hub.aggregates()
    assert aggregates is not None
    opened = {asset for asset, figures in aggregates.assets.items() if figures.opens}
    assert opened  # the ingested opens are counted per asset


def test_a_manifest_reps_could_not_read_is_never_signed(
    hub: Hub, store: Store, clock: Clock, tmp_path: Path
) -> None:
    library = tmp_path / "collateral"
    library.mkdir()
    (library / "catalog.json").write_text(json.dumps({"format": 1, "assets": {"a.pdf": {"status": "live"}}}))
    with pytest.raises(CatalogError):
        publish(store, hub, generate_signing_key(), library, clock=clock)
    assert hub.catalog() is None


def test_quarantined_batches_are_recorded_with_their_reason(
    store: Store, clock: Clock, folder_hub: Hub
) -> None:
    push(folder_hub, DEVICE_A, 1, 8)
    device = Path(folder_hub.url.removeprefix("file://")) / "devices" / DEVICE_B
    device.mkdir(parents=True)
    damaged = device / f"{EventBatch.make_id(DEVICE_B, 1, 3)}.jsonl.gz"
    damaged.write_bytes(b"not gzip at all")
    long_ago = time.time() - 3600  # not a file a synced folder may still be filling
    os.utime(damaged, (long_ago, long_ago))
    report = ingest(store, folder_hub, clock=clock)
    assert report.new_events == 8
    assert len(report.quarantined) == 1
    with store.sessions() as session:
        reasons = list(session.scalars(select(HubQuarantine.reason)))
    assert len(reasons) == 1 and reasons[0]
