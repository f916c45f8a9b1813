"""First-page thumbnails of PDF assets, rendered the first time they are asked for and kept on disk.

Rendering a page costs as much as reading a dozen pages of text, so indexing does not do it: a library of
a thousand PDFs is searchable seconds sooner, and only the assets a rep actually looks at are rendered.
What must stay true: a kept picture shows the asset's current version; the indexer calls ``forget`` when an
asset's content changes. Rendering takes a few milliseconds, so the UI asks from its background worker.
"""

from __future__ import annotations

import logging
from pathlib import Path

from enablement_app.atomic_files import write_atomically
from enablement_app.library.library_settings import LIBRARY_ROOT
from enablement_app.store import Store
from enablement_app.store.models import Asset
from indexer.extract import first_page_thumbnail

log = logging.getLogger(__name__)


class Thumbnails:
    """The thumbnails folder of one data folder, filled on demand from the collateral files."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.store = store
        self.folder = folder

    def path(self, asset_id: str) -> Path | None:
        """The PNG of the asset's first page, rendered now if it is not kept yet; None for assets that have
        no thumbnail (not a PDF, removed, or the file cannot be rendered right now)."""
        kept = self.folder / f"{asset_id}.png"
        if kept.is_file():
            return kept
        root = self.store.get_setting(LIBRARY_ROOT)
        with self.store.sessions() as session:
            asset = session.get(Asset, asset_id)
            if root is None or asset is None or asset.removed_at is not None or not asset.has_thumbnail:
                return None
            source = Path(root) / asset.path
        png = first_page_thumbnail(source)
        if png is None:
            log.info("no thumbnail for %s: its first page cannot be rendered", source)
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(kept, png)
        except OSError as error:  # a full disk: no picture this time, and no partial file left behind
            log.info("thumbnail of %s not kept: %s", source, error)
            return None
        return kept

    def forget(self, asset_id: str) -> None:
        """Drop the kept picture (the asset's content changed); the next ``path`` renders it again."""
        (self.folder / f"{asset_id}.png").unlink(missing_ok=True)
