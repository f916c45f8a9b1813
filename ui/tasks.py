"""The one way the window runs work off the UI thread.

Work runs in a thread pool and its result or exception comes back on the UI thread through a queued
signal, so callers never touch widgets from a worker (Anki's ``QueryOp`` and Picard's ``run_task`` have the
same shape). Writes to the store and the index go through ``lane="writer"``, a single-thread lane, so they
are serialized; searches go through their own lane so a slow index run never delays typing.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")

# "convert" is single because two LibreOffice processes cannot share one profile folder.
LANES = {"general": 2, "writer": 1, "search": 1, "render": 1, "convert": 1, "sync": 1}


class _Relay(QObject):
    """Lives on the UI thread; a worker emits through it, so the slots run on the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # the UI thread decides what the user sees
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Owns the worker lanes of one window; ``shutdown`` waits for running work before the store closes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {}
        for lane, threads in LANES.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            self._pools[lane] = pool
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], T],
        *,
        on_success: Callable[[T], Any] | None = None,
        on_failure: Callable[[BaseException], Any] | None = None,
        lane: str = "general",
    ) -> None:
        # Not the runner's child: a runner shut down and dropped while its relays still have an answer queued
        # or a deleteLater pending (a window closed mid-read, a test's teardown) would destroy them first,
        # and PySide then crashes the process in a later event loop run (tests/ui/test_tasks.py). A relay
        # goes with ``deleteLater`` once its answer is delivered.
        relay = _Relay()
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()

        def succeeded(result: object) -> None:
            finish()
            if on_success is not None:
                on_success(result)  # type: ignore[arg-type]

        def failed(error: object) -> None:
            finish()
            assert isinstance(error, BaseException)
            if on_failure is not None:
                on_failure(error)
            else:
                log.error("background task failed: %s\n%s", error, getattr(error, "__traceback_text__", ""))

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._pools[lane].start(_Runnable(work, relay))

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Waits for every lane; False when something was still running after ``timeout_ms``."""
        done = True
        for pool in self._pools.values():
            pool.clear()
            done = pool.waitForDone(timeout_ms) and done
        return done
