"""Marketing's side of field tips: every rep's tips as ingested, and promoting them into the catalog.

Reps' tip events arrive with every other event (``marketing_sync.ingest``); a tip's newest event is its
state, so a reworded tip shows its last wording and a withdrawn one shows as withdrawn. Promoting writes
the tip (its wording possibly edited by marketing) into the collateral folder's ``catalog.json`` under
``"field_tips"``: reps get it with the next signed publish, or at once where they read the folder itself.
A promoted tip whose author withdrew it stays promoted until marketing decides: the list says so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy import select

from enablement_app.catalog import Catalog, load_catalog, save_catalog
from enablement_app.catalog.field_tips import PromotedTip
from enablement_app.store import Store
from enablement_app.store.models import AnalyticsEvent, AnalyticsRep, AnalyticsSender, Asset
from enablement_app.tips.rep_tips import TipError, clean_tip_text, tip_page

UNKNOWN_AUTHOR = "A rep"


@dataclass(frozen=True, slots=True)
class IngestedTip:
    """A rep's tip as marketing sees it: its current state, who wrote it, and whether it is promoted."""

    tip_id: str
    asset_id: str
    asset_title: str
    page: int | None
    text: str  # the rep's own wording, as they last wrote it
    author: str
    author_team: str
    rep_id: str
    written_at: dt.datetime  # the tip's newest event
    withdrawn: bool
    promoted: PromotedTip | None = None

    @property
    def status(self) -> str:
        """In words, for the list: "promoted", "withdrawn by the author, still promoted", "new"."""
        if self.withdrawn:
            return "withdrawn by the author, still promoted" if self.promoted else "withdrawn by the author"
        return "promoted" if self.promoted else "not promoted"


def ingested_tips(store: Store, catalog: Catalog | None = None) -> list[IngestedTip]:
    """Every tip reps sent, newest first, with the promotions of ``catalog`` (the folder's draft), and
    promoted tips marketing has no events of (promoted on another computer, the demo's) after them.

    A tip id belongs to the first rep who used it: another rep's event with the same id is ignored, so no
    one withdraws or rewords a colleague's tip.
    """
    promoted = {tip.tip_id: tip for tip in (catalog.field_tips if catalog is not None else ())}
    statement = (
        select(
            AnalyticsEvent.asset_id,
            AnalyticsEvent.occurred_at,
            AnalyticsEvent.details,
            AnalyticsSender.rep_id,
            AnalyticsSender.rep_team,
            AnalyticsRep.name,
            Asset.title,
        )
        .join(AnalyticsSender, AnalyticsSender.key == AnalyticsEvent.sender)
        .outerjoin(AnalyticsRep, AnalyticsRep.rep_id == AnalyticsSender.rep_id)
        .outerjoin(Asset, Asset.id == AnalyticsEvent.asset_id)
        .where(AnalyticsEvent.kind == "tip", AnalyticsEvent.asset_id.is_not(None))
        .order_by(AnalyticsEvent.occurred_at, AnalyticsEvent.seq)
    )
    titles = _catalog_titles(catalog)
    tips: dict[str, IngestedTip] = {}
    with store.sessions() as session:
        for asset_id, occurred_at, details_text, rep_id, team, name, title in session.execute(statement):
            details = json.loads(details_text)
            tip_id = details.get("tip_id") if isinstance(details, dict) else None
            if not isinstance(tip_id, str) or not tip_id or asset_id is None:
                continue
            earlier = tips.get(tip_id)
            if earlier is not None and earlier.rep_id != rep_id:
                continue
            tips[tip_id] = IngestedTip(
                tip_id=tip_id,
                asset_id=asset_id,
                asset_title=title or titles.get(asset_id) or f"asset {asset_id[:8]}",
                page=tip_page(details),
                text=str(details.get("text", "")),
                author=name or UNKNOWN_AUTHOR,
                author_team=team,
                rep_id=rep_id,
                written_at=occurred_at,
                withdrawn=bool(details.get("withdrawn")),
                promoted=promoted.get(tip_id),
            )
        missing = [tip for tip_id, tip in promoted.items() if tip_id not in tips]
        stored_titles: dict[str, str] = {}
        if missing:
            rows = session.execute(
                select(Asset.id, Asset.title).where(Asset.id.in_([tip.asset_id for tip in missing]))
            )
            stored_titles = {asset_id: title for asset_id, title in rows}
    newest_first = sorted(tips.values(), key=lambda tip: tip.written_at, reverse=True)
    only_promoted = [
        IngestedTip(
            tip_id=tip.tip_id,
            asset_id=tip.asset_id,
            asset_title=stored_titles.get(tip.asset_id)
            or titles.get(tip.asset_id)
            or f"asset {tip.asset_id[:8]}",
            page=tip.page,
            text=tip.text,
            author=tip.author,
            author_team=tip.author_team,
            rep_id="",
            written_at=tip.promoted_at,
            withdrawn=False,
            promoted=tip,
        )
        for tip in sorted(missing, key=lambda tip: tip.promoted_at, reverse=True)
    ]
    return newest_first + only_promoted


