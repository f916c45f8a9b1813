"""A real store in its own data folder, migrated as the app opens it, for the onboarding core's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enablement_app.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data" / "library.sqlite3")
    yield opened
    opened.close()
