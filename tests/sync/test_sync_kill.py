"""A rep's sync killed at random moments, over and over: afterwards every event is on the hub exactly once."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from enablement_app.store import open_store
from enablement_app.store.models import OutboxEvent
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.rep_sync import RepSync
from enablement_app.usage.profile import device_id
from tests.sync.events import record
from tests.sync.hubs import pull_all

# The rep's sync as the app runs it, with tiny batches so that a kill lands inside a push (temp file
# written, renamed or not), between a push and the cursor's commit, or inside that commit. Importing
# SQLAlchemy takes most of a second, so this process imports once and forks a fresh process for each sync
# (a batch size on stdin), tells its pid, and reports how it ended once the test has killed it.
SYNCING_APP = textwrap.dedent(
    """
    import os, sys, traceback
    from pathlib import Path
    from enablement_app.store import open_store
    from enablement_app.sync.folder_hub import FolderHub
    from enablement_app.sync.rep_sync import RepSync
    from enablement_app.usage.profile import device_id

    print("ready", flush=True)
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            code = 2
            try:
                store = open_store(Path(sys.argv[1]))
                hub = FolderHub(Path(sys.argv[2]))
                report = RepSync(store, lambda: hub, device_id(store), batch_size=int(line)).sync_once()
                code = 0 if report.ok else 1
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        print(pid, flush=True)
        sys.stdin.readline()  # reaped only when the test says so, so the pid it kills is never reused
        print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
    """
)
KILLS = 60
EVENTS_PER_ROUND = 40


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="forks a process for each sync")
def test_killing_a_sync_at_random_moments_leaves_every_event_on_the_hub_once(tmp_path: Path) -> None:
    database = tmp_path / "data" / "library.sqlite3"
    hub = FolderHub.create((tmp_path / "hub").as_uri())
    store = open_store(database)
    device = device_id(store)
    chance = random.Random(20261125)
    project_root = Path(__file__).resolve().parents[2]
    killed = finished = 0
    started = time.monotonic()
    app = subprocess.Popen(
        [sys.executable, "-c", SYNCING_APP, str(database), str(hub.root)],
        cwd=project_root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert app.stdin is not None and app.stdout is not None
    try:
        assert app.stdout.readline().strip() == "ready"
        while killed < KILLS:
            record(store, EVENTS_PER_ROUND, device)  # the rep kept working since the last try
            # batch sizes change between runs, so a resend cuts the outbox differently from the first send
            app.stdin.write(f"{chance.choice((5, 7, 11))}\n")
            app.stdin.flush()
            pid = int(app.stdout.readline())
            time.sleep(chance.uniform(0.0, 0.25))
            os.kill(pid, signal.SIGKILL)  # a sync that finished is a zombie until reaped: no effect then
            app.stdin.write("reap\n")
            app.stdin.flush()
            ended = int(app.stdout.readline())
            if ended == -signal.SIGKILL:
                killed += 1
            else:
                assert ended == 0, "a sync failed on its own: see its traceback above"
                finished += 1
        app.stdin.close()
        assert app.wait(30) == 0

        final = RepSync(store, lambda: hub, device, batch_size=7).sync_once()
        assert final.ok and final.waiting_events == 0
        with store.sessions() as session:
            outbox = list(session.scalars(select(OutboxEvent.id)))
    finally:
        store.close()
        if app.poll() is None:
            app.kill()

    assert len(outbox) == EVENTS_PER_ROUND * (killed + finished)
    for limit in (1_000_000, 40):  # one pull, and many small ones that each see part of the overlaps
        pulled, _ = pull_all(hub, limit=limit)
        counts = Counter(event.id for event in pulled)
        assert set(counts) == set(outbox), f"{len(set(outbox) - set(counts))} events never reached the hub"
        assert [event_id for event_id, count in counts.items() if count > 1] == []
    # the kills did land between a push and its cursor: some ranges were sent again, cut differently
    ranges = sorted(
        tuple(int(part) for part in path.name.removesuffix(".jsonl.gz").rsplit("-", 2)[1:])
        for path in (hub.root / "devices" / device).glob("*.jsonl.gz")
    )
    resent = sum(1 for before, after in itertools.pairwise(ranges) if after[0] <= before[1])
    assert resent > 0
    print(
        f"{killed} kills, {finished} syncs that finished first, {len(outbox)} events, {len(ranges)} batch "
        f"files of which {resent} overlap the one before, {time.monotonic() - started:.1f} s"
    )
