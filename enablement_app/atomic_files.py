"""Files written whole or not at all: a reader (another rep's app, a sync client, the next start) never
sees half a catalog, batch or key file, and a failure (a full disk among them) leaves nothing partial."""

from __future__ import annotations

import contextlib
import os
import sys
import uuid
from pathlib import Path

# Temporary files are ".<name>.<pid>.<random>.tmp" beside their target, so leftovers of a killed
# process are recognisable (the folder hub sweeps them).
TEMP_SUFFIX = ".tmp"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary name beside ``path``, flush it to disk, rename it over ``path``.

    On any failure (a full disk among them) the temporary file is removed, so nothing partial remains."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable: fsync the folder (POSIX); network shares that cannot are not an error."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
