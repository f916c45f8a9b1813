"""Small constructors for the controls every pane uses, so they look and behave the same everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget


def tool_button(text: str, tip: str = "", parent: QWidget | None = None) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    if tip:
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
    button.setAutoRaise(True)
    return button
