"""Search as a rep or a marketer sees it: the index's ranking, filtered by governance and facets.

Reps see only approved, unexpired assets that no visible newer version supersedes; marketing can search
everything. The asset cards come from the store and are cached until the library generation changes, with
what every search derives from them (the visible assets, each asset's facet values), so a search costs one
small settings read on top of the index lookup.
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import reduce
from itertools import repeat
from typing import Any

from sqlalchemy import select

from enablement_app.catalog import FACETS
from enablement_app.library.library_settings import LIBRARY_GENERATION
from enablement_app.store import Store
from enablement_app.store.models import Asset, AssetTag, effective_status
from indexer.search_index import PageHit, SearchIndex

FILTER_FACETS = ("kind", *FACETS)


@dataclass(frozen=True, slots=True)
class AssetCard:
    id: str
    path: str
    title: str
    kind: str
    status: str  # effective status today: an approved asset past its expiry is "expired"
    page_count: int
    version: int
    facets: Mapping[str, tuple[str, ...]]
    approved_by: str | None
    approved_at: dt.datetime | None
    expires_at: dt.date | None
    content_changed_at: dt.datetime
    supersedes_id: str | None
    superseded_by_id: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    asset: AssetCard
    score: float
    pages: tuple[PageHit, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...]
    total_assets: int
    facet_counts: Mapping[str, Mapping[str, int]]
    suggestion: str | None
    fell_back: bool
    elapsed_ms: float
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class FacetError(ValueError):
    """A facet filter names a facet that does not exist."""


@dataclass(frozen=True, slots=True)
class _Library:
    """The cards of one library generation and what searches derive from them, computed once."""

    cards: Mapping[str, AssetCard]
    visible: frozenset[str]  # what a rep may see
    # Facet counts as bit arithmetic: each asset's bit, and per facet the mask of the assets with each value.
    # Counting a thousand matched assets' values one by one cost a millisecond, a tenth of a search.
    bits: Mapping[str, int]
    value_masks: Mapping[str, Mapping[str, int]]
    # asset ids allowed by (include_all, filters), filled as searches ask
    allowed: dict[tuple[bool, tuple[tuple[str, frozenset[str]], ...]], frozenset[str]] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, cards: Mapping[str, AssetCard]) -> _Library:
        approved = {card.id for card in cards.values() if card.status == "approved"}
        visible = frozenset(
            asset_id
            for asset_id in approved
            if cards[asset_id].superseded_by_id is None or cards[asset_id].superseded_by_id not in approved
        )
        bits = {asset_id: 1 << number for number, asset_id in enumerate(cards)}
        value_masks: dict[str, dict[str, int]] = {facet: {} for facet in FILTER_FACETS}
        for card in cards.values():
            for facet, values in card.facets.items():
                masks = value_masks.get(facet)
                if masks is not None:
                    for value in set(values):
                        masks[value] = masks.get(value, 0) | bits[card.id]
        return cls(cards, visible, bits, value_masks)

    def allowed_ids(self, include_all: bool, filters: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
        """The assets a search may return: visible to the searcher and matching every facet filter."""
        wanted = tuple(
            sorted(
                (facet, frozenset(value.casefold() for value in values)) for facet, values in filters.items()
            )
        )
        key = (include_all, wanted)
        found = self.allowed.get(key)
        if found is None:
            cards = self.cards
            found = frozenset(
                asset_id
                for asset_id in (cards if include_all else self.visible)
                if all(
                    values & {value.casefold() for value in cards[asset_id].facets.get(facet, ())}
                    for facet, values in wanted
                )
            )
            if len(self.allowed) > 64:  # each distinct filter adds one; keep the cache small
                self.allowed.clear()
            self.allowed[key] = found
        return found

    def facet_counts(self, asset_ids: Collection[str]) -> dict[str, dict[str, int]]:
        """How many of ``asset_ids`` have each facet value, per facet, most common first."""
        matched = reduce(operator.or_, map(self.bits.get, asset_ids, repeat(0)), 0)
        counts: dict[str, dict[str, int]] = {}
        for facet, masks in self.value_masks.items():
            found = [
                (value, count) for value, mask in masks.items() if (count := (matched & mask).bit_count())
            ]
            if found:
                found.sort(key=lambda pair: (-pair[1], pair[0]))
                counts[facet] = dict(found)
        return counts


class LibrarySearch:
    def __init__(
        self,
        store: Store,
        search_index: SearchIndex,
        *,
        today: Callable[[], dt.date] = lambda: dt.datetime.now(dt.UTC).date(),
    ) -> None:
        self.store = store
        self.search_index = search_index
        self.today = today
        self._lock = threading.Lock()
        self._library = _Library.of({})
        self._library_key: tuple[str | None, dt.date] | None = None

    def cards(self) -> Mapping[str, AssetCard]:
        """Every present asset, reloaded from the store only when the library has changed."""
        return self._current().cards

    def _current(self) -> _Library:
        key = (self.store.get_setting(LIBRARY_GENERATION), self.today())
        with self._lock:
            if key != self._library_key:
                self._library = _Library.of(self._load_cards(key[1]))
                self._library_key = key
            return self._library

    def _load_cards(self, today: dt.date) -> dict[str, AssetCard]:
        """Every present asset as a card, read as plain rows: building ORM objects for a thousand assets
        and their tags took a tenth of a second, paid by the first search after every index run."""
        with self.store.sessions() as session:
            assets = session.execute(
                select(
                    Asset.id,
                    Asset.path,
                    Asset.title,
                    Asset.kind,
                    Asset.status,
                    Asset.page_count,
                    Asset.version,
                    Asset.approved_by,
                    Asset.approved_at,
                    Asset.expires_at,
                    Asset.content_changed_at,
                    Asset.supersedes_id,
                ).where(Asset.removed_at.is_(None))
            ).all()
            tags = session.execute(
                select(AssetTag.asset_id, AssetTag.facet, AssetTag.value)
                .join(Asset, Asset.id == AssetTag.asset_id)
                .where(Asset.removed_at.is_(None))
                .order_by(AssetTag.asset_id, AssetTag.facet, AssetTag.value)
            ).all()
        facets: dict[str, dict[str, list[str]]] = {}
        for asset_id, facet, value in tags:
            facets.setdefault(asset_id, {}).setdefault(facet, []).append(value)
        successor = {asset.supersedes_id: asset.id for asset in assets if asset.supersedes_id}
        return {
            asset.id: AssetCard(
                id=asset.id,
                path=asset.path,
                title=asset.title,
                kind=asset.kind,
                status=effective_status(asset.status, asset.expires_at, today),
                page_count=asset.page_count,
                version=asset.version,
                facets={facet: tuple(values) for facet, values in facets.get(asset.id, {}).items()}
                | {"kind": (asset.kind,)},
                approved_by=asset.approved_by,
                approved_at=asset.approved_at,
                expires_at=asset.expires_at,
                content_changed_at=asset.content_changed_at,
                supersedes_id=asset.supersedes_id,
                superseded_by_id=successor.get(asset.id),
            )
            for asset in assets
        }

    def visible_ids(self, *, include_all: bool = False) -> set[str]:
        library = self._current()
        return set(library.cards if include_all else library.visible)

    def visible_cards(self) -> list[AssetCard]:
        """The cards of every asset reps may see (what call prep and the stage shelf choose from)."""
        library = self._current()
        return [library.cards[asset_id] for asset_id in library.visible]

    def search(
        self,
        text: str,
        *,
        filters: Mapping[str, Collection[str]] | None = None,
        include_all: bool = False,
        limit: int = 10,
        first: Callable[[str], Any] | None = None,
    ) -> SearchResults:
        """The ``limit`` best matches of ``text``; ``first`` (asset id -> sort key) orders every match
        before relevance does (see ``SearchIndex.search``)."""
        started = time.perf_counter()
        cleaned = _clean_filters(filters or {})
        library = self._current()
        cards = library.cards
        allowed = library.allowed_ids(include_all, cleaned)
        found = self.search_index.search(text, allowed_assets=allowed, limit=limit, first=first)
        hits = tuple(
            SearchHit(cards[hit.asset_id], hit.score, hit.pages)
            for hit in found.hits
            if hit.asset_id in cards
        )
        return SearchResults(
            query=text,
            hits=hits,
            total_assets=len(found.matched_assets),
            facet_counts=library.facet_counts(found.matched_assets),
            suggestion=found.suggestion,
            fell_back=found.fell_back,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            filters=cleaned,
        )

    def browse(
        self,
        *,
        filters: Mapping[str, Collection[str]] | None = None,
        include_all: bool = False,
        limit: int = 200,
        first: Callable[[str], Any] | None = None,
    ) -> SearchResults:
        """Every visible asset the filters allow, by title (after ``first``, asset id -> sort key, when
        given): what a rep sees filtering without words."""
        started = time.perf_counter()
        cleaned = _clean_filters(filters or {})
        library = self._current()
        allowed = library.allowed_ids(include_all, cleaned)
        ordered = sorted(
            (library.cards[asset_id] for asset_id in allowed), key=lambda card: card.title.casefold()
        )
        if first is not None:
            ordered.sort(key=lambda card: first(card.id))
        return SearchResults(
            query="",
            hits=tuple(SearchHit(card, 0.0, ()) for card in ordered[:limit]),
            total_assets=len(ordered),
            facet_counts=library.facet_counts(allowed),
            suggestion=None,
            fell_back=False,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            filters=cleaned,
        )

    def facet_counts(self, asset_ids: Collection[str]) -> dict[str, dict[str, int]]:
        """How many of ``asset_ids`` carry each facet value, most common first."""
        return self._current().facet_counts(asset_ids)


def _clean_filters(filters: Mapping[str, Collection[str]]) -> dict[str, tuple[str, ...]]:
    cleaned = {}
    for facet, values in filters.items():
        if facet not in FILTER_FACETS:
            raise FacetError(f"unknown facet {facet!r}; use one of {', '.join(FILTER_FACETS)}")
        if values:
            cleaned[facet] = tuple(values)
    return cleaned
