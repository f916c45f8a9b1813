"""The choices next to the results summary that bring top reps' signals in: on the empty screen, the
stage whose top reps' picks lead the list; on results, the sort (relevance or top reps' picks).

The widget only emits what the rep chose (past tense); ``TopRepChoiceKeeper`` applies it to the searches
and keeps it across restarts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from enablement_app.recommendations.rep_choices import RELEVANCE, SORTS, TOP_REPS
from ui.library_session import HomeView, LibrarySession, SearchView

if TYPE_CHECKING:
    from enablement_app.store import Store
    from ui.search.search_controller import SearchController
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class TopRepChoices(QWidget):
    stage_chosen = Signal(str)
    sort_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.stage_label = QLabel("Top reps' picks for")
        self.stage_label.setObjectName("muted")
        self.stage_box = QComboBox()
        self.stage_box.setAccessibleName("Stage of the top reps' picks")
        self.stage_box.setToolTip("The assets of this stage top reps shared and used most this quarter")
        self.stage_label.setBuddy(self.stage_box)
        self.sort_label = QLabel("Sort:")
        self.sort_label.setObjectName("muted")
        self.sort_box = QComboBox()
        self.sort_box.setAccessibleName("Sort results")
        for sort, label in SORTS.items():
            self.sort_box.addItem(label, sort)
        self.sort_box.setItemData(
            self.sort_box.findData(TOP_REPS),
            "What the top reps (the CRM's best performers) used most this quarter first",
            Qt.ItemDataRole.ToolTipRole,
        )
        self.sort_label.setBuddy(self.sort_box)
        for widget in (self.stage_label, self.stage_box, self.sort_label, self.sort_box):
            layout.addWidget(widget)
        self.stage_box.activated.connect(self.on_stage_box_activated)
        self.sort_box.activated.connect(self.on_sort_box_activated)
        self.show_sort(False)
        self.show_stages((), None)

    # -- what the window shows -----------------------------------------------------------------------

    def show_stages(self, stages: tuple[str, ...], stage: str | None) -> None:
        """The empty screen's shelf: its stages and the one shown; hidden when no asset has a stage."""
        self.stage_box.blockSignals(True)
        self.stage_box.clear()
        for value in stages:
            self.stage_box.addItem(value[:1].upper() + value[1:], value)
        if stage is not None:
            self.stage_box.setCurrentIndex(self.stage_box.findData(stage))
        self.stage_box.blockSignals(False)
        for widget in (self.stage_label, self.stage_box):
            widget.setVisible(bool(stages))

    def show_sort(self, visible: bool) -> None:
        self.sort_label.setVisible(visible)
        self.sort_box.setVisible(visible)

    def set_sort(self, sort: str) -> None:
        self.sort_box.setCurrentIndex(max(0, self.sort_box.findData(sort if sort in SORTS else RELEVANCE)))

    # -- what the rep chose ----------------------------------------------------------------------

    def on_stage_box_activated(self, index: int) -> None:
        self.stage_chosen.emit(str(self.stage_box.itemData(index)))

    def on_sort_box_activated(self, index: int) -> None:
        self.sort_chosen.emit(str(self.sort_box.itemData(index)))


class TopRepChoiceKeeper(QObject):
    """Applies what the rep chose in ``TopRepChoices`` to the searches, keeps it in the data folder's
    settings (on the writer lane) and brings it back when the library opens."""

    def __init__(
        self, session: LibrarySession, tasks: TaskRunner, search: SearchController, choices: TopRepChoices
    ) -> None:
        super().__init__(choices)
        self._session = session
        self._tasks = tasks
        self._search = search
        self._choices = choices
        choices.sort_chosen.connect(self.on_choices_sort_chosen)
        choices.stage_chosen.connect(self.on_choices_stage_chosen)

    def restore(self) -> None:
        """The sort chosen last time (the shelf's stage is read with the empty screen itself)."""
        from enablement_app.recommendations.rep_choices import load_results_sort

        workspace = self._session.workspace
        if workspace is not None:
            self._tasks.run(
                lambda: load_results_sort(workspace.store), on_success=self._restored, lane="search"
            )

    def _restored(self, sort: str) -> None:
        self._choices.set_sort(sort)
        self._search.set_sort(sort)

    def show(self, view: SearchView | HomeView) -> str:
        """Show the choices that apply to ``view``; for the empty screen, a sentence on why the shelf is
        empty ("" when it is not), which the window shows under the summary."""
        if not isinstance(view, HomeView):
            self._choices.show_sort(True)
            self._choices.show_stages((), None)
            return ""
        self._choices.show_sort(False)
        self._choices.show_stages(view.stages, view.stage)
        if view.stage is None or view.shelf_size or not view.visible_assets:
            return ""
        if not view.top_rep_figures:
            return (
                f"Top reps' picks for the {view.stage} stage show here once marketing publishes top-rep "
                "figures (from a CRM import, through the hub)."
            )
        return f"No top rep shared or used a {view.stage}-stage asset this quarter."

    def on_choices_sort_chosen(self, sort: str) -> None:
        from enablement_app.recommendations.rep_choices import save_results_sort

        self._search.set_sort(sort)
        self._keep(lambda store: save_results_sort(store, sort))

    def on_choices_stage_chosen(self, stage: str) -> None:
        from enablement_app.recommendations.rep_choices import save_home_stage

        self._search.home_stage = stage
        self._search.run_now()
        self._keep(lambda store: save_home_stage(store, stage))

    def _keep(self, save: Callable[[Store], None]) -> None:
        workspace = self._session.workspace
        if workspace is not None:
            self._tasks.run(
                lambda: save(workspace.store),
                on_failure=lambda error: log.warning("could not keep the rep's choice: %s", error),
                lane="writer",
            )
