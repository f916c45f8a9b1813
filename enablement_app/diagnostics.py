"""What support needs to know about one installation, as text a rep can paste into a message.

Versions of the app and the libraries that read and index files, where the data and the logs are, how
big the index is and how sync stands. Gathering touches the disk and the store, so callers run it off the
UI thread; the window adds what only it knows (the Qt version) through ``extra``. Nothing here may fail
because a part is missing: a line that cannot be known says why instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from enablement_app import __version__
from enablement_app.paths import DataPaths
from enablement_app.sync.hub import HUB_PASSWORD_ENV

if TYPE_CHECKING:
    from enablement_app.library.workspace import Workspace

log = logging.getLogger(__name__)

TITLE = "Enablement Library diagnostics"


@dataclass(frozen=True, slots=True)
class Diagnostics:
    """Named facts, in the order support reads them."""

    facts: tuple[tuple[str, str], ...]

    def value(self, name: str) -> str:
        return dict(self.facts)[name]

    def as_text(self) -> str:
        width = max(len(name) for name, _ in self.facts)
        lines = [TITLE, *(f"{name + ':':<{width + 1}} {value}" for name, value in self.facts)]
        return "\n".join(lines) + "\n"


def app_version() -> str:
    """The version from the package metadata (copied into the packaged app by its spec)."""
    return __version__


def collect(
    paths: DataPaths,
    *,
    workspace: Workspace | None = None,
    log_file: Path | None = None,
    extra: Sequence[tuple[str, str]] = (),
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> Diagnostics:
    """Everything support asks first; ``workspace`` is the opened data folder, if it could be opened."""
    packaged = " (packaged)" if getattr(sys, "frozen", False) else ""
    facts: list[tuple[str, str]] = [
        ("App", f"{app_version()}{packaged}"),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        *extra,
        ("PyMuPDF", _pymupdf_version()),
        ("Whoosh", _whoosh_version()),
        ("PostgreSQL driver", _psycopg_version()),
        ("Keyring", _keyring()),
        ("System", platform.platform()),
        ("Data folder", str(paths.root)),
        ("Log file", str(log_file) if log_file is not None else str(paths.log_dir)),
        ("Index", _index_size(paths.index_dir)),
    ]
    if workspace is None:
        facts += [("Library", "not open"), ("Last sync", "unknown: the library is not open")]
    else:
        root = _quietly(lambda: workspace.library_root)
        facts += [
            ("Library", str(root) if root is not None else "none chosen yet"),
            ("Last sync", _sync_line(workspace, now())),
        ]
    return Diagnostics(tuple(facts))


def _quietly(read: Callable[[], Path | None]) -> Path | None:
    try:
        return read()
    except Exception as error:  # a busy or damaged store must not stop the report
        log.info("could not read the library folder for diagnostics: %s", error)
        return None


def _pymupdf_version() -> str:
    try:
        import pymupdf
    except ImportError as error:
        return f"missing ({error})"
    return f"{pymupdf.__version__} (MuPDF {pymupdf.mupdf_version})"


def _whoosh_version() -> str:
    try:
        import whoosh
    except ImportError as error:
        return f"missing ({error})"
    return str(whoosh.versionstring())


def _psycopg_version() -> str:
    try:
        import psycopg
        from psycopg import pq
    except ImportError as error:
        return f"missing ({error})"
    libpq = pq.version()
    return f"psycopg {psycopg.__version__} ({pq.__impl__}, libpq {libpq // 10000}.{libpq % 10000})"


def _keyring() -> str:
    """Whether a hub password can live in the OS keyring here, and in which."""
    try:
        import keyring
        from keyring.backends import fail

        installed = version("keyring")
        backend = keyring.get_keyring()
    except (ImportError, PackageNotFoundError) as error:
        return f"missing ({error})"
    except Exception as error:  # a broken backend is worth reporting, not failing over
        return f"unusable ({error.__class__.__name__}: {error})"
    if isinstance(backend, fail.Keyring):
        return f"{installed}, none on this computer (hub passwords from {HUB_PASSWORD_ENV})"
    return f"{installed}, {backend.name}"


def _index_size(folder: Path) -> str:
    if not folder.is_dir():
        return f"none yet ({folder})"
    total = files = 0
    try:
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    total += path.stat().st_size
                    files += 1
            except FileNotFoundError:  # a segment merged away while we counted
                continue
    except OSError as error:
        return f"cannot be read: {error.strerror or error} ({folder})"
    return f"{_megabytes(total)} in {files} file{'' if files == 1 else 's'} ({folder})"


def _megabytes(size: int) -> str:
    return f"{size / 1_000:.0f} kB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def _sync_line(workspace: Workspace, now: dt.datetime) -> str:
    """The line ``enablement sync --status`` prints, with the hub it talks to."""
    from enablement_app.sync.rep_sync import RepSync, hub_from_settings
    from enablement_app.usage.profile import device_id

    store = workspace.store
    try:
        status = RepSync(store, lambda: hub_from_settings(store), device_id(store)).status()
    except Exception as error:  # a locked or damaged store: say so, support will ask for the log
        log.info("could not read the sync status for diagnostics: %s", error)
        return f"unknown ({error.__class__.__name__}: {error})"
    line = status.describe(now)
    return f"{line} (hub {status.hub_url})" if status.hub_url else line
