"""A rep's first minute, played on the real window, for the smoke test of the packaged app.

``enablement-app --smoke-report FILE --query WORDS`` (hidden) starts the app as usual and then does what a
rep does, through the widgets only: fills in the first-run form if it appears and presses Start, waits for
the library to be indexed, types WORDS in the search box, presses Enter to preview the best result, waits
for its page to be drawn, opens Help → About and copies the diagnostics. At each step it notes what the
window shows (labels, result titles, the preview's page), writes it all to FILE as JSON and closes the
window. A step that does not come within ``STEP_SECONDS`` ends the run with exit code 1 and the step's name
in the report. It calls nothing in the core itself, so a packaging mistake (a missing module, data file or
Qt plugin) shows up here as it would for a rep.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

from ui.library_session import HomeView, SearchView

if TYPE_CHECKING:
    from enablement_app.library.indexing import IndexSummary
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

STEP_SECONDS = 90
SMOKE_PROFILE = {
    "name": "Smoke Test",
    "email": "smoke.test@example.com",
    "team": "Packaging",
    "region": "EMEA",
}


def _type(widget: QWidget, text: str) -> None:
    """Key presses, as a keyboard sends them, so the widget's own key handling runs."""
    for character in text:
        key = ord(character.upper()) if character.isascii() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, character)
            )


def _press(widget: QWidget, key: Qt.Key) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


