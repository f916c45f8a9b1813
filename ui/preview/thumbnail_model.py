"""The thumbnails strip under the preview: one row per page, rendered lazily as rows come into view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap

Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    def __init__(self, request: Callable[[int], QImage | None], placeholder: QSize) -> None:
        super().__init__()
        self._request = request
        # Shown until a page is drawn, so the strip keeps its layout while thumbnails arrive.
        self._placeholder = QPixmap(placeholder)
        self._placeholder.fill(QColor(128, 128, 128, 40))
        self._labels: list[str] = []
        self._pixmaps: dict[int, QPixmap] = {}
        self._paged = False

    def reset(self, labels: list[str], *, paged: bool) -> None:
        self.beginResetModel()
        self._labels = labels
        self._pixmaps.clear()
        self._paged = paged
        self.endResetModel()

    def set_image(self, page: int, image: QImage) -> None:
        if not 1 <= page <= len(self._labels):
            return
        self._pixmaps[page] = QPixmap.fromImage(image)
        index = self.index(page - 1)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._labels)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._labels):
            return None
        page = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            return self._labels[index.row()]
        if role == Qt.ItemDataRole.DecorationRole and self._paged:
            pixmap = self._pixmaps.get(page)
            if pixmap is None:
                image = self._request(page)
                if image is not None:
                    pixmap = self._pixmaps[page] = QPixmap.fromImage(image)
            return pixmap or self._placeholder
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._labels[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return page
        return None
