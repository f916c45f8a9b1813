"""The one way the window runs work off the UI thread.

Work runs in a thread pool and its result or exception comes back on the UI thread through a queued
signal, so callers never touch widgets from a worker (Anki's ``QueryOp`` and Picard's ``run_task`` have the
same shape). Writes to the store and the index go through ``lane="writer"``, a single-thread lane, so they
are serialized; searches go through their own lane so a slow index run never delays typing.
"""

from __future__ import annotations

import itertools
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
    """Lives on the UI thread for the runner's whole life; workers emit through it, so the answers are
    handled on the UI thread.

    One relay for all tasks, never deleted while a worker may still be inside ``emit``: deleting a
    per-task relay as soon as its answer arrived raced the worker still returning from ``emit`` on it, and
    PySide crashed the process now and then (tests/ui/test_tasks.py).
    """

    finished = Signal(int, bool, object)  # task number, whether it succeeded, its result or exception


class _Runnable(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], relay: _Relay, number: int) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay
        self._number = number

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # the UI thread decides what the user sees
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.finished.emit(self._number, False, error)
        else:
            self._relay.finished.emit(self._number, True, result)


_Handlers = tuple[Callable[[Any], Any] | None, Callable[[BaseException], Any] | None]


class TaskRunner(QObject):
    """Owns the worker lanes of one window; ``shutdown`` waits for running work before the store closes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {}
        for lane, threads in LANES.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            self._pools[lane] = pool
        # Not this runner's child: a runner dropped while answers are still queued for the relay would
        # destroy it under them, and PySide then crashes in a later event loop run.
        self._relay = _Relay()
        self._relay.finished.connect(self._on_relay_finished)
        self._handlers: dict[int, _Handlers] = {}
        self._numbers = itertools.count(1)

    def run(
        self,
        work: Callable[[], T],
        *,
        on_success: Callable[[T], Any] | None = None,
        on_failure: Callable[[BaseException], Any] | None = None,
        lane: str = "general",
    ) -> None:
        number = next(self._numbers)
        self._handlers[number] = (on_success, on_failure)
        self._pools[lane].start(_Runnable(work, self._relay, number))

    def _on_relay_finished(self, number: int, succeeded: bool, answer: object) -> None:
        on_success, on_failure = self._handlers.pop(number)
        if succeeded:
            if on_success is not None:
                on_success(answer)
            return
        assert isinstance(answer, BaseException)
        if on_failure is not None:
            on_failure(answer)
        else:
            log.error("background task failed: %s\n%s", answer, getattr(answer, "__traceback_text__", ""))

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Waits for every lane; False when something was still running after ``timeout_ms``. Work not
        started yet is dropped."""
        done = True
        for pool in self._pools.values():
            pool.clear()
            done = pool.waitForDone(timeout_ms) and done
        return done
