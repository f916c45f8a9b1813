"""A rep's own field tips: short know-how on an asset or a page ("I open with slide 4 for CFOs").

A tip is recorded as a usage event of kind "tip" (``UsageRecorder.record_tip``), so it reaches marketing
the way every other event does. The outbox keeps every event this computer recorded, so a rep's tips are
read back from it: the newest event of a tip id is the tip's state, and a withdrawn tip is gone for its
author. No table of its own, nothing to keep in step.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from enablement_app.catalog.field_tips import PromotedTip, tips_for_asset
from enablement_app.catalog.manifest import CatalogError

if TYPE_CHECKING:
    from enablement_app.store import Store
    from enablement_app.sync.hub_catalog import HubPublications

log = logging.getLogger(__name__)

MAX_TIP_CHARS = 280


class TipError(ValueError):
    """A tip that cannot be saved; the message is a sentence for the rep."""


def clean_tip_text(text: str) -> str:
    """The tip as saved: runs of spaces and line breaks made one space. Raises ``TipError`` when nothing
    is left or it is longer than ``MAX_TIP_CHARS``: a tip is read in a glance before a call."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise TipError("A tip needs a few words: write what worked for you.")
    if len(cleaned) > MAX_TIP_CHARS:
        raise TipError(
            f"A tip is at most {MAX_TIP_CHARS} characters and this one has {len(cleaned)}: "
            "keep the one thing a colleague should know."
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class RepTip:
    """One of this rep's tips as it now stands."""

    tip_id: str
    asset_id: str
    asset_version: int | None
    text: str
    page: int | None
    written_at: dt.datetime  # when its newest event was recorded


def tip_page(details: object) -> int | None:
    """The page a tip's details name, or None for the whole asset (or a page that is not a number)."""
    page = details.get("page") if isinstance(details, dict) else None
    return page if isinstance(page, int) and not isinstance(page, bool) and page >= 1 else None


def own_tips(store: Store, rep_id: str, asset_id: str | None = None) -> list[RepTip]:
    """The rep's tips that are not withdrawn (on ``asset_id`` only, if given): the asset-wide ones first,
    then by page, each page's in the order written."""
    # imported here: the preview imports this module, and the window must open before SQLAlchemy loads
    from sqlalchemy import select

    from enablement_app.store.models import OutboxEvent

    statement = (
        select(OutboxEvent.asset_id, OutboxEvent.asset_version, OutboxEvent.occurred_at, OutboxEvent.details)
        .where(OutboxEvent.rep_id == rep_id, OutboxEvent.kind == "tip")
        .order_by(OutboxEvent.occurred_at, OutboxEvent.seq)
    )
    if asset_id is not None:
        statement = statement.where(OutboxEvent.asset_id == asset_id)
    newest: dict[str, tuple[RepTip, bool]] = {}
    first_written: dict[str, dt.datetime] = {}
    with store.sessions() as session:
        for tip_asset, version, occurred_at, details_text in session.execute(statement):
            details = json.loads(details_text)
            tip_id = details.get("tip_id") if isinstance(details, dict) else None
            if not isinstance(tip_id, str) or tip_asset is None:
                continue
            first_written.setdefault(tip_id, occurred_at)
            tip = RepTip(
                tip_id=tip_id,
                asset_id=tip_asset,
                asset_version=version,
                text=str(details.get("text", "")),
                page=tip_page(details),
                written_at=occurred_at,
            )
            newest[tip_id] = (tip, bool(details.get("withdrawn")))
    standing = [tip for tip, withdrawn in newest.values() if not withdrawn]
    return sorted(standing, key=lambda tip: (tip.page or 0, first_written[tip.tip_id], tip.tip_id))


class CatalogTips:
    """The promoted tips reps see, from the catalog this computer uses: the hub's verified catalog once
    there is one, else the collateral folder's ``catalog.json`` (``HubPublications.load_catalog``, which
    reads it again only when it changed)."""

    def __init__(self, publications: HubPublications) -> None:
        self._publications = publications

    def for_asset(self, root: Path, asset_id: str) -> list[PromotedTip]:
        """The asset's promoted tips; none when the catalog cannot be read (governance reports that)."""
        try:
            catalog = self._publications.load_catalog(root)
        except (CatalogError, OSError) as error:
            log.info("no promoted field tips: %s", error)
            return []
        return tips_for_asset(catalog.field_tips if catalog is not None else (), asset_id)
