"""The call-prep dialog: pick an industry, a persona and a stage, or describe the account, and see the few
assets top reps used in that situation with the pages they spent most time on.

Ranking is the headless core's (``enablement_app.recommendations.call_prep``) and runs on the search lane;
inferring a situation from a description is a few regular expressions over the library's facet values,
cheap enough for the UI thread while the rep types. The dialog is not modal: a rep opens a best page in the
window's preview and comes back to the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.call_prep.suggestion_model import SuggestionDelegate, SuggestionModel

if TYPE_CHECKING:
    from enablement_app.recommendations.call_prep import CallPrep, Situation
    from ui.library_session import LibrarySession
    from ui.tasks import TaskRunner

INFER_DELAY_MS = 300
FACET_TITLES = {"industry": "Industry", "persona": "Persona", "stage": "Stage"}


class CallPrepDialog(QDialog):
    suggestions_shown = Signal(object)  # CallPrep
    page_requested = Signal(object, int)  # AssetCard, page

    def __init__(self, session: LibrarySession, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._values: Mapping[str, list[str]] = {}
        self._sequence = 0
        self.prep: CallPrep | None = None
        self.setWindowTitle("Call prep")
        self.setObjectName("callPrep")
        self.resize(620, 640)
        self._build()
        self._infer_timer = QTimer(self)
        self._infer_timer.setSingleShot(True)
        self._infer_timer.setInterval(INFER_DELAY_MS)
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(10)
        heading = QLabel("<h3 style='margin:0'>Prepare a call</h3>")
        intro = QLabel(
            "What top reps used this quarter in the same situation, with the pages they spent most time on."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(intro)

        self.about_box = QLineEdit()
        self.about_box.setObjectName("callPrepAbout")
        self.about_box.setPlaceholderText(
            "Describe the account: “Regional hospital network, the CFO is comparing vendors before signing”"
        )
        self.about_box.setClearButtonEnabled(True)
        self.about_box.setAccessibleName("Describe the account")
        layout.addWidget(self.about_box)
        self.inferred_label = QLabel()
        self.inferred_label.setObjectName("muted")
        self.inferred_label.setWordWrap(True)
        self.inferred_label.hide()
        layout.addWidget(self.inferred_label)

        self.facet_boxes: dict[str, QComboBox] = {}
        row = QHBoxLayout()
        row.setSpacing(12)
        for facet, title in FACET_TITLES.items():
            box = QComboBox()
            box.setAccessibleName(title)
            box.setMinimumContentsLength(12)
            box.addItem("Any", None)
            self.facet_boxes[facet] = box
            column = QVBoxLayout()
            column.setSpacing(2)
            label = QLabel(title)
            label.setObjectName("muted")
            label.setBuddy(box)
            column.addWidget(label)
            column.addWidget(box)
            row.addLayout(column, 1)
        layout.addLayout(row)

        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setObjectName("muted")
        self.notice_label.hide()
        layout.addWidget(self.notice_label)

        self.model = SuggestionModel()
        self.delegate = SuggestionDelegate(self)
        self.list_view = QListView()
        self.list_view.setObjectName("callPrepList")
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(self.delegate)
        self.list_view.setMouseTracking(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setAccessibleName("Assets for this call")
        self.list_view.setToolTip("Click a page number to preview that page · Enter previews the best page")
        layout.addWidget(self.list_view, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _connect(self) -> None:
        self.about_box.textEdited.connect(self.on_about_box_text_edited)
        self.about_box.returnPressed.connect(self.infer_now)
        self._infer_timer.timeout.connect(self.infer_now)
        for box in self.facet_boxes.values():
            box.activated.connect(self.on_facet_box_activated)
        self.delegate.page_clicked.connect(self.on_delegate_page_clicked)
        self.list_view.activated.connect(self.on_list_view_activated)

    # -- reading the library ---------------------------------------------------------------------

    def load(self) -> None:
        """Fill the choices with the library's values, then list what fits (Any, Any, Any at first)."""
        session = self.session

        def read() -> dict[str, list[str]]:
            from enablement_app.recommendations.call_prep import facet_values

            workspace = session.workspace
            assert workspace is not None
            return facet_values(workspace.library_search.visible_cards())

        self.tasks.run(read, on_success=self._on_library_read, lane="search")

    def _on_library_read(self, values: dict[str, list[str]]) -> None:
        self._values = values
        for facet, box in self.facet_boxes.items():
            current = box.currentData()
            box.clear()
            box.addItem("Any", None)
            for value in values.get(facet, []):
                box.addItem(value[:1].upper() + value[1:], value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.setEnabled(box.count() > 1)
            box.setToolTip(f"No approved asset has a {facet} yet" if box.count() == 1 else "")
        if self.about_box.text().strip():
            self.infer_now()
        else:
            self.refresh()

    # -- the situation ---------------------------------------------------------------------------

    def situation(self) -> Situation:
        from enablement_app.recommendations.call_prep import Situation

        return Situation(**{facet: box.currentData() for facet, box in self.facet_boxes.items()})

    def on_about_box_text_edited(self, _text: str) -> None:
        self._infer_timer.start()

    def infer_now(self) -> None:
        """Set the choices to what the description names; what it does not name is left as chosen."""
        from enablement_app.recommendations.call_prep import infer_situation

        self._infer_timer.stop()
        text = self.about_box.text().strip()
        if not text:
            self.inferred_label.hide()
            return
        inferred = infer_situation(text, self._values)
        for facet in inferred.evidence:
            box = self.facet_boxes[facet]
            box.setCurrentIndex(max(0, box.findData(getattr(inferred.situation, facet))))
        described = inferred.describe()
        self.inferred_label.setText(
            f"Recognised {described}. Change any choice below." if inferred.evidence else f"{described}."
        )
        self.inferred_label.show()
        self.refresh()

    def on_facet_box_activated(self, _index: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Rank the assets for the situation chosen, off the UI thread; only the newest answer shows."""
        from enablement_app.recommendations.call_prep import prepare_call

        session = self.session
        situation = self.situation()
        self._sequence += 1
        sequence = self._sequence

        def rank() -> CallPrep:
            workspace = session.workspace
            assert workspace is not None
            visible = workspace.library_search.visible_cards()
            return prepare_call(visible, workspace.hub_publications.figures(), situation)

        self.tasks.run(rank, on_success=lambda prep: self._show(sequence, prep), lane="search")

    def _show(self, sequence: int, prep: CallPrep) -> None:
        if sequence != self._sequence:
            return
        self.prep = prep
        self.model.set_suggestions(prep.suggestions)
        if prep.notice:
            self.notice_label.setText(f"{prep.notice}.")
            self.notice_label.show()
        else:
            self.notice_label.hide()
        if prep.suggestions:
            self.list_view.setCurrentIndex(self.model.index(0))
        self.suggestions_shown.emit(prep)

    # -- opening a page --------------------------------------------------------------------------

    def on_delegate_page_clicked(self, row: int, page: int) -> None:
        suggestion = self.model.suggestion_at(row)
        if suggestion is not None:
            self.page_requested.emit(suggestion.card, page)

    def on_list_view_activated(self, index: QModelIndex) -> None:
        suggestion = self.model.suggestion_at(index.row())
        if suggestion is not None:
            best = suggestion.best_pages[0] if suggestion.best_pages else 1
            self.page_requested.emit(suggestion.card, best)


__all__ = ["CallPrepDialog"]
