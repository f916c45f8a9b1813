"""The choices next to the results summary that bring top reps' signals in: on the empty screen, the
stage whose top reps' picks lead the list; on results, the sort (relevance or top reps' picks).

Only what the rep chose is emitted (past tense); the window saves it and runs the search again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from enablement_app.recommendations.rep_choices import RELEVANCE, SORTS, TOP_REPS


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

    def sort(self) -> str:
        return str(self.sort_box.currentData())

    # -- what the rep chose ----------------------------------------------------------------------

    def on_stage_box_activated(self, index: int) -> None:
        self.stage_chosen.emit(str(self.stage_box.itemData(index)))

    def on_sort_box_activated(self, index: int) -> None:
        self.sort_chosen.emit(str(self.sort_box.itemData(index)))
