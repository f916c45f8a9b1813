"""Indexing a real collateral folder: what is stored, what is searchable, and what a re-run touches."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from enablement_app.library.indexing import IndexProgress
from enablement_app.library.workspace import Workspace
from enablement_app.store.models import Asset, AssetVersion
from tests.builders import make_pdf
from tests.conftest import Clock


def _assets(workspace: Workspace) -> dict[str, Asset]:
    with workspace.store.sessions() as session:
        return {
            asset.path: asset for asset in session.scalars(select(Asset).where(Asset.removed_at.is_(None)))
        }


def _search_paths(workspace: Workspace, text: str, *, include_all: bool = True) -> list[str]:
    results = workspace.library_search.search(text, include_all=include_all)
    return [hit.asset.path for hit in results.hits]


def test_full_index_stores_assets_with_pages_and_governance(workspace: Workspace, library: Path) -> None:
    summary = workspace.index(library)

    assert summary.added == 5 and summary.failed == 0 and not summary.problems
    assets = _assets(workspace)
    assert set(assets) == {
        "Pricing/pricing-2026.pdf",
        "Pricing/pricing-2025.pdf",
        "Decks/forecast-pitch.pptx",
        "Guides/onboarding.docx",
        "Guides/battlecard-forecastly.md",
    }
    pricing = assets["Pricing/pricing-2026.pdf"]
    assert (pricing.kind, pricing.page_count, pricing.title, pricing.version) == (
        "pdf",
        2,
        "Pricing sheet 2026",
        1,
    )
    assert pricing.status == "approved" and pricing.approved_by == "maria@lumora.example"
    assert pricing.supersedes_id == assets["Pricing/pricing-2025.pdf"].id
    assert len(pricing.content_hash) == 64
    assert assets["Decks/forecast-pitch.pptx"].page_count == 3
    assert pricing.has_thumbnail and not assets["Decks/forecast-pitch.pptx"].has_thumbnail
    assert workspace.search_index.page_count() == 2 + 1 + 3 + 2 + 2


def test_speaker_notes_and_sections_are_searchable(workspace: Workspace, library: Path) -> None:
    workspace.index(library)

    results = workspace.library_search.search('"how they forecast"')
    assert [hit.asset.path for hit in results.hits] == ["Decks/forecast-pitch.pptx"]
    assert results.hits[0].pages[0].number == 1
    assert _search_paths(workspace, "anchor ROI") == ["Guides/onboarding.docx"]


def test_noop_rerun_reads_nothing(workspace: Workspace, library: Path) -> None:
    workspace.index(library)

    summary = workspace.index(library)

    assert (summary.added, summary.updated, summary.moved, summary.removed, summary.pages) == (0, 0, 0, 0, 0)
    assert summary.unchanged == 5
    assert not summary.changed


def test_changed_file_gets_a_new_version_and_keeps_its_history(
    workspace: Workspace, library: Path, clock: Clock
) -> None:
    workspace.index(library)
    path = library / "Pricing" / "pricing-2026.pdf"
    old_id = _assets(workspace)["Pricing/pricing-2026.pdf"].id
    make_pdf(path, ["Lumora Forecast pricing 2026, revised: enterprise plan now includes sandbox seats."])

    summary = workspace.index(library)

    assert summary.updated == 1 and summary.pages == 1
    asset = _assets(workspace)["Pricing/pricing-2026.pdf"]
    assert (asset.id, asset.version, asset.page_count) == (old_id, 2, 1)
    with workspace.store.sessions() as session:
        versions = session.scalars(select(AssetVersion).where(AssetVersion.asset_id == old_id)).all()
    assert [version.version for version in versions] == [1, 2]
    assert _search_paths(workspace, "sandbox") == ["Pricing/pricing-2026.pdf"]
    assert _search_paths(workspace, "SOC") == []


def test_touched_file_with_same_content_is_not_reread(workspace: Workspace, library: Path) -> None:
    workspace.index(library)
    path = library / "Decks" / "forecast-pitch.pptx"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))

    summary = workspace.index(library)

    assert summary.pages == 0 and summary.unchanged == 5
    assert _assets(workspace)["Decks/forecast-pitch.pptx"].version == 1


def test_moved_and_renamed_file_keeps_identity_without_reextraction(
    workspace: Workspace, library: Path
) -> None:
    workspace.index(library)
    before = _assets(workspace)["Decks/forecast-pitch.pptx"]
    (library / "Archive").mkdir()
    shutil.move(library / "Decks" / "forecast-pitch.pptx", library / "Archive" / "pitch renamed.pptx")

    summary = workspace.index(library)

    assert (summary.moved, summary.added, summary.removed, summary.pages) == (1, 0, 0, 0)
    after = _assets(workspace)["Archive/pitch renamed.pptx"]
    assert after.id == before.id and after.version == 1
    assert _search_paths(workspace, "pipeline") == ["Archive/pitch renamed.pptx"]


def test_deleted_file_leaves_search_but_keeps_its_history(workspace: Workspace, library: Path) -> None:
    workspace.index(library)
    gone_id = _assets(workspace)["Guides/onboarding.docx"].id
    (library / "Guides" / "onboarding.docx").unlink()

    summary = workspace.index(library)

    assert summary.removed == 1
    assert _search_paths(workspace, "discovery") == []
    with workspace.store.sessions() as session:
        row = session.get(Asset, gone_id)
        assert row is not None and row.removed_at is not None


def test_file_that_comes_back_is_the_same_asset(workspace: Workspace, library: Path, tmp_path: Path) -> None:
    workspace.index(library)
    original = _assets(workspace)["Guides/onboarding.docx"].id
    shutil.move(library / "Guides" / "onboarding.docx", tmp_path / "aside.docx")
    workspace.index(library)
    shutil.move(tmp_path / "aside.docx", library / "onboarding-restored.docx")

    summary = workspace.index(library)

    assert summary.added == 1
    assert _assets(workspace)["onboarding-restored.docx"].id == original
    assert _search_paths(workspace, "discovery") == ["onboarding-restored.docx"]


def test_rebuild_recreates_the_index_from_the_files(workspace: Workspace, library: Path) -> None:
    workspace.index(library)
    ids = {path: asset.id for path, asset in _assets(workspace).items()}

    summary = workspace.index(library, rebuild=True)

    assert summary.pages == 10
    assert {path: asset.id for path, asset in _assets(workspace).items()} == ids
    assert _search_paths(workspace, "pipeline") == ["Decks/forecast-pitch.pptx"]


def test_index_and_store_are_reconciled_after_a_crash(workspace: Workspace, library: Path) -> None:
    """A kill between the index commit and the store commit leaves orphans or gaps; the next run mends both."""
    workspace.index(library)
    deck_id = _assets(workspace)["Decks/forecast-pitch.pptx"].id
    with workspace.search_index.writing() as batch:
        batch.delete_asset(deck_id)  # as if the store committed but the index did not
        batch.replace_asset("orphan", "Never stored", [], new=True)  # as if the index committed alone

    summary = workspace.index(library)

    assert summary.pages == 3
    assert workspace.search_index.asset_ids() == {asset.id for asset in _assets(workspace).values()}
    assert _search_paths(workspace, "pipeline") == ["Decks/forecast-pitch.pptx"]


def test_cancelled_run_keeps_what_it_indexed_and_the_next_run_finishes(
    workspace: Workspace, library: Path
) -> None:
    calls = 0

    def stop_after_two() -> bool:
        nonlocal calls
        calls += 1
        return calls > 8

    first = workspace.index(library, should_stop=stop_after_two)
    second = workspace.index(library)

    assert first.cancelled
    assert first.added + second.added == 5
    assert len(_assets(workspace)) == 5
    assert workspace.search_index.asset_ids() == {asset.id for asset in _assets(workspace).values()}


def test_many_files_are_extracted_in_worker_processes(
    data_paths: object, tmp_path: Path, clock: Clock
) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for number in range(12):
        make_pdf(root / f"case-study-{number:02}.pdf", [f"Customer {number} story", f"Result number{number}"])
    from enablement_app.paths import DataPaths

    assert isinstance(data_paths, DataPaths)
    with Workspace(data_paths, clock=clock, workers=2) as workspace:
        summary = workspace.index(root)
        assert summary.added == 12 and summary.pages == 24
        assert _search_paths(workspace, "number7") == ["case-study-07.pdf"]


def test_large_runs_commit_in_batches_and_stay_consistent(workspace: Workspace, library: Path) -> None:
    workspace.indexer.pages_per_commit = 3
    generation_before = workspace.search_index.generation()

    summary = workspace.index(library)

    assert summary.added == 5
    assert workspace.search_index.generation() - generation_before >= 3  # one commit per batch
    assert workspace.search_index.asset_ids() == {asset.id for asset in _assets(workspace).values()}


def test_indexing_runs_from_a_qt_worker_thread_without_forking(
    qapp: object, data_paths: object, tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app indexes on a background thread of a Qt process, where forking a child is unsafe: worker
    processes must be spawned."""
    from PySide6.QtCore import QThreadPool

    from enablement_app.paths import DataPaths

    def no_fork() -> int:
        raise AssertionError("indexing forked the Qt process")

    monkeypatch.setattr(os, "fork", no_fork)
    root = tmp_path / "many"  # enough files for a large run: extraction and index writing in worker processes
    root.mkdir()
    for number in range(24):
        make_pdf(root / f"case-study-{number:02}.pdf", [f"Customer {number} story", f"Result number{number}"])
    assert isinstance(data_paths, DataPaths)
    finished = threading.Event()
    outcome: list[object] = []

    def index_in_background() -> None:
        try:
            with Workspace(data_paths, clock=clock, workers=2) as workspace:
                summary = workspace.index(root)
                outcome.append((summary.added, summary.pages, _search_paths(workspace, "number7")))
        except BaseException as error:  # reported on the test's thread below
            outcome.append(error)
        finally:
            finished.set()

    pool = QThreadPool()
    pool.start(index_in_background)
    assert finished.wait(120)
    pool.waitForDone()
    assert outcome == [(24, 48, ["case-study-07.pdf"])]