class SmokeRun(QObject):
    def __init__(self, window: MainWindow, query: str, report_file: Path, started: float) -> None:
        super().__init__(window)
        self._window = window
        self._query = query
        self._report_file = report_file
        self._started = started
        self.exit_code = 0
        self._step = "first paint"
        self._indexed = False
        self._home_seen = False
        self._typed = False
        self._previewed = False
        self._finished = False
        self.report: dict[str, Any] = {"first_run": False, "window_title": window.windowTitle()}
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(STEP_SECONDS * 1000)
        self._deadline.timeout.connect(self.on_deadline_timeout)
        session = window.session
        # Connected after the window's own slots, so each of these sees the window already updated.
        window.first_painted.connect(self.on_window_first_painted)
        session.profile_needed.connect(self.on_session_profile_needed)
        session.open_failed.connect(self.on_session_open_failed)
        session.index_finished.connect(self.on_session_index_finished)
        session.index_failed.connect(self.on_session_index_failed)
        window.search.results_shown.connect(self.on_search_results_shown)
        window.renderer.page_rendered.connect(self.on_renderer_page_rendered)
        window.renderer.source_failed.connect(self.on_renderer_failed)
        window.renderer.page_failed.connect(self.on_renderer_failed)

    def _next(self, step: str) -> None:
        log.info("smoke run: %s", step)
        self._step = step
        self._deadline.start()

    # -- the steps -------------------------------------------------------------------------------

    def on_window_first_painted(self) -> None:
        self.report["first_paint_ms"] = round((time.perf_counter() - self._started) * 1000)
        self._next("opening the library")

    def on_session_profile_needed(self) -> None:
        QTimer.singleShot(0, self._fill_in_first_run)

    def _fill_in_first_run(self) -> None:
        from ui.first_run.profile_dialog import ProfileDialog

        dialog = getattr(self._window, "profile_dialog", None)
        if not isinstance(dialog, ProfileDialog) or not dialog.isVisible():
            self._fail("the first-run form did not appear")
            return
        self.report["first_run"] = True
        self.report["first_run_title"] = dialog.windowTitle()
        for field, value in ((dialog.name, SMOKE_PROFILE["name"]), (dialog.email, SMOKE_PROFILE["email"])):
            field.setFocus()
            _type(field, value)
        dialog.team.setFocus()
        _type(dialog.team, SMOKE_PROFILE["team"])
        dialog.region.setCurrentText(SMOKE_PROFILE["region"])
        self.report["first_run_folder"] = dialog.folder.text()
        self._next("indexing after the first-run form")
        start = [button for button in dialog.findChildren(QPushButton) if button.text() == "Start"]
        if len(start) != 1:
            self._fail("the first-run form has no Start button")
            return
        start[0].click()
        if dialog.isVisible():
            self._fail(f"the first-run form refused the profile: {dialog.error.text()}")

    def on_session_open_failed(self, message: str) -> None:
        self._fail(f"the library could not be opened: {message}")

    def on_session_index_failed(self, message: str) -> None:
        self._fail(f"indexing failed: {message}")

    def on_session_index_finished(self, _summary: IndexSummary) -> None:
        if self._indexed:
            return
        self._indexed = True
        QTimer.singleShot(0, self._after_indexing)

    def _after_indexing(self) -> None:
        window = self._window
        self.report["status_after_indexing"] = window.status_label.text()
        self.report["profile_button"] = window.profile_button.text()
        self._type_query()

    def on_search_results_shown(self, view: SearchView | HomeView) -> None:
        QTimer.singleShot(0, lambda: self._results_on_screen(view))

    def _results_on_screen(self, view: SearchView | HomeView) -> None:
        window = self._window
        rows = [window.results.row_at(number) for number in range(window.results.rowCount())]
        shown = {
            "summary": window.summary_label.text(),
            "titles": [row.card.title for row in rows if row is not None],
            "sections": [row.section for row in rows if row is not None and row.section],
        }
        if isinstance(view, HomeView):
            self.report["home"] = shown
            self._home_seen = True
            self._type_query()
        elif view.results.query == self._query and self._typed and not self._previewed:
            self._previewed = True
            self.report["search"] = shown
            self._next("drawing the preview of the best result")
            _press(window.search_box, Qt.Key.Key_Return)

    def _type_query(self) -> None:
        if self._typed or not (self._indexed and self._home_seen):
            return
        self._typed = True
        box = self._window.search_box
        self._next(f"searching for {self._query!r}")
        box.setFocus()
        _type(box, self._query)

    def on_renderer_page_rendered(self, _generation: int, _page: int, _zoom: int, _image: QImage) -> None:
        QTimer.singleShot(0, self._check_preview)

    def _check_preview(self) -> None:
        preview = self._window.preview
        if self._finished or "preview" in self.report or not preview.isVisible():
            return
        pixmap = preview.page_label.pixmap()
        if preview.stack.currentWidget() is not preview.page_area or pixmap.isNull():
            return
        self.report["preview"] = {
            "title": preview.title_label.text(),
            "page": preview.page_box.value(),
            "of": preview.page_count_label.text(),
            "image_size": [pixmap.width(), pixmap.height()],
        }
        self._open_about()

    def on_renderer_failed(self, *arguments: object) -> None:
        self._fail(f"the preview could not be drawn: {arguments[-1]}")

    def _open_about(self) -> None:
        window = self._window
        self._next("gathering the diagnostics in the About box")
        window.about_action.trigger()
        dialog = window.about_dialog
        assert dialog is not None
        dialog.diagnostics_shown.connect(lambda _text: QTimer.singleShot(0, self._copy_diagnostics))

    def _copy_diagnostics(self) -> None:
        dialog = self._window.about_dialog
        assert dialog is not None
        dialog.copy_button.click()
        self.report["about"] = {
            "title": dialog.windowTitle(),
            "version": dialog.version_label.text(),
            "diagnostics": dialog.diagnostics_view.toPlainText(),
            "copied_note": dialog.copied_label.text(),
            "clipboard_has_diagnostics": QGuiApplication.clipboard().text()
            == dialog.diagnostics_view.toPlainText(),
        }
        dialog.close()
        self._finish()

    # -- the end ---------------------------------------------------------------------------------

    def on_deadline_timeout(self) -> None:
        self._fail(f"timed out after {STEP_SECONDS} s {self._step}")

    def _fail(self, error: str) -> None:
        if self._finished:
            return
        log.error("smoke run failed: %s", error)
        self.report["error"] = error
        self.exit_code = 1
        self._finish()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._deadline.stop()
        self.report["step"] = self._step if self.exit_code else "done"
        self.report["elapsed_ms"] = round((time.perf_counter() - self._started) * 1000)
        self._report_file.parent.mkdir(parents=True, exist_ok=True)
        self._report_file.write_text(json.dumps(self.report, indent=2, ensure_ascii=False), encoding="utf-8")
        self._window.close()
