"""How long 100,000 queued usage events take to reach a PostgreSQL hub, from a rep's outbox.

Run from the checkout: ``.venv/bin/python bench/bench_postgres_hub.py [--events N] [--batch N]``. It starts a
throwaway PostgreSQL server (as the tests do; or uses ``--admin-url``), sets it up as a hub with a rep login,
fills a real SQLite outbox with N events, then times what a sync does: read the outbox in ``seq`` order into
usage events, and push them in batches as the rep. It prints the figures, the load average (the reference
machine has 2 cores shared with other work) and a JSON line at the end. Target: under 5 s for 100,000.
It measures; it does not assert.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from enablement_app.store import open_store
from enablement_app.store.models import OutboxEvent
from enablement_app.sync.hub import EventBatch
from enablement_app.sync.postgres_admin import create_hub_login, setup_postgres_hub
from enablement_app.sync.postgres_hub import PostgresHub
from enablement_app.usage.events import UsageEvent
from enablement_app.usage.outbox import store_events
from tests.postgres import create_database, start_postgres_server

TARGET_SECONDS = 5.0
KINDS = ("open", "page_view", "page_view", "page_view", "search", "share", "rate")


def queued_events(count: int) -> list[UsageEvent]:
    """A realistic mix: mostly page views, with the details each kind records."""
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    rep, device = str(uuid.uuid4()), str(uuid.uuid4())
    events = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        details: dict[str, object] = {
            "open": {"target": "preview"},
            "page_view": {"page": number % 40 + 1, "seconds": 7.5},
            "search": {"query": "pricing discount approval", "results": 12},
            "share": {"channel": "email"},
            "rate": {"stars": 4, "used_in_deal": True},
        }[kind]
        events.append(
            UsageEvent(
                id=str(uuid.uuid4()),
                kind=kind,
                occurred_at=start + dt.timedelta(seconds=number),
                rep_id=rep,
                device_id=device,
                asset_id=None if kind == "search" else f"{number % 500:032x}",
                asset_version=None if kind == "search" else 1,
                details=details,
                rep_team="Mid-market",
                rep_region="EMEA",
                rep_role="rep",
            )
        )
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=100_000, help="events per push (default: all at once)")
    parser.add_argument("--admin-url", help="an existing server's superuser URL with a database to use")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-pg-hub-"))
    server = None
    try:
        if options.admin_url:
            admin_url = options.admin_url
        else:
            server = start_postgres_server(durable=True)
            admin_url = create_database(server, "bench_hub")
        setup_postgres_hub(admin_url)
        create_hub_login(admin_url, "bench_rep", "bench-password", "rep")
        rep_url = admin_url.split("://", 1)[1].split("@", 1)[1]
        hub = PostgresHub(f"postgresql://bench_rep@{rep_url}", password="bench-password")

        store = open_store(work / "library.sqlite3")
        store_events(store, queued_events(options.events))

        started = time.perf_counter()
        with store.sessions() as session:
            rows = session.execute(select(OutboxEvent.__table__).order_by(OutboxEvent.seq)).all()
            events = [UsageEvent.from_row(row) for row in rows]  # type: ignore[arg-type]
        read = time.perf_counter()
        for first in range(0, len(events), options.batch):
            chunk = tuple(events[first : first + options.batch])
            hub.push(
                EventBatch(
                    EventBatch.make_id(chunk[0].device_id, first + 1, first + len(chunk)), "bench", chunk
                )
            )
        pushed = time.perf_counter()
        hub.push(EventBatch("resend", "bench", tuple(events)))  # a resend after a crash: nothing is added
        resent = time.perf_counter()

        with PostgresHub(admin_url) as admin:
            stored = admin.pull_events(None, limit=options.events + 1)
        hub.close()
        store.close()

        load = os.getloadavg()
        figures = {
            "events": options.events,
            "batch": options.batch,
            "read_outbox_s": round(read - started, 3),
            "push_s": round(pushed - read, 3),
            "total_s": round(pushed - started, 3),
            "resend_s": round(resent - pushed, 3),
            "stored_on_hub": len(stored.events),
            "load_average": [round(value, 2) for value in load],
            "target_s": TARGET_SECONDS,
        }
        print(f"read the outbox ({options.events:,} events): {figures['read_outbox_s']:.2f} s")
        print(f"push in batches of {options.batch:,}:          {figures['push_s']:.2f} s")
        print(
            f"total, outbox to hub:                    {figures['total_s']:.2f} s (target < {TARGET_SECONDS} s)"
        )
        print(f"resend of everything (all duplicates):   {figures['resend_s']:.2f} s")
        print(
            f"events on the hub: {len(stored.events):,}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        print(json.dumps(figures))
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.base, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
