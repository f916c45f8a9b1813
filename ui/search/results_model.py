"""The results list as a Qt model: one row per asset, with everything the result card shows as roles.

The same model shows the empty state (recently opened, most used and new assets), whose groups are marked
by a ``section`` on their first row, so the keyboard moves through one list in both cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from enablement_app.recommendations.top_rep_picks import used_by_text

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


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def top_reps_text(count: int) -> str:
    """ "used by 3 of the top reps this quarter": how many of the CRM's best performers reached for it."""
    return f"{used_by_text(count)} this quarter"


@dataclass(frozen=True, slots=True)
class CardFigures:
    """What a card says about an asset beyond its content: the team's rating and what the whole company
    does with it. The rating is marketing's company-wide one where the hub published it, else the ratings
    recorded on this computer; the counts come from the hub. A zero is never shown ("0 shares" is noise),
    and figures with nothing to show are no figures at all (``None`` on the row, no line on the card)."""

    rating: Rating | None = None
    opens: int = 0
    shares: int = 0
    used_in_deals: int = 0
    top_reps_pick: bool = False
    top_reps: int = 0  # distinct top reps who opened or shared it this quarter

    @property
    def empty(self) -> bool:
        return not self.text()

    def rating_text(self) -> str:
        """ "4.5 (12)", or "" without ratings; the card paints the stars before it."""
        rating = self.rating
        return f"{rating.average:.1f} ({rating.count:,})" if rating is not None and rating.count else ""

    def usage_parts(self) -> dict[str, str]:
        """The company's use of the asset in a few words each ("opens", "shares", "deals"), in the order
        shown, only what happened."""
        parts = {}
        if self.opens:
            parts["opens"] = _count(self.opens, "open", "opens")
        if self.shares:
            parts["shares"] = _count(self.shares, "share", "shares")
        if self.used_in_deals:
            parts["deals"] = f"used in {_count(self.used_in_deals, 'deal', 'deals')}"
        if self.top_reps:
            parts["top_reps"] = top_reps_text(self.top_reps)
        return parts

    def text(self) -> str:
        """The whole line as plain text: "★ 4.5 (12) · 340 opens · 28 shares · used in 6 deals · used by 3
        of the top reps this quarter · top reps' pick", as the preview shows it and screen readers read the
        card."""
        rating = self.rating_text()
        parts = [f"★ {rating}"] if rating else []
        parts.extend(self.usage_parts().values())
        if self.top_reps_pick:
            parts.append("top reps' pick")
        return " · ".join(parts)

    def sentence(self) -> str:
        """The same in full words, for the card's tooltip."""
        clauses = []
        rating = self.rating
        if rating is not None and rating.count:
            clauses.append(f"rated {rating.average:.1f} out of 5 by {_count(rating.count, 'rep', 'reps')}")
        if self.opens:
            clauses.append(f"opened {_count(self.opens, 'time', 'times')}")
        if self.shares:
            clauses.append(f"shared {_count(self.shares, 'time', 'times')}")
        if self.used_in_deals:
            clauses.append(f"used in {_count(self.used_in_deals, 'deal', 'deals')}")
        if self.top_reps:
            clauses.append(top_reps_text(self.top_reps))
        text = ", ".join(clauses)
        if self.top_reps_pick:
            text += "; top reps open it far more than most"
        return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class ResultRow:
    card: AssetCard
    pages: tuple[PageHit, ...] = ()
    figures: CardFigures | None = None
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
    FIGURES = Qt.ItemDataRole.UserRole + 10


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

    def update_figures(self, asset_id: str, figures: CardFigures | None) -> None:
        """New figures for one asset (after the rep rated it); the card may grow or lose its figures line."""
        for number, row in enumerate(self._rows):
            if row.card.id == asset_id:
                self._rows[number] = replace(row, figures=figures)
                index = self.index(number)
                self.dataChanged.emit(
                    index,
                    index,
                    [
                        ResultRole.FIGURES,
                        ResultRole.RATING,
                        ResultRole.ROW,
                        Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleDescriptionRole,
                        Qt.ItemDataRole.SizeHintRole,
                    ],
                )

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
            return f"{card.path}\n{row.figures.sentence()}" if row.figures is not None else card.path
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return row.figures.text() if row.figures is not None else None
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
            return row.figures.rating if row.figures is not None else None
        if role == ResultRole.FIGURES:
            return row.figures
        if role == ResultRole.FRESHNESS:
            return freshness(card, self._now())
        if role == ResultRole.SECTION:
            return row.section
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({role.value: QByteArray(role.name.lower().encode()) for role in ResultRole})
        return names
