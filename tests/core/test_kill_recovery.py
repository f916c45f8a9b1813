"""Killing the indexer at any moment leaves a searchable index and a consistent store."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset
from tests.builders import make_pdf, make_pptx

ENABLEMENT = Path(sys.executable).parent / "enablement"


def _make_library(root: Path, count: int) -> None:
    root.mkdir()
    for number in range(count):
        pages = [
            f"Account plan {number} page {page}: renewal risk, expansion, champion" for page in range(12)
        ]
        make_pdf(root / f"account-plan-{number:03}.pdf", pages)
    make_pptx(root / "qbr.pptx", [(f"Slide {n}", "Quarterly business review", "Say hi") for n in range(10)])


@pytest.mark.slow
def test_kill_at_random_moments_then_recover(tmp_path: Path) -> None:
    library = tmp_path / "collateral"
    _make_library(library, 60)
    data = DataPaths(tmp_path / "data")
    env = {**os.environ, "ENABLEMENT_DATA_DIR": str(data.root)}
    chance = random.Random(20261123)

    for round_number in range(12):
        if round_number % 3 == 2:
            # change the library between kills, so runs also update, move and delete
            victim = library / f"account-plan-{round_number:03}.pdf"
            if victim.exists():
                victim.rename(library / f"moved-{round_number:03}.pdf")
            make_pdf(library / f"new-{round_number:03}.pdf", [f"Fresh case study {round_number}"])
        rebuild = ["--rebuild"] if round_number % 4 == 3 else []
        process = subprocess.Popen(
            [str(ENABLEMENT), "index", str(library), "--workers", "2", "--quiet", *rebuild],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        time.sleep(chance.uniform(0.3, 2.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)

        # Straight after the kill: the store opens and is intact, and the index answers.
        with Workspace(data, workers=1) as workspace:
            with workspace.store.engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            workspace.library_search.search("renewal", include_all=True)

    with Workspace(data, workers=2) as workspace:
        summary = workspace.index(library)
        assert not summary.problems
        with workspace.store.sessions() as session:
            present = {
                asset.path: asset.id
                for asset in session.scalars(select(Asset).where(Asset.removed_at.is_(None)))
            }
        on_disk = {path.relative_to(library).as_posix() for path in library.iterdir()}
        assert set(present) == on_disk
        assert workspace.search_index.asset_ids() == set(present.values())
        results = workspace.library_search.search("champion", include_all=True, limit=100)
        assert results.total_assets == sum(1 for name in on_disk if "account-plan" in name or "moved" in name)
