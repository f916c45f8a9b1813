"""The About box, and copying diagnostics for support.

A rep who writes to support pastes the diagnostics (``enablement_app.diagnostics``) instead of answering
"which version, where are your files, is sync working" one question at a time. Gathering reads the disk and
the store, so it runs on the TaskRunner; only the Qt version is read here, on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import PySide6
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enablement_app.diagnostics import Diagnostics, app_version, collect
from ui.icons import app_icon
from ui.library_session import LibrarySession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

DESCRIPTION = "Find approved sales collateral in seconds, and show marketing what reps use."
LICENCE = (
    "Free software under the GNU Affero General Public License 3.0 or later. "
    "Built with Qt (PySide6), PyMuPDF and Whoosh."
)
COPIED = "Copied to the clipboard: paste it into your message to support."


def diagnostics_of(session: LibrarySession) -> Callable[[], Diagnostics]:
    """Gathers the diagnostics of the window's data folder; call the result on a worker."""
    qt = f"{qVersion()} (PySide6 {PySide6.__version__}, {QGuiApplication.platformName()})"
    paths, workspace = session.paths, session.workspace

    def gather() -> Diagnostics:
        return collect(paths, workspace=workspace, log_file=paths.app_log, extra=[("Qt", qt)])

    return gather


def copy_diagnostics(
    session: LibrarySession, tasks: TaskRunner, on_copied: Callable[[str], object] = lambda _text: None
) -> None:
    """Puts the diagnostics on the clipboard, then calls ``on_copied`` with them (on the UI thread)."""

    def copy(found: Diagnostics) -> None:
        text = found.as_text()
        QGuiApplication.clipboard().setText(text)
        on_copied(text)

    tasks.run(diagnostics_of(session), on_success=copy, on_failure=_log_failure)


def _log_failure(error: BaseException) -> None:
    log.error("could not gather diagnostics: %s\n%s", error, getattr(error, "__traceback_text__", ""))


class AboutDialog(QDialog):
    """Name, version and licence, and the diagnostics with a button that copies them; ``refresh`` gathers
    the diagnostics (each time the box is shown, since sync and the index change while the app runs)."""

    diagnostics_shown = Signal(str)
    diagnostics_copied = Signal(str)

    def __init__(self, session: LibrarySession, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._text = ""
        self.setWindowTitle("About Enablement Library")
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        header = QHBoxLayout()
        header.setSpacing(14)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        header.addWidget(icon)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.name_label = QLabel("Enablement Library")
        self.name_label.setObjectName("appTitle")
        self.version_label = QLabel(f"Version {app_version()}")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description_label = QLabel(DESCRIPTION)
        self.description_label.setWordWrap(True)
        self.licence_label = QLabel(LICENCE)
        self.licence_label.setWordWrap(True)
        self.licence_label.setObjectName("muted")
        for label in (self.name_label, self.version_label, self.description_label, self.licence_label):
            titles.addWidget(label)
        header.addLayout(titles, 1)
        layout.addLayout(header)

        section = QLabel("DIAGNOSTICS FOR SUPPORT")
        section.setObjectName("sectionTitle")
        layout.addWidget(section)
        self.diagnostics_view = QPlainTextEdit()
        self.diagnostics_view.setReadOnly(True)
        self.diagnostics_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diagnostics_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diagnostics_view.setMinimumHeight(220)
        self.diagnostics_view.setAccessibleName("Diagnostics")
        layout.addWidget(self.diagnostics_view, 1)

        footer = QHBoxLayout()
        self.copied_label = QLabel()
        self.copied_label.setObjectName("muted")
        self.copied_label.setWordWrap(True)
        footer.addWidget(self.copied_label, 1)
        self.copy_button = QPushButton("Copy diagnostics")
        self.copy_button.setToolTip("Copy these lines, to paste into a message to support")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        footer.addWidget(buttons)
        layout.addLayout(footer)

        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        buttons.rejected.connect(self.reject)

    def refresh(self) -> None:
        """Gathers the diagnostics in the background; ``diagnostics_shown`` says when they are on screen."""
        self.copy_button.setEnabled(False)
        self.copied_label.clear()
        self.diagnostics_view.setPlainText("Gathering diagnostics…")
        self._tasks.run(diagnostics_of(self._session), on_success=self._show, on_failure=self._failed)

    def _show(self, found: Diagnostics) -> None:
        self._text = found.as_text()
        self.diagnostics_view.setPlainText(self._text)
        self.copy_button.setEnabled(True)
        self.diagnostics_shown.emit(self._text)

    def _failed(self, error: BaseException) -> None:
        _log_failure(error)
        self.diagnostics_view.setPlainText(
            f"The diagnostics could not be gathered ({error}). The log has the details: "
            f"{self._session.paths.app_log}"
        )

    def on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self._text)
        self.copied_label.setText(COPIED)
        self.diagnostics_copied.emit(self._text)
