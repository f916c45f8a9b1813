"""Paints one result card: kind badge, title, freshness, snippet with the matched words, tags, the pages
that matched, and a muted line of the asset's figures (the team's rating and what the company does with
it) when there are any. Row heights follow the row's data, never its text, so a long list scrolls without
measuring text."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui import icons, theme
from ui.search.results_model import CardFigures, ResultRole, ResultRow, page_word

if TYPE_CHECKING:
    from indexer.search_index import Snippet

CARD_HEIGHT = 104
SECTION_HEIGHT = 34
FIGURES_HEIGHT = 22  # the figures line under the tags, on cards that have figures
PADDING = 12
ICON_WIDTH = 30


def snippet_html(snippet: Snippet, mark: QColor) -> str:
    """The snippet as rich text, with each matched word marked."""
    parts: list[str] = []
    cursor = 0
    colour = f"rgba({mark.red()},{mark.green()},{mark.blue()},{mark.alphaF():.2f})"
    for start, end in snippet.spans:
        parts.append(html.escape(snippet.text[cursor:start]))
        parts.append(
            f'<span style="background-color:{colour}; font-weight:600">'
            f"{html.escape(snippet.text[start:end])}</span>"
        )
        cursor = end
    parts.append(html.escape(snippet.text[cursor:]))
    return "".join(parts).replace("\n", " ")


def pages_text(kind: str, pages: list[int]) -> str:
    if not pages:
        return ""
    return f"{page_word(kind, len(pages)).capitalize()} {', '.join(str(page) for page in sorted(pages))}"


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = QTextDocument()
        self._document.setDocumentMargin(0)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = CARD_HEIGHT + (SECTION_HEIGHT if index.data(ResultRole.SECTION) else 0)
        if index.data(ResultRole.FIGURES) is not None:
            height += FIGURES_HEIGHT
        return QSize(option.rect.width() or 400, height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row: ResultRow | None = index.data(ResultRole.ROW)
        if row is None:
            return
        palette: QPalette = option.palette
        rect = QRectF(option.rect)
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = theme.muted_text_colour(palette)
        base_font = QFont(option.font)

        if row.section:
            section_font = QFont(base_font)
            section_font.setBold(True)
            section_font.setPointSizeF(base_font.pointSizeF() * 0.9)
            painter.setFont(section_font)
            painter.setPen(muted)
            header = QRectF(rect.left() + PADDING, rect.top() + 8, rect.width() - 2 * PADDING, 22)
            painter.drawText(header, Qt.AlignmentFlag.AlignVCenter, row.section.upper())
            rect.setTop(rect.top() + SECTION_HEIGHT)

        card = rect.adjusted(6, 3, -6, -3)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        accent = palette.color(QPalette.ColorRole.Highlight)
        background = palette.color(QPalette.ColorRole.Base)
        if selected:
            tint = QColor(accent)
            tint.setAlphaF(0.14)
            painter.setBrush(background)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(card, 8, 8)
            painter.setBrush(tint)
        elif hovered:
            tint = QColor(palette.color(QPalette.ColorRole.Text))
            tint.setAlphaF(0.04)
            painter.setBrush(background)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(card, 8, 8)
            painter.setBrush(tint)
        else:
            painter.setBrush(background)
        border = QColor(accent if selected else palette.color(QPalette.ColorRole.Mid))
        painter.setPen(border)
        painter.drawRoundedRect(card, 8, 8)

        inner = card.adjusted(PADDING, 10, -PADDING, -8)
        icons.paint_kind_badge(painter, QRectF(inner.left(), inner.top() + 2, ICON_WIDTH, 38), row.card.kind)
        left = inner.left() + ICON_WIDTH + 12
        width = inner.right() - left

        # Title line: title on the left, freshness on the right.
        title_font = QFont(base_font)
        title_font.setBold(True)
        title_font.setPointSizeF(base_font.pointSizeF() * 1.08)
        right_edge = inner.right()
        small = QFontMetrics(base_font)
        fresh = index.data(ResultRole.FRESHNESS)
        if fresh:
            badge_font = QFont(base_font)
            badge_font.setBold(True)
            badge_font.setPointSizeF(base_font.pointSizeF() * 0.75)
            badge_text = fresh.upper()
            badge_width = QFontMetrics(badge_font).horizontalAdvance(badge_text) + 12
            badge = QRectF(right_edge - badge_width, inner.top() + 2, badge_width, 16)
            colour = theme.NEW_BADGE if fresh == "new" else theme.UPDATED_BADGE
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(badge, 8, 8)
            painter.setFont(badge_font)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
            right_edge = badge.left() - 10
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_metrics = QFontMetrics(title_font)
        title = title_metrics.elidedText(row.card.title, Qt.TextElideMode.ElideRight, int(right_edge - left))
        painter.drawText(
            QRectF(left, inner.top(), right_edge - left, 20), Qt.AlignmentFlag.AlignVCenter, title
        )

        # Two lines of snippet (or, without one, where the asset lives and why it is listed).
        snippet: Snippet | None = index.data(ResultRole.SNIPPET)
        body_top = inner.top() + 24
        body = QRectF(left, body_top, width, small.lineSpacing() * 2 + 2)
        if snippet is not None:
            self._document.setDefaultFont(base_font)
            self._document.setDefaultStyleSheet(f"body {{ color: {muted.name(QColor.NameFormat.HexArgb)}; }}")
            self._document.setHtml(f"<body>{snippet_html(snippet, theme.highlight_colour())}</body>")
            self._document.setTextWidth(width)
            painter.save()
            painter.translate(body.topLeft())
            painter.setClipRect(QRectF(0, 0, body.width(), body.height()))
            painter.setPen(muted)
            self._document.drawContents(painter)
            painter.restore()
        else:
            painter.setFont(base_font)
            painter.setPen(muted)
            line = " · ".join(part for part in (row.note, row.card.path) if part)
            painter.drawText(
                body,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                small.elidedText(line, Qt.TextElideMode.ElideMiddle, int(width)),
            )

        # Tags line: stage and product chips, then the matching pages; the figures line goes under it.
        chip_font = QFont(base_font)
        chip_font.setPointSizeF(base_font.pointSizeF() * 0.85)
        chip_metrics = QFontMetrics(chip_font)
        figures: CardFigures | None = index.data(ResultRole.FIGURES)
        bottom = inner.bottom()
        if figures is not None:
            bottom -= FIGURES_HEIGHT
            figures_font = QFont(base_font)
            figures_font.setPointSizeF(base_font.pointSizeF() * 0.9)
            self._paint_figures(
                painter, QRectF(left, bottom + 4, width, 18), figures, figures_font, palette, selected
            )
        painter.setFont(chip_font)
        x = left
        y = bottom - 20
        for tag in index.data(ResultRole.TAGS) or []:
            chip_width = chip_metrics.horizontalAdvance(tag) + 16
            if x + chip_width > inner.right() - 120:
                break
            chip = QRectF(x, y, chip_width, 20)
            fill = QColor(accent)
            fill.setAlphaF(0.12)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(chip, 10, 10)
            painter.setPen(accent if not selected else text_colour)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, tag)
            x += chip_width + 6
        pages = pages_text(row.card.kind, index.data(ResultRole.PAGES) or [])
        if pages:
            painter.setPen(muted)
            painter.drawText(
                QRectF(x + 6, y, inner.right() - x - 6, 20),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                chip_metrics.elidedText(pages, Qt.TextElideMode.ElideRight, int(inner.right() - x - 6)),
            )
        painter.restore()

    def _paint_figures(
        self,
        painter: QPainter,
        line: QRectF,
        figures: CardFigures,
        font: QFont,
        palette: QPalette,
        selected: bool,
    ) -> None:
        """Stars and "4.5 (12)", then "340 opens · 28 shares · used in 6 deals · used by 3 of the top reps
        this quarter" and a "top reps' pick" chip, left to right. On a narrow card what matters least goes
        first, whole, never cut: shares, then deals, then opens, then the top reps, then the pick."""
        metrics = QFontMetrics(font)
        muted = theme.muted_text_colour(palette)
        star = metrics.ascent() * 1.05
        separator = " · "
        pick_label = "★ Top reps' pick"
        rating = figures.rating_text()
        texts = ({"rating": rating} if rating else {}) | figures.usage_parts()
        pick = figures.top_reps_pick

        def needed(keys: list[str], with_pick: bool) -> float:
            width = float(sum(metrics.horizontalAdvance(texts[key]) for key in keys))
            width += metrics.horizontalAdvance(separator) * max(0, len(keys) - 1)
            width += star * 5 + 5 if "rating" in keys else 0
            width += (10 if keys else 0) + metrics.horizontalAdvance(pick_label) + 14 if with_pick else 0
            return width

        keys = list(texts)
        for least in ("shares", "deals", "opens", "top_reps", "pick", "rating"):
            if needed(keys, pick) <= line.width():
                break
            if least == "pick":
                pick = False
            elif least in keys:
                keys.remove(least)
        else:
            return

        painter.save()
        painter.setFont(font)
        x = line.left()
        if "rating" in keys and figures.rating is not None:
            stars = QRectF(x, line.center().y() - star / 2, star * 5, star)
            empty = QColor(muted)
            empty.setAlphaF(0.25)
            icons.paint_stars(painter, stars, figures.rating.average, empty=empty)
            x = stars.right() + 5
        painter.setPen(muted)
        shown = separator.join(texts[key] for key in keys)
        advance = metrics.horizontalAdvance(shown)
        painter.drawText(
            QRectF(x, line.top(), advance + 1, line.height()), Qt.AlignmentFlag.AlignVCenter, shown
        )
        x += advance
        if pick:
            chip = QRectF(
                x + (10 if keys else 0),
                line.top() + 1,
                metrics.horizontalAdvance(pick_label) + 14,
                line.height() - 2,
            )
            fill = QColor(theme.STAR)
            fill.setAlphaF(0.28 if selected else 0.18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.setPen(theme.pick_text_colour(palette))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, pick_label)
        painter.restore()
