"""A disk that refuses writes, told apart from every other failure wherever the library writes.

A full disk (or a quota, or a file-size limit) is the user's to fix and loses nothing: the index commit and
the store's transactions are atomic, so what was there stays. It must read as such a sentence, never as an
"unexpected error" or, worse, as advice to move a database aside. SQLite reports a full disk as
``SQLITE_FULL`` but a write it could not finish for another reason (a size limit, or its shared-memory file
on a full disk) as an I/O error; both mean the same to a rep.
"""

from __future__ import annotations

import errno
import sqlite3

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_SQLITE_WRITE_FAILURES = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR})


class DiskFullError(Exception):
    """The data folder's disk took no more: nothing committed before was lost; free space and retry."""


def is_disk_full(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from or wraps (SQLAlchemy's ``orig``), is a write the
    disk refused."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
            return True
        if isinstance(error, sqlite3.Error) and _primary_code(error) in _SQLITE_WRITE_FAILURES:
            return True
        wrapped = getattr(error, "orig", None)
        if isinstance(wrapped, BaseException) and is_disk_full(wrapped):
            return True
        error = error.__cause__ or error.__context__
    return False


NOTHING_LOST = "nothing saved before was lost"


def disk_full_message(folder: object, doing: str, kept: str = NOTHING_LOST) -> str:
    """The sentence for a refused write in ``folder`` while ``doing`` (e.g. "indexing stopped"), with what
    is ``kept``."""
    return f"{doing}: the disk holding {folder} is full (or refused the write). Free some space on it, then try again; {kept}"


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF
