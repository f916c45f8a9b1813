"""The ``hub`` fixture every contract test runs against: one parameter per backend.

A backend joins the contract tests by adding its name to ``HUB_BACKENDS`` and a branch below that builds a
real, empty hub of that kind (the PostgreSQL one from the CI's server).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from enablement_app.store import Store, open_store
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.hub import HUB_PASSWORD_ENV, Hub, open_hub
from enablement_app.sync.hub_credentials import split_password
from enablement_app.sync.postgres_hub import PostgresHub
from tests.postgres import PostgresHubDatabase

HUB_BACKENDS = ["folder", "postgres"]


@pytest.fixture(params=HUB_BACKENDS)
def hub(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hub]:
    if request.param == "folder":
        opened: Hub = FolderHub.create((tmp_path / "hub").as_uri())
    elif request.param == "postgres":
        # the hub's owner, who may push and pull; its address without the password, as settings keep it
        database: PostgresHubDatabase = request.getfixturevalue("postgres_hub_database")
        bare, password = split_password(database.admin_url)
        monkeypatch.setenv(HUB_PASSWORD_ENV, password or "")
        opened = PostgresHub.from_url(bare)
    else:  # pragma: no cover - a backend listed above without a branch here
        raise AssertionError(f"no fixture for the {request.param} hub")
    yield opened
    opened.close()


@pytest.fixture
def hub_factory(hub: Hub) -> Callable[[], Hub]:
    """Opens the fixture's hub again by its URL, as the rep's sync does on every run."""
    return lambda: open_hub(hub.url)


@pytest.fixture
def folder_hub(tmp_path: Path) -> FolderHub:
    """A folder hub whose files the folder-specific tests read and tamper with."""
    return FolderHub.create((tmp_path / "folder-hub").as_uri())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data" / "library.sqlite3")
    yield opened
    opened.close()