def _catalog_titles(catalog: Catalog | None) -> dict[str, str]:
    if catalog is None:
        return {}
    return {
        entry.asset_id: entry.title for entry in catalog.entries.values() if entry.asset_id and entry.title
    }


class _Tip(Protocol):
    @property
    def tip_id(self) -> str: ...


T = TypeVar("T", bound=_Tip)


def find_tip(tips: Sequence[T], given: str, *, listed_by: str = "enablement tips list") -> T:
    """The tip (marketing's, or a rep's own) whose id is ``given`` or starts with it (eight characters
    are enough, as the lists show them). Raises ``TipError`` when none or several match."""
    given = given.strip().casefold()
    exact = [tip for tip in tips if tip.tip_id.casefold() == given]
    if exact:
        return exact[0]
    found = [tip for tip in tips if given and tip.tip_id.casefold().startswith(given)]
    if not found:
        raise TipError(f"No field tip has the id {given!r}: `{listed_by}` shows them.")
    if len(found) > 1:
        raise TipError(f"{len(found)} field tips start with {given!r}: give more of the id.")
    return found[0]


def promote_tip(
    root: Path,
    tip: IngestedTip,
    *,
    promoted_by: str,
    clock: Callable[[], dt.datetime],
    text: str | None = None,
) -> PromotedTip:
    """Put ``tip`` into the folder's catalog for every rep, in its author's words or marketing's edit of
    them (``text``); promoting it again updates the wording. Raises ``TipError`` for an empty or too long
    text, ``CatalogError`` when the catalog cannot be read or written (then nothing changed)."""
    wording = clean_tip_text(tip.text if text is None else text)
    earlier = tip.promoted
    promotion = PromotedTip(
        tip_id=tip.tip_id,
        asset_id=tip.asset_id,
        text=wording,
        author=tip.author or UNKNOWN_AUTHOR,
        author_team=tip.author_team,
        page=tip.page,
        promoted_by=promoted_by,
        promoted_at=earlier.promoted_at if earlier is not None and earlier.text == wording else clock(),
    )
    _edit_field_tips(root, lambda tips: [*(t for t in tips if t.tip_id != tip.tip_id), promotion])
    return promotion


def unpromote_tip(root: Path, tip_id: str) -> bool:
    """Take a tip out of the folder's catalog; False when it was not promoted."""
    removed = False

    def without(tips: Sequence[PromotedTip]) -> list[PromotedTip]:
        nonlocal removed
        kept = [tip for tip in tips if tip.tip_id != tip_id]
        removed = len(kept) != len(tips)
        return kept

    _edit_field_tips(root, without)
    return removed


def _edit_field_tips(root: Path, change: Callable[[tuple[PromotedTip, ...]], Sequence[PromotedTip]]) -> None:
    catalog = load_catalog(root) or Catalog(library=root.name)
    edited = replace(catalog, field_tips=tuple(change(catalog.field_tips)))
    if edited != catalog:
        save_catalog(root, edited)
