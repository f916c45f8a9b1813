"""Bad files and bad folders: each gets a recorded, readable reason; indexing goes on; nothing is lost."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from enablement_app.catalog import MANIFEST_NAME
from enablement_app.library.indexing import IndexProgress, LibraryFolderError
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from tests.builders import make_pdf
from tests.conftest import Clock


def _problems(workspace: Workspace) -> dict[str, str]:
    return {problem.path: problem.reason for problem in workspace.status().problems}


def _searchable(workspace: Workspace, text: str) -> list[str]:
    return [hit.asset.path for hit in workspace.library_search.search(text, include_all=True).hits]


@pytest.fixture
def indexed(workspace: Workspace, library: Path) -> Workspace:
    workspace.index(library)
    return workspace


def test_corrupt_pdf(indexed: Workspace, library: Path) -> None:
    good = make_pdf(library / "good.pdf", ["Quarterly business review template"]).read_bytes()
    (library / "broken.pdf").write_bytes(good[: len(good) // 3])
    (library / "noise.pdf").write_bytes(os.urandom(4096))

    summary = indexed.index(library)

    assert summary.added == 1 and summary.failed == 2
    problems = _problems(indexed)
    assert "damaged" in problems["broken.pdf"] and "damaged" in problems["noise.pdf"]
    assert _searchable(indexed, "quarterly") == ["good.pdf"]
    assert _searchable(indexed, "GDPR") == ["Pricing/pricing-2026.pdf"]  # nothing already indexed lost


def test_encrypted_pdf(indexed: Workspace, library: Path) -> None:
    make_pdf(library / "secret.pdf", ["Confidential margin analysis"], password="s3cret")

    indexed.index(library)

    assert "password-protected" in _problems(indexed)["secret.pdf"]
    assert _searchable(indexed, "margin") == []


def test_zero_byte_file(indexed: Workspace, library: Path) -> None:
    (library / "empty.docx").write_bytes(b"")
    indexed.index(library)
    assert _problems(indexed)["empty.docx"] == "the file is empty (0 bytes)"


def test_file_over_the_size_limit(data_paths: DataPaths, library: Path, clock: Clock) -> None:
    limit = max(path.stat().st_size for path in library.rglob("*.*"))
    assert make_pdf(library / "huge.pdf", ["Annual report " * 150] * 80).stat().st_size > limit
    with Workspace(data_paths, clock=clock, workers=1, max_file_bytes=limit) as workspace:
        summary = workspace.index(library)
        assert "over the" in _problems(workspace)["huge.pdf"] and "limit" in _problems(workspace)["huge.pdf"]
        assert summary.added == 5


def test_not_a_zip_office_file(indexed: Workspace, library: Path) -> None:
    (library / "deck.pptx").write_text("this is not a presentation")
    indexed.index(library)
    assert "PowerPoint" in _problems(indexed)["deck.pptx"]


def test_non_utf8_file_name_is_reported_and_others_indexed(indexed: Workspace, library: Path) -> None:
    raw_name = os.fsencode(library) + b"/caf\xe9 menu.pdf"
    good = make_pdf(library / "tmp.pdf", ["Cafe menu"]).read_bytes()
    (library / "tmp.pdf").unlink()
    Path(os.fsdecode(raw_name)).write_bytes(good)

    summary = indexed.index(library)

    assert summary.unchanged == 5
    [(path, reason)] = [(path, reason) for path, reason in _problems(indexed).items() if "menu" in path]
    assert "not valid UTF-8" in reason and path == "caf\ufffd menu.pdf"


def test_very_long_file_name_is_indexed(indexed: Workspace, library: Path) -> None:
    name = ("Lumora enterprise security questionnaire answers " * 5)[:240] + ".pdf"
    make_pdf(library / name, ["Penetration test summary"])
    indexed.index(library)
    assert _searchable(indexed, "penetration") == [name]


def test_symlink_loop(indexed: Workspace, library: Path) -> None:
    (library / "Decks" / "loop").symlink_to(library, target_is_directory=True)
    (library / "self.pdf").symlink_to(library / "self.pdf")

    summary = indexed.index(library)

    assert summary.unchanged == 5 and summary.added == 0
    problems = _problems(indexed)
    assert "symlink loop" in problems["Decks/loop"]
    assert "symlink loop" in problems["self.pdf"]


def _index_as_nobody(data_dir: str, root: str, queue: multiprocessing.Queue[str]) -> None:
    try:
        os.setgid(65534)
        os.setuid(65534)
        with Workspace(DataPaths(Path(data_dir)), workers=1) as workspace:
            workspace.index(Path(root))
        queue.put("ok")
    except BaseException as error:
        queue.put(f"{type(error).__name__}: {error}")


def test_unreadable_file(tmp_path: Path, library: Path, clock: Clock) -> None:
    make_pdf(library / "locked.pdf", ["Board deck draft"])
    if os.geteuid() != 0:
        (library / "locked.pdf").chmod(0o000)
        with Workspace(DataPaths(tmp_path / "data"), clock=clock, workers=1) as workspace:
            workspace.index(library)
            assert "permission denied" in _problems(workspace)["locked.pdf"]
        return
    # root reads everything: index from a child process that has dropped to an ordinary user, in a
    # folder that user can reach (pytest's own temporary folders are private to root).
    base = Path(tempfile.mkdtemp(prefix="enablement-unreadable-"))
    try:
        base.chmod(0o777)
        shutil.copytree(library, base / "collateral")
        for path in [base, *base.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        (base / "collateral" / "locked.pdf").chmod(0o000)
        context = multiprocessing.get_context("fork")
        queue: multiprocessing.Queue[str] = context.Queue()
        args = (str(base / "data"), str(base / "collateral"), queue)
        child = context.Process(target=_index_as_nobody, args=args)
        child.start()
        child.join(60)
        assert queue.get(timeout=5) == "ok"
        with Workspace(DataPaths(base / "data"), clock=clock, workers=1) as workspace:
            assert "permission denied" in _problems(workspace)["locked.pdf"]
            assert _searchable(workspace, "GDPR") == ["Pricing/pricing-2026.pdf"]
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_file_deleted_mid_index(workspace: Workspace, library: Path) -> None:
    doomed = library / "Guides" / "onboarding.docx"

    def delete_when_extraction_starts(progress: IndexProgress) -> None:
        if progress.phase == "extracting" and progress.done == 0 and doomed.exists():
            doomed.unlink()

    summary = workspace.index(library, progress=delete_when_extraction_starts)

    assert summary.added == 4
    assert "disappeared" in _problems(workspace)["Guides/onboarding.docx"]
    # once it is gone for good, the problem goes too
    workspace.index(library)
    assert "Guides/onboarding.docx" not in _problems(workspace)


def test_corrupt_catalog_keeps_the_last_governance(
    indexed: Workspace, library: Path, log_warnings: list[logging.LogRecord]
) -> None:
    assert [hit.asset.path for hit in indexed.library_search.search("GDPR").hits] == [
        "Pricing/pricing-2026.pdf"
    ]
    (library / MANIFEST_NAME).write_text('{"format": 1, "assets": {"Pricing/pricing-2026.pdf": {"status": ')

    summary = indexed.index(library)

    assert summary.catalog_error is not None and "not valid JSON" in summary.catalog_error
    assert "not valid JSON" in _problems(indexed)[MANIFEST_NAME]
    assert [hit.asset.path for hit in indexed.library_search.search("GDPR").hits] == [
        "Pricing/pricing-2026.pdf"
    ]
    assert any("catalog manifest ignored" in record.getMessage() for record in log_warnings)


def test_catalog_with_a_bad_value_is_rejected_whole(
    indexed: Workspace, library: Path, log_warnings: object
) -> None:
    (library / MANIFEST_NAME).write_text(
        '{"format": 1, "assets": {"Decks/forecast-pitch.pptx": {"status": "maybe"}}}'
    )
    summary = indexed.index(library)
    assert summary.catalog_error is not None and "'maybe' is not one of" in summary.catalog_error
    assert _searchable(indexed, "pipeline") == ["Decks/forecast-pitch.pptx"]


def test_missing_folder_gives_a_clear_error(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(LibraryFolderError, match="does not exist"):
        workspace.index(tmp_path / "nowhere")


def test_corrupt_search_index_is_rebuilt(
    data_paths: DataPaths, library: Path, clock: Clock, log_warnings: object
) -> None:
    with Workspace(data_paths, clock=clock, workers=1) as workspace:
        workspace.index(library)
    for segment in data_paths.index_dir.glob("*.seg"):
        segment.write_bytes(b"garbage")
    for toc in data_paths.index_dir.glob("*.toc"):
        toc.write_bytes(b"garbage")

    with Workspace(data_paths, clock=clock, workers=1) as workspace:
        assert workspace.search_index.needs_rebuild
        summary = workspace.index(library)
        assert summary.pages == 10
        assert _searchable(workspace, "pipeline") == ["Decks/forecast-pitch.pptx"]


def test_governance_dates_survive_the_round_trip(indexed: Workspace) -> None:
    card = next(
        card for card in indexed.library_search.cards().values() if card.path == "Pricing/pricing-2026.pdf"
    )
    assert card.expires_at == dt.date(2027, 12, 31)
