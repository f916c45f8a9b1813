"""A disk that refuses writes, told apart from every other failure wherever the library writes.

A full disk (or a quota, or a file-size limit) is the user's to fix and loses nothing: the index commit, the
store's transactions and the catalog's replacement are atomic, so what was there stays. It must read as
such a sentence, never as an "unexpected error" or, worse, as advice to move a database aside. SQLite
reports a full disk as ``SQLITE_FULL`` but a write it could not finish for another reason (a size limit,
or its shared-memory file on a full disk) as an I/O error; both mean the same to a rep.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_SQLITE_WRITE_FAILURES = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR})
NOTHING_LOST = "nothing saved before was lost"


class DiskFullError(Exception):
    """The data folder's disk took no more: nothing committed before was lost; free space and retry."""


def is_disk_full(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from or wraps (SQLAlchemy's ``orig``), is a write the
    disk refused."""
    for link in _chain(error):
        if isinstance(link, OSError) and link.errno in DISK_FULL_ERRNOS:
            return True
        if isinstance(link, sqlite3.Error) and _primary_code(link) in _SQLITE_WRITE_FAILURES:
            return True
    return False


def disk_full_sentence(
    error: BaseException, folder: Path, doing: str, kept: str = NOTHING_LOST
) -> str | None:
    """What to tell the user when ``error`` is a write the disk refused while ``doing`` (e.g. "indexing
    stopped"), with what is ``kept``; None for any other error. The disk is named by the folder of the
    refused file when the error says which (an index segment, a catalog on a share), else by ``folder``."""
    if not is_disk_full(error):
        return None
    return (
        f"{doing}: the disk holding {_refused_folder(error, folder)} is full (or refused the write). Free some "
        f"space on it, then try again; {kept}"
    )


def _refused_folder(error: BaseException, default: Path) -> Path:
    for link in _chain(error):
        if isinstance(link, OSError) and link.errno in DISK_FULL_ERRNOS and link.filename:
            return Path(os.fsdecode(link.filename)).parent
    return default


def _chain(error: BaseException | None) -> Iterator[BaseException]:
    """``error``, what it wraps (SQLAlchemy's ``orig``) and what it was raised from or during, once each."""
    seen: set[int] = set()
    waiting = [error]
    while waiting:
        link = waiting.pop()
        if link is None or id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        wrapped = getattr(link, "orig", None)
        waiting.extend(
            (link.__context__, link.__cause__, wrapped if isinstance(wrapped, BaseException) else None)
        )


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF
