"""Where playlists are read and written: marketing edits them in the collateral folder's ``catalog.json``
(its draft, published as usual); a rep's app reads them from the catalog in force, the hub's verified one
once connected, else the folder's."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from enablement_app.catalog import Catalog, CatalogError, load_catalog, save_catalog
from enablement_app.catalog.playlists import Playlist
from enablement_app.sync.hub_catalog import HubPublications

log = logging.getLogger(__name__)


def draft_playlists(root: Path) -> tuple[Playlist, ...]:
    """The playlists of the folder's catalog; raises ``CatalogError`` when it cannot be read."""
    catalog = load_catalog(root)
    return catalog.playlists if catalog is not None else ()


def save_playlist(root: Path, playlist: Playlist) -> None:
    """Add ``playlist`` to the folder's catalog, or replace the one with its id in place (its order in
    the catalog stays). Raises ``CatalogError`` and changes nothing when the catalog cannot be written."""
    catalog = load_catalog(root) or Catalog(library=root.name)
    playlists = list(catalog.playlists)
    found = next((n for n, existing in enumerate(playlists) if existing.id == playlist.id), None)
    if found is None:
        playlists.append(playlist)
    else:
        playlists[found] = playlist
    save_catalog(root, replace(catalog, playlists=tuple(playlists)))


def save_playlists(root: Path, playlists: tuple[Playlist, ...]) -> None:
    """Make ``playlists`` the folder catalog's playlists, in this order, as marketing's editor saves them."""
    ids = [playlist.id for playlist in playlists]
    if len(set(ids)) != len(ids):
        raise CatalogError("two playlists have the same id: nothing was saved")
    catalog = load_catalog(root) or Catalog(library=root.name)
    save_catalog(root, replace(catalog, playlists=tuple(playlists)))


def remove_playlist(root: Path, playlist_id: str) -> None:
    catalog = load_catalog(root) or Catalog(library=root.name)
    kept = tuple(playlist for playlist in catalog.playlists if playlist.id != playlist_id)
    save_catalog(root, replace(catalog, playlists=kept))


def playlists_in_force(publications: HubPublications, root: Path | None) -> tuple[Playlist, ...]:
    """The playlists that reach this rep: the hub's verified catalog's, else the folder's. A catalog that
    cannot be read gives none (the library's governance already tells the rep why)."""
    if root is None:
        return ()
    try:
        catalog = publications.load_catalog(root)
    except CatalogError as error:
        log.info("no onboarding playlists: %s", error)
        return ()
    return catalog.playlists if catalog is not None else ()
