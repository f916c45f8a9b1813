"""The shared-folder hub on a real folder: its files, what it refuses, and what it quarantines."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from enablement_app.sync.folder_hub import (
    MAX_BATCH_FILE_BYTES,
    MAX_BATCH_TEXT_BYTES,
    FolderHub,
    folder_from_url,
    iter_batch_files,
)
from enablement_app.sync.hub import EventBatch, HubRefusedError, HubUnavailableError, open_hub
from tests.sync.events import batch_of, make_events, new_device
from tests.sync.hubs import unwritable

LONG_AGO = 1_000_000_000.0  # 2001: a file that has long stopped changing


def _gz(text: bytes) -> bytes:
    return gzip.compress(text)


def _plant(hub: FolderHub, device: str, name: str, data: bytes, *, old: bool = True) -> Path:
    folder = hub.root / "devices" / device
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    if old:
        os.utime(path, (LONG_AGO, LONG_AGO))
    return path


def _name(device: str, first: int, last: int) -> str:
    return f"{EventBatch.make_id(device, first, last)}.jsonl.gz"


def test_a_batch_is_one_gzip_file_of_json_lines_under_its_device(folder_hub: FolderHub) -> None:
    device = new_device()
    events = make_events(5, device)
    folder_hub.push(batch_of(events, device, 41))

    files = list(iter_batch_files(folder_hub.root))
    assert [path.relative_to(folder_hub.root).as_posix() for path in files] == [
        f"devices/{device}/{device}-000000000041-000000000045.jsonl.gz"
    ]
    lines = gzip.decompress(files[0].read_bytes()).decode().splitlines()
    assert [json.loads(line) for line in lines] == [event.to_dict() for event in events]
    assert [path.name for path in (folder_hub.root / "devices" / device).iterdir()] == [files[0].name]
    assert json.loads((folder_hub.root / "hub.json").read_text())["format"] == "enablement-hub-folder"


@pytest.mark.parametrize(
    ("batch_id", "device_id"),
    [
        ("../x", "d"),
        ("a/b", "a"),
        ("/etc/passwd", "/etc"),
        ("a\x00b", "a"),
        ("..", ".."),
        (EventBatch.make_id("../../etc", 1, 2), "../../etc"),
        (
            EventBatch.make_id("5d3c1a52-8b0e-4c55-9d7e-3f7f2f1c0a11", 1, 2) + "/../x",
            "5d3c1a52-8b0e-4c55-9d7e-3f7f2f1c0a11",
        ),
        (
            EventBatch.make_id("5D3C1A52-8B0E-4C55-9D7E-3F7F2F1C0A11", 1, 2),
            "5D3C1A52-8B0E-4C55-9D7E-3F7F2F1C0A11",
        ),
        (
            EventBatch.make_id("5d3c1a52-8b0e-4c55-9d7e-3f7f2f1c0a11", 1, 2),
            "6d3c1a52-8b0e-4c55-9d7e-3f7f2f1c0a11",
        ),
    ],
)
def test_push_refuses_names_that_are_not_a_device_batch(
    folder_hub: FolderHub, batch_id: str, device_id: str
) -> None:
    with pytest.raises(HubRefusedError, match="is not a batch id"):
        folder_hub.push(EventBatch(batch_id, device_id, tuple(make_events(1, device_id))))
    assert list(folder_hub.root.rglob("*.gz")) == []
    assert not (folder_hub.root.parent / "x").exists()


def test_push_refuses_more_events_than_the_outbox_range_holds(folder_hub: FolderHub) -> None:
    device = new_device()
    with pytest.raises(HubRefusedError, match="more events than its outbox range"):
        folder_hub.push(EventBatch(EventBatch.make_id(device, 1, 2), device, tuple(make_events(3, device))))


def test_bad_batches_are_quarantined_with_a_reason_and_the_good_ones_ingested(folder_hub: FolderHub) -> None:
    dana, lee = new_device(), new_device()
    good_dana, good_lee = make_events(6, dana), make_events(4, lee)
    folder_hub.push(batch_of(good_dana[:3], dana, 1))
    folder_hub.push(batch_of(good_dana[3:], dana, 100))
    folder_hub.push(batch_of(good_lee, lee, 1))
    valid_gzip = gzip.compress(b"".join(event.to_json().encode() + b"\n" for event in make_events(3, lee)))
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb_bytes = b"".join(bomb.compress(bytes(1 << 20)) for _ in range(MAX_BATCH_TEXT_BYTES // (1 << 20) + 1))
    bomb_bytes += bomb.flush()
    planted = {
        _name(dana, 10, 12): (b"this is not gzip at all", "not gzip data"),
        _name(dana, 13, 15): (valid_gzip[: len(valid_gzip) // 2], "truncated"),
        _name(dana, 16, 18): (_gz(b'{"hello": "world"}\n'), "line 1 is not a usage event"),
        _name(dana, 19, 21): (_gz(b"[1, 2, 3]\n"), "line 1 is not a usage event"),
        _name(dana, 22, 24): (_gz(b"{not json\n"), "line 1 is not a usage event"),
        _name(dana, 25, 27): (_gz(b"[" * 100_000 + b"\n"), "line 1 is over"),
        _name(dana, 28, 29): (valid_gzip, "3 events are more than its outbox range of 2"),
        _name(dana, 30, 40): (bomb_bytes, "expands to more than"),
        _name(dana, 41, 42): (valid_gzip + b"trailing", "data after the end"),
        _name(dana, 9, 3): (valid_gzip, "outbox range is empty"),
        _name(dana, 48, 50): (valid_gzip, "events of another device"),  # Lee's events under Dana's name
        _name(lee, 5, 7): (valid_gzip, "not a batch name of this device"),
        "notes.txt": (b"hello", "not a batch name"),
        "..hidden.jsonl.gz": (valid_gzip, "not a batch name"),
        "evil\nname.jsonl.gz": (valid_gzip, "not a batch name"),
    }
    for name, (data, _) in planted.items():
        _plant(folder_hub, dana, name, data)
    huge = _plant(folder_hub, dana, _name(dana, 43, 44), b"")
    os.truncate(huge, MAX_BATCH_FILE_BYTES + 1)  # sparse: big on paper, nothing on disk
    os.utime(huge, (LONG_AGO, LONG_AGO))
    secret = folder_hub.root.parent / "secret.jsonl.gz"
    secret.write_bytes(valid_gzip)
    (folder_hub.root / "devices" / dana / _name(dana, 45, 47)).symlink_to(secret)
    (folder_hub.root / "devices" / "not-a-device").mkdir()
    (folder_hub.root / "devices" / "..weird").write_bytes(b"x")

    pulled = folder_hub.pull_events(None)

    assert sorted(event.id for event in pulled.events) == sorted(event.id for event in good_dana + good_lee)
    reasons = {item.name.rsplit("/", 1)[-1]: item.reason for item in pulled.quarantined}
    for name, (_, reason) in planted.items():
        assert reason in reasons[name], (name, reasons[name])
    assert "over the" in reasons[huge.name]
    assert "symbolic link" in reasons[_name(dana, 45, 47)]
    assert reasons["not-a-device"] == reasons["..weird"] == "not a device folder"
    assert len(pulled.quarantined) == len(planted) + 4

    # everything set aside left the devices folder, and each has its reason beside it
    assert sorted(path.name for path in (folder_hub.root / "devices" / dana).iterdir()) == sorted(
        [_name(dana, 1, 3), _name(dana, 100, 102)]
    )
    assert sorted(path.name for path in (folder_hub.root / "devices").iterdir()) == sorted([dana, lee])
    quarantine = folder_hub.root / "quarantine"
    notes = sorted(quarantine.glob("*.reason.txt"))
    assert len(notes) == len(pulled.quarantined)
    assert all(note.with_name(note.name.removesuffix(".reason.txt")).exists() for note in notes)
    assert secret.read_bytes() == valid_gzip  # the link was moved, not what it points at
    assert all(path.parent == quarantine for path in quarantine.rglob("*"))

    again = folder_hub.pull_events(pulled.cursor)
    assert again.events == () and again.quarantined == ()


def test_a_damaged_batch_still_changing_waits_for_its_sync_client(folder_hub: FolderHub) -> None:
    """OneDrive may fill a file in place: a truncated batch that changed a moment ago is left for later."""
    device = new_device()
    events = make_events(6, device)
    folder_hub.push(batch_of(events[3:], device, 4))
    whole = gzip.compress(b"".join(event.to_json().encode() + b"\n" for event in events[:3]))
    arriving = _plant(folder_hub, device, _name(device, 1, 3), whole[:20], old=False)

    first = folder_hub.pull_events(None)
    assert first.events == tuple(events[3:])
    assert first.quarantined == ()

    arriving.write_bytes(whole)
    second = folder_hub.pull_events(first.cursor)
    assert second.events == tuple(events[:3])


def test_a_missing_hub_folder_is_unavailable_and_never_created(tmp_path: Path) -> None:
    share = tmp_path / "mnt" / "hub"
    hub = open_hub(share.as_uri())
    device = new_device()
    with pytest.raises(HubUnavailableError, match="cannot be reached: it does not exist"):
        hub.push(batch_of(make_events(1, device), device, 1))
    with pytest.raises(HubUnavailableError):
        hub.pull_events(None)
    assert not share.exists()


def test_an_empty_folder_is_not_a_hub_until_created(tmp_path: Path) -> None:
    """An unmounted share is an empty folder: events written there would never reach marketing."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    device = new_device()
    with pytest.raises(HubUnavailableError, match="is not a hub yet"):
        open_hub(mount_point.as_uri()).push(batch_of(make_events(1, device), device, 1))
    assert list(mount_point.iterdir()) == []


