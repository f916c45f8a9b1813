"""Opens the SQLite store, brings its schema up to date with Alembic, and hands out sessions.

WAL mode lets the CLI, the watcher and the app read while one of them writes; ``synchronous=NORMAL`` keeps
commits durable across a process kill (WAL only risks the last commit on power loss).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, select, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from enablement_app.disk_full import DiskFullError, disk_full_sentence
from enablement_app.store.models import Setting

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest Alembic revision. A store already at it opens without importing Alembic, which keeps start-up
# fast; a test checks this matches the migrations folder.
HEAD_REVISION = "0008"
_SETTING_VALUE = select(Setting.value).where(Setting.key == bindparam("key"))


class StoreError(Exception):
    """The store cannot be opened or written; the message says what the user can do about it."""


@dataclass(frozen=True, slots=True)
class Store:
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def folder(self) -> Path:
        """The data folder the database file is in (whose disk a failed write names)."""
        return Path(str(self.engine.url.database)).parent

    def get_setting(self, key: str) -> str | None:
        # A Core read, not an ORM session: every search reads the library generation, and the session's
        # set-up cost several times the query (0.32 ms against 0.12 ms).
        with self.engine.connect() as connection:
            return connection.scalar(_SETTING_VALUE, {"key": key})

    def set_setting(self, key: str, value: str) -> None:
        with self.sessions.begin() as session:
            session.merge(Setting(key=key, value=value))

    def close(self) -> None:
        self.engine.dispose()


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # SQLite's default 2 MB page cache holds a fraction of the event id index of marketing's million-event
    # store, and every ingested row then reads pages back from the file. The cache only grows as pages are
    # read, so a rep's small library costs no more.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url)
    return config


def _current_revision(connection: Connection) -> str | None:
    exists = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    ).scalar()
    if not exists:
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


# Said while ``open_store`` migrates an existing store (``on_upgrade``), by the CLI and the window alike.
UPGRADE_NOTICE = (
    "Upgrading the library database after an update: this happens once, and takes about a minute for "
    "ten million usage events"
)


def _is_damaged(error: BaseException) -> bool:
    """Whether SQLite found the file damaged or not a database: only then is moving it aside the cure (a
    locked, read-only or full one is fine once that is fixed, and moving it would lose unsent usage)."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def open_store(database: Path, *, on_upgrade: Callable[[str], None] = lambda _notice: None) -> Store:
    """Open (creating if needed) the store at ``database`` and migrate it to the newest schema.

    ``on_upgrade(UPGRADE_NOTICE)`` is called before an existing store is migrated: some upgrades regroup
    every ingested event (about a minute for ten million), so the CLI and the window say why opening takes
    longer, in the same words."""
    database.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{database}"
    engine = create_engine(url)
    event.listen(engine, "connect", _configure_sqlite)
    try:
        with engine.begin() as connection:
            revision = _current_revision(connection)
            if revision != HEAD_REVISION:
                from alembic import command

                if revision is not None:
                    on_upgrade(UPGRADE_NOTICE)

                config = alembic_config(url)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except (OperationalError, DatabaseError, sqlite3.DatabaseError) as error:
        engine.dispose()
        cannot = f"the library database {database} cannot be opened"
        full = disk_full_sentence(error, database.parent, cannot)
        if full is not None:
            raise DiskFullError(full) from error
        detail = f"{error.__class__.__name__}: {getattr(error, 'orig', error)}"
        if _is_damaged(error):
            raise StoreError(f"{cannot} ({detail}); move it aside and re-index to rebuild it") from error
        raise StoreError(f"{cannot} ({detail})") from error
    return Store(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
