"""An app killed at any moment, or writing to a full disk, loses no usage event it recorded."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import OutboxEvent
from enablement_app.usage.profile import RepProfile, save_profile

# Records events as fast as a busy rep never could, with short pauses so kills also land while the
# background thread is idle, and prints each event's id only after its record call returned.
RECORDING_APP = textwrap.dedent(
    """
    import random, sys, time
    from pathlib import Path
    from enablement_app.paths import DataPaths
    from enablement_app.store import open_store
    from enablement_app.usage.profile import device_id, load_profile
    from enablement_app.usage.recorder import UsageRecorder

    paths = DataPaths(Path(sys.argv[1]))
    store = open_store(paths.database)
    recorder = UsageRecorder(store, paths.usage_spool_dir, load_profile(store), device_id(store))
    chance = random.Random(int(sys.argv[2]))
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        asset = f"{number % 7:032x}"
        kind = number % 4
        if kind == 0:
            event = recorder.record_open(asset, 1, target="preview")
        elif kind == 1:
            event = recorder.record_page_view(asset, 1, number % 9 + 1, 1500)
        elif kind == 2:
            event = recorder.record_rating(asset, 1, number % 5 + 1)
        else:
            event = recorder.record_search("pricing", 4, 2, asset, 1)
        print(event.id, flush=True)
        if chance.random() < 0.05:
            time.sleep(chance.uniform(0.0, 0.05))
    """
)


@pytest.mark.slow
def test_killing_a_recording_app_at_random_moments_loses_no_returned_event(tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, workers=1) as workspace:
        save_profile(workspace.store, RepProfile.new(name="Dana Smith", email="dana@lumora.example"))
    chance = random.Random(20261124)
    printed: list[str] = []
    project_root = Path(__file__).resolve().parents[2]

    for round_number in range(4):
        process = subprocess.Popen(
            [sys.executable, "-c", RECORDING_APP, str(data.root), str(round_number)],
            cwd=project_root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready", process.stderr.read() if process.stderr else ""
        lines: list[str] = []
        reader = threading.Thread(target=lines.extend, args=(process.stdout,), daemon=True)
        reader.start()
        time.sleep(chance.uniform(0.2, 1.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
        reader.join(10)
        # A line cut short by the kill is an id whose print did not finish; its event may or may not be kept.
        ids = [line.strip() for line in lines if line.endswith("\n")]
        assert ids, "the app recorded nothing before it was killed"
        printed.extend(ids)

    with Workspace(data, workers=1) as workspace:
        # each app drains the spools its killed predecessors left; the last one's is still there
        assert list(data.usage_spool_dir.glob("*.jsonl")), "a killed app leaves its spool behind"
        workspace.drain_usage_spools()
        assert list(data.usage_spool_dir.glob("*.jsonl")) == []
        with workspace.store.sessions() as session:
            stored = set(session.scalars(select(OutboxEvent.id)))
            total = session.scalar(select(func.count()).select_from(OutboxEvent))
    missing = [event_id for event_id in printed if event_id not in stored]
    assert missing == [], f"{len(missing)} of {len(printed)} returned events were lost"
    assert total == len(stored)  # no event stored twice
    print(f"{len(printed)} events printed before the kills, {total} stored")


# Fills the disk for this process alone (RLIMIT_FSIZE 0: no file may grow), records, then frees it.
FULL_DISK_APP = textwrap.dedent(
    """
    import json, logging, resource, signal, sys
    from pathlib import Path
    from enablement_app.paths import DataPaths
    from enablement_app.store import open_store
    from enablement_app.usage.profile import device_id, load_profile
    from enablement_app.usage.recorder import UsageRecorder

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk makes writes fail; it does not kill
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    paths = DataPaths(Path(sys.argv[1]))
    store = open_store(paths.database)
    recorder = UsageRecorder(store, paths.usage_spool_dir, load_profile(store), device_id(store))
    assert recorder.flush(10)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    ids = [recorder.record_open(f"{n:032x}", 1, target="preview").id for n in range(5)]
    stored_while_full = recorder.flush(2)
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    stored_after = recorder.flush(30)
    print(json.dumps({"ids": ids, "while_full": stored_while_full, "after": stored_after,
                      "clean": recorder.close()}))
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_keeps_events_until_there_is_room_again(tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, workers=1) as workspace:
        save_profile(workspace.store, RepProfile.new(name="Dana Smith", email="dana@lumora.example"))
    finished = subprocess.run(
        [sys.executable, "-c", FULL_DISK_APP, str(data.root)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout)
    assert result == {"ids": result["ids"], "while_full": False, "after": True, "clean": True}
    assert "WARNING enablement_app.usage.recorder: cannot write the usage spool" in finished.stderr
    assert "WARNING enablement_app.usage.recorder: cannot write the usage outbox" in finished.stderr
    assert "Traceback" not in finished.stderr
    with Workspace(data, workers=1) as workspace, workspace.store.sessions() as session:
        assert list(session.scalars(select(OutboxEvent.id).order_by(OutboxEvent.seq))) == result["ids"]
    assert list(data.usage_spool_dir.iterdir()) == []
