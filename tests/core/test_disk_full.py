"""Indexing onto a full disk: a sentence and exit code 8, never a traceback, and nothing already indexed lost.

The disk fills at a different moment for each size limit: while the store opens, while a worker writes its
segment, at the index commit or in the store's transaction. ``RLIMIT_FSIZE`` makes every write past the
limit fail in the ``enablement index`` process and its workers, as a full disk does (with ``EFBIG`` rather
than ``ENOSPC``; both are handled alike).
"""

from __future__ import annotations

import random
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from enablement_app.analytics.rollups import pending_events, rolled_up_to
from enablement_app.cli.main import EXIT_DISK_FULL
from enablement_app.disk_full import DiskFullError, is_disk_full
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store import open_store
from enablement_app.usage.profile import device_id
from tests.disk_full import disk_full_after, word_pdfs
from tests.sync.events import record

ENABLEMENT = Path(sys.executable).parent / "enablement"
# Where the disk fills: (file size limit, new files to index, where indexing stops).
CASES = (
    pytest.param(0, 12, "open", id="store-cannot-open"),
    pytest.param(128 * 1024, 12, "index", id="worker-segment"),  # more than 8 files: worker processes
    pytest.param(256 * 1024, 4, "index", id="commit-in-process"),  # a handful: written at the commit
    pytest.param(64 * 1024 * 1024, 12, None, id="room-enough"),
)


def _enablement(data: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [str(ENABLEMENT), "--data-dir", str(data), *args],
        preexec_fn=None if limit is None else limited,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _index(
    data: Path, library: Path, limit: int | None = None, *options: str
) -> subprocess.CompletedProcess[str]:
    return _enablement(data, "index", str(library), "--workers", "2", "--quiet", *options, limit=limit)


def _search(data: Path, word: str) -> str:
    return _enablement(data, "search", word, "--all").stdout


def _index_files(data: Path) -> set[str]:
    return {path.name for path in (data / "index").iterdir()}


@pytest.mark.slow
@pytest.mark.parametrize(("limit", "new_files", "stops"), CASES)
def test_indexing_onto_a_full_disk_says_so_and_loses_nothing(
    tmp_path: Path, limit: int, new_files: int, stops: str | None
) -> None:
    rng = random.Random(limit)
    library, data = tmp_path / "collateral", tmp_path / "data"
    word_pdfs(library, "old", 10, rng)
    assert _index(data, library).returncode == 0
    word_pdfs(library, "new", new_files, rng)
    committed = _index_files(data)

    full = _index(data, library, limit)

    assert "Traceback" not in full.stderr and "unexpected" not in full.stderr
    if stops is None:
        assert full.returncode == 0, full.stderr
    else:
        assert full.returncode == EXIT_DISK_FULL, full.stderr
        assert "is full" in full.stderr and "nothing saved before was lost" in full.stderr
        if stops == "open":
            assert full.stderr.startswith("error: the library database")
            assert "move it aside" not in full.stderr  # a full disk is no reason to give up the store
        else:
            assert full.stderr.startswith("error: indexing stopped: the disk holding")
            assert _index_files(data) == committed  # the failed batch's partial files are gone
    assert "old 3" in _search(data, "oldmarker3")  # what was indexed before is still found
    with sqlite3.connect(DataPaths(data).database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    again = _index(data, library)  # space freed: the next run finishes the job

    assert again.returncode == 0, again.stderr
    assert "new 3" in _search(data, "newmarker3")
    assert "old 3" in _search(data, "oldmarker3")


@pytest.mark.slow
def test_a_rebuild_stopped_by_a_full_disk_says_what_is_found_and_the_next_run_goes_on(tmp_path: Path) -> None:
    library, data = tmp_path / "collateral", tmp_path / "data"
    word_pdfs(library, "old", 10, random.Random(11))
    assert _index(data, library).returncode == 0

    full = _index(data, library, 128 * 1024, "--rebuild")

    assert full.returncode == EXIT_DISK_FULL, full.stderr
    assert "the next run rebuilds the rest" in full.stderr and "nothing saved before" not in full.stderr
    assert _index(data, library).returncode == 0  # no --rebuild: the run re-reads what the index lacks
    assert "old 3" in _search(data, "oldmarker3")


def test_the_app_indexes_again_once_there_is_room(tmp_path: Path) -> None:
    """The app lives on after a full disk: the failed commit let go of the index's write lock, so the
    next run of the same process is not refused as busy, and it finishes the job."""
    rng = random.Random(3)
    library = tmp_path / "collateral"
    word_pdfs(library, "old", 3, rng)
    with Workspace(DataPaths(tmp_path / "data"), workers=1) as workspace:
        workspace.index(library)
        word_pdfs(library, "new", 4, rng)
        with disk_full_after(256 * 1024), pytest.raises(DiskFullError, match="indexing stopped"):
            workspace.index(library)

        summary = workspace.index(library)

        assert summary.added == 4
        found = workspace.library_search.search("newmarker2", include_all=True)
        assert [hit.asset.title for hit in found.hits] == ["new 2"]


@pytest.mark.slow
def test_a_pull_onto_a_full_disk_says_so_and_the_next_pull_takes_the_rest(tmp_path: Path) -> None:
    hub, marketer, rep = (tmp_path / name for name in ("hub", "marketer", "rep"))
    for data, options in ((marketer, ("--create",)), (rep, ())):
        assert _enablement(data, "hub", "connect", *options, str(hub)).returncode == 0
    store = open_store(DataPaths(rep).database)
    try:
        record(store, 3_000, device_id(store))
    finally:
        store.close()
    assert _enablement(rep, "sync").returncode == 0

    full = _enablement(marketer, "hub", "ingest", limit=96 * 1024)

    assert full.returncode == EXIT_DISK_FULL, full.stderr
    assert full.stderr.startswith("error: enablement hub ingest stopped: the disk holding")
    assert "nothing saved before was lost" in full.stderr and "Traceback" not in full.stderr
    pulled = _enablement(marketer, "hub", "ingest")
    assert pulled.returncode == 0, pulled.stderr
    store = open_store(DataPaths(marketer).database)
    try:  # every event once: what the stopped pull stored, and the rest
        assert (pending_events(store), rolled_up_to(store)) == (0, 3_000)
    finally:
        store.close()


def test_a_refused_write_is_told_apart_from_other_failures(tmp_path: Path) -> None:
    assert is_disk_full(OSError(28, "No space left on device"))
    assert not is_disk_full(RuntimeError("worker failed"))
    wrapped = RuntimeError("segment could not be written")
    wrapped.__cause__ = OSError(27, "File too large")
    assert is_disk_full(wrapped)
    assert not is_disk_full(OSError(13, "Permission denied"))

    data = DataPaths(tmp_path / "data")
    open_store(data.database).close()
    with disk_full_after(0), pytest.raises(DiskFullError, match="is full"):
        open_store(data.database)
    open_store(data.database).close()  # and once there is room again, it opens as before
