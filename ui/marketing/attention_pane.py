"""One asset's page attention map: a tile per page, tinted by how often reps viewed it, with the views and
average dwell under each, and a sentence when reps obviously skip some pages.

The pane only shows what it is given; the Usage page reads the figures and draws the thumbnails in the
background and hands them over (``show_map``, ``PageAttentionModel.set_image``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.marketing.heat_delegates import TILE, HeatLegend, PageTileDelegate
from ui.marketing.heat_models import PageAttentionModel, count, page_word

if TYPE_CHECKING:
    from enablement_app.analytics.heatmaps import PageAttentionMap


def skip_summary(attention: PageAttentionMap) -> str:
    """ "Reps skip slides 7–9", "Few read past page 4", or "" when nothing is obvious."""
    kind = attention.kind
    sentences = []
    middle = [run for run in attention.skipped if not run.to_the_end]
    if middle:
        spans = [str(run.first) if run.first == run.last else f"{run.first}–{run.last}" for run in middle]
        listed = spans[0] if len(spans) == 1 else ", ".join(spans[:-1]) + " and " + spans[-1]
        many = len(middle) > 1 or middle[0].first != middle[0].last
        sentences.append(f"reps skip {page_word(kind, 2 if many else 1)} {listed}")
    end = next((run for run in attention.skipped if run.to_the_end), None)
    if end is not None:
        sentences.append(f"few read past {page_word(kind)} {end.first - 1}")
    text = "; ".join(sentences)
    return text[:1].upper() + text[1:]


DWELL_NOTE = "average time on the page (longest = full bar)"


class AttentionPane(QWidget):
    back_clicked = Signal()
    version_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.back_button = QToolButton()
        self.back_button.setText("‹ All assets")
        self.back_button.setToolTip("Back to the assets by week (Esc)")
        top.addWidget(self.back_button)
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        top.addWidget(self.title, 1)
        self.version = QComboBox()
        self.version.setAccessibleName("Version")
        self.version.setVisible(False)
        top.addWidget(self.version)
        layout.addLayout(top)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)
        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        self.summary.setVisible(False)
        layout.addWidget(self.summary)

        self.model = PageAttentionModel()
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setGridSize(QSize(TILE.width(), TILE.height()))
        self.view.setSpacing(0)
        self.view.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.view.setItemDelegate(PageTileDelegate(self.view))
        self.view.setModel(self.model)
        self.view.setAccessibleName("Pages by attention")
        self.empty = QLabel()
        self.empty.setObjectName("pageMessage")
        self.empty.setWordWrap(True)
        self.empty.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.legend = HeatLegend()
        self.legend.setToolTip("")
        layout.addWidget(self.legend)

        self.back_button.clicked.connect(self.back_clicked)
        self.version.activated.connect(self._on_version_activated)

    def show_loading(self, title: str) -> None:
        self.title.setText(title)
        self.subtitle.setText("Reading the pages' figures…")
        self.summary.setVisible(False)
        self.version.setVisible(False)
        self.model.set_map(None)
        self.legend.set_scale(0, "")

    def show_map(self, attention: PageAttentionMap, whose: str) -> None:
        """``whose``: the weeks and reps the figures are of, as the subtitle ends ("12 weeks, … · All reps")."""
        self.model.set_map(attention)
        self.title.setText(attention.title)
        self.title.setToolTip(attention.title)
        word = page_word(attention.kind, 2)
        version = f"Version {attention.version}" if attention.version else "Version not recorded"
        if attention.current_version is not None and not attention.is_current:
            version += f" (the library has version {attention.current_version}; tiles show page numbers only)"
        self.subtitle.setText(
            f"{version} · {count(attention.opens, 'open')} and {count(attention.views, 'page view')} "
            f"by {count(attention.reps, 'rep')} · {whose}"
        )
        summary = skip_summary(attention)
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self._show_versions(attention)
        self.legend.set_scale(attention.highest_views, "views of a page", bar_note=DWELL_NOTE)
        if not attention.pages:
            self.empty.setText(
                f"No {word} of this asset were viewed in these weeks: reps who opened it did not page "
                "through it, or their apps recorded no page views. Choose more weeks to look further back."
            )
            self.stack.setCurrentWidget(self.empty)
        elif not attention.views:
            self.empty.setText("")
            self.stack.setCurrentWidget(self.view)
            self.summary.setText(
                f"Nobody paged through this version in these weeks: {count(attention.opens, 'open')}."
            )
            self.summary.setVisible(True)
        else:
            self.stack.setCurrentWidget(self.view)

    def _show_versions(self, attention: PageAttentionMap) -> None:
        self.version.blockSignals(True)
        self.version.clear()
        versions = dict(attention.versions)
        versions.setdefault(attention.version, 0)
        for number in sorted(versions, reverse=True):
            label = f"Version {number}" if number else "Version not recorded"
            if number == attention.current_version:
                label += " (current)"
            self.version.addItem(f"{label} · {count(versions[number], 'view')}", number)
        self.version.setCurrentIndex(self.version.findData(attention.version))
        self.version.blockSignals(False)
        self.version.setVisible(len(versions) > 1)

    def _on_version_activated(self, position: int) -> None:
        self.version_chosen.emit(int(self.version.itemData(position)))