def test_a_worker_that_dies_fails_the_batch_and_the_next_run_finishes(
    data_paths: object, tmp_path: Path, clock: Clock
) -> None:
    import multiprocessing
    import signal

    from enablement_app.paths import DataPaths
    from indexer.extraction_pool import WorkerCrashedError

    root = tmp_path / "many"
    root.mkdir()
    for number in range(30):
        make_pdf(root / f"case-study-{number:02}.pdf", [f"Customer {number} story", f"Result number{number}"])
    assert isinstance(data_paths, DataPaths)
    with Workspace(data_paths, clock=clock, workers=2) as workspace:

        def kill_a_worker(progress: IndexProgress) -> None:
            if progress.phase == "extracting" and progress.done == 3:
                worker = multiprocessing.active_children()[0]
                assert worker.pid is not None
                os.kill(worker.pid, signal.SIGKILL)

        with pytest.raises(WorkerCrashedError, match="stopped unexpectedly"):
            workspace.index(root, progress=kill_a_worker)
        assert not multiprocessing.active_children()  # the other worker was stopped too
        assert workspace.search_index.asset_ids() == {asset.id for asset in _assets(workspace).values()}

        summary = workspace.index(root)

        assert len(_assets(workspace)) == 30 and summary.failed == 0
        assert _search_paths(workspace, "number7") == ["case-study-07.pdf"]
