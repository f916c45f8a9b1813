"""Small pictures of every page of a library asset, for the page attention map.

PDFs are drawn with PyMuPDF; decks and documents are first converted by LibreOffice when it is installed
(the same cached conversions the preview makes), else they get numbered placeholder tiles. ``pdf_for`` may
take seconds (a conversion) and runs on the convert lane; ``render`` runs on the render lane only, since
its PyMuPDF documents must never be used by two threads.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QColor, QImage

from ui.preview.preview_source import (
    CONVERTIBLE,
    DocumentCache,
    PreviewError,
    convert_with_libreoffice,
    render_page,
)

if TYPE_CHECKING:
    from enablement_app.store import Store

log = logging.getLogger(__name__)


class PageThumbnailSource(Protocol):
    def pdf_for(self, asset_id: str) -> Path | None:
        """The PDF whose pages are the asset's, or None when only placeholders can be shown."""

    def render(self, pdf: Path, page: int, width: int) -> QImage | None:
        """Page ``page`` (from 1) about ``width`` pixels wide; None when it cannot be drawn."""

    def close(self) -> None: ...


class LibraryPageThumbnails:
    """Page pictures of the assets in the store's collateral folder."""

    def __init__(self, store: Store, conversions: Path | None = None) -> None:
        self._store = store
        self._conversions = conversions
        self._documents = DocumentCache()

    def pdf_for(self, asset_id: str) -> Path | None:
        from enablement_app.library.library_settings import LIBRARY_ROOT
        from enablement_app.store.models import Asset

        root = self._store.get_setting(LIBRARY_ROOT)
        with self._store.sessions() as session:
            asset = session.get(Asset, asset_id)
            if root is None or asset is None or asset.removed_at is not None:
                return None
            path, kind = Path(root) / asset.path, asset.kind
        if not path.is_file():
            return None
        if kind == "pdf":
            return path
        if kind in CONVERTIBLE and self._conversions is not None:
            return convert_with_libreoffice(path, self._conversions)
        return None

    def render(self, pdf: Path, page: int, width: int) -> QImage | None:
        try:
            document = self._documents.get(pdf)
            if not 1 <= page <= document.page_count:
                return None
            zoom = width / max(1.0, float(document[page - 1].rect.width))
            return render_page(self._documents, pdf, page, zoom, (), QColor())
        except PreviewError as error:
            log.info("no thumbnail of page %d of %s: %s", page, pdf, error)
            return None

    def close(self) -> None:
        """Called after the render lane has stopped."""
        self._documents.close()
