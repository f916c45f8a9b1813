"""Facet filters as a two-level tree model: facets (Kind, Product, Stage...) and their values with counts.

Checking a value filters the results; a checked value stays listed after the counts change, so a rep can
always see and undo what filters the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from enablement_app.catalog import FACETS
from ui.icons import KIND_LABELS

Index = QModelIndex | QPersistentModelIndex
# The same facets as LibrarySearch.FILTER_FACETS, without importing the search (and SQLAlchemy) at start-up.
FILTER_FACETS = ("kind", *FACETS)
FACET_TITLES = {
    "kind": "Kind",
    "product": "Product",
    "stage": "Funnel stage",
    "persona": "Persona",
    "industry": "Industry",
    "region": "Region",
    "tag": "Tags",
}
_NO_PARENT = 0xFFFF_FFFF


@dataclass(slots=True)
class _Facet:
    name: str
    values: list[tuple[str, int]] = field(default_factory=list)


def value_label(facet: str, value: str) -> str:
    if facet == "kind":
        return KIND_LABELS.get(value, value.upper())
    if facet == "stage":
        return value.capitalize()
    return value


class FacetModel(QAbstractItemModel):
    filters_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._facets: list[_Facet] = []
        self._checked: dict[str, set[str]] = {}

    # -- what the window asks --------------------------------------------------------------------

    def set_counts(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        self.beginResetModel()
        facets = []
        for name in FILTER_FACETS:
            values = dict(counts.get(name, {}))
            for checked in self._checked.get(name, set()):
                values.setdefault(checked, 0)
            if values:
                ordered = sorted(values.items(), key=lambda item: (-item[1], item[0].casefold()))
                facets.append(_Facet(name, ordered))
        self._facets = facets
        self.endResetModel()

    def filters(self) -> dict[str, list[str]]:
        return {facet: sorted(values) for facet, values in self._checked.items() if values}

    def clear_filters(self) -> None:
        if not any(self._checked.values()):
            return
        self._checked.clear()
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 1))
        self.filters_changed.emit()

    def set_checked(self, facet: str, value: str, checked: bool) -> None:
        values = self._checked.setdefault(facet, set())
        if checked == (value in values):
            return
        if checked:
            values.add(value)
        else:
            values.discard(value)
        for row, entry in enumerate(self._facets):
            if entry.name == facet:
                parent = self.index(row, 0)
                for child, (name, _) in enumerate(entry.values):
                    if name == value:
                        changed = self.index(child, 0, parent)
                        self.dataChanged.emit(changed, changed, [Qt.ItemDataRole.CheckStateRole])
        self.filters_changed.emit()

    def value_index(self, facet: str, value: str) -> QModelIndex:
        for row, entry in enumerate(self._facets):
            if entry.name == facet:
                for child, (name, _) in enumerate(entry.values):
                    if name == value:
                        return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    # -- the model -------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column not in (0, 1) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT) if row < len(self._facets) else QModelIndex()
        if parent.internalId() != _NO_PARENT or parent.column() != 0:
            return QModelIndex()
        facet = parent.row()
        if facet >= len(self._facets) or row >= len(self._facets[facet].values):
            return QModelIndex()
        return self.createIndex(row, column, facet)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._facets)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._facets[parent.row()].values)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def _entry(self, index: Index) -> tuple[_Facet, tuple[str, int] | None]:
        if index.internalId() == _NO_PARENT:
            return self._facets[index.row()], None
        facet = self._facets[int(index.internalId())]
        return facet, facet.values[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        facet, value = self._entry(index)
        if value is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return FACET_TITLES.get(facet.name, facet.name)
            return None
        name, count = value
        if index.column() == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(count)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return value_label(facet.name, name)
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = name in self._checked.get(facet.name, set())
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{FACET_TITLES.get(facet.name, facet.name)}: {name} ({count})"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        facet, entry = self._entry(index)
        if entry is None:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        self.set_checked(facet.name, entry[0], state == Qt.CheckState.Checked.value)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
