"""The models of marketing's playlist editor: the playlists in the catalog, and one playlist's items as an
editable table (page range, due day and note edited in place; a value that makes no sense is refused with
a sentence, and the cell keeps what it had)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from enablement_app.catalog.playlists import (
    Playlist,
    PlaylistError,
    PlaylistItem,
    check_first_page,
    parse_due_day,
    parse_page_range,
)
from ui.onboarding.items_model import short_date

if TYPE_CHECKING:
    from enablement_app.onboarding.playlist_editing import AssetChoice
    from enablement_app.onboarding.proposals import PlaylistProposal

Index = QModelIndex | QPersistentModelIndex
PLAYLIST_ROLE = Qt.ItemDataRole.UserRole + 1


class PlaylistsModel(QAbstractListModel):
    """The playlists of the catalog being edited, in the catalog's order."""

    def __init__(self) -> None:
        super().__init__()
        self._playlists: list[Playlist] = []

    def set_playlists(self, playlists: Sequence[Playlist]) -> None:
        self.beginResetModel()
        self._playlists = list(playlists)
        self.endResetModel()

    def playlists(self) -> tuple[Playlist, ...]:
        return tuple(self._playlists)

    def playlist_at(self, row: int) -> Playlist | None:
        return self._playlists[row] if 0 <= row < len(self._playlists) else None

    def replace_playlist(self, row: int, playlist: Playlist) -> None:
        self._playlists[row] = playlist
        self.dataChanged.emit(self.index(row), self.index(row))

    def append(self, playlist: Playlist) -> int:
        row = len(self._playlists)
        self.beginInsertRows(QModelIndex(), row, row)
        self._playlists.append(playlist)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._playlists[row]
        self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._playlists)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        playlist = self.playlist_at(index.row())
        if playlist is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return playlist.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{playlist.audience_text()} · {len(playlist.items)} items over {playlist.days} days"
        if role == PLAYLIST_ROLE:
            return playlist
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


COLUMNS = ("#", "Asset", "Pages", "Due", "Why it matters")
PAGES_COLUMN, DUE_COLUMN, NOTE_COLUMN = 2, 3, 4


class PlaylistItemsTableModel(QAbstractTableModel):
    """One playlist's items, in order. ``items_edited`` after every change; ``edit_refused`` with a
    sentence when a typed value makes no sense."""

    items_edited = Signal()
    edit_refused = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._items: list[PlaylistItem] = []
        self._assets: Mapping[str, AssetChoice] = {}

    def set_items(self, items: Sequence[PlaylistItem], assets: Mapping[str, AssetChoice]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._assets = assets
        self.endResetModel()

    def items(self) -> tuple[PlaylistItem, ...]:
        return tuple(self._items)

    def title_of(self, item: PlaylistItem) -> str:
        asset = self._assets.get(item.asset_id)
        return asset.title if asset else (item.title or "An asset no longer in the library")

    def add(self, item: PlaylistItem) -> int:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(item)
        self.endInsertRows()
        self.items_edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._items[row]
            self.endRemoveRows()
            self.items_edited.emit()

    def move(self, row: int, step: int) -> int:
        """Move the item at ``row`` up (-1) or down (+1); returns its new row."""
        target = row + step
        if not (0 <= row < len(self._items) and 0 <= target < len(self._items)):
            return row
        # Qt's moveRows wants the destination before which the row lands
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._items.insert(target, self._items.pop(row))
        self.endMoveRows()
        self.items_edited.emit()
        return target

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return str(index.row() + 1)
            if column == 1:
                return self.title_of(item)
            if column == PAGES_COLUMN:
                if item.first_page is None:
                    return "" if role == Qt.ItemDataRole.EditRole else "all"
                last = item.last_page or item.first_page
                return str(item.first_page) if last == item.first_page else f"{item.first_page}–{last}"
            if column == DUE_COLUMN:
                return f"day {item.due_day}"
            if column == NOTE_COLUMN:
                return item.note
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                asset = self._assets.get(item.asset_id)
                return f"{asset.path} · {asset.page_count} pages" if asset else item.asset_id
            if column == PAGES_COLUMN:
                return "Only these pages count: “4” or “4-7”; empty for the whole asset"
            if column == DUE_COLUMN:
                return "The working day of onboarding it is due (weekends do not count): “day 3”"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, PAGES_COLUMN, DUE_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() in (PAGES_COLUMN, DUE_COLUMN, NOTE_COLUMN):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._items):
            return False
        item = self._items[index.row()]
        text = str(value)
        try:
            if index.column() == PAGES_COLUMN:
                first, last = parse_page_range(text)
                asset = self._assets.get(item.asset_id)
                if asset is not None:
                    check_first_page(first, asset.title, asset.page_count)
                edited = replace(item, first_page=first, last_page=last)
            elif index.column() == DUE_COLUMN:
                edited = replace(item, due_day=parse_due_day(text))
            elif index.column() == NOTE_COLUMN:
                edited = replace(item, note=" ".join(text.split()))
            else:
                return False
        except PlaylistError as error:
            self.edit_refused.emit(str(error)[:1].upper() + str(error)[1:] + ".")
            return False
        self._items[index.row()] = edited
        self.dataChanged.emit(index, index)
        self.items_edited.emit()
        return True


PROPOSAL_ROLE = Qt.ItemDataRole.UserRole + 2


class ProposalsModel(QAbstractListModel):
    """Playlists managers proposed that the catalog does not have yet, newest first."""

    def __init__(self) -> None:
        super().__init__()
        self._proposals: list[PlaylistProposal] = []

    def set_proposals(self, proposals: Sequence[PlaylistProposal]) -> None:
        self.beginResetModel()
        self._proposals = list(proposals)
        self.endResetModel()

    def proposal_at(self, row: int) -> PlaylistProposal | None:
        return self._proposals[row] if 0 <= row < len(self._proposals) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._proposals)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        proposal = self.proposal_at(index.row())
        if proposal is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{proposal.playlist.title}\nby {proposal.who}"
        if role == Qt.ItemDataRole.ToolTipRole:
            playlist = proposal.playlist
            when = proposal.proposed_at
            return (
                f"{playlist.title}: {len(playlist.items)} items over {playlist.days} days, for "
                f"{playlist.audience_text()}\nProposed by {proposal.name} <{proposal.email}> on "
                f"{short_date(when)}"
            )
        if role == PROPOSAL_ROLE:
            return proposal
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
