"""The preview's "Field tips" section: what reps learned in the field about this asset, under the page.

Promoted tips (marketing vouched for them) show with their author; the rep's own follow, marked as theirs,
with Withdraw. A tip about a page is a link to it, and the tips about the page on screen are marked as the
rep pages through. The section is compact and folds away to its header, so the page keeps the room.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from enablement_app.catalog.field_tips import PromotedTip
from enablement_app.tips.rep_tips import RepTip
from ui import theme
from ui.controls import open_dialog, tool_button
from ui.preview.tip_dialog import TipDialog
from ui.preview.tips_model import TipRole, TipRow, TipsModel

PADDING = 6
LIST_MAX_HEIGHT = 132  # about three short tips; more scroll, so the page keeps its room

Index = QModelIndex | QPersistentModelIndex


class TipDelegate(QStyledItemDelegate):
    """Paints a tip: its words, wrapped, and under them who wrote it and which page it is about."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        width = option.rect.width() or self._view.viewport().width()
        return max(120, width - 2 * PADDING - 4)

    def _byline_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        return font

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._text_width(option)
        text = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, str(index.data())
        )
        byline = QFontMetrics(self._byline_font(option)).height()
        return QSize(width, text.height() + byline + 2 * PADDING + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: TipRow | None = index.data(TipRole.ROW)
        if row is None:
            return
        palette: QPalette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = option.rect.adjusted(1, 1, -1, -1)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if index.data(TipRole.ON_PAGE):
            # the search marks' colour, lighter: a hint that the tip is about this page, not a shout
            marked = QColor(theme.highlight_colour())
            marked.setAlphaF(marked.alphaF() * 0.5)
            painter.setBrush(marked)
        elif selected:
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        accent = (
            palette.color(QPalette.ColorRole.Highlight)
            if row.own is None
            else theme.muted_text_colour(palette)
        )
        painter.setPen(accent if selected else QColor(0, 0, 0, 0))
        painter.drawRoundedRect(box, 4, 4)
        # a bar down the left: the accent for promoted tips, muted for the rep's own
        painter.fillRect(QRect(box.left(), box.top() + 3, 3, box.height() - 6), accent)
        text_rect = box.adjusted(PADDING + 4, PADDING, -PADDING, -PADDING)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(option.font)
        drawn = painter.boundingRect(text_rect, int(Qt.TextFlag.TextWordWrap), row.text)
        painter.drawText(text_rect, int(Qt.TextFlag.TextWordWrap), row.text)
        byline_font = self._byline_font(option)
        painter.setFont(byline_font)
        painter.setPen(theme.muted_text_colour(palette))
        byline = str(index.data(TipRole.BYLINE))
        byline_rect = QRect(
            text_rect.left(), drawn.bottom() + 2, text_rect.width(), QFontMetrics(byline_font).height()
        )
        if row.page is not None:
            byline += "  ›"
        painter.drawText(
            byline_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(byline_font).elidedText(byline, Qt.TextElideMode.ElideRight, byline_rect.width()),
        )
        painter.restore()


class FieldTipsSection(QFrame):
    """Shows an asset's tips; says what the rep asked for through its signals, the window does it."""

    tip_written = Signal(str, object)  # text, page (int) or None for the whole asset
    withdraw_requested = Signal(object)  # RepTip
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldTips")
        self._title = ""
        self._kind = "pdf"
        self._page: int | None = None
        self._page_count = 0
        self.dialog: TipDialog | None = None
        self.withdraw_box: QMessageBox | None = None  # asking whether to withdraw the selected tip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        header.setSpacing(4)
        self.toggle_button = tool_button("▾ Field tips", "Show or hide what reps learned with this asset")
        self.toggle_button.setObjectName("sectionToggle")
        self.toggle_button.setCheckable(True)
        self.toggle_button.setChecked(True)
        self.toggle_button.toggled.connect(self.on_toggle_button_toggled)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("muted")
        self.withdraw_button = tool_button(
            "Withdraw", "Withdraw your selected tip: marketing sees it withdrawn"
        )
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.clicked.connect(self.on_withdraw_button_clicked)
        self.add_button = tool_button(
            "Add a tip…", "Share what works with this asset, or with the page on screen"
        )
        self.add_button.clicked.connect(self.on_add_button_clicked)
        header.addWidget(self.toggle_button)
        header.addWidget(self.summary_label, 1)
        header.addWidget(self.withdraw_button)
        header.addWidget(self.add_button)
        layout.addLayout(header)
        self.model = TipsModel()
        self.view = QListView()
        self.view.setObjectName("tipsList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TipDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setSpacing(1)
        self.view.setMouseTracking(True)
        self.view.clicked.connect(self.on_view_clicked)
        self.view.selectionModel().currentChanged.connect(self.on_view_current_changed)
        self.empty_label = QLabel("No tips yet. Know what works with it? Add a tip.")
        self.empty_label.setObjectName("muted")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label)
        self._fit()

    # -- what is shown ---------------------------------------------------------------------------

    def show_asset(self, title: str, kind: str, page_count: int) -> None:
        """A new asset: no tips until they are read (``set_tips``)."""
        self._title, self._kind, self._page_count = title, kind, page_count
        self.set_tips([], [])

    def set_page_count(self, count: int) -> None:
        self._page_count = count

    def set_tips(self, promoted: Sequence[PromotedTip], own: Sequence[RepTip]) -> None:
        self.model.reset(promoted, own, self._kind)
        self.withdraw_button.setEnabled(False)
        parts = []
        if self.model.promoted_count:
            parts.append(f"{self.model.promoted_count} shared by marketing")
        if self.model.own_count:
            parts.append(f"{self.model.own_count} yours")
        self.summary_label.setText(f"· {', '.join(parts)}" if parts else "")
        self._show_toggle()

    def _show_toggle(self) -> None:
        """The header button: folded or open, with how many tips the asset has."""
        count = self.model.rowCount()
        self.toggle_button.setText(
            f"{'▾' if self.expanded else '▸'} Field tips{f' ({count})' if count else ''}"
        )
        self._fit()

    def set_current_page(self, page: int) -> None:
        self._page = page
        self.model.set_current_page(page)

    @property
    def expanded(self) -> bool:
        return self.toggle_button.isChecked()

    def _fit(self) -> None:
        """As tall as its tips, up to ``LIST_MAX_HEIGHT``; folded, only the header."""
        count = self.model.rowCount()
        self.view.setVisible(self.expanded and count > 0)
        self.empty_label.setVisible(self.expanded and count == 0)
        if count:
            height = sum(self.view.sizeHintForRow(row) + 2 for row in range(count)) + 4
            self.view.setFixedHeight(min(LIST_MAX_HEIGHT, height))

    # -- what the rep does -----------------------------------------------------------------------

    def on_toggle_button_toggled(self, _expanded: bool) -> None:
        self._show_toggle()

    def on_view_clicked(self, index: QModelIndex) -> None:
        page = index.data(TipRole.PAGE)
        if isinstance(page, int):
            self.page_requested.emit(page)

    def on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.withdraw_button.setEnabled(bool(current.isValid() and current.data(TipRole.OWN)))

    def on_withdraw_button_clicked(self) -> None:
        """Ask first: a withdrawn tip is gone for good (it can only be written again), and marketing
        sees it withdrawn."""
        row = self.model.row_at(self.view.currentIndex().row())
        if row is None or row.own is None:
            return
        tip = row.own
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Withdraw your tip?",
            f"“{tip.text}”\n\nIt leaves your preview, and marketing sees it withdrawn.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        withdraw = box.addButton("Withdraw", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self.withdraw_requested.emit(tip) if button is withdraw else None
        )
        self.withdraw_box = box
        open_dialog(box, lambda: setattr(self, "withdraw_box", None))

    def on_add_button_clicked(self) -> None:
        self.dialog = TipDialog(self._title, self._kind, self._page, self._page_count, self)
        self.dialog.accepted.connect(self.on_dialog_accepted)
        open_dialog(self.dialog, lambda: setattr(self, "dialog", None))

    def on_dialog_accepted(self) -> None:
        dialog = self.dialog
        if dialog is not None:
            self.tip_written.emit(dialog.text, dialog.page)
