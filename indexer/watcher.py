"""Watches a collateral folder and says when a burst of changes has settled.

Editors and sync clients write files in bursts (temp file, rename, lock files), and a large copy takes a
while: the watcher waits until no relevant event has arrived for ``debounce`` seconds and every changed
file has kept the same size for one more poll, then hands the changed paths to ``on_settled`` on its own
thread. The callback decides what to re-index; a failing callback is logged and watching goes on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from indexer.scanner import is_candidate, is_ignored_name

log = logging.getLogger(__name__)

STABLE_POLL_SECONDS = 0.2
MAX_COPY_WAIT_SECONDS = 600.0
CATALOG_NAMES = frozenset({"catalog.json"})


def is_relevant(path: Path) -> bool:
    """A collateral file, the catalog, or something without a suffix that may be a folder."""
    name = path.name
    return is_candidate(name) or (not is_ignored_name(name) and (name in CATALOG_NAMES or path.suffix == ""))


class _Collector(FileSystemEventHandler):
    def __init__(self, watcher: FolderWatcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder is "modified" whenever a file in it changes; the file's own event counts
        paths = [event.src_path, getattr(event, "dest_path", "")]
        for raw in paths:
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode(errors="replace"))
            if event.is_directory or is_relevant(path):
                self._watcher.note_change(path)


class FolderWatcher:
    def __init__(
        self,
        root: Path,
        on_settled: Callable[[set[Path]], None],
        *,
        debounce: float = 0.4,
        polling: bool = False,
    ) -> None:
        self.root = root
        self.on_settled = on_settled
        self.debounce = debounce
        self._polling = polling
        self._changed: set[Path] = set()
        self._last_event = 0.0
        self._condition = threading.Condition()
        self._stopping = False
        self._observer: BaseObserver | None = None
        self._thread = threading.Thread(target=self._run, name="folder-watcher", daemon=True)

    def start(self) -> None:
        observer: BaseObserver = PollingObserver(timeout=1.0) if self._polling else Observer()
        observer.schedule(_Collector(self), str(self.root), recursive=True)
        try:
            observer.start()
        except OSError as error:  # e.g. the inotify watch limit is reached: polling still works
            log.warning("native folder watching unavailable (%s); polling %s instead", error, self.root)
            observer = PollingObserver(timeout=1.0)
            observer.schedule(_Collector(self), str(self.root), recursive=True)
            observer.start()
        self._observer = observer
        self._thread.start()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def note_change(self, path: Path) -> None:
        with self._condition:
            self._changed.add(path)
            self._last_event = time.monotonic()
            self._condition.notify_all()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._changed and not self._stopping:
                    self._condition.wait()
                if self._stopping:
                    return
                quiet_for = time.monotonic() - self._last_event
                if quiet_for < self.debounce:
                    self._condition.wait(self.debounce - quiet_for)
                    continue
                changed, self._changed = self._changed, set()
            if not self._wait_for_copies(changed):
                return
            try:
                self.on_settled(changed)
            except Exception:  # one bad run must not end watching
                log.exception("re-indexing after a change failed")

    def _wait_for_copies(self, changed: set[Path]) -> bool:
        """Waits while any changed file is still growing; False when asked to stop meanwhile."""
        deadline = time.monotonic() + MAX_COPY_WAIT_SECONDS
        sizes = _sizes(changed)
        while time.monotonic() < deadline:
            with self._condition:
                if self._stopping:
                    return False
                self._condition.wait(STABLE_POLL_SECONDS)
            current = _sizes(changed)
            if current == sizes:
                return True
            sizes = current
        return True


def _sizes(paths: set[Path]) -> dict[Path, tuple[int, int]]:
    sizes = {}
    for path in paths:
        try:
            info = path.stat()
            sizes[path] = (info.st_size, info.st_mtime_ns)
        except OSError:
            sizes[path] = (-1, -1)
    return sizes
