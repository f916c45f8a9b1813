"""The preview pane: an asset's pages with the search terms marked, page navigation, zoom, a thumbnails
strip, and the actions a rep takes on an asset (open, show in folder, share, copy link, rate).

It opens on the best-matching page and reports every page the rep looked at, with how long they stayed,
so marketing learns which pages of a deck do the work.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.controls import tool_button
from ui.preview.page_renderer import PageRenderer
from ui.preview.preview_source import PagedSource, Source, TextSource, missing_file_message
from ui.preview.thumbnail_model import ThumbnailModel
from ui.preview.tips_section import FieldTipsSection
from ui.search.results_model import CardFigures, page_word

if TYPE_CHECKING:
    from enablement_app.catalog.field_tips import PromotedTip
    from enablement_app.library.search import AssetCard
    from enablement_app.tips.rep_tips import RepTip
    from indexer.search_index import PageHit

ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
THUMB_WIDTH = 84
MIN_DWELL_MS = 250
_OPERATORS = frozenset({"and", "or", "not", "andnot", "andmaybe", "to"})
_WORD = re.compile(r"(?:(\w+):)?(\w[\w'-]*)", re.UNICODE)


def highlight_terms(query: str, pages: Sequence[PageHit]) -> list[str]:
    """The words to mark on the page: the words typed (not operators or field names) and the words the
    index matched in the snippets, which catches other forms of the same word ("price" for "pricing")."""
    terms: dict[str, None] = {}
    for match in _WORD.finditer(query):
        word = match.group(2)
        if word.casefold() not in _OPERATORS and len(word) > 1:
            terms[word.casefold()] = None
    for page in pages:
        if page.snippet is not None:
            for start, end in page.snippet.spans:
                terms[page.snippet.text[start:end].casefold()] = None
    return list(terms)[:20]


def _marked_html(text: str, terms: Sequence[str]) -> str:
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.I)
    mark = theme.highlight_colour()
    colour = f"rgba({mark.red()},{mark.green()},{mark.blue()},{mark.alphaF():.2f})"
    parts, cursor = [], 0
    for found in pattern.finditer(text):
        parts.append(html.escape(text[cursor : found.start()]))
        parts.append(f'<span style="background-color:{colour}">{html.escape(found.group())}</span>')
        cursor = found.end()
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


class PreviewPane(QFrame):
    closed = Signal(object)  # AssetCard
    page_viewed = Signal(object, int, int)  # AssetCard, page, dwell in ms
    open_requested = Signal(object)
    reveal_requested = Signal(object)
    share_requested = Signal(object, str)  # AssetCard, channel
    copy_link_requested = Signal(object)
    rate_requested = Signal(object)
    asset_shown = Signal(object)  # AssetCard: its field tips can be read now
    tip_written = Signal(object, str, object)  # AssetCard, text, page or None for the whole asset
    tip_withdraw_requested = Signal(object, object)  # AssetCard, RepTip

    def __init__(
        self,
        renderer: PageRenderer,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self._renderer = renderer
        self._clock = clock
        self.card: AssetCard | None = None
        self._path: Path | None = None
        self._source: Source | None = None
        self._generation = 0
        self._terms: list[str] = []
        self.page = 0
        self._entered_at = 0.0
        self._zoom: float | None = None  # None: fit the width
        self._build()
        renderer.source_loaded.connect(self.on_renderer_source_loaded)
        renderer.source_failed.connect(self.on_renderer_source_failed)
        renderer.page_rendered.connect(self.on_renderer_page_rendered)
        renderer.page_failed.connect(self.on_renderer_page_failed)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(120)
        self._refit.timeout.connect(self._show_page)
        self.page_area.viewport().installEventFilter(self)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title_label = QLabel()
        self.title_label.setObjectName("paneTitle")
        self.title_label.setWordWrap(True)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("muted")
        self.meta_label.setWordWrap(True)
        # The company's figures for the asset, as on its card; hidden when there are none.
        self.figures_label = QLabel()
        self.figures_label.setObjectName("muted")
        self.figures_label.setWordWrap(True)
        self.figures_label.hide()
        titles.addWidget(self.title_label)
        titles.addWidget(self.meta_label)
        titles.addWidget(self.figures_label)
        header.addLayout(titles, 1)
        self.close_button = tool_button("✕", "Close the preview (Esc)")
        self.close_button.clicked.connect(self.close_preview)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        actions = QHBoxLayout()
        actions.setSpacing(2)
        self.open_button = self._action("Open", "Open in its application (Ctrl+Enter)", self.open_requested)
        self.reveal_button = self._action(
            "Show in folder", "Show the file in its folder", self.reveal_requested
        )
        self.share_button = tool_button("Share", "Copy the file, save a copy, or e-mail its link")
        self.share_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        share_menu = QMenu(self.share_button)
        self.share_actions = {
            "clipboard": share_menu.addAction("Copy the file (paste it into a chat or an e-mail)"),
            "saved_copy": share_menu.addAction("Save a copy to a folder…"),
            "email": share_menu.addAction("E-mail a link…"),
        }
        for channel, action in self.share_actions.items():
            action.triggered.connect(lambda _=False, channel=channel: self._share(channel))
        self.share_button.setMenu(share_menu)
        self.link_button = self._action(
            "Copy link", "Copy the asset's shareable link", self.copy_link_requested
        )
        self.rate_button = self._action("Rate…", "How useful was this?", self.rate_requested)
        for button in (
            self.open_button,
            self.reveal_button,
            self.share_button,
            self.link_button,
            self.rate_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        navigation = QHBoxLayout()
        navigation.setSpacing(4)
        self.previous_button = tool_button("‹", "Previous page (Page Up)")
        self.previous_button.clicked.connect(lambda: self.go_to(self.page - 1))
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(self.go_to)
        self.page_count_label = QLabel()
        self.page_count_label.setObjectName("muted")
        self.next_button = tool_button("›", "Next page (Page Down)")
        self.next_button.clicked.connect(lambda: self.go_to(self.page + 1))
        self.zoom_out_button = tool_button("−", "Zoom out (Ctrl+-)")
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = tool_button("+", "Zoom in (Ctrl++)")
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1))
        self.fit_button = tool_button("Fit width", "Fit the page to the pane (Ctrl+0)")
        self.fit_button.clicked.connect(self.fit_width)
        for widget in (self.previous_button, self.page_box, self.page_count_label, self.next_button):
            navigation.addWidget(widget)
        navigation.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            navigation.addWidget(widget)
        layout.addLayout(navigation)

        self.stack = QStackedWidget()
        self.page_area = QScrollArea()
        self.page_area.setObjectName("pageArea")
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.page_area.setWidget(self.page_label)
        self.page_area.setWidgetResizable(False)
        self.text_view = QTextBrowser()
        self.text_view.setOpenLinks(False)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setObjectName("muted")
        self.message_label.setMargin(24)
        for view in (self.page_area, self.text_view, self.message_label):
            self.stack.addWidget(view)
        layout.addWidget(self.stack, 1)

        self.thumbnails = ThumbnailModel(self._thumbnail, QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.3)))
        self.thumbnail_view = QListView()
        self.thumbnail_view.setModel(self.thumbnails)
        self.thumbnail_view.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnail_view.setFlow(QListView.Flow.LeftToRight)
        self.thumbnail_view.setWrapping(False)
        self.thumbnail_view.setMovement(QListView.Movement.Static)
        self.thumbnail_view.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.3)))
        self.thumbnail_view.setGridSize(QSize(THUMB_WIDTH + 16, int(THUMB_WIDTH * 1.3) + 26))
        self.thumbnail_view.setFixedHeight(int(THUMB_WIDTH * 1.3) + 36)
        self.thumbnail_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.thumbnail_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thumbnail_view.clicked.connect(self.on_thumbnail_view_clicked)
        layout.addWidget(self.thumbnail_view)

        self.tips = FieldTipsSection()
        self.tips.page_requested.connect(self.go_to)
        self.tips.tip_written.connect(self.on_tips_tip_written)
        self.tips.withdraw_requested.connect(self.on_tips_withdraw_requested)
        layout.addWidget(self.tips)

        for keys, slot in (
            (QKeySequence.StandardKey.MoveToPreviousPage, lambda: self.go_to(self.page - 1)),
            (QKeySequence.StandardKey.MoveToNextPage, lambda: self.go_to(self.page + 1)),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(-1)),
            (QKeySequence("Ctrl+0"), self.fit_width),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _action(self, text: str, tip: str, signal: SignalInstance) -> QToolButton:
        button = tool_button(text, tip)
        button.clicked.connect(lambda: self._emit_for_card(signal))
        return button

    def _emit_for_card(self, signal: SignalInstance) -> None:
        if self.card is not None:
            signal.emit(self.card)

    def _share(self, channel: str) -> None:
        if self.card is not None:
            self.share_requested.emit(self.card, channel)

    # -- showing an asset ------------------------------------------------------------------------

    def show_asset(
        self,
        card: AssetCard,
        path: Path,
        pages: Sequence[PageHit],
        query: str,
        figures: CardFigures | None = None,
        *,
        page: int | None = None,
    ) -> None:
        """Show ``card`` at ``page`` (default: the best matching page, else the first)."""
        self.leave_page()
        self.card = card
        self._path = path
        self._source = None
        self._terms = highlight_terms(query, pages)
        self.page = page or (pages[0].number if pages else 1)
        self.title_label.setText(card.title)
        self.meta_label.setText(self._meta_text(card))
        self.set_figures(figures)
        self._set_actions_enabled(True)
        self._show_message("Opening…")
        self.thumbnails.reset([], paged=False)
        self._set_navigation(0)
        self.tips.show_asset(card.title, card.kind, card.page_count)
        self._generation = self._renderer.load(path, card.kind)
        self.asset_shown.emit(card)

    def set_tips(self, asset_id: str, promoted: Sequence[PromotedTip], own: Sequence[RepTip]) -> None:
        """Show the asset's field tips, if it is still the one previewed."""
        if self.card is not None and self.card.id == asset_id:
            self.tips.set_tips(promoted, own)

    def on_tips_tip_written(self, text: str, page: int | None) -> None:
        if self.card is not None:
            self.tip_written.emit(self.card, text, page)

    def on_tips_withdraw_requested(self, tip: RepTip) -> None:
        if self.card is not None:
            self.tip_withdraw_requested.emit(self.card, tip)

    def set_figures(self, figures: CardFigures | None) -> None:
        if figures is None or figures.empty:
            self.figures_label.clear()
            self.figures_label.setToolTip("")
            self.figures_label.hide()
            return
        self.figures_label.setText(figures.text())
        self.figures_label.setToolTip(figures.sentence())
        self.figures_label.show()

    @staticmethod
    def _meta_text(card: AssetCard) -> str:
        parts = [card.kind.upper(), f"{card.page_count} {page_word(card.kind, card.page_count)}"]
        if card.version > 1:
            parts.append(f"version {card.version}")
        if card.status != "approved":
            parts.append(card.status)
        elif card.expires_at is not None:
            parts.append(f"approved until {card.expires_at:%d %b %Y}")
        parts.append(card.path)
        return " · ".join(parts)

    def on_renderer_source_loaded(self, generation: int, source: Source) -> None:
        if generation != self._generation or self.card is None:
            return
        if self._source is not None:
            # The converted pages of a deck or document replace its text, on the same page.
            self._source = source
            self.page = min(self.page, source.page_count)
            self._set_navigation(source.page_count)
            self.thumbnails.reset([str(number) for number in range(1, source.page_count + 1)], paged=True)
            self.thumbnail_view.setCurrentIndex(self.thumbnails.index(self.page - 1))
            self._show_page()
            return
        self._source = source
        count = source.page_count
        self.page = min(max(1, self.page), count)
        if isinstance(source, PagedSource):
            self.thumbnails.reset([str(number) for number in range(1, count + 1)], paged=True)
        else:
            word = page_word(self.card.kind).capitalize()
            self.thumbnails.reset(
                [f"{word} {section.number}\n{section.title[:28]}" for section in source.sections], paged=False
            )
        self._set_navigation(count)
        self.tips.set_page_count(count)
        self._enter_page(self.page)

    def on_renderer_source_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._show_message(message)
        if self._path is not None and not self._path.exists():
            self._set_actions_enabled(False)

    def file_removed(self) -> None:
        """The library no longer has the previewed file (deleted or moved while on screen)."""
        if self._path is not None:
            self.leave_page()
            self._source = None
            self._show_message(missing_file_message(self._path) + " Search again to find where it went.")
            self._set_actions_enabled(False)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.open_button, self.reveal_button, self.share_button, self.link_button):
            button.setEnabled(enabled)

    def _set_navigation(self, count: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, count))
        self.page_box.setValue(max(1, self.page))
        self.page_box.blockSignals(False)
        self.page_count_label.setText(f"of {count}" if count else "")
        paged = isinstance(self._source, PagedSource)
        for widget in (self.zoom_in_button, self.zoom_out_button, self.zoom_label, self.fit_button):
            widget.setVisible(paged)
        self.thumbnail_view.setVisible(count > 1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = self._source.page_count if self._source else 0
        self.previous_button.setEnabled(self.page > 1)
        self.next_button.setEnabled(0 < self.page < count)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.message_label)

    # -- pages -----------------------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        if self._source is None or not 1 <= page <= self._source.page_count or page == self.page:
            return
        self.leave_page()
        self._enter_page(page)

    def _enter_page(self, page: int) -> None:
        self.page = page
        self._entered_at = self._clock()
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self._update_buttons()
        self.thumbnail_view.setCurrentIndex(self.thumbnails.index(page - 1))
        self.tips.set_current_page(page)
        self._show_page()

    def leave_page(self) -> None:
        """Report the page being left with how long it was on screen."""
        if self.card is None or self._source is None or not self.page or not self._entered_at:
            return
        dwell = int((self._clock() - self._entered_at) * 1000)
        self._entered_at = 0.0
        if dwell >= MIN_DWELL_MS:
            self.page_viewed.emit(self.card, self.page, dwell)

    def _show_page(self) -> None:
        source = self._source
        if source is None:
            return
        if isinstance(source, TextSource):
            section = source.sections[self.page - 1]
            body = [f"<h2>{_marked_html(section.title, self._terms)}</h2>" if section.title else ""]
            body.extend(
                f"<p>{_marked_html(paragraph, self._terms)}</p>"
                for paragraph in section.text.split("\n")
                if paragraph.strip()
            )
            if section.notes:
                body.append(f"<h4>Speaker notes</h4><p><i>{_marked_html(section.notes, self._terms)}</i></p>")
            self.text_view.setHtml("".join(body))
            self.stack.setCurrentWidget(self.text_view)
            return
        image = self._renderer.request(source.path, self.page, self._page_zoom(), self._terms)
        if image is not None:
            self._set_image(image)
        elif self.stack.currentWidget() is not self.page_area:
            self._show_message("Drawing the page…")

    def _page_zoom(self) -> float:
        assert isinstance(self._source, PagedSource)
        width, _ = self._source.page_sizes[self.page - 1]
        ratio = self.devicePixelRatioF()
        if self._zoom is None:
            available = max(200, self.page_area.viewport().width() - 24)
            return round(available / width * ratio, 2)
        return self._zoom * ratio

    def _set_image(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.page_label.setPixmap(pixmap)
        self.page_label.resize(pixmap.deviceIndependentSize().toSize())
        self.stack.setCurrentWidget(self.page_area)
        shown = self._zoom if self._zoom is not None else self._page_zoom() / self.devicePixelRatioF()
        self.zoom_label.setText(f"{round(shown * 100)}%")

    def on_renderer_page_rendered(self, generation: int, page: int, zoom_key: int, image: QImage) -> None:
        if generation != self._generation or not isinstance(self._source, PagedSource):
            return
        if zoom_key == self._thumbnail_zoom_key(page):
            self.thumbnails.set_image(page, image)
        if page == self.page and zoom_key == round(self._page_zoom() * 1000):
            self._set_image(image)

    def on_renderer_page_failed(self, generation: int, page: int, message: str) -> None:
        if generation == self._generation and page == self.page:
            self._show_message(message)
            if self._path is not None and not self._path.exists():
                self._set_actions_enabled(False)

    def _thumbnail_zoom_key(self, page: int) -> int:
        assert isinstance(self._source, PagedSource)
        width, _ = self._source.page_sizes[page - 1]
        return round(round(THUMB_WIDTH / width * self.devicePixelRatioF(), 2) * 1000)

    def _thumbnail(self, page: int) -> QImage | None:
        source = self._source
        if not isinstance(source, PagedSource):
            return None
        return self._renderer.request(source.path, page, self._thumbnail_zoom_key(page) / 1000, ())

    def on_thumbnail_view_clicked(self, index: QModelIndex) -> None:
        self.go_to(index.row() + 1)

    # -- zoom ------------------------------------------------------------------------------------

    def zoom_by(self, steps: int) -> None:
        if not isinstance(self._source, PagedSource):
            return
        current = self._zoom if self._zoom is not None else self._page_zoom() / self.devicePixelRatioF()
        if steps > 0:
            self._zoom = next((step for step in ZOOM_STEPS if step > current + 0.01), ZOOM_STEPS[-1])
        else:
            self._zoom = next((step for step in reversed(ZOOM_STEPS) if step < current - 0.01), ZOOM_STEPS[0])
        self._show_page()

    def fit_width(self) -> None:
        self._zoom = None
        self._show_page()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The page area gets its real width only after the pane is laid out; a fitted page follows it.
        if (
            event.type() == QEvent.Type.Resize
            and self._zoom is None
            and isinstance(self._source, PagedSource)
        ):
            self._refit.start()
        return super().eventFilter(watched, event)

    # -- closing ---------------------------------------------------------------------------------

    def close_preview(self) -> None:
        card = self.card
        self.leave_page()
        self.card = None
        self._source = None
        self._generation = -1
        if card is not None:
            self.closed.emit(card)
