"""Watching a real folder: changes settle into one callback, temp files are ignored, copies are awaited."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from enablement_app.library.workspace import Workspace
from indexer.watcher import FolderWatcher
from tests.builders import make_pdf


class Calls:
    def __init__(self) -> None:
        self.batches: list[set[Path]] = []
        self.event = threading.Event()

    def __call__(self, changed: set[Path]) -> None:
        self.batches.append(changed)
        self.event.set()

    def wait(self, timeout: float = 10.0) -> set[Path]:
        assert self.event.wait(timeout), "the watcher never reported the change"
        self.event.clear()
        return self.batches[-1]


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, Calls]]:
    root = tmp_path / "watched"
    root.mkdir()
    calls = Calls()
    watcher = FolderWatcher(root, calls, debounce=0.2)
    watcher.start()
    try:
        yield root, calls
    finally:
        watcher.stop()


def test_a_burst_of_changes_settles_into_one_callback(watched: tuple[Path, Calls]) -> None:
    root, calls = watched
    for number in range(5):
        (root / f"note-{number}.md").write_text(f"# Note {number}\n")

    changed = calls.wait()

    assert {path.name for path in changed} >= {f"note-{number}.md" for number in range(5)}
    time.sleep(0.5)
    assert len(calls.batches) == 1


def test_temp_and_lock_files_are_ignored(watched: tuple[Path, Calls]) -> None:
    root, calls = watched
    (root / "~$deck.pptx").write_bytes(b"lock")
    (root / ".~lock.guide.docx#").write_text("lock")
    (root / "download.pdf.crdownload").write_bytes(b"partial")
    assert not calls.event.wait(1.0)


def test_waits_for_a_copy_to_finish(watched: tuple[Path, Calls]) -> None:
    root, calls = watched
    target = root / "big.txt"
    started = time.monotonic()
    with target.open("wb") as stream:
        for _ in range(6):
            stream.write(b"x" * 100_000)
            stream.flush()
            time.sleep(0.15)  # shorter than the debounce, so events keep the burst open
    finished = time.monotonic()
    calls.wait()
    assert time.monotonic() >= finished
    assert target.stat().st_size == 600_000
    assert finished - started >= 0.8


def test_a_new_file_becomes_searchable_while_watching(workspace: Workspace, library: Path) -> None:
    workspace.index(library)
    watcher = FolderWatcher(library, lambda changed: workspace.index(library), debounce=0.2)
    watcher.start()
    try:
        staged = library.parent / "staging.pdf"
        make_pdf(staged, ["Renewal playbook for at-risk accounts"])
        staged.replace(library / "renewal-playbook.pdf")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            hits = workspace.library_search.search("renewal playbook", include_all=True).hits
            if hits:
                break
            time.sleep(0.05)
        assert [hit.asset.path for hit in hits] == ["renewal-playbook.pdf"]
    finally:
        watcher.stop()
