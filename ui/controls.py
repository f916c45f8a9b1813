"""Small constructors for the controls every pane uses, so they look and behave the same everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QToolButton, QWidget


def tool_button(text: str, tip: str = "", parent: QWidget | None = None) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    if tip:
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
    button.setAutoRaise(True)
    return button


def open_dialog(dialog: QDialog, forget: Callable[[], None] | None = None) -> None:
    """Show ``dialog`` over its window without blocking it, and delete it once closed (each click makes a
    new one; kept, they would pile up). ``forget`` runs when it closes, to drop the owner's reference."""
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if forget is not None:
        dialog.finished.connect(lambda _result: forget())
    dialog.open()