def test_a_folder_of_another_format_is_refused(tmp_path: Path) -> None:
    (tmp_path / "hub.json").write_text('{"format": "something-else"}')
    with pytest.raises(HubRefusedError, match="not a hub this version can use"):
        open_hub(tmp_path.as_uri()).catalog()
    (tmp_path / "file").write_text("x")
    with pytest.raises(HubRefusedError, match="is a file, not a folder"):
        open_hub((tmp_path / "file").as_uri()).catalog()


def test_a_folder_the_rep_cannot_write_is_refused_without_a_trace(folder_hub: FolderHub) -> None:
    device = new_device()
    folder_hub.push(batch_of(make_events(2, device), device, 1))
    folder = folder_hub.root / "devices" / device
    with unwritable(folder), pytest.raises(HubRefusedError, match="permission denied"):
        folder_hub.push(batch_of(make_events(2, device), device, 3))
    assert [path.name for path in folder.iterdir()] == [_name(device, 1, 2)]


# Pushes with the disk full for this process alone (RLIMIT_FSIZE: no file may grow past 100 bytes).
FULL_DISK_PUSH = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from enablement_app.sync.folder_hub import FolderHub
    from enablement_app.sync.hub import HubUnavailableError
    from tests.sync.events import batch_of, make_events

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    device = sys.argv[2]
    hub = FolderHub(Path(sys.argv[1]))
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, hard))
    try:
        hub.push(batch_of(make_events(50, device), device, 1))
    except HubUnavailableError as error:
        print(error)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_is_unavailable_and_leaves_no_partial_file(folder_hub: FolderHub) -> None:
    device = new_device()
    (folder_hub.root / "devices" / device).mkdir()
    finished = subprocess.run(
        [sys.executable, "-c", FULL_DISK_PUSH, str(folder_hub.root), device],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 0, finished.stderr
    assert "the hub's disk is full" in finished.stdout
    assert list((folder_hub.root / "devices" / device).iterdir()) == []


def test_a_killed_writers_temp_file_is_ignored_then_cleaned(folder_hub: FolderHub) -> None:
    device = new_device()
    leftover = _plant(folder_hub, device, f".{_name(device, 1, 5)}.999.abcd1234.tmp", b"half a gzip")
    fresh = _plant(
        folder_hub, device, f".{_name(device, 1, 5)}.998.abcd1234.tmp", b"being written", old=False
    )

    assert folder_hub.pull_events(None).quarantined == ()
    folder_hub.push(batch_of(make_events(5, device), device, 1))

    assert not leftover.exists()
    assert fresh.exists()  # another process may be writing it right now


def test_hub_addresses_become_folders(tmp_path: Path) -> None:
    assert folder_from_url("file:///srv/enablement%20hub") == Path("/srv/enablement hub")
    assert folder_from_url("file://localhost/srv/hub") == Path("/srv/hub")
    assert FolderHub.from_url(tmp_path.as_uri()).url == tmp_path.as_uri()
    for bad, reason in [
        ("file:relative/hub", "not an absolute folder"),
        ("file://fileserver/share", "names another computer"),
        ("file:///srv/hub%00x", "NUL"),
    ]:
        if sys.platform == "win32" and "another computer" in reason:
            continue
        with pytest.raises(HubRefusedError, match=reason):
            folder_from_url(bad)


def test_create_keeps_an_existing_hub(folder_hub: FolderHub) -> None:
    device = new_device()
    folder_hub.push(batch_of(make_events(3, device), device, 1))
    again = FolderHub.create(folder_hub.url)
    assert len(again.pull_events(None).events) == 3
    shutil.rmtree(folder_hub.root / "quarantine")
    assert FolderHub.create(folder_hub.url).pull_events(None).quarantined == ()


def test_a_limited_pull_stops_at_a_batch_boundary(folder_hub: FolderHub) -> None:
    device = new_device()
    events = make_events(50, device)
    for start in range(0, 50, 10):
        folder_hub.push(batch_of(events[start : start + 10], device, start + 1))

    first = folder_hub.pull_events(None, limit=25)

    assert list(first.events) == events[:20]
    assert first.more
