"""Asset ids that are the same on every computer, so usage from every rep adds up per asset.

An asset's id is given when its file is first indexed and kept through renames, moves and new versions.
Reps and marketing index the same shared folder, each on their own computer, and marketing's figures are
keyed by asset id: ids made at random differed between computers, and figures never matched. So a new
asset takes, in order: the id marketing's catalog gives its path (written by ``enablement approve``); else
one derived from its path and content, which every computer that first sees the same file computes alike;
and only if that is taken already (the same file at the same path re-added after a removal is revived,
not re-added, so this is rare), a random one.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable

from enablement_app.catalog import Catalog


class AssetIds:
    """Gives new assets their ids during one index run; the catalog is read when the first one needs it
    (most runs add no asset)."""

    def __init__(self, used: Iterable[str], catalog: Callable[[], Catalog | None]) -> None:
        self._used = set(used)
        self._load_catalog = catalog
        self._catalog: Catalog | None = None
        self._loaded = False

    def new_id(self, relative: str, content_hash: str) -> str:
        if not self._loaded:
            self._catalog, self._loaded = self._load_catalog(), True
        candidates = []
        if self._catalog is not None:
            found = self._catalog.entry_for(relative, content_hash)
            if found is not None and found[1].asset_id:
                candidates.append(found[1].asset_id)
        candidates.append(derived_asset_id(relative, content_hash))
        for candidate in candidates:
            if candidate not in self._used:
                self._used.add(candidate)
                return candidate
        fresh = uuid.uuid4().hex
        self._used.add(fresh)
        return fresh


def derived_asset_id(relative: str, content_hash: str) -> str:
    """The id every computer gives a file first seen at ``relative`` (its path in the collateral folder,
    with forward slashes) with the content ``content_hash``."""
    return hashlib.sha256(f"{relative}\n{content_hash}".encode()).hexdigest()[:32]
