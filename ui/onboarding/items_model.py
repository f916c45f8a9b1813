"""A playlist's items in order, as a new hire works through them: one row per item with its note, due
day and date, and its state (done, pages read so far, overdue) as roles the delegate paints."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from enablement_app.onboarding.progress import ItemProgress, PlaylistProgress

Index = QModelIndex | QPersistentModelIndex

PAGE_WORDS = {"pptx": ("slide", "slides")}


class ItemRole(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # ItemProgress
    STATE = Qt.ItemDataRole.UserRole + 2  # "done", "overdue", "in_progress", "not_started"
    DUE_TEXT = Qt.ItemDataRole.UserRole + 3  # "Day 3 · Wed 4 Nov"
    STATE_TEXT = Qt.ItemDataRole.UserRole + 4  # "Done", "1 of 2 pages read", "Overdue"…
    NOTE = Qt.ItemDataRole.UserRole + 5  # why it matters, with the page range
    KIND = Qt.ItemDataRole.UserRole + 6  # the asset's kind, for the page word ("" when not here)


def due_text(item: ItemProgress) -> str:
    day = f"Day {item.item.due_day}"
    if item.due_on is None:
        return day
    return f"{day} · {item.due_on.strftime('%a')} {item.due_on.day} {item.due_on.strftime('%b')}"


def state_text(item: ItemProgress, kind: str = "") -> str:
    one, many = PAGE_WORDS.get(kind, ("page", "pages"))
    if item.done:
        when = f" {short_date(item.completed_at.date())}" if item.completed_at else ""
        return f"Done{when}" if item.how == "viewed" else f"Marked done{when}"
    if not item.available:
        return "Not in your library yet"
    read = f"{item.pages_read} of {len(item.pages)} {one if len(item.pages) == 1 else many} read"
    if item.overdue:
        return f"Overdue · {read}" if item.pages_read else "Overdue"
    return read if item.pages_read else "Not started"


def short_date(day: dt.date) -> str:
    """ "4 Nov": how onboarding's lists name a day (a datetime names its own day)."""
    return f"{day.day} {day.strftime('%b')}"


def note_text(item: ItemProgress, kind: str = "") -> str:
    pages = item.item.page_range_text()
    if pages and kind == "pptx":
        pages = pages.replace("page", "slide")
    return " · ".join(part for part in (pages.capitalize() if pages else "", item.item.note) if part)


class PlaylistItemsModel(QAbstractListModel):
    """The items of one playlist's progress; ``set_progress`` replaces them (the whole list is small)."""

    def __init__(self) -> None:
        super().__init__()
        self._items: tuple[ItemProgress, ...] = ()
        self._kinds: dict[str, str] = {}

    def set_progress(self, progress: PlaylistProgress | None, kinds: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._items = progress.items if progress is not None else ()
        self._kinds = dict(kinds or {})
        self.endResetModel()

    def item_at(self, row: int) -> ItemProgress | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        item = self.item_at(index.row())
        if item is None:
            return None
        kind = self._kinds.get(item.item.asset_id, "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.position}. {item.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.title, note_text(item, kind), due_text(item), state_text(item, kind)]
            if item.confirmation:
                lines.append(f"You took from it: {item.confirmation}")
            return "\n".join(line for line in lines if line)
        if role == ItemRole.ITEM:
            return item
        if role == ItemRole.STATE:
            return item.state
        if role == ItemRole.DUE_TEXT:
            return due_text(item)
        if role == ItemRole.STATE_TEXT:
            return state_text(item, kind)
        if role == ItemRole.NOTE:
            return note_text(item, kind)
        if role == ItemRole.KIND:
            return kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role in ItemRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names
