"""The real window on a real data folder: a generated collateral library, a SQLite store, a Whoosh index and
a saved rep profile. Only the desktop outside this machine (default applications, the folder picker) is
replaced, by recorders of what would have been launched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from enablement_app.paths import DataPaths
from enablement_app.store import Store, open_store
from enablement_app.usage.events import UsageEvent
from enablement_app.usage.profile import RepProfile, save_profile
from enablement_app.usage.queries import events_since
from ui.library_session import LibrarySession
from ui.main_window import MainWindow
from ui.share.desktop_actions import DesktopActions
from ui.tasks import TaskRunner

LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class ManualClock:
    """A monotonic clock the test moves, for dwell times and settled searches."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Desktop:
    """Stands in for the desktop's default applications and folder picker."""

    def __init__(self, copies: Path) -> None:
        self.opened: list[QUrl] = []
        self.copies = copies
        self.choose: Path | None = copies

    def open_url(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True

    def choose_folder(self, _parent: QWidget | None) -> Path | None:
        return self.choose


class App:
    def __init__(
        self, window: MainWindow, session: LibrarySession, clock: ManualClock, desktop: Desktop
    ) -> None:
        self.window = window
        self.session = session
        self.clock = clock
        self.desktop = desktop

    def events(self, kind: str | None = None) -> list[UsageEvent]:
        recorder = self.session.recorder
        assert recorder is not None
        assert recorder.flush(10.0)
        workspace = self.session.workspace
        assert workspace is not None
        found = events_since(workspace.store, LONG_AGO)
        return [event for event in found if kind is None or event.kind == kind]


def save_rep(paths: DataPaths) -> RepProfile:
    store = open_store(paths.ensure().database)
    try:
        return save_profile(
            store,
            RepProfile.new(name="Sam Rivera", email="sam@lumora.example", team="Mid-market", region="EMEA"),
        )
    finally:
        store.close()


def start_app(
    qtbot: QtBot,
    paths: DataPaths,
    library: Path | None,
    tmp_path: Path,
    *,
    wait_for_index: bool = True,
    office_pages: bool = False,
    now: Callable[[], dt.datetime] | None = None,
) -> App:
    """The window on ``paths``; ``now`` fixes the workspace's clock (what is expired, approval times)."""
    clock = ManualClock()
    copies = tmp_path / "copies"
    copies.mkdir(exist_ok=True)
    desktop = Desktop(copies)
    tasks = TaskRunner()
    session = LibrarySession(paths, tasks, library=library, watch=False, clock=now)
    window = MainWindow(
        session,
        tasks,
        actions=DesktopActions(open_url=desktop.open_url, choose_folder=desktop.choose_folder),
        clock=clock,
        office_pages=office_pages,
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    if wait_for_index:
        with qtbot.waitSignal(session.index_finished, timeout=60_000):
            session.open()
    return App(window, session, clock, desktop)


@pytest.fixture
def app(qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path) -> Iterator[App]:
    save_rep(data_paths)
    started = start_app(qtbot, data_paths, library, tmp_path)
    yield started
    started.window.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real store in its own data folder, for a widget built without the window."""
    opened = open_store(tmp_path / "data" / "library.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    """The window's background lanes, for a widget built without the window; shut down after the test."""
    runner = TaskRunner()
    yield runner
    runner.shutdown()
