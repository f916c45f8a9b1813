"""The store is created by the Alembic migrations, which must describe exactly the models in code."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from enablement_app.store import StoreError, open_store
from enablement_app.store.database import HEAD_REVISION, UPGRADE_NOTICE, alembic_config
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


def test_upgrading_keeps_ingested_events_and_gives_each_sender_one_key(tmp_path: Path) -> None:
    """0004 moved each event's rep, device and profile into analytics_senders: nothing may be lost."""
    url = f"sqlite:///{tmp_path / 'library.sqlite3'}"
    command.upgrade(alembic_config(url), "0003")
    engine = create_engine(url)
    columns = "id, kind, occurred_at, rep_id, device_id, rep_team, rep_region, rep_role, asset_id, "
    columns += "asset_version, details, ingested_at"
    rows = [
        ("e1", "open", "ana", "laptop", "West", "EMEA", "rep", '{"target":"preview"}'),
        ("e2", "share", "ana", "laptop", "West", "EMEA", "rep", '{"channel":"email"}'),
        ("e3", "open", "ana", "laptop", "East", "EMEA", "rep", '{"target":"file"}'),  # she moved team
        ("e4", "open", "ben", "desktop", "West", "EMEA", "rep", '{"target":"preview"}'),
    ]
    with engine.begin() as connection:
        for event_id, kind, rep, device, team, region, role, details in rows:
            connection.execute(
                text(
                    f"INSERT INTO analytics_events ({columns}) VALUES (:id, :kind, '2026-11-02 09:00:00.000000', "
                    ":rep, :device, :team, :region, :role, 'a1', 1, :details, '2026-11-03 10:00:00.000000')"
                ),
                {"id": event_id, "kind": kind, "rep": rep, "device": device, "team": team, "region": region}
                | {"role": role, "details": details},
            )
    engine.dispose()

    store = open_store(tmp_path / "library.sqlite3")  # migrates to the head
    with store.engine.connect() as connection:
        migrated = connection.execute(
            text(
                "SELECT e.id, e.kind, s.rep_id, s.device_id, s.rep_team, s.rep_region, s.rep_role, e.details "
                "FROM analytics_events AS e JOIN analytics_senders AS s ON s.key = e.sender ORDER BY e.seq"
            )
        ).all()
        senders = connection.execute(text("SELECT count(*) FROM analytics_senders")).scalar()
    assert [tuple(row) for row in migrated] == rows
    assert senders == 3


def test_opening_says_when_an_existing_store_is_upgraded(tmp_path: Path) -> None:
    """Some upgrades regroup every ingested event, so the CLI and the window say why opening takes long;
    a new store or one already at the head is opened without a word."""
    database = tmp_path / "library.sqlite3"
    said: list[str] = []
    open_store(database, on_upgrade=said.append).close()
    open_store(database, on_upgrade=said.append).close()
    assert said == []
    command.downgrade(alembic_config(f"sqlite:///{database}"), "0006")
    open_store(database, on_upgrade=said.append).close()
    assert said == [UPGRADE_NOTICE]
    assert UPGRADE_NOTICE.startswith("Upgrading the library database after an update")
