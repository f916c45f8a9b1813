"""Marketing's library as a table model: every asset, drafts, expired and retired ones included, with its
standing as a rep meets it, its facets and its approval; and the proxy that filters it by standing and text.

The proxy sorts on ``LibraryRole.SORT``, so each column sorts by what it means (dates by date, the status
by what needs attention first: expiring soonest, expired, drafts), not by its displayed words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from ui import icons, theme

if TYPE_CHECKING:  # imported by the page that opens this model, off the start-up path
    from enablement_app.library.governed_assets import GovernedAsset

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("title", "Title"),
    ("kind", "Kind"),
    ("standing", "Status"),
    ("stage", "Stage"),
    ("product", "Product"),
    ("persona", "Persona"),
    ("expires", "Expires"),
    ("approved_by", "Approved by"),
    ("approved_at", "Approved on"),
    ("path", "Path"),
)
COLUMN = {name: number for number, (name, _title) in enumerate(COLUMNS)}

# The status filter: what each choice shows, by standing. "Approved" is every asset reps find.
STANDING_FILTERS = {
    "all": ("All", None),
    "draft": ("Drafts", frozenset({"draft"})),
    "approved": ("Approved", frozenset({"approved", "expiring"})),
    "expiring": ("Expiring soon", frozenset({"expiring"})),
    "expired": ("Expired", frozenset({"expired"})),
    "retired": ("Retired", frozenset({"retired", "superseded"})),
}
# What needs marketing's attention first when sorting by status.
STANDING_ORDER = ("expiring", "expired", "draft", "approved", "superseded", "retired")


class LibraryRole(IntEnum):
    ASSET = Qt.ItemDataRole.UserRole + 1
    STANDING = Qt.ItemDataRole.UserRole + 2
    SORT = Qt.ItemDataRole.UserRole + 3
    PATH = Qt.ItemDataRole.UserRole + 4


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def standing_text(asset: GovernedAsset) -> str:
    """The status cell: "Draft", "Expires in 12 days", "Superseded by Pricing sheet 2026"..."""
    days = asset.days_left
    if asset.standing == "expiring" and days is not None:
        if days == 0:
            return "Expires today"
        return "Expires tomorrow" if days == 1 else f"Expires in {_days(days)}"
    if asset.standing == "superseded":
        return f"Superseded by {asset.superseded_by_title or asset.superseded_by}"
    return asset.standing.capitalize()


def standing_tip(asset: GovernedAsset) -> str:
    """The status cell's tooltip: what the standing means for reps, with the date."""
    expiry = f"{asset.expires_at:%d %b %Y}" if asset.expires_at is not None else ""
    days = asset.days_left
    if asset.standing == "expiring" and days is not None:
        when = "today" if days == 0 else f"in {_days(days)}"
        return f"Expires {when}, on {expiry}: reps stop finding it then unless it is approved for longer"
    return {
        "draft": "Not approved: reps do not find it",
        "approved": f"Reps find it{f' until {expiry}' if expiry else ''}",
        "expired": f"Expired on {expiry}: reps no longer find it"
        if expiry
        else "Expired: reps no longer find it",
        "retired": "Retired: reps no longer find it; its history is kept",
        "superseded": f"Replaced by {asset.superseded_by}: reps find that one instead",
    }.get(asset.standing, asset.standing)


def _sort_key(asset: GovernedAsset, column: str) -> str:
    if column == "standing":
        rank = STANDING_ORDER.index(asset.standing) if asset.standing in STANDING_ORDER else 9
        days = asset.days_left if asset.days_left is not None else 99_999
        return f"{rank}{days + 100_000:07d}{asset.title.casefold()}"
    if column == "expires":
        return asset.expires_at.isoformat() if asset.expires_at is not None else "9999"
    if column == "approved_at":
        return asset.approved_at.isoformat() if asset.approved_at is not None else ""
    return _display(asset, column).casefold()


def _display(asset: GovernedAsset, column: str) -> str:
    if column == "title":
        return asset.title
    if column == "kind":
        return icons.KIND_LABELS.get(asset.kind, asset.kind.upper())
    if column == "standing":
        return standing_text(asset)
    if column in ("stage", "product", "persona"):
        return ", ".join(asset.facets.get(column, ()))
    if column == "expires":
        return asset.expires_at.isoformat() if asset.expires_at is not None else ""
    if column == "approved_by":
        return asset.approved_by or ""
    if column == "approved_at":
        return f"{asset.approved_at.astimezone():%Y-%m-%d}" if asset.approved_at is not None else ""
    return asset.path


class LibraryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._assets: list[GovernedAsset] = []

    def set_assets(self, assets: Sequence[GovernedAsset]) -> None:
        self.beginResetModel()
        self._assets = list(assets)
        self.endResetModel()

    def asset_at(self, row: int) -> GovernedAsset | None:
        return self._assets[row] if 0 <= row < len(self._assets) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._assets)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._assets):
            return None
        if not 0 <= index.column() < len(COLUMNS):
            return None
        asset = self._assets[index.row()]
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(asset, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "standing":
                return standing_tip(asset)
            if column == "title":
                return asset.path
            return _display(asset, column) or None
        if role == Qt.ItemDataRole.DecorationRole:
            if column == "title":
                return icons.kind_icon(asset.kind, 16)
            if column == "standing":
                palette = QGuiApplication.palette()
                colour = theme.standing_colour(asset.standing, palette)
                return icons.standing_icon(colour.name(), asset.standing in ("expiring", "expired"))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in ("standing", "expires") and asset.standing in ("expiring", "expired"):
                return theme.standing_colour(asset.standing, QGuiApplication.palette())
            if asset.standing in ("retired", "superseded") and column != "title":
                return theme.muted_text_colour(QGuiApplication.palette())
            return None
        if role == LibraryRole.ASSET:
            return asset
        if role == LibraryRole.STANDING:
            return asset.standing
        if role == LibraryRole.SORT:
            return _sort_key(asset, column)
        if role == LibraryRole.PATH:
            return asset.path
        return None


class LibraryFilter(QSortFilterProxyModel):
    """Shows the assets of one status filter (``STANDING_FILTERS``) whose title, path, facets or approver
    contain the filter text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._standings: frozenset[str] | None = None
        self._words: tuple[str, ...] = ()
        self._excluded: frozenset[str] = frozenset()
        self.setSortRole(LibraryRole.SORT)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_standing_filter(self, name: str) -> None:
        standings = STANDING_FILTERS[name][1]
        self._change_filter(lambda: setattr(self, "_standings", standings))

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        self._change_filter(lambda: setattr(self, "_words", words))

    def set_excluded(self, paths: Iterable[str]) -> None:
        excluded = frozenset(paths)
        self._change_filter(lambda: setattr(self, "_excluded", excluded))

    def _change_filter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10: invalidateRowsFilter is on its way out
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, LibraryModel):
            return True
        asset = model.asset_at(source_row)
        if asset is None or asset.path in self._excluded:
            return False
        if self._standings is not None and asset.standing not in self._standings:
            return False
        if not self._words:
            return True
        haystack = " ".join(
            [
                asset.title,
                asset.path,
                asset.approved_by or "",
                *(value for values in asset.facets.values() for value in values),
            ]
        ).casefold()
        return all(word in haystack for word in self._words)
