"""Where the app keeps its data and its logs: the one place every path comes from.

Tests and the CLI point the app at another folder with ``--data-dir`` or ``ENABLEMENT_DATA_DIR`` so a
real user's library (and log) is never touched by accident.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "EnablementLibrary"
APP_AUTHOR = "Enablement"
DATA_DIR_ENV = "ENABLEMENT_DATA_DIR"


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The files of one data folder; creating the folder is the caller's choice (see ``ensure``)."""

    root: Path
    # The platform's user log folder for the everyday data folder; None keeps the logs in ``root / "logs"``,
    # so a folder chosen with --data-dir (a test's, a second library's) carries its own logs.
    logs: Path | None = None

    @property
    def database(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def thumbnails_dir(self) -> Path:
        return self.root / "thumbnails"

    @property
    def log_dir(self) -> Path:
        return self.logs if self.logs is not None else self.root / "logs"

    @property
    def app_log(self) -> Path:
        """The window's rotating log; older ones end in .1, .2, .3 (``enablement_app.logs``)."""
        return self.log_dir / "enablement-app.log"

    @property
    def cli_log(self) -> Path:
        """The ``enablement`` command's rotating log."""
        return self.log_dir / "enablement.log"

    @property
    def signing_key(self) -> Path:
        """Marketing's private key for signing the catalog (made by ``enablement hub init``)."""
        return self.root / "catalog-signing-key.pem"

    @property
    def usage_spool_dir(self) -> Path:
        """Where recorders keep events until the outbox has them; created by the first recorder."""
        return self.root / "usage-spool"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.index_dir, self.thumbnails_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_data_paths(explicit: Path | None = None) -> DataPaths:
    """An explicit folder wins over the environment, which wins over the platform's user data folder."""
    if explicit is not None:
        return DataPaths(explicit.expanduser().resolve())
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return DataPaths(Path(from_env).expanduser().resolve())
    return DataPaths(
        Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def demo_library_path() -> Path:
    """The demo collateral that ships with the project: next to the packages in a source checkout, and in
    the packaged app too, where the packages' folder is the bundle's (``packaging/enablement-app.spec``)."""
    return Path(__file__).resolve().parent.parent / "resources" / "demo-library"
