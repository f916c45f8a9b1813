"""Logs go to one rotating file per program, in the user's log folder or in a chosen data folder."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from enablement_app.logs import BACKUPS, MAX_BYTES, log_uncaught_exceptions, setup_logging, stop_logging
from enablement_app.paths import DATA_DIR_ENV, DataPaths, resolve_data_paths


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    stop_logging()
    root.setLevel(level)


def test_the_log_file_rotates_and_keeps_three_old_files(tmp_path: Path) -> None:
    log_file = DataPaths(tmp_path / "data").app_log
    assert setup_logging(log_file) == log_file
    log = logging.getLogger("enablement_app.test_logs")
    line = "x" * 1000
    # Enough to fill the file and every backup once over, so the oldest lines must be gone.
    for number in range((BACKUPS + 2) * MAX_BYTES // 1000):
        log.info("line %d %s", number, line)
    log.info("the newest line")
    stop_logging()

    folder = tmp_path / "data" / "logs"
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "enablement-app.log",
        "enablement-app.log.1",
        "enablement-app.log.2",
        "enablement-app.log.3",
    ]
    for path in folder.iterdir():
        assert path.stat().st_size <= MAX_BYTES
    newest = log_file.read_text(encoding="utf-8").splitlines()
    assert newest[-1].endswith("INFO enablement_app.test_logs: the newest line")
    oldest = (folder / "enablement-app.log.3").read_text(encoding="utf-8")
    assert " line 0 " not in oldest  # rotated away


def test_setting_up_twice_writes_each_line_once(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "enablement.log"
    setup_logging(log_file)
    setup_logging(log_file, level=logging.DEBUG)
    logging.getLogger("indexer.test").debug("only once")
    stop_logging()
    assert log_file.read_text(encoding="utf-8").count("only once") == 1


def test_a_log_folder_that_cannot_be_made_leaves_the_program_running(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    assert setup_logging(blocker / "enablement-app.log") is None
    logging.getLogger("ui.test").info("still fine")


def test_an_uncaught_exception_is_logged_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_warnings: list[logging.LogRecord]
) -> None:
    shown: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, traceback: shown.append(kind))
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log_file = tmp_path / "enablement-app.log"
    setup_logging(log_file)
    log_uncaught_exceptions()
    try:
        raise LookupError("the asset vanished")
    except LookupError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    stop_logging()
    text = log_file.read_text(encoding="utf-8")
    assert "CRITICAL enablement_app.uncaught: uncaught exception" in text
    assert 'raise LookupError("the asset vanished")' in text  # the traceback, for support
    assert shown == [LookupError]  # the usual report still happens
    assert [record.levelname for record in log_warnings] == ["CRITICAL"]


def test_logs_go_to_the_user_log_folder_unless_a_data_folder_is_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    everyday = resolve_data_paths()
    assert everyday.app_log == (tmp_path / "state" / "EnablementLibrary" / "log" / "enablement-app.log")
    chosen = resolve_data_paths(tmp_path / "elsewhere")
    assert chosen.log_dir == tmp_path / "elsewhere" / "logs"
