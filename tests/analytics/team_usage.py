"""A small sales team's library, CRM results and usage whose report figures are known by construction.

Eight reps announce themselves; the CRM import ranks Ana and Ben top (the top quarter of eight). Top reps
open the champion deck (and only Ben the secret weapon), the other reps mostly the price list. Some
searches find nothing or nothing anyone opens, and ratings are given. Stored as ``enablement hub ingest``
and ``enablement crm import`` store them; the rollups are refreshed. FIXED_NOW (Monday 2026-11-02) is
"today".
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from enablement_app.analytics.crm_import import import_crm_export
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.store import Store
from enablement_app.store.models import Asset, AssetTag
from enablement_app.usage.events import UsageEvent
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW, Clock

TODAY = FIXED_NOW.date()
DAY = dt.timedelta(days=1)
APPROVED_AT = FIXED_NOW - 300 * DAY

ANA, BEN, CLEO, DEV, EVE, FAY, GUS, HAL = TEAM = tuple(
    Rep(name)
    for name in (
        "Ana Ruiz",
        "Ben Okafor",
        "Cleo Park",
        "Dev Shah",
        "Eve Stone",
        "Fay Lind",
        "Gus Berg",
        "Hal Moss",
    )
)
TOP = (ANA, BEN)
OTHERS = (CLEO, DEV, EVE, FAY, GUS, HAL)
CRM_EXPORT = "Opportunity Owner,Owner Email,Fiscal Period,% of Quota,Win Rate\n" + "".join(
    f"{rep.name},{rep.email},Q3-2026,{attainment}%,{win}%\n"
    for rep, attainment, win in zip(
        TEAM, (140, 125, 99, 90, 85, 80, 70, 60), (50, 45, 40, 35, 30, 25, 20, 15), strict=True
    )
)


@dataclass(frozen=True)
class LibraryAsset:
    title: str
    stage: str | None
    status: str = "approved"
    expires_at: dt.date | None = None

    @property
    def asset_id(self) -> str:
        return hashlib.sha256(self.title.encode()).hexdigest()[:32]

    @property
    def path(self) -> str:
        return f"{self.stage or 'misc'}/{self.title.lower().replace(' ', '-')}.pdf"


CHAMPION = LibraryAsset("Champion deck", "decision")
PRICES = LibraryAsset("Price list", "consideration")
SECRET = LibraryAsset("Secret weapon", "decision")
BROCHURE = LibraryAsset("Old brochure", "awareness")
UNOPENED = LibraryAsset("Industry report", "awareness")
GUIDE = LibraryAsset("Onboarding guide", None)
EXPIRED = LibraryAsset("Last year's offer", "decision", expires_at=TODAY - 10 * DAY)
RETIRED = LibraryAsset("Retired flyer", "awareness", status="retired")
LIBRARY = (CHAMPION, PRICES, SECRET, BROCHURE, UNOPENED, GUIDE, EXPIRED, RETIRED)


def add_assets(store: Store, assets: tuple[LibraryAsset, ...] = LIBRARY) -> None:
    """The library as indexing stores it: assets with their governance and stage tags."""
    with store.sessions.begin() as session:
        for number, asset in enumerate(assets):
            session.add(
                Asset(
                    id=asset.asset_id,
                    path=asset.path,
                    title=asset.title,
                    kind="pdf",
                    size=1000 + number,
                    mtime_ns=0,
                    page_count=4,
                    content_hash=hashlib.sha256(asset.path.encode()).hexdigest(),
                    status=asset.status,
                    approved_at=APPROVED_AT + number * DAY,
                    expires_at=asset.expires_at,
                    first_seen_at=APPROVED_AT,
                    content_changed_at=APPROVED_AT,
                    tags=[AssetTag(facet="stage", value=asset.stage)] if asset.stage else [],
                )
            )


def _opens(rep: Rep, asset: LibraryAsset, when: dt.timedelta, times: int = 1) -> list[UsageEvent]:
    return [
        rep.event("open", asset.asset_id, when + n * dt.timedelta(minutes=1), target="preview")
        for n in range(times)
    ]


def team_events() -> list[UsageEvent]:
    events = [rep.profile(-400 * DAY) for rep in TEAM]
    # top reps: every one opens the champion deck, Ana the price list too, only Ben the secret weapon
    events += _opens(ANA, CHAMPION, -2 * DAY) + _opens(BEN, CHAMPION, -9 * DAY, times=2)
    events += _opens(ANA, PRICES, -3 * DAY) + _opens(BEN, SECRET, -1 * DAY, times=3)
    # the other reps: all of them the price list, Cleo the champion deck once
    for rep in OTHERS:
        events += _opens(rep, PRICES, -5 * DAY)
    events += _opens(CLEO, CHAMPION, -8 * DAY)
    events += [CLEO.event("share", CHAMPION.asset_id, -8 * DAY, channel="email")]
    events += _opens(DEV, BROCHURE, -200 * DAY)  # long ago: dead content now
    # searches: three reps find no SOC 2 report, two open nothing for "ROI calculator", Ana twice no German
    for rep in (CLEO, DEV, EVE):
        events.append(rep.event("search", None, -4 * DAY, query="SOC 2 report", result_count=0))
    for rep in (FAY, GUS):
        events.append(rep.event("search", None, -6 * DAY, query="roi  calculator", result_count=7))
    events += [ANA.event("search", None, -n * DAY, query="German pricing", result_count=0) for n in (1, 15)]
    events.append(
        BEN.event("search", PRICES.asset_id, -2 * DAY, query="pricing", result_count=3, clicked_rank=1)
    )
    # ratings (each rep's newest counts; Eve changed hers)
    rate = [
        (ANA, CHAMPION, 5, "won the deal with it", True),
        (CLEO, CHAMPION, 4, "", False),
        (EVE, PRICES, 1, "wrong currency", False),
        (DEV, PRICES, 2, "outdated numbers", False),
        (BEN, SECRET, 2, "too long", False),
        (HAL, SECRET, 2, "", True),
        (FAY, BROCHURE, 2, "", False),
    ]
    events += [
        rep.event("rate", asset.asset_id, -(20 - n) * DAY, stars=stars, comment=comment, used_in_deal=deal)
        for n, (rep, asset, stars, comment, deal) in enumerate(rate)
    ]
    events.append(EVE.event("rate", PRICES.asset_id, -DAY, stars=3, comment="fixed now", used_in_deal=False))
    return events


def build_team(store: Store, clock: Clock, tmp_path: Path) -> None:
    """The library, the team's usage (ingested and rolled up) and the CRM import of Q3."""
    add_assets(store)
    ingest(store, team_events())
    refresh_rollups(store)
    export = tmp_path / "salesforce-q3.csv"
    export.write_text(CRM_EXPORT, encoding="utf-8")
    import_crm_export(store, export, clock=clock)
