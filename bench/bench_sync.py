"""How fast usage reaches marketing through the shared-folder hub.

Run from the checkout: ``.venv/bin/python bench/bench_sync.py [--events N] [--ingest N] [--out DIR]``.

1. send: N events (default 100,000) generated straight into a real outbox (one bulk insert, not timed), then
   ``RepSync.sync_once()`` to a ``FolderHub``: seconds from the first outbox read to the last batch
   confirmed and the cursor moved. Target: under 5 s.
2. ingest: N events (default 1,000,000) in batch files of 5,000 from 20 devices, written as reps write
   them (not timed), then ``marketing_sync.ingest`` into a real analytics store (an SQLite file), as
   ``enablement hub ingest`` runs it: events per second. Target: 50,000 or more.

It prints each figure, then one JSON line (``... | tail -1``). It measures; it does not assert.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from bench.machine_speed import describe, reference_loop_seconds
from enablement_app.store import open_store
from enablement_app.store.models import OutboxEvent
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.hub import EventBatch
from enablement_app.sync.marketing_sync import ingest
from enablement_app.sync.rep_sync import BATCH_SIZE, RepSync
from enablement_app.usage.events import new_event_id
from enablement_app.usage.profile import device_id

SEND_TARGET_SECONDS = 5.0
INGEST_TARGET_PER_SECOND = 50_000
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
KINDS = ("open", "page_view", "search", "share", "rate")


def details_for(kind: str, number: int) -> dict[str, object]:
    """Details the size a real event has: a search carries its query and filters, a rating a comment."""
    if kind == "open":
        return {"target": "preview"}
    if kind == "page_view":
        return {"page": number % 40 + 1, "dwell_ms": 1200 + number % 30_000}
    if kind == "search":
        return {
            "query": f"pricing discount approval {number % 97}",
            "result_count": number % 30,
            "clicked_rank": 1 + number % 3,
            "filters": {"stage": ["decision"]},
        }
    if kind == "share":
        return {"channel": "email"}
    return {"stars": 1 + number % 5, "comment": "Used it with the CFO", "used_in_deal": number % 2 == 0}


def fill_outbox(database: Path, count: int) -> tuple[float, str]:
    """``count`` events in the outbox by one bulk insert; returns its seconds and the device id."""
    store = open_store(database)
    device = device_id(store)
    rep = str(uuid.uuid4())
    started = time.perf_counter()
    rows = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        rows.append(
            {
                "id": new_event_id(),
                "kind": kind,
                "occurred_at": START + dt.timedelta(seconds=number),
                "rep_id": rep,
                "device_id": device,
                "rep_team": "Mid-market West",
                "rep_region": "EMEA",
                "rep_role": "rep",
                "asset_id": None if kind == "search" else f"{number % 500:032x}",
                "asset_version": None if kind == "search" else 1,
                "details": json.dumps(details_for(kind, number), separators=(",", ":")),
            }
        )
    with store.sessions.begin() as session:
        session.execute(insert(OutboxEvent), rows)
    store.close()
    return time.perf_counter() - started, device


def write_batches(hub: FolderHub, count: int, devices: int) -> int:
    """``count`` events as batch files of ``BATCH_SIZE`` lines, spread over ``devices`` devices, in the
    exact bytes ``FolderHub.push`` writes (JSON lines of ``UsageEvent.to_dict``, gzip)."""
    per_device = count // devices
    written = 0
    for _ in range(devices):
        device = str(uuid.uuid4())
        rep = str(uuid.uuid4())
        folder = hub.root / "devices" / device
        folder.mkdir(parents=True)
        for first in range(1, per_device + 1, BATCH_SIZE):
            last = min(per_device, first + BATCH_SIZE - 1)
            lines = []
            for number in range(first, last + 1):
                kind = KINDS[number % len(KINDS)]
                event = {
                    "id": new_event_id(),
                    "kind": kind,
                    "occurred_at": (START + dt.timedelta(seconds=number)).isoformat(),
                    "rep_id": rep,
                    "device_id": device,
                    "rep_team": "Mid-market West",
                    "rep_region": "EMEA",
                    "rep_role": "rep",
                    "asset_id": None if kind == "search" else f"{number % 500:032x}",
                    "asset_version": None if kind == "search" else 1,
                    "details": details_for(kind, number),
                }
                lines.append(json.dumps(event, separators=(",", ":")))
            lines.append("")
            name = f"{EventBatch.make_id(device, first, last)}.jsonl.gz"
            (folder / name).write_bytes(gzip.compress("\n".join(lines).encode(), 3))
            written += last - first + 1
    return written


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000, help="events to send (default 100,000)")
    parser.add_argument("--ingest", type=int, default=1_000_000, help="events to ingest (default 1,000,000)")
    parser.add_argument("--out", type=Path, help="work folder, emptied first (default: a temporary one)")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    figures: dict[str, object] = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "load_start": load(),
    }
    print(f"load average at start: {figures['load_start']}", flush=True)
    figures["reference_loop_seconds"] = reference = round(reference_loop_seconds(), 3)
    print(f"reference loop: {describe(reference)}", flush=True)

    # 1. send
    filled, device = fill_outbox(work / "data" / "library.sqlite3", args.events)
    print(f"outbox filled with {args.events:,} events in {filled:.1f} s (not part of the figure)", flush=True)
    send_hub = FolderHub.create((work / "send-hub").as_uri())
    store = open_store(work / "data" / "library.sqlite3")
    sync = RepSync(store, lambda: send_hub, device)
    started, cpu = time.perf_counter(), time.process_time()
    report = sync.sync_once()
    send_seconds, send_cpu = time.perf_counter() - started, time.process_time() - cpu
    store.close()
    assert report.ok and report.sent_events == args.events, report
    size = sum(path.stat().st_size for path in (send_hub.root / "devices").rglob("*.gz"))
    print(
        f"send: {report.sent_events:,} events in {report.sent_batches} batches in {send_seconds:.2f} s "
        f"({report.sent_events / send_seconds:,.0f} events/s, {send_cpu:.2f} s of CPU, {size / 1e6:.1f} MB on the hub; "
        f"target < {SEND_TARGET_SECONDS:.0f} s)",
        flush=True,
    )
    figures.update(
        send_events=report.sent_events,
        send_seconds=round(send_seconds, 3),
        send_cpu_seconds=round(send_cpu, 3),
        send_bytes=size,
    )

    # 2. ingest
    ingest_hub = FolderHub.create((work / "ingest-hub").as_uri())
    written = write_batches(ingest_hub, args.ingest, devices=20)
    print(f"wrote {written:,} events in batch files (not part of the figure)", flush=True)
    analytics = open_store(work / "marketing" / "library.sqlite3")
    started, cpu = time.perf_counter(), time.process_time()
    ingested = ingest(analytics, ingest_hub, clock=lambda: dt.datetime.now(dt.UTC))
    ingest_seconds, ingest_cpu = time.perf_counter() - started, time.process_time() - cpu
    analytics.close()
    assert not ingested.quarantined, ingested.quarantined[:3]
    assert ingested.new_events == written, (ingested, written)
    pulled = ingested.new_events
    rate = pulled / ingest_seconds
    print(
        f"ingest: {pulled:,} events in {ingest_seconds:.2f} s = {rate:,.0f} events/s "
        f"({pulled / ingest_cpu:,.0f} per CPU second) "
        f"(target >= {INGEST_TARGET_PER_SECOND:,})",
        flush=True,
    )
    figures.update(
        ingest_events=pulled, ingest_seconds=round(ingest_seconds, 3), ingest_per_second=round(rate)
    )
    figures["load_end"] = load()
    figures["reference_loop_seconds_end"] = reference = round(reference_loop_seconds(), 3)
    print(f"reference loop at end: {describe(reference)}")
    print(f"load average at end: {figures['load_end']}")
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
