"""The 1–5 "How useful was this?" rating: clickable stars, the full dialog (comment and "used it in a
deal"), and the one-click prompt shown after a preview closes."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import icons
from ui.controls import tool_button

STAR_LABELS = ("", "Not useful", "Slightly useful", "Useful", "Very useful", "Exactly what I needed")
PROMPT_SECONDS = 25
MAX_COMMENT = 2000


@dataclass(frozen=True, slots=True)
class RatingChoice:
    stars: int
    comment: str = ""
    used_in_deal: bool = False


class StarRating(QWidget):
    """Five stars; click or press 1–5 to choose, hover to preview."""

    chosen = Signal(int)

    def __init__(self, value: int = 0, parent: QWidget | None = None, *, star_size: int = 26) -> None:
        super().__init__(parent)
        self._value = value
        self._hover = 0
        self._star = star_size
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Rating, 1 to 5 stars")
        self.setToolTip("Click a star, or press 1 to 5")

    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        self._value = max(0, min(5, value))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._star * 5 + 4, self._star + 4)

    def _star_at(self, x: float) -> int:
        return max(1, min(5, int(x // self._star) + 1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover = self._star_at(event.position().x())
        self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = 0
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._choose(self._star_at(event.position().x()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in {"1", "2", "3", "4", "5"}:
            self._choose(int(text))
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self._choose(min(5, self._value + 1))
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self._choose(max(1, self._value - 1))
        else:
            super().keyPressEvent(event)

    def _choose(self, value: int) -> None:
        self._value = value
        self.update()
        self.chosen.emit(value)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        empty = QColor(self.palette().color(QPalette.ColorRole.Text))
        empty.setAlphaF(0.18)
        shown = self._hover or self._value
        icons.paint_stars(
            painter, QRectF(QPointF(2, 2), QSize(self._star * 5, self._star)), shown, empty=empty
        )
        if self.hasFocus():
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.end()


class RatingDialog(QDialog):
    """The full rating: stars, an optional comment and "used it in a deal"; opens with the rep's last one."""

    def __init__(
        self, title: str, current: RatingChoice | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rate this asset")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(f"How useful was <b>{html.escape(title)}</b>?")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        row = QHBoxLayout()
        self.stars = StarRating(current.stars if current else 0)
        self.meaning = QLabel(STAR_LABELS[current.stars] if current else "")
        self.meaning.setObjectName("muted")
        row.addWidget(self.stars)
        row.addWidget(self.meaning, 1)
        layout.addLayout(row)
        self.comment = QPlainTextEdit(current.comment if current else "")
        self.comment.setPlaceholderText("What worked, what was missing? (optional; marketing reads these)")
        self.comment.setFixedHeight(84)
        layout.addWidget(self.comment)
        self.used_in_deal = QCheckBox("I used it in a deal")
        self.used_in_deal.setChecked(bool(current and current.used_in_deal))
        layout.addWidget(self.used_in_deal)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.stars.chosen.connect(self.on_stars_chosen)
        self._update_save()
        self.stars.setFocus()

    def on_stars_chosen(self, value: int) -> None:
        self.meaning.setText(STAR_LABELS[value])
        self._update_save()

    def _update_save(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.stars.value() > 0)

    def choice(self) -> RatingChoice:
        return RatingChoice(
            self.stars.value(),
            self.comment.toPlainText().strip()[:MAX_COMMENT],
            self.used_in_deal.isChecked(),
        )


class RatePrompt(QFrame):
    """A bar at the bottom of the window after a preview closes: one click on a star records the rating."""

    rated = Signal(object, int)  # the asset card, stars
    details_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratePrompt")
        self.card: object | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        self.question = QLabel()
        self.stars = StarRating(star_size=22)
        self.details = tool_button("Add a comment…")
        self.thanks = QLabel("Thanks, saved.")
        self.thanks.setObjectName("muted")
        self.dismiss = tool_button("✕", "Not now")
        layout.addWidget(self.question, 1)
        layout.addWidget(self.stars)
        layout.addWidget(self.thanks)
        layout.addWidget(self.details)
        layout.addWidget(self.dismiss)
        self.stars.chosen.connect(self.on_stars_chosen)
        self.details.clicked.connect(self.on_details_clicked)
        self.dismiss.clicked.connect(self.hide)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def on_details_clicked(self) -> None:
        if self.card is not None:
            self.details_requested.emit(self.card)

    def ask(self, card: object, title: str, current: int = 0) -> None:
        self.card = card
        self.question.setText(f"How useful was <b>{html.escape(title)}</b>?")
        self.stars.set_value(current)
        self.thanks.hide()
        self.show()
        self._timer.start(PROMPT_SECONDS * 1000)

    def on_stars_chosen(self, value: int) -> None:
        if self.card is not None:
            self.rated.emit(self.card, value)
        self.thanks.show()
        self._timer.start(4000)


__all__ = ["RatePrompt", "RatingChoice", "RatingDialog", "StarRating"]
