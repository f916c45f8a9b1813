"""Other reps' usage on a real folder hub, and marketing's ingest and publish of it, for the window tests.

Events are made as the recorder makes them and pushed in the batches a rep's sync sends; marketing's side
runs the real ``ingest`` and ``publish`` on a data folder of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from enablement_app.paths import DataPaths
from enablement_app.store import open_store
from enablement_app.sync.catalog_signing import public_key_text
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.hub import EventBatch
from enablement_app.sync.hub_catalog import HUB_KEY_SETTING
from enablement_app.sync.marketing_sync import Published, ingest, publish
from enablement_app.usage.events import UsageEvent, new_event_id
from tests.conftest import FIXED_NOW, Clock

DETAILS = {
    "open": {"target": "preview"},
    "share": {"channel": "email"},
}


def usage(kind: str, rep_id: str, asset_id: str, device_id: str, **details: object) -> UsageEvent:
    return UsageEvent(
        id=new_event_id(),
        kind=kind,
        occurred_at=FIXED_NOW,
        rep_id=rep_id,
        device_id=device_id,
        asset_id=asset_id,
        asset_version=1,
        details={**DETAILS.get(kind, {}), **details},
        rep_team="Mid-market West",
        rep_region="EMEA",
        rep_role="rep",
    )


def push_usage(hub_url: str, device_id: str, events: Sequence[UsageEvent], *, first_seq: int = 1) -> None:
    """Send ``events`` as one device's outbox rows ``first_seq`` onwards, as its sync would."""
    batch = EventBatch(
        EventBatch.make_id(device_id, first_seq, first_seq + len(events) - 1), device_id, tuple(events)
    )
    hub = FolderHub.from_url(hub_url)
    try:
        hub.push(batch)
    finally:
        hub.close()


def trust_key(paths: DataPaths, key: Ed25519PrivateKey) -> None:
    """Pin marketing's public key in a rep's data folder, as `enablement hub connect --key` does."""
    store = open_store(paths.ensure().database)
    try:
        store.set_setting(HUB_KEY_SETTING, public_key_text(key))
    finally:
        store.close()


def ingest_and_publish(
    marketer: DataPaths,
    hub_url: str,
    library: Path,
    key: Ed25519PrivateKey,
    *,
    top_reps: Collection[str] = (),
) -> Published:
    """Marketing's `enablement hub ingest` then `enablement hub publish`, from a data folder of its own."""
    store = open_store(marketer.ensure().database)
    hub = FolderHub.from_url(hub_url)
    try:
        clock = Clock(FIXED_NOW + dt.timedelta(hours=1))
        ingest(store, hub, clock=clock)
        return publish(store, hub, key, library, clock=clock, top_reps=top_reps)
    finally:
        hub.close()
        store.close()
