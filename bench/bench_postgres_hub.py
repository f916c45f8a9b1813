"""How long 100,000 queued usage events take to reach a PostgreSQL hub, from a rep's outbox.

Run from the checkout: ``.venv/bin/python bench/bench_postgres_hub.py [--events N] [--batch N]``. It starts a
throwaway PostgreSQL server (as the tests do, with fsync on; or uses ``--admin-url``), sets it up as a hub
with a rep login, fills a real outbox with N events (one bulk insert, not timed, as ``bench_sync.py`` does),
then times ``RepSync.sync_once()`` as that rep: from the first outbox read to the last batch confirmed and
the cursor moved. It also times a resend of everything (all duplicates) and prints the load average (the
reference machine has 2 cores shared with other work), then one JSON line. Target: under 5 s for 100,000.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bench.bench_sync import fill_outbox
from enablement_app.store import open_store
from enablement_app.store.models import OutboxEvent
from enablement_app.sync.hub import EventBatch
from enablement_app.sync.postgres_admin import create_hub_login, setup_postgres_hub
from enablement_app.sync.postgres_hub import PostgresHub
from enablement_app.sync.rep_sync import BATCH_SIZE, RepSync
from enablement_app.usage.events import UsageEvent
from tests.postgres import create_database, start_postgres_server

TARGET_SECONDS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--batch", type=int, default=BATCH_SIZE, help=f"events per push (default {BATCH_SIZE:,})"
    )
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
        host_and_database = admin_url.split("://", 1)[1].split("@", 1)[1]
        rep_url = f"postgresql://bench_rep@{host_and_database}"

        database = work / "library.sqlite3"
        _, device = fill_outbox(database, options.events)
        store = open_store(database)
        hub = PostgresHub(rep_url, password="bench-password")
        sync = RepSync(
            store, lambda: hub, device, clock=lambda: dt.datetime.now(dt.UTC), batch_size=options.batch
        )

        started = time.perf_counter()
        report = sync.sync_once()
        sent = time.perf_counter() - started
        assert report.error is None, report.error

        with store.sessions() as session:
            rows = session.execute(select(OutboxEvent.__table__).order_by(OutboxEvent.seq)).all()
        everything = tuple(UsageEvent.from_row(row) for row in rows)  # type: ignore[arg-type]
        started = time.perf_counter()
        hub.push(EventBatch("resend", device, everything))  # a resend after a crash: nothing is added
        resent = time.perf_counter() - started
        hub.close()
        store.close()

        with PostgresHub(admin_url) as admin:
            stored = admin.pull_events(None, limit=options.events + 1)

        load = os.getloadavg()
        figures = {
            "events": options.events,
            "batch": options.batch,
            "sync_once_s": round(sent, 3),
            "resend_all_s": round(resent, 3),
            "stored_on_hub": len(stored.events),
            "load_average": [round(value, 2) for value in load],
            "target_s": TARGET_SECONDS,
        }
        print(f"RepSync.sync_once, {options.events:,} events in batches of {options.batch:,}: {sent:.2f} s")
        print(f"  (target < {TARGET_SECONDS} s); resend of everything, all duplicates: {resent:.2f} s")
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
