"""Building a playlist: finding the asset to add by its path, id or title, and the playlist as CSV.

Shared by marketing's editor in the app and ``enablement playlist``, so both add the same item for the same
words and export the same file.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import select

from enablement_app.catalog.playlists import Playlist
from enablement_app.store import Store
from enablement_app.store.models import Asset

PLAYLIST_CSV_HEADER = ("position", "asset_id", "title", "path", "pages", "due_day", "note")


class AssetLookupError(ValueError):
    """No asset, or more than one, answers to what was typed; the message says which and what to do."""


@dataclass(frozen=True, slots=True)
class AssetChoice:
    """An asset as the editor offers it: its id, title, path and pages."""

    id: str
    title: str
    path: str
    page_count: int
    kind: str


def library_assets(store: Store) -> dict[str, AssetChoice]:
    """Every present asset by id, for the editor's title search and the playlist's titles."""
    with store.sessions() as session:
        rows = session.execute(
            select(Asset.id, Asset.title, Asset.path, Asset.page_count, Asset.kind)
            .where(Asset.removed_at.is_(None))
            .order_by(Asset.title)
        ).all()
    return {row.id: AssetChoice(row.id, row.title, row.path, row.page_count, row.kind) for row in rows}


def find_asset(assets: Mapping[str, AssetChoice], words: str) -> AssetChoice:
    """The asset ``words`` names: its id, its library path, or (some of) its title if only one matches."""
    text = words.strip()
    if text in assets:
        return assets[text]
    key = text.replace("\\", "/").lstrip("/")
    by_path = [asset for asset in assets.values() if asset.path == key]
    if by_path:
        return by_path[0]
    folded = text.casefold()
    exact = [asset for asset in assets.values() if asset.title.casefold() == folded]
    found = exact or [asset for asset in assets.values() if folded and folded in asset.title.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise AssetLookupError(f"no asset of the library is called or found at {text!r}")
    names = ", ".join(sorted(asset.title for asset in found)[:5])
    raise AssetLookupError(
        f"{len(found)} assets match {text!r} ({names}{', …' if len(found) > 5 else ''}): give its path"
    )


def write_playlist_csv(playlist: Playlist, assets: Mapping[str, AssetChoice], file: TextIO) -> int:
    """One row per item, in order (position, asset id, title, path, pages, due day, note); returns the rows."""
    writer = csv.writer(file)
    writer.writerow(PLAYLIST_CSV_HEADER)
    for position, item in enumerate(playlist.items, start=1):
        asset = assets.get(item.asset_id)
        pages = ""
        if item.first_page is not None:
            last = item.last_page or item.first_page
            pages = str(item.first_page) if last == item.first_page else f"{item.first_page}-{last}"
        writer.writerow(
            (
                position,
                item.asset_id,
                asset.title if asset else item.title,
                asset.path if asset else "",
                pages,
                item.due_day,
                item.note,
            )
        )
    return len(playlist.items)
