"""Runs text extraction in worker processes so both cores work while the main process writes the index.

A handful of files is extracted in-process: starting workers costs more than it saves, and a single changed
file must be searchable again within two seconds.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from indexer.extract import ExtractedDocument, ExtractionError, extract

log = logging.getLogger(__name__)

IN_PROCESS_LIMIT = 8


@dataclass(frozen=True, slots=True)
class ExtractOutcome:
    key: str
    document: ExtractedDocument | None
    error: str | None


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def extract_outcome(key: str, path: str, thumbnail: bool) -> ExtractOutcome:
    """Worker entry point: never raises for a bad file, so one file cannot stop a run."""
    try:
        return ExtractOutcome(key, extract(Path(path), thumbnail=thumbnail), None)
    except ExtractionError as error:
        return ExtractOutcome(key, None, str(error))
    except Exception as error:  # a library bug on one odd file must not end the whole run
        log.exception("unexpected failure extracting %s", path)
        return ExtractOutcome(key, None, f"could not be read ({error.__class__.__name__}: {error})")


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def extract_many(
    jobs: Iterable[tuple[str, Path]],
    *,
    count: int,
    workers: int | None = None,
    thumbnail: bool = True,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[ExtractOutcome]:
    """Outcomes in completion order; stops handing out work as soon as ``should_stop`` says so."""
    workers = default_workers() if workers is None else workers
    if count <= IN_PROCESS_LIMIT or workers <= 1:
        for key, path in jobs:
            if should_stop():
                return
            yield extract_outcome(key, str(path), thumbnail)
        return
    # "spawn", not fork: the parent holds database connections and threads that a forked child must not copy.
    context = multiprocessing.get_context("spawn")
    in_flight_limit = workers * 4
    pending: set[Future[ExtractOutcome]] = set()
    job_iter = iter(jobs)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            exhausted = False
            while True:
                while not exhausted and len(pending) < in_flight_limit and not should_stop():
                    try:
                        key, path = next(job_iter)
                    except StopIteration:
                        exhausted = True
                        break
                    pending.add(pool.submit(extract_outcome, key, str(path), thumbnail))
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
                if should_stop():
                    exhausted = True
        finally:
            for future in pending:
                future.cancel()
