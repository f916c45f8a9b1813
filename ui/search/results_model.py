"""The results list as a Qt model: one row per asset, with everything the result card shows as roles.

The same model shows the empty state (recently opened, most used and new assets), whose groups are marked
by a ``section`` on their first row, so the keyboard moves through one list in both cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:  # kept off the start-up path: both modules import SQLAlchemy or Whoosh
    from enablement_app.library.search import AssetCard
    from indexer.search_index import PageHit

# An asset whose content changed this recently is flagged "new" (first version) or "updated".
FRESH_DAYS = 14
PAGE_WORDS = {"pdf": "page", "pptx": "slide"}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Rating:
    average: float
    count: int


@dataclass(frozen=True, slots=True)
class ResultRow:
    card: AssetCard
    pages: tuple[PageHit, ...] = ()
    rating: Rating | None = None
    section: str | None = None  # a group title shown above this row (the empty state's groups)
    note: str = ""  # why the row is in a group, e.g. "opened 12 times this month"


class ResultRole(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1
    ASSET_ID = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    SNIPPET = Qt.ItemDataRole.UserRole + 4
    PAGES = Qt.ItemDataRole.UserRole + 5
    TAGS = Qt.ItemDataRole.UserRole + 6
    RATING = Qt.ItemDataRole.UserRole + 7
    FRESHNESS = Qt.ItemDataRole.UserRole + 8
    SECTION = Qt.ItemDataRole.UserRole + 9


def page_word(kind: str, count: int = 1) -> str:
    word = PAGE_WORDS.get(kind, "section")
    return word if count == 1 else f"{word}s"


def freshness(card: AssetCard, now: dt.datetime) -> str | None:
    """ "updated" when a new version arrived within ``FRESH_DAYS``, "new" when marketing approved the asset
    within them, else None. Approval, not indexing, is when an asset becomes new to reps."""
    recent = dt.timedelta(days=FRESH_DAYS)
    if card.version > 1 and now - card.content_changed_at <= recent:
        return "updated"
    if card.approved_at is not None and now - card.approved_at <= recent:
        return "new"
    return None


class ResultsModel(QAbstractListModel):
    def __init__(self, *, now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__()
        self._rows: list[ResultRow] = []
        self._now = now or (lambda: dt.datetime.now(dt.UTC))

    def set_rows(self, rows: Sequence[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def update_rating(self, asset_id: str, rating: Rating) -> None:
        for number, row in enumerate(self._rows):
            if row.card.id == asset_id:
                self._rows[number] = ResultRow(row.card, row.pages, rating, row.section, row.note)
                index = self.index(number)
                self.dataChanged.emit(index, index, [ResultRole.RATING, ResultRole.ROW])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        card = row.card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return card.path
        if role == ResultRole.ROW:
            return row
        if role == ResultRole.ASSET_ID:
            return card.id
        if role == ResultRole.KIND:
            return card.kind
        if role == ResultRole.SNIPPET:
            best = next((page.snippet for page in row.pages if page.snippet is not None), None)
            return best
        if role == ResultRole.PAGES:
            return [page.number for page in row.pages]
        if role == ResultRole.TAGS:
            return [*card.facets.get("stage", ()), *card.facets.get("product", ())]
        if role == ResultRole.RATING:
            return row.rating
        if role == ResultRole.FRESHNESS:
            return freshness(card, self._now())
        if role == ResultRole.SECTION:
            return row.section
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({role.value: QByteArray(role.name.lower().encode()) for role in ResultRole})
        return names
