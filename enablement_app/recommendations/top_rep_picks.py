"""Ranking assets by what top reps did with them this quarter, from the figures marketing published.

Top reps are the CRM's best performers (``enablement_app.analytics.top_reps``); marketing publishes, per
asset, how many of them opened or shared it this quarter and how often they shared it
(``AssetFigures``). An asset's standing is read in that order: breadth first (three top reps each using it
once says more than one top rep using it daily), then shares (what they send to buyers), then their opens
of all time. Assets no top rep touched keep the order they came in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from enablement_app.sync.hub import AssetFigures

if TYPE_CHECKING:  # the search module imports Whoosh; the window's start-up path reads this one
    from enablement_app.library.search import AssetCard

T = TypeVar("T")

# Sales stages in the order deals go through them; other values of the stage facet follow, by name.
STAGE_ORDER = ("awareness", "discovery", "consideration", "evaluation", "decision", "onboarding", "expansion")
SHELF_SIZE = 5


def standing(figures: AssetFigures | None) -> tuple[int, int, int]:
    """How strongly top reps back an asset, to sort by (greater first); (0, 0, 0) when they do not."""
    if figures is None:
        return (0, 0, 0)
    return (figures.top_reps_this_quarter, figures.top_rep_shares, figures.top_rep_opens)


def has_top_rep_figures(figures: Mapping[str, AssetFigures]) -> bool:
    """Whether marketing published any top-rep figure at all: without a CRM import (or before the first
    publish) every standing is zero, and sorting by it would silently change nothing."""
    return any(standing(item) != (0, 0, 0) for item in figures.values())


def top_reps_first(figures: Mapping[str, AssetFigures]) -> Callable[[str], tuple[int, int, int]]:
    """A sort key on asset ids putting what top reps use most first; a stable sort keeps the order of ties
    (and of assets they did not use), so within the same standing the search's relevance still decides."""

    def key(asset_id: str) -> tuple[int, int, int]:
        reps, shares, opens = standing(figures.get(asset_id))
        return (-reps, -shares, -opens)

    return key


def by_top_reps(
    items: Sequence[T], figures: Mapping[str, AssetFigures], asset_id: Callable[[T], str]
) -> list[T]:
    """``items`` with what top reps use most first (``top_reps_first``), ties in their order."""
    first = top_reps_first(figures)
    return sorted(items, key=lambda item: first(asset_id(item)))


def stage_values(cards: Iterable[AssetCard]) -> list[str]:
    """The stage facet's values in the library, in the order deals go through them."""
    found = {value for card in cards for value in card.facets.get("stage", ())}

    def order(value: str) -> tuple[int, str]:
        folded = value.casefold()
        return (STAGE_ORDER.index(folded) if folded in STAGE_ORDER else len(STAGE_ORDER), folded)

    return sorted(found, key=order)


@dataclass(frozen=True, slots=True)
class ShelfItem:
    card: AssetCard
    figures: AssetFigures
    note: str  # why it is on the shelf: "shared 4 times by top reps · used by 2 of them this quarter"


def stage_shelf(
    cards: Iterable[AssetCard],
    figures: Mapping[str, AssetFigures],
    stage: str,
    *,
    limit: int = SHELF_SIZE,
) -> list[ShelfItem]:
    """The assets of ``stage`` top reps shared and used most this quarter: shares first, since a shelf
    per stage answers "what do top reps send at this point of a deal"; only assets they shared or used."""
    wanted = stage.casefold()
    found = []
    for card in cards:
        if wanted not in {value.casefold() for value in card.facets.get("stage", ())}:
            continue
        item = figures.get(card.id)
        if item is None or not (item.top_rep_shares or item.top_reps_this_quarter):
            continue
        found.append((card, item))
    found.sort(
        key=lambda pair: (
            -pair[1].top_rep_shares,
            -pair[1].top_reps_this_quarter,
            -pair[1].top_rep_opens,
            pair[0].title.casefold(),
        )
    )
    return [ShelfItem(card, item, shelf_note(item)) for card, item in found[:limit]]


def shelf_note(figures: AssetFigures) -> str:
    """Why an asset is on the shelf, in the words its card's figures line does not already use."""
    if figures.top_rep_shares:
        times = "once" if figures.top_rep_shares == 1 else f"{figures.top_rep_shares} times"
        return f"shared {times} by top reps this quarter"
    return f"{used_by_text(figures.top_reps_this_quarter)} this quarter"


def used_by_text(top_reps: int) -> str:
    """ "used by 3 of the top reps" (the caller adds "this quarter" where the sentence needs it)."""
    return "used by 1 top rep" if top_reps == 1 else f"used by {top_reps:,} of the top reps"
