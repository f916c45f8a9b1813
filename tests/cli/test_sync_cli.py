"""``enablement hub connect`` and ``enablement sync`` as a rep and a script see them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from enablement_app.cli.main import EXIT_HUB_REFUSED, EXIT_HUB_UNAVAILABLE, cli
from enablement_app.store import open_store
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.usage.profile import device_id
from tests.sync.events import record
from tests.sync.hubs import pull_all

ENABLEMENT = Path(sys.executable).parent / "enablement"


def _invoke(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data), *args], catch_exceptions=False)


def _record(data: Path, count: int) -> list[str]:
    store = open_store(data / "library.sqlite3")
    try:
        return [event.id for event in record(store, count, device_id(store))]
    finally:
        store.close()


def test_connect_then_sync_sends_the_outbox(tmp_path: Path) -> None:
    data, hub_folder = tmp_path / "data", tmp_path / "hub"
    created = _invoke(data, "hub", "connect", "--create", str(hub_folder))
    assert created.exit_code == 0, created.output
    assert created.output == f"Created and connected to the hub {hub_folder.as_uri()}\n"
    ids = _record(data, 14)

    waiting = _invoke(data, "sync", "--status")
    assert waiting.output == "Not synced yet · 14 events waiting\n"

    sent = _invoke(data, "sync")
    assert sent.exit_code == 0, sent.output
    assert sent.output == (
        f"Sent 14 events in 1 batch to {hub_folder.as_uri()}.\nSynced just now · all sent\n"
    )
    assert [event.id for event in pull_all(FolderHub(hub_folder))[0]] == ids

    again = _invoke(data, "sync", "--json")
    report = json.loads(again.output)
    assert report["sent"]["sent_events"] == 0
    assert report["status"]["summary"] == "Synced just now · all sent"
    assert report["status"]["hub_url"] == hub_folder.as_uri()


def test_connect_refuses_a_folder_that_is_not_a_hub(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "share").mkdir()
    missing = _invoke(data, "hub", "connect", str(tmp_path / "nowhere"))
    empty = _invoke(data, "hub", "connect", (tmp_path / "share").as_uri())
    wrong = _invoke(data, "hub", "connect", "ftp://example.com/hub")

    assert missing.exit_code == empty.exit_code == EXIT_HUB_UNAVAILABLE
    assert "cannot be reached: it does not exist" in missing.output
    assert "is not a hub yet" in empty.output
    assert wrong.exit_code == EXIT_HUB_REFUSED
    assert "is not a hub address" in wrong.output
    assert _invoke(data, "sync", "--status").output.startswith("No hub set up")


def test_sync_without_a_reachable_hub_keeps_events_and_exits_6(tmp_path: Path) -> None:
    data, hub_folder = tmp_path / "data", tmp_path / "hub"
    assert _invoke(data, "hub", "connect", "--create", str(hub_folder)).exit_code == 0
    _record(data, 3)
    hub_folder.rename(tmp_path / "unmounted")

    finished = subprocess.run(
        [str(ENABLEMENT), "--data-dir", str(data), "sync"], capture_output=True, text=True, timeout=60
    )

    assert finished.returncode == EXIT_HUB_UNAVAILABLE
    assert finished.stdout == "Not synced yet · 3 events waiting\n"
    assert finished.stderr == (
        f"error: the hub folder {hub_folder} cannot be reached: it does not exist "
        "(is the share mounted, is the synced folder on this computer?)\n"
    )
    status = _invoke(data, "sync", "--status")
    assert status.exit_code == 0
    assert "3 events waiting · last try failed: the hub folder" in status.output


def test_sync_before_connect_says_how_to_connect(tmp_path: Path) -> None:
    result = _invoke(tmp_path / "data", "sync")
    assert result.exit_code == EXIT_HUB_REFUSED
    assert "run `enablement hub connect URL`" in result.output
    assert "Traceback" not in result.output
