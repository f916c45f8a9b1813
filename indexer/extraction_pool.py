"""Extracts and indexes files in worker processes, so both cores work and the main process only commits.

Each worker extracts a file and adds its pages to an index segment of its own (``SegmentBuilder``); at the
end of a batch the main process adopts the workers' segments into its one atomic commit. Page text never
crosses a process boundary: only a few facts about each file come back.

A handful of files is done in-process: starting workers costs more than it saves, and a single changed
file must be searchable again within two seconds.

Workers are started with "spawn", never fork: the caller may be a Qt process whose threads, and database
connections, a forked child must not copy.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import multiprocessing
import os
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Protocol

from indexer.extract import ExtractionError, extract
from indexer.search_index import IndexBatch, PageText, SegmentBuilder

log = logging.getLogger(__name__)

IN_PROCESS_LIMIT = 8
# Files handed to a worker before its previous ones come back, so it never waits for the next one.
JOBS_PER_WORKER = 2
_STOP_TIMEOUT = 10.0


class WorkerCrashedError(Exception):
    """A worker process died (a library crash on some file, or it was killed); the batch is not committed."""


@dataclass(frozen=True, slots=True)
class IndexJob:
    key: str
    path: Path
    asset_id: str


@dataclass(frozen=True, slots=True)
class IndexedFile:
    """What the store needs to know about a file whose pages went into the index (or why they did not)."""

    key: str
    asset_id: str
    error: str | None = None
    title: str = ""
    kind: str = ""
    page_count: int = 0
    pages: int = 0
    metadata: dict[str, str] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def index_file(batch: IndexBatch, job: IndexJob) -> IndexedFile:
    """Extract one file into ``batch`` as new documents; never raises for a bad file, so one file cannot
    stop a run. Replacing the asset's previous documents is the caller's part (see ``SegmentBuilder``)."""
    try:
        document = extract(job.path, thumbnail=False)  # rendered when first wanted (Thumbnails)
    except ExtractionError as error:
        return IndexedFile(job.key, job.asset_id, str(error))
    except Exception as error:  # a library bug on one odd file must not end the whole run
        log.exception("unexpected failure extracting %s", job.path)
        return IndexedFile(job.key, job.asset_id, f"could not be read ({error.__class__.__name__}: {error})")
    pages = [
        PageText(section.number, section.title, _page_text(section.text, section.notes))
        for section in document.sections
    ]
    batch.replace_asset(job.asset_id, document.title, pages, new=True)
    return IndexedFile(
        job.key,
        job.asset_id,
        title=document.title,
        kind=document.kind,
        page_count=document.page_count,
        pages=len(pages),
        metadata=dict(document.metadata),
    )


def _page_text(text: str, notes: str) -> str:
    return f"{text}\n\n{notes}" if notes else text


class IndexingPool(Protocol):
    """Where files are extracted and indexed during one run; each batch is begun, fed and finished."""

    def begin(self, batch: IndexBatch) -> None: ...

    def has_room(self) -> bool: ...

    def submit(self, job: IndexJob) -> None: ...

    @property
    def in_flight(self) -> int: ...

    def next_outcome(self) -> IndexedFile:
        """The next finished file, in completion order; only while ``in_flight``."""
        ...

    def finish(self) -> None:
        """Hand everything written for this batch to it; call with nothing in flight, before committing."""
        ...

    def close(self) -> None: ...


def open_pool(index_folder: Path, *, count: int, workers: int | None = None) -> IndexingPool:
    """A pool for ``count`` files: worker processes, or this process for a handful of files."""
    workers = default_workers() if workers is None else workers
    if count <= IN_PROCESS_LIMIT or workers <= 1:
        return InProcessPool()
    return WorkerPool(index_folder, min(workers, count))


class InProcessPool:
    """Extracts each file as it is submitted, into the batch itself."""

    def __init__(self) -> None:
        self._batch: IndexBatch | None = None
        self._done: deque[IndexedFile] = deque()

    def begin(self, batch: IndexBatch) -> None:
        self._batch = batch

    def has_room(self) -> bool:
        return not self._done

    def submit(self, job: IndexJob) -> None:
        assert self._batch is not None, "begin() a batch first"
        self._done.append(index_file(self._batch, job))

    @property
    def in_flight(self) -> int:
        return len(self._done)

    def next_outcome(self) -> IndexedFile:
        return self._done.popleft()

    def finish(self) -> None:
        self._batch = None

    def close(self) -> None:
        self._batch = None


@dataclass(frozen=True, slots=True)
class _FinishSegment:
    """Parent to worker: finish the segment of this batch and send it back."""


@dataclass(frozen=True, slots=True)
class _SegmentDone:
    segment: Any | None


@dataclass(frozen=True, slots=True)
class _WorkerFailed:
    traceback: str
    os_error: OSError | None = None  # raised from, so the parent can tell a full disk from a bug


def _worker_main(index_folder: str, connection: Connection) -> None:
    """A worker's life: index the files it is sent, finish a segment when asked, stop when told or when
    the parent is gone (its end of the pipe closes)."""
    builder = SegmentBuilder(Path(index_folder))
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        try:
            if isinstance(message, IndexJob):
                connection.send(index_file(builder.batch, message))
                # A segment's postings are millions of small lists alive until it is written; frozen, the
                # cyclic garbage collector stops walking them again and again (a fifth of indexing time).
                gc.freeze()
            else:
                segment = builder.finish()
                gc.unfreeze()
                gc.collect()  # what extraction left in cycles while the collector looked away
                connection.send(_SegmentDone(segment))
        except Exception as error:
            connection.send(
                _WorkerFailed(traceback.format_exc(), error if isinstance(error, OSError) else None)
            )
            return


@dataclass(slots=True)
class _Worker:
    process: Any  # multiprocessing's SpawnProcess
    connection: Connection
    in_flight: int = 0


class WorkerPool:
    """Worker processes that extract files and write their pages into index segments of their own."""

    def __init__(self, index_folder: Path, workers: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._batch: IndexBatch | None = None
        self._workers: list[_Worker] = []
        try:
            for number in range(workers):
                parent_end, child_end = context.Pipe()
                process = context.Process(
                    target=_worker_main,
                    args=(str(index_folder), child_end),
                    name=f"enablement-indexer-{number + 1}",
                    daemon=True,
                )
                process.start()
                child_end.close()
                self._workers.append(_Worker(process, parent_end))
        except BaseException:
            self.close()
            raise

    def begin(self, batch: IndexBatch) -> None:
        self._batch = batch

    def has_room(self) -> bool:
        return any(worker.in_flight < JOBS_PER_WORKER for worker in self._workers)

    def submit(self, job: IndexJob) -> None:
        worker = min(self._workers, key=lambda worker: worker.in_flight)
        self._send(worker, job)
        worker.in_flight += 1

    @property
    def in_flight(self) -> int:
        return sum(worker.in_flight for worker in self._workers)

    def next_outcome(self) -> IndexedFile:
        busy = [worker for worker in self._workers if worker.in_flight]
        while True:
            ready = wait(
                [worker.connection for worker in busy] + [worker.process.sentinel for worker in busy]
            )
            for worker in busy:
                if worker.connection in ready:
                    reply = self._receive(worker)
                    if not isinstance(reply, IndexedFile):
                        raise WorkerCrashedError(f"{worker.process.name} answered {reply!r} to a file")
                    worker.in_flight -= 1
                    return reply
            for worker in busy:
                if worker.process.sentinel in ready and not worker.connection.poll():
                    worker.process.join(1.0)
                    raise _crashed(worker)

    def finish(self) -> None:
        assert self._batch is not None, "begin() a batch first"
        assert not self.in_flight, "finish() with files in flight"
        for worker in self._workers:
            self._send(worker, _FinishSegment())
        segments = []
        for worker in self._workers:
            reply = self._receive(worker)
            if not isinstance(reply, _SegmentDone):
                raise WorkerCrashedError(f"{worker.process.name} answered {reply!r} to finishing its segment")
            if reply.segment is not None:
                segments.append(reply.segment)
        self._batch.adopt(segments)
        self._batch = None

    def close(self) -> None:
        """Stop the workers: politely when they are idle, at once when a batch was abandoned mid-way."""
        abandoned = self._batch is not None or self.in_flight
        for worker in self._workers:
            if abandoned:
                worker.process.terminate()
            else:
                with contextlib.suppress(OSError):
                    worker.connection.send(None)
        for worker in self._workers:
            worker.process.join(_STOP_TIMEOUT)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
        self._workers = []
        self._batch = None

    @staticmethod
    def _send(worker: _Worker, message: object) -> None:
        try:
            worker.connection.send(message)
        except OSError as error:
            raise _crashed(worker) from error

    @staticmethod
    def _receive(worker: _Worker) -> object:
        try:
            reply = worker.connection.recv()
        except (EOFError, OSError) as error:
            worker.process.join(1.0)
            raise _crashed(worker) from error
        if isinstance(reply, _WorkerFailed):
            raise WorkerCrashedError(f"{worker.process.name} failed:\n{reply.traceback}") from reply.os_error
        return reply


def _crashed(worker: _Worker) -> WorkerCrashedError:
    return WorkerCrashedError(
        f"{worker.process.name} stopped unexpectedly (exit code {worker.process.exitcode}); "
        "nothing of this batch was committed, the next run retries it"
    )
