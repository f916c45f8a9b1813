"""A manager's "Team onboarding": each new hire's progress as marketing last published it, their own
team's first, with the time new hires take to finish. Also the table marketing's Onboarding page shows.

The controller fetches the published progress off the UI thread after each sync (and shows the copy kept
in the data folder when the hub cannot be reached).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.onboarding.items_model import short_date
from ui.onboarding.new_hires_model import NewHiresModel, summary_text

if TYPE_CHECKING:
    from enablement_app.onboarding.team_progress import NewHireProgress, OnboardingProgress
    from ui.library_session import LibrarySession
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

COLUMN_WIDTH = 980


class NewHiresTable(QTableView):
    """The new hires table, sized to read at a glance."""

    def __init__(self, model: NewHiresModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("libraryTable")
        self.setAccessibleName("New hires' progress")
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


class TeamOnboardingView(QWidget):
    """For a manager: the published progress, their team's new hires first, and a way to propose a
    playlist to marketing."""

    propose_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NewHiresModel()
        # a reading column, as My onboarding: on a wide window the figures stay near the names
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        column = QWidget()
        column.setMaximumWidth(COLUMN_WIDTH)
        outer.addWidget(column, 1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        section = QLabel("TEAM ONBOARDING")
        section.setObjectName("sectionTitle")
        layout.addWidget(section)
        self.title_label = QLabel("Your new hires")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = NewHiresTable(self.model)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        self.source_label = QLabel()
        self.source_label.setObjectName("muted")
        self.source_label.setWordWrap(True)
        self.propose_button = QPushButton("Propose a playlist…")
        self.propose_button.setToolTip(
            "Build an onboarding playlist for your new hires; marketing adds it to the catalog"
        )
        footer.addWidget(self.source_label, 1)
        footer.addWidget(self.propose_button)
        layout.addLayout(footer)
        self.propose_button.clicked.connect(self.propose_requested)
        self.set_progress(None, dt.date.today(), "")

    def set_progress(self, progress: OnboardingProgress | None, today: dt.date, team: str) -> None:
        rows: tuple[NewHireProgress, ...] = progress.team_first(team) if progress is not None else ()
        self.model.set_rows(rows, today, team)
        if progress is None:
            self.summary_label.setText("Marketing has not published new hires' progress yet.")
            self.source_label.setText(
                "It comes with the catalog, after marketing's next publish and your next sync."
            )
            return
        own = [row for row in rows if team and row.team.casefold() == team.strip().casefold()]
        self.title_label.setText(f"{team}'s new hires" if own else "New hires")
        median = progress.median_days_to_finish()
        self.summary_label.setText(summary_text(rows, median, today))
        when = progress.generated_at
        self.source_label.setText(
            f"As marketing published it on {short_date(when)} at {when.strftime('%H:%M')} UTC"
            + (f" · your team ({team}) first, in bold" if own else "")
        )


class TeamOnboardingController(QObject):
    """Fetches the progress marketing published, for a manager; ``progress_read`` with it (or None)."""

    progress_read = Signal(object)  # OnboardingProgress | None

    def __init__(self, session: LibrarySession, tasks: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.tasks = tasks
        self.current: OnboardingProgress | None = None
        self._running = False
        self._stopped = False

    def refresh(self) -> None:
        workspace = self.session.workspace
        if workspace is None or self._running or self._stopped:
            return
        from enablement_app.onboarding.published_progress import fetch_onboarding_progress
        from enablement_app.sync.rep_sync import hub_from_settings

        store, root = workspace.store, workspace.paths.root
        self._running = True
        self.tasks.run(
            lambda: fetch_onboarding_progress(lambda: hub_from_settings(store), root),
            on_success=self._on_fetched,
            on_failure=self._on_failed,
            lane="sync",
        )

    def stop(self) -> None:
        self._stopped = True

    def _on_fetched(self, progress: OnboardingProgress | None) -> None:
        self._running = False
        if self._stopped:
            return
        self.current = progress
        self.progress_read.emit(progress)

    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        log.error("could not read new hires' progress: %s", error)
