"""``enablement-app`` from source, started twice on a fresh data folder as a rep would: the whole program
(options, logging, the first-run form, indexing in worker processes, search, preview, About), not a window
built by a test. The packaged app passes the same checks in ``packaging/test_built_app.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.smoke_run_checks import check_first_start, check_second_start, start

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_app_from_source_starts_searches_and_finds_its_data_again(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "ui.app"]  # from the checkout: start() runs it in ROOT
    data = tmp_path / "data"
    check_first_start(start(command, data, tmp_path / "first.json", cwd=ROOT), data, packaged=False)
    check_second_start(start(command, data, tmp_path / "second.json", cwd=ROOT), data, packaged=False)
