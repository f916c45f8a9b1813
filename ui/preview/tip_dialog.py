"""The small dialog a rep writes a field tip in: about the whole asset or the page on screen, with the
280-character limit shown as a counter, and Save enabled only for a tip that can be saved."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from enablement_app.tips.rep_tips import MAX_TIP_CHARS, TipError, clean_tip_text
from ui import theme
from ui.search.results_model import page_word


class TipDialog(QDialog):
    def __init__(
        self, title: str, kind: str, page: int | None, page_count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a field tip")
        self.setObjectName("tipDialog")
        self.resize(440, 260)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"What works with <b>{html.escape(title)}</b>? A sentence a colleague can use before a call. "
            "Marketing reads every tip and may share it with every rep, with your name."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.about_box = QComboBox()
        self.about_box.addItem(f"The whole {_asset_word(kind)}", None)
        word = page_word(kind)
        if page is not None and page_count > 1:
            self.about_box.addItem(f"{word.capitalize()} {page} (on screen)", page)
            self.about_box.setCurrentIndex(1)
        form.addRow("About", self.about_box)
        layout.addLayout(form)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(f"e.g. I open with {word} 4 for CFOs: the ROI numbers land first.")
        self.text_edit.setTabChangesFocus(True)
        layout.addWidget(self.text_edit, 1)
        self.counter_label = QLabel()
        self.counter_label.setObjectName("muted")
        self.counter_label.setWordWrap(True)
        layout.addWidget(self.counter_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save tip")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self.on_text_edit_text_changed)
        self.on_text_edit_text_changed()
        self.text_edit.setFocus()

    @property
    def page(self) -> int | None:
        page = self.about_box.currentData()
        return page if isinstance(page, int) else None

    @property
    def text(self) -> str:
        return self.text_edit.toPlainText()

    def on_text_edit_text_changed(self) -> None:
        length = len(" ".join(self.text.split()))
        try:
            clean_tip_text(self.text)
            saveable = True
        except TipError:
            saveable = False
        self.save_button.setEnabled(saveable)
        over = length - MAX_TIP_CHARS
        counter = f"{length} / {MAX_TIP_CHARS}"
        if over > 0:
            many = "character" if over == 1 else "characters"
            counter += f" — {over} {many} too many: keep the one thing a colleague should know"
        self.counter_label.setText(counter)
        alarm = theme.standing_colour("expired", self.palette()).name()
        self.counter_label.setStyleSheet(f"color: {alarm};" if over > 0 else "")


def _asset_word(kind: str) -> str:
    return {"pptx": "deck", "pdf": "document", "docx": "document"}.get(kind, "asset")
