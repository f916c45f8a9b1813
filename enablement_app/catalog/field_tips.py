"""Promoted field tips in ``catalog.json``: what a rep learned in the field, kept for every rep.

Marketing promotes a rep's tip (see ``enablement_app.tips``); it travels under the catalog's optional
top-level key ``"field_tips"``, so it reaches every rep with the next signed publish, and apps that do not
know the key ignore it. Each tip keeps its author's name, so the know-how stays attributed after the
author leaves. A malformed entry makes the whole catalog unreadable, like a malformed asset entry: a
half-read catalog would show reps tips that marketing did not mean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from enablement_app.catalog.asset_id_format import ASSET_ID
from enablement_app.catalog.changes import changed_keys

FIELD_TIPS_KEY = "field_tips"


class FieldTipFormatError(ValueError):
    """An entry of ``field_tips`` cannot be read; the message names the entry and what is wrong."""


@dataclass(frozen=True, slots=True)
class PromotedTip:
    """A rep's tip as marketing promoted it (its wording possibly edited), about an asset or one page."""

    tip_id: str
    asset_id: str
    text: str
    author: str  # the rep's name when it was promoted
    promoted_by: str
    promoted_at: dt.datetime
    page: int | None = None  # None: about the whole asset
    author_team: str = ""

    @property
    def byline(self) -> str:
        """How reps see the author: "Dana Reyes, Enterprise West"."""
        return ", ".join(part for part in (self.author, self.author_team) if part)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "tip_id": self.tip_id,
            "asset_id": self.asset_id,
            "page": self.page,
            "text": self.text,
            "author": self.author,
        }
        if self.author_team:
            data["author_team"] = self.author_team
        data["promoted_by"] = self.promoted_by
        data["promoted_at"] = self.promoted_at.isoformat()
        return data


def field_tips_json(tips: Sequence[PromotedTip]) -> list[dict[str, Any]]:
    """The key's value, in a stable order (by asset, page, then tip), so a diff of the catalog is small."""
    ordered = sorted(tips, key=lambda tip: (tip.asset_id, tip.page or 0, tip.tip_id))
    return [tip.to_json() for tip in ordered]


def parse_field_tips(raw: Any) -> tuple[PromotedTip, ...]:
    """The promoted tips of a catalog's ``"field_tips"`` value (absent: none)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise FieldTipFormatError("field_tips must be a list of tips")
    tips = tuple(_parse_tip(number, item) for number, item in enumerate(raw, start=1))
    seen: set[str] = set()
    for tip in tips:
        if tip.tip_id in seen:
            raise FieldTipFormatError(f"field tip {tip.tip_id!r} is listed twice")
        seen.add(tip.tip_id)
    return tips


def _parse_tip(number: int, raw: Any) -> PromotedTip:
    where = f"field tip {number}"
    if not isinstance(raw, Mapping):
        raise FieldTipFormatError(f"{where} must be an object")
    tip_id = raw.get("tip_id")
    if isinstance(tip_id, str) and tip_id.strip():
        where = f"field tip {tip_id!r}"

    def text(key: str, *, required: bool = True) -> str:
        value = raw.get(key, "" if not required else None)
        if not isinstance(value, str) or (required and not value.strip()):
            raise FieldTipFormatError(f"{where}: {key} must be a non-empty text")
        return value.strip()

    tip_id = text("tip_id")
    asset_id = text("asset_id")
    if not ASSET_ID.fullmatch(asset_id):
        raise FieldTipFormatError(f"{where}: asset_id must be an asset's id (32 hexadecimal characters)")
    page = raw.get("page")
    if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 1):
        raise FieldTipFormatError(f"{where}: page must be a page number from 1, or null for the whole asset")
    promoted_text = text("promoted_at")
    try:
        promoted_at = dt.datetime.fromisoformat(promoted_text)
    except ValueError as error:
        raise FieldTipFormatError(
            f"{where}: promoted_at {promoted_text!r} is not an ISO date and time"
        ) from error
    if promoted_at.tzinfo is None:
        promoted_at = promoted_at.replace(tzinfo=dt.UTC)
    return PromotedTip(
        tip_id=tip_id,
        asset_id=asset_id,
        text=text("text"),
        author=text("author"),
        promoted_by=text("promoted_by"),
        promoted_at=promoted_at,
        page=page,
        author_team=text("author_team", required=False),
    )


def tips_for_asset(tips: Sequence[PromotedTip], asset_id: str) -> list[PromotedTip]:
    """An asset's promoted tips as the preview lists them: the whole-asset ones first, then by page."""
    return sorted(
        (tip for tip in tips if tip.asset_id == asset_id),
        key=lambda tip: (tip.page or 0, tip.promoted_at, tip.tip_id),
    )


def changed_field_tips(draft: Sequence[PromotedTip], published: Sequence[PromotedTip]) -> int:
    """How many promoted tips differ between two catalogs (promoted, unpromoted or reworded): what a
    publish of ``draft`` would change for reps."""
    return changed_keys(
        {tip.tip_id: tip.to_json() for tip in published}, {tip.tip_id: tip.to_json() for tip in draft}
    )
