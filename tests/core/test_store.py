"""The store is created by the Alembic migrations, which must describe exactly the models in code."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from enablement_app.store import StoreError, open_store
from enablement_app.store.database import HEAD_REVISION, alembic_config
from enablement_app.store.models import Base


def test_migrations_match_the_models(tmp_path: Path) -> None:
    store = open_store(tmp_path / "library.sqlite3")
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_head_revision_constant_matches_the_migrations() -> None:
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert scripts.get_current_head() == HEAD_REVISION


def test_store_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "library.sqlite3")
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_settings_persist_across_opens(tmp_path: Path) -> None:
    open_store(tmp_path / "library.sqlite3").set_setting("library_root", "/srv/collateral")
    assert open_store(tmp_path / "library.sqlite3").get_setting("library_root") == "/srv/collateral"


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    database = tmp_path / "library.sqlite3"
    database.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        open_store(database)
