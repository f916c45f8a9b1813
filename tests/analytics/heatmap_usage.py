"""Reps' usage whose heatmap figures are known by construction, for the heatmap queries and the Usage page.

Three reps over three weeks (FIXED_NOW is Monday 2 Nov 2026): Ana (Enterprise, EMEA, a top rep), Ben
(Mid-market, NA) and Cai (Mid-market, EMEA, a manager). The week of 26 Oct has no use of the pricing
sheet at all, so its cell must be a zero, not a gap. Every figure the tests assert is spelled out here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.store import Store
from enablement_app.store.models import Asset, AssetTag
from enablement_app.usage.events import UsageEvent
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW

WEEK = dt.timedelta(weeks=1)
THIS_WEEK = FIXED_NOW.date()  # 2026-11-02, a Monday
LAST_WEEK = THIS_WEEK - dt.timedelta(weeks=1)  # 26 Oct: nothing happens to the pricing sheet
TWO_WEEKS_AGO = THIS_WEEK - dt.timedelta(weeks=2)  # 19 Oct

ANA = Rep("Ana Ruiz", team="Enterprise", region="EMEA")
BEN = Rep("Ben Okafor", team="Mid-market", region="NA")
CAI = Rep("Cai Lund", team="Mid-market", region="EMEA", role="manager")
TOP_REPS = frozenset({ANA.rep_id})

PRICING_TITLE = "Pricing sheet 2026"
DECK_TITLE = "Lumora Forecast pitch deck"
GUIDE_TITLE = "New rep onboarding guide"
DECK_SLIDES = 10
UNKNOWN = "u" * 32  # used by reps, not in marketing's library


def events(ids: Mapping[str, str]) -> list[UsageEvent]:
    """The usage, given the asset ids by title (so UI tests can use the ids their indexing gave)."""
    pricing, deck, guide = ids[PRICING_TITLE], ids[DECK_TITLE], ids[GUIDE_TITLE]
    now, last, before = dt.timedelta(0), -WEEK, -2 * WEEK
    happened: list[UsageEvent] = []

    def repeat(
        count: int, rep: Rep, kind: str, asset: str | None, when: dt.timedelta, **details: object
    ) -> None:
        happened.extend(
            rep.event(kind, asset, when + dt.timedelta(minutes=n), **details) for n in range(count)
        )

    # this week: pricing opened 6 times by 3 reps and shared once; the deck opened once by Ana
    repeat(3, ANA, "open", pricing, now, target="preview")
    repeat(2, BEN, "open", pricing, now, target="preview")
    repeat(1, CAI, "open", pricing, now, target="file")
    repeat(1, ANA, "share", pricing, now, channel="email")
    repeat(1, ANA, "open", deck, now, target="preview")
    # last week: Cai presents the deck 9 times and shares it once; nobody touches pricing
    repeat(9, CAI, "open", deck, last, target="file")
    repeat(1, CAI, "share", deck, last, channel="link")
    # two weeks ago: Ben opens pricing 5 times and shares it twice, and the guide once
    repeat(5, BEN, "open", pricing, before, target="preview")
    repeat(2, BEN, "share", pricing, before, channel="clipboard")
    repeat(1, BEN, "open", guide, before, target="file")
    # 20 weeks ago, outside the default 12 weeks: Ana opened the guide 7 times
    repeat(7, ANA, "open", guide, -20 * WEEK, target="preview")
    # a retired asset marketing no longer has, opened once this week
    repeat(1, BEN, "open", UNKNOWN, now, target="file")

    # The deck's 10 opens reach every slide but 7 to 9: slide 7 once, 8 and 9 never. Each view of slide n
    # dwells n seconds, so the average dwell of slide n is n seconds.
    for slide in range(1, DECK_SLIDES + 1):
        if slide in (8, 9):
            continue
        repeat(1, ANA, "page_view", deck, now, page=slide, dwell_ms=slide * 1000)
        if slide != 7:
            repeat(9, CAI, "page_view", deck, last, page=slide, dwell_ms=slide * 1000)
    # pricing: page 1 viewed on 4 of its 11 opens, page 2 on 2
    repeat(3, ANA, "page_view", pricing, now, page=1, dwell_ms=20_000)
    repeat(1, BEN, "page_view", pricing, before, page=1, dwell_ms=8_000)
    repeat(2, BEN, "page_view", pricing, before, page=2, dwell_ms=30_000)

    # searches: "pricing retail" 3 times this week (Ben's found nothing), "SOC 2" once last week (nothing),
    # "battlecard" once this week, opened
    repeat(2, ANA, "search", None, now, query="Pricing retail", result_count=4)
    repeat(1, BEN, "search", None, now, query="retail pricing", result_count=0)
    repeat(1, CAI, "search", None, last, query="SOC 2", result_count=0)
    repeat(1, BEN, "search", guide, now, query="battlecard", result_count=3, clicked_rank=1)
    return happened


def add_assets(store: Store) -> dict[str, str]:
    """The three assets as library rows (the queries' tests need no files); returns their ids by title."""
    ids = {PRICING_TITLE: "p" * 32, DECK_TITLE: "d" * 32, GUIDE_TITLE: "g" * 32}
    shapes = {
        PRICING_TITLE: ("pdf", 2, "decision"),
        DECK_TITLE: ("pptx", DECK_SLIDES, "consideration"),
        GUIDE_TITLE: ("docx", 4, "onboarding"),
    }
    with store.sessions.begin() as session:
        for title, asset_id in ids.items():
            kind, pages, stage = shapes[title]
            asset = Asset(
                id=asset_id,
                path=f"{title}.{kind}",
                title=title,
                kind=kind,
                size=1,
                mtime_ns=1,
                page_count=pages,
                content_hash=asset_id,
                version=1,
                first_seen_at=FIXED_NOW - 30 * WEEK,
                content_changed_at=FIXED_NOW - 30 * WEEK,
            )
            asset.tags.append(AssetTag(facet="stage", value=stage))
            session.add(asset)
    return ids


def ingest_usage(store: Store, ids: Mapping[str, str]) -> None:
    ingest(store, events(ids))
    refresh_rollups(store)
