"""Keeps the rep's outbox flowing to the hub: a sync on a timer and on demand, off the UI thread, with the
back-off of ``BackoffPolicy`` while the hub is unreachable, and the status line the window shows
("Synced 2 min ago · 14 events waiting", and why the last try failed)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.library_session import LibrarySession
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from enablement_app.sync.hub_catalog import Refreshed
    from enablement_app.sync.rep_sync import RepSync, SyncReport, SyncStatus

log = logging.getLogger(__name__)

FIRST_SYNC_MS = 3_000
STATUS_REFRESH_MS = 30_000


class SyncController(QObject):
    status_changed = Signal(str, str)  # the status line, and the detail for its tooltip
    sync_finished = Signal(object)  # SyncReport

    def __init__(
        self,
        session: LibrarySession,
        tasks: TaskRunner,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        super().__init__()
        self._session = session
        self._tasks = tasks
        self._now = now
        self._sync: RepSync | None = None
        self._running = False
        self._stop = threading.Event()
        self._status: SyncStatus | None = None
        self._catalog_problem: str | None = None
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.timeout.connect(self.sync_now)
        self._refresh = QTimer(self)
        self._refresh.setInterval(STATUS_REFRESH_MS)
        self._refresh.timeout.connect(self._show_status)

    def start(self) -> None:
        """Called once the library is open and the rep has a profile."""
        from enablement_app.sync.rep_sync import RepSync, hub_from_settings

        workspace, recorder = self._session.workspace, self._session.recorder
        if workspace is None or recorder is None:
            return
        store = workspace.store
        self._sync = RepSync(store, lambda: hub_from_settings(store), recorder.device_id)
        self._refresh.start()
        self._next.start(FIRST_SYNC_MS)

    def sync_now(self) -> None:
        sync = self._sync
        if sync is None or self._running:
            return
        self._running = True
        self._next.stop()
        stop = self._stop

        workspace = self._session.workspace
        assert workspace is not None

        def work() -> tuple[SyncReport | None, SyncStatus, Refreshed | None]:
            status = sync.status()
            if status.hub_url is None:
                return None, status, None  # no hub set up: nothing to send, nothing to say
            if recorder := self._session.recorder:
                recorder.flush(2.0)  # what the rep just did goes in this sync
            report = sync.sync_once(should_stop=stop.is_set)
            refreshed = None
            if report.ok and not report.stopped:
                refreshed = sync.refresh_published(workspace.hub_publications)
            return report, sync.status(), refreshed

        self._tasks.run(work, on_success=self._on_synced, on_failure=self._on_failed, lane="sync")

    def _on_synced(self, result: tuple[SyncReport | None, SyncStatus, Refreshed | None]) -> None:
        from enablement_app.sync.rep_sync import BackoffPolicy

        report, status, refreshed = result
        self._running = False
        self._status = status
        self._catalog_problem = refreshed.problem if refreshed is not None else None
        self._show_status()
        if refreshed is not None and refreshed.library_changed:
            self._session.library_changed.emit()  # new approvals, retirements and team figures show now
        if report is not None:
            self.sync_finished.emit(report)
            if not report.refused:
                self._next.start(int(BackoffPolicy().delay(status.failures) * 1000))

    def _on_failed(self, error: BaseException) -> None:
        from enablement_app.disk_full import disk_full_sentence

        self._running = False
        full = disk_full_sentence(
            error, self._session.paths.root, "Sync stopped", "your usage waits on this computer"
        )
        if full is not None:  # the events wait in the outbox; nothing to see in the log
            log.info("sync failed, the disk refused a write: %s", error)
            self.status_changed.emit(full, str(error))
            return
        log.error("sync failed unexpectedly: %s\n%s", error, getattr(error, "__traceback_text__", ""))
        self.status_changed.emit("Sync stopped: see the log", str(error))

    def _show_status(self) -> None:
        status = self._status
        if status is None:
            return
        if status.hub_url is None:
            self.status_changed.emit(
                "Not connected to marketing",
                "Your usage stays on this computer until you connect to marketing's hub: "
                "Profile menu ▸ Connect to marketing's hub…",
            )
            return
        detail = f"Hub: {status.hub_url}"
        if status.last_error:
            detail += f"\nLast try failed: {status.last_error}"
        line = status.describe(self._now())
        if self._catalog_problem:
            line += " · catalog not trusted"
            detail += f"\nCatalog: {self._catalog_problem}"
        self.status_changed.emit(line, detail)

    def stop(self) -> None:
        self._stop.set()
        self._next.stop()
        self._refresh.stop()
