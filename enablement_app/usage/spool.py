"""Spool files: where a recorder puts each event the moment it is recorded, before the outbox has it.

Each recorder owns one ``<id>.jsonl`` file of one JSON event per line and holds an OS lock on ``<id>.lock``
for as long as it runs; the lock file exists before the spool file and outlives it. A spool file whose lock
can be taken therefore belongs to a process that died (or closed with the database unavailable), and any
process may drain it into the outbox and delete it. The lock is released by the OS when a process is
killed, so nothing needs to guess whether a pid is still alive.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from enablement_app.store import Store
from enablement_app.usage.events import EventFormatError, UsageEvent
from enablement_app.usage.outbox import store_events

log = logging.getLogger(__name__)

SPOOL_SUFFIX = ".jsonl"
LOCK_SUFFIX = ".lock"
# A lock file without a spool file is left when a recorder is killed between creating the two; after this
# long nobody can still be about to create the spool file, so such a lock file may be removed.
STRAY_LOCK_AGE_SECONDS = 3600.0

_BINARY = getattr(os, "O_BINARY", 0)

if sys.platform == "win32":
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Take the exclusive lock on an open lock file without waiting; False if another holds it."""
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Take the exclusive lock on an open lock file without waiting; False if another holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def remove_quietly(path: Path) -> None:
    """Remove a file that may already be gone (or, on Windows, still be open elsewhere)."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        log.debug("could not remove %s: %s", path, error)


def parse_spool(data: bytes, source: Path) -> list[UsageEvent]:
    """The events in spooled bytes; an unreadable line is logged and skipped, never fatal.

    Only complete lines count: a line without its newline was cut short, so its record call never returned.
    """
    events: list[UsageEvent] = []
    lines = data.split(b"\n")
    if lines and lines[-1]:
        log.warning("ignoring an unfinished last line in usage spool %s", source.name)
    for number, line in enumerate(lines[:-1], start=1):
        if not line.strip():
            continue
        try:
            events.append(UsageEvent.from_json(line))
        except EventFormatError as error:
            log.warning("skipping line %d of usage spool %s: %s", number, source.name, error)
    return events


@dataclass(slots=True)
class OwnSpool:
    """The spool file of one running recorder, locked for its lifetime. Not thread-safe: the recorder
    serialises access with its own lock."""

    spool_dir: Path
    name: str
    lock_fd: int
    write_fd: int
    size: int = 0  # bytes of complete lines written; a failed write is cut back to this

    @property
    def path(self) -> Path:
        return self.spool_dir / f"{self.name}{SPOOL_SUFFIX}"

    @property
    def lock_path(self) -> Path:
        return self.spool_dir / f"{self.name}{LOCK_SUFFIX}"

    @classmethod
    def create(cls, spool_dir: Path) -> OwnSpool:
        spool_dir.mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex
        lock_fd = os.open(spool_dir / f"{name}{LOCK_SUFFIX}", os.O_RDWR | os.O_CREAT | _BINARY, 0o600)
        if not try_lock(lock_fd):  # a fresh random name: nobody else can hold it
            os.close(lock_fd)
            raise OSError(f"cannot lock the new usage spool {name} in {spool_dir}")
        try:
            write_fd = os.open(
                spool_dir / f"{name}{SPOOL_SUFFIX}",
                os.O_WRONLY | os.O_CREAT | os.O_APPEND | _BINARY,
                0o600,
            )
        except OSError:
            os.close(lock_fd)
            remove_quietly(spool_dir / f"{name}{LOCK_SUFFIX}")
            raise
        return cls(spool_dir, name, lock_fd, write_fd)

    def append(self, line: bytes) -> None:
        """Write one complete line, or nothing: a partial write is cut off so the file stays line-clean.

        ``os.write`` puts the bytes in the OS's cache, so they survive the process being killed from here on.
        """
        try:
            view = memoryview(line)
            while view:
                written = os.write(self.write_fd, view)
                view = view[written:]
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self.write_fd, self.size)
            raise
        self.size += len(line)

    def read(self, start: int, end: int) -> bytes:
        with self.path.open("rb") as reader:
            reader.seek(start)
            return reader.read(end - start)

    def truncate(self) -> None:
        os.ftruncate(self.write_fd, 0)
        self.size = 0

    def close(self, *, remove: bool) -> None:
        """Close the files; ``remove`` deletes them (only when everything spooled is in the outbox).

        The spool file goes before its lock file, and both go while the lock is held, so no other process
        can take the lock and find a spool file that is being deleted.
        """
        os.close(self.write_fd)
        if remove:
            remove_quietly(self.path)
            remove_quietly(self.lock_path)
        os.close(self.lock_fd)  # releases the lock
        if remove and sys.platform == "win32":
            remove_quietly(self.lock_path)  # Windows cannot delete an open file


def _spool_files(spool_dir: Path) -> Iterator[Path]:
    try:
        yield from sorted(spool_dir.glob(f"*{SPOOL_SUFFIX}"))
    except FileNotFoundError:
        return


def drain_orphaned_spools(store: Store, spool_dir: Path, *, skip: str | None = None) -> int:
    """Move the events of spool files no running recorder owns into the outbox, then delete those files.

    Returns how many events were new to the outbox. Safe to run from several processes at once: a file is
    only read under its lock, and storing is idempotent. Raises SQLAlchemy's ``OperationalError`` (database
    locked, disk full) with the spool file left in place for the next try.
    """
    stored = 0
    for path in _spool_files(spool_dir):
        name = path.name.removesuffix(SPOOL_SUFFIX)
        if name == skip:
            continue
        lock_path = spool_dir / f"{name}{LOCK_SUFFIX}"
        # Creating a missing lock file is safe: a recorder's lock file exists for as long as its spool does,
        # so a spool without one has no live owner.
        try:
            lock_fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _BINARY, 0o600)
        except OSError as error:
            log.debug("cannot open %s: %s", lock_path, error)
            continue
        try:
            if not try_lock(lock_fd):
                continue  # its recorder is running and drains it itself
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                remove_quietly(lock_path)
                continue
            events = parse_spool(data, path)
            stored += store_events(store, events)
            log.info("recovered %d usage events from spool %s", len(events), path.name)
            remove_quietly(path)
            remove_quietly(lock_path)
        finally:
            os.close(lock_fd)
    _remove_stray_locks(spool_dir)
    return stored


def _remove_stray_locks(spool_dir: Path) -> None:
    now = time.time()
    try:
        locks = list(spool_dir.glob(f"*{LOCK_SUFFIX}"))
    except FileNotFoundError:
        return
    for lock_path in locks:
        if lock_path.with_suffix(SPOOL_SUFFIX).exists():
            continue
        try:
            if now - lock_path.stat().st_mtime < STRAY_LOCK_AGE_SECONDS:
                continue
            lock_fd = os.open(lock_path, os.O_RDWR | _BINARY)
        except OSError:
            continue
        try:
            if try_lock(lock_fd):
                remove_quietly(lock_path)
        finally:
            os.close(lock_fd)
