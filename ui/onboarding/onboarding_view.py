"""The new hire's "My onboarding": their playlist in order with where they stand, the item to open next,
and "Mark as done…" for what cannot be read in the preview (a call shadowed, a video watched).

Only shows and asks; the window opens items in its preview and the controller records progress.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enablement_app.onboarding.progress import MIN_CONFIRMATION_CHARS
from ui.controls import open_dialog
from ui.onboarding.item_delegate import PlaylistItemDelegate
from ui.onboarding.items_model import PlaylistItemsModel

if TYPE_CHECKING:
    from enablement_app.onboarding.progress import ItemProgress
    from ui.onboarding.onboarding_controller import MyOnboarding

COLUMN_WIDTH = 980


class MarkDoneDialog(QDialog):
    """Asks what the rep took from an item, one line, required: "done" means something to their manager."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark as done")
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{html.escape(title)}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(QLabel("What did you take from it?"))
        self.confirmation = QLineEdit()
        self.confirmation.setPlaceholderText("One line, e.g. “Open with the ROI slide for CFOs”")
        self.confirmation.setMaxLength(280)
        self.confirmation.setAccessibleName("What did you take from it?")
        layout.addWidget(self.confirmation)
        hint = QLabel("Your manager sees this with your progress.")
        hint.setObjectName("muted")
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Mark as done")
        self.ok_button.setEnabled(False)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirmation.textChanged.connect(self.on_confirmation_text_changed)
        self.resize(420, self.sizeHint().height())

    def on_confirmation_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(len(" ".join(text.split())) >= MIN_CONFIRMATION_CHARS)

    def text(self) -> str:
        return " ".join(self.confirmation.text().split())


class OnboardingView(QWidget):
    item_open_requested = Signal(object)  # ItemProgress: open it in the preview at its first page
    mark_done_requested = Signal(int, str)  # position, what the rep took from it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlaylistItemsModel()
        self.mark_dialog: MarkDoneDialog | None = None
        # a reading column: on a wide window the due dates stay near the titles
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        column = QWidget()
        column.setMaximumWidth(COLUMN_WIDTH)
        outer.addWidget(column, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        section = QLabel("MY ONBOARDING")
        section.setObjectName("sectionTitle")
        layout.addWidget(section)
        self.title_label = QLabel()
        self.title_label.setObjectName("onboardingTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.description_label = QLabel()
        self.description_label.setObjectName("muted")
        self.description_label.setWordWrap(True)
        layout.addWidget(self.description_label)
        summary_row = QHBoxLayout()
        self.summary_label = QLabel()
        summary_font = self.summary_label.font()
        summary_font.setBold(True)
        self.summary_label.setFont(summary_font)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.setMaximumHeight(8)
        summary_row.addWidget(self.summary_label)
        summary_row.addSpacing(12)
        summary_row.addWidget(self.progress_bar)
        summary_row.addStretch(1)
        layout.addLayout(summary_row)

        self.list_view = QListView()
        self.list_view.setObjectName("onboardingItems")
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(PlaylistItemDelegate(self.list_view))
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setAccessibleName("Onboarding items")
        self.list_view.setFrameShape(QFrame.Shape.NoFrame)
        # cards on the window's colour, as the facets sit on it: the delegate fills each card with Base
        palette = self.list_view.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.list_view.setPalette(palette)
        layout.addWidget(self.list_view, 1)

        buttons = QHBoxLayout()
        self.hint_label = QLabel(
            "An item is done once you read most of its pages in the preview, or when you mark it done."
        )
        self.hint_label.setObjectName("muted")
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("primary")
        self.open_button.setToolTip("Open the item in the preview at its first page (Enter)")
        self.mark_button = QPushButton("Mark as done…")
        self.mark_button.setToolTip(
            "For what you went through outside the preview: say what you took from it"
        )
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)

        self.list_view.activated.connect(self.on_list_view_activated)
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.mark_button.clicked.connect(self.on_mark_button_clicked)
        self.model.modelReset.connect(self._update_buttons)
        self.list_view.selectionModel().currentChanged.connect(self._update_buttons)
        self.set_onboarding(None)

    def set_onboarding(self, onboarding: MyOnboarding | None) -> None:
        """Show ``onboarding``, keeping the selected item selected."""
        selected = self.selected_item()
        if onboarding is None:
            self.title_label.setText("No onboarding playlist for you")
            self.description_label.setText("When marketing publishes one for your role, it shows here.")
            self.summary_label.clear()
            self.progress_bar.hide()
            self.model.set_progress(None)
            return
        progress = onboarding.progress
        playlist = progress.playlist
        self.title_label.setText(playlist.title)
        self.description_label.setText(playlist.description)
        self.description_label.setVisible(bool(playlist.description))
        summary = progress.summary()
        if onboarding.playlists > 1:
            summary += f" · playlist {onboarding.number} of {onboarding.playlists}"
        self.summary_label.setText(summary)
        self.progress_bar.show()
        self.progress_bar.setRange(0, max(1, len(progress.items)))
        self.progress_bar.setValue(progress.done_count)
        self.model.set_progress(progress, onboarding.kinds)
        row = selected.position - 1 if selected is not None else self._first_open_row()
        self.list_view.setCurrentIndex(self.model.index(row))

    def _first_open_row(self) -> int:
        """The item a new hire should do next: the first not done, else the first."""
        for row in range(self.model.rowCount()):
            item = self.model.item_at(row)
            if item is not None and not item.done:
                return row
        return 0

    def selected_item(self) -> ItemProgress | None:
        index = self.list_view.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        item = self.selected_item()
        self.open_button.setEnabled(item is not None and item.available)
        self.mark_button.setEnabled(item is not None and not item.done)

    def on_list_view_activated(self, index: QModelIndex) -> None:
        item = self.model.item_at(index.row())
        if item is not None:
            self.item_open_requested.emit(item)

    def on_open_button_clicked(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.item_open_requested.emit(item)

    def on_mark_button_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if item.done:
            return
        dialog = MarkDoneDialog(item.title, self)
        dialog.accepted.connect(lambda: self.mark_done_requested.emit(item.position, dialog.text()))
        self.mark_dialog = dialog
        open_dialog(dialog, lambda: setattr(self, "mark_dialog", None))
