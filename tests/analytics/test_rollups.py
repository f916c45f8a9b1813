"""The rollups reports read: derived from the ingested events in ranges, equal to counting the events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import sessionmaker

from enablement_app.analytics.rollups import (
    MAX_DWELL_MS,
    normalise_query,
    pending_events,
    readable_queries,
    rebuild_rollups,
    refresh_rollups,
    rolled_up_to,
)
from enablement_app.library.workspace import Workspace
from enablement_app.store import Store, open_store
from enablement_app.store.database import alembic_config
from enablement_app.store.models import (
    AnalyticsRep,
    AnalyticsSender,
    AssetActivity,
    PageAttention,
    RatingLatest,
    RatingMonth,
    SearchQueryForm,
    SearchWeek,
    UsageWeek,
)
from enablement_app.usage.events import UsageEvent
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW

DECK, SHEET = "d" * 32, "s" * 32
DAY = dt.timedelta(days=1)
MONDAY = FIXED_NOW.date()  # 2026-11-02
ANA = Rep("Ana Ruiz", team="Enterprise")
BEN = Rep("Ben Okafor", region="NA")


def _usage(store: Store) -> dict[tuple[str, dt.date, str], tuple[int, int, int, int]]:
    """usage_weekly by rep name instead of sender key."""
    names = {ANA.rep_id: "ana", BEN.rep_id: "ben"}
    with store.sessions() as session:
        rows = session.execute(
            select(UsageWeek, AnalyticsSender.rep_id).join(
                AnalyticsSender, AnalyticsSender.key == UsageWeek.sender
            )
        )
        return {
            (row.asset_id, row.week, names[rep]): (row.opens, row.shares, row.page_views, row.dwell_ms)
            for row, rep in rows
        }


def _forms(store: Store) -> dict[tuple[str, str], int]:
    """search_query_forms: searches per (normalised query, form typed)."""
    with store.sessions() as session:
        return {(f.query, f.form): f.searches for f in session.scalars(select(SearchQueryForm))}


def _readable(store: Store, *queries: str) -> list[str]:
    with store.sessions() as session:
        readable = readable_queries(session, queries)
    return [readable[query] for query in queries]


def _searches(rep: Rep, *typed: str) -> list[UsageEvent]:
    return [
        rep.event("search", None, dt.timedelta(minutes=n), query=text, result_count=1)
        for n, text in enumerate(typed)
    ]


def _week_of_events() -> list[UsageEvent]:
    return [
        ANA.profile(),
        ANA.event("open", DECK, dt.timedelta(minutes=1), target="preview"),
        ANA.event("page_view", DECK, dt.timedelta(minutes=2), page=1, dwell_ms=4_000),
        ANA.event("page_view", DECK, dt.timedelta(minutes=3), page=2, dwell_ms=3 * 3600 * 1000),  # lunch
        ANA.event("share", DECK, dt.timedelta(minutes=4), channel="email"),
        # Sunday 23:59 is still this week; Monday 00:00 is the next one
        ANA.event("open", DECK, dt.datetime(2026, 11, 8, 23, 59, tzinfo=dt.UTC), target="file"),
        ANA.event("open", DECK, dt.datetime(2026, 11, 9, 0, 0, tzinfo=dt.UTC), target="file"),
        BEN.event("open", SHEET, -DAY, target="preview"),  # Sunday: the week before
        BEN.event("page_view", SHEET, -DAY, version=2, page=1, dwell_ms=1_500),
        BEN.event("search", None, dt.timedelta(minutes=5), query="Pricing, retail", result_count=0),
        ANA.event("search", None, dt.timedelta(minutes=6), query="retail  PRICING", result_count=4),
        ANA.event(
            "search", SHEET, dt.timedelta(minutes=7), query="retail pricing", result_count=4, clicked_rank=2
        ),
        BEN.event("search", None, dt.timedelta(minutes=8), query="", result_count=9),  # browsing: no query
        ANA.event("rate", DECK, dt.timedelta(minutes=9), stars=2, comment="too long", used_in_deal=False),
        BEN.event("rate", DECK, dt.timedelta(days=40), stars=5, comment="", used_in_deal=True),
    ]


def test_rollups_count_what_the_events_say(workspace: Workspace) -> None:
    store = workspace.store
    ingest(store, _week_of_events())
    assert pending_events(store) == 15

    report = refresh_rollups(store)
    assert (report.events, report.cancelled, pending_events(store)) == (15, False, 0)

    next_monday = MONDAY + 7 * DAY
    assert _usage(store) == {
        (DECK, MONDAY, "ana"): (2, 1, 2, 4_000 + MAX_DWELL_MS),
        (DECK, next_monday, "ana"): (1, 0, 0, 0),
        (SHEET, MONDAY - 7 * DAY, "ben"): (1, 0, 1, 1_500),
    }
    with store.sessions() as session:
        pages = {
            (p.asset_id, p.week, p.asset_version, p.page): (p.views, p.dwell_ms)
            for p in session.scalars(select(PageAttention))
        }
        assert pages == {
            (DECK, MONDAY, 1, 1): (1, 4_000),
            (DECK, MONDAY, 1, 2): (1, MAX_DWELL_MS),
            (SHEET, MONDAY - 7 * DAY, 2, 1): (1, 1_500),  # Sunday: the week before
        }
        searches = [
            (s.query, s.week, s.searches, s.no_results, s.not_opened)
            for s in session.scalars(select(SearchWeek))
        ]
        assert sorted(searches) == sorted(
            # "retail PRICING" (Ana: nothing opened, the click came in a later search) and Ben's empty search
            [("pricing retail", MONDAY, 2, 0, 1), ("pricing retail", MONDAY, 1, 1, 0)]
        )
        # each form as typed, runs of spaces made one; the browsing search has no words to show
        assert _forms(store) == {
            ("pricing retail", "Pricing, retail"): 1,
            ("pricing retail", "retail PRICING"): 1,
            ("pricing retail", "retail pricing"): 1,
        }
        deck = session.get(AssetActivity, DECK)
        assert deck is not None
        assert deck.first_used_at == FIXED_NOW + dt.timedelta(minutes=1)
        assert deck.last_opened_at == dt.datetime(2026, 11, 9, 0, 0, tzinfo=dt.UTC)
        assert deck.last_shared_at == FIXED_NOW + dt.timedelta(minutes=4)
        ratings = {
            (r.asset_id, r.stars, r.used_in_deal, r.comment) for r in session.scalars(select(RatingLatest))
        }
        assert ratings == {(DECK, 2, False, "too long"), (DECK, 5, True, "")}
        months = {(m.month, m.ratings, m.stars) for m in session.scalars(select(RatingMonth))}
        assert months == {(dt.date(2026, 11, 1), 1, 2), (dt.date(2026, 12, 1), 1, 5)}
        reps = [(r.name, r.email, r.team) for r in session.scalars(select(AnalyticsRep))]
        assert reps == [("Ana Ruiz", "ana@lumora.example", "Enterprise")]


def test_ranges_add_up_to_one_pass_and_a_second_refresh_adds_nothing(workspace: Workspace) -> None:
    store = workspace.store
    events = _week_of_events()
    ingest(store, events)
    seen: list[tuple[int, int]] = []
    assert (
        refresh_rollups(store, chunk=4, progress=lambda done, total: seen.append((done, total))).events == 15
    )
    assert seen == [(4, 15), (8, 15), (12, 15), (15, 15)]
    in_ranges, forms = _usage(store), _forms(store)
    assert refresh_rollups(store).events == 0
    assert (_usage(store), _forms(store)) == (in_ranges, forms)

    rebuilt = rebuild_rollups(store)
    assert rebuilt.events == 15
    assert (_usage(store), _forms(store)) == (in_ranges, forms)


def test_a_newer_rating_and_profile_win_whichever_range_brings_them(workspace: Workspace) -> None:
    store = workspace.store
    ingest(
        store,
        [
            ANA.event("rate", DECK, DAY, stars=4, comment="good"),
            ANA.profile(DAY, email="Ana.R@Lumora.example"),
        ],
    )
    refresh_rollups(store)
    # an older rating and profile arrive later (a laptop that was offline for a week)
    ingest(store, [ANA.event("rate", DECK, -DAY, stars=1, comment="old"), ANA.profile(-DAY)])
    refresh_rollups(store)
    with store.sessions() as session:
        assert [(r.stars, r.comment) for r in session.scalars(select(RatingLatest))] == [(4, "good")]
        assert [r.email for r in session.scalars(select(AnalyticsRep))] == ["ana.r@lumora.example"]
        month = session.scalars(select(RatingMonth)).one()
        assert (month.ratings, month.stars) == (2, 5)  # the trend counts every rating given


def test_a_stopped_refresh_keeps_what_it_added(workspace: Workspace) -> None:
    store = workspace.store
    ingest(store, _week_of_events())
    calls = iter([False, True])
    report = refresh_rollups(store, chunk=5, should_stop=lambda: next(calls))
    assert (report.events, report.cancelled, pending_events(store)) == (5, True, 10)
    refresh_rollups(store)
    assert pending_events(store) == 0
    assert sum(opens for opens, *_ in _usage(store).values()) == 4


def test_two_refreshes_at_once_count_each_event_once(workspace: Workspace) -> None:
    """The app refreshes after every pull and `enablement report` before reporting: when a second refresh
    runs while the first is between ranges, the first goes on from where the second got."""
    store = workspace.store
    ingest(store, _week_of_events())
    seen: list[int] = []

    def meanwhile(done: int, total: int) -> None:
        if not seen:
            seen.append(refresh_rollups(store, chunk=3).events)  # another process's refresh, in between

    first = refresh_rollups(store, chunk=4, progress=meanwhile)
    assert (first.events, seen, first.up_to_seq, pending_events(store)) == (4, [11], 15, 0)
    counted = (_usage(store), _forms(store))
    assert sum(counted[1].values()) == 3  # the three searches with words, each once
    rebuild_rollups(store)
    assert (_usage(store), _forms(store)) == counted


def test_a_query_reads_as_reps_typed_it_most(workspace: Workspace) -> None:
    """First the order of words typed most whatever the case and punctuation, then its form typed most."""
    store = workspace.store
    ingest(
        store,
        _searches(ANA, "SOC 2 report", "SOC 2 report", "soc 2  report", "report SOC 2", "report SOC 2")
        + _searches(BEN, "SOC 2 report", "soc 2 report", "report SOC 2", "report SOC 2")
        + _searches(ANA, "retail pricing", "Pricing retail"),
    )
    refresh_rollups(store, chunk=3)  # forms are summed across ranges
    assert _forms(store)[("2 report soc", "soc 2 report")] == 2
    # "soc 2 report" 5 times (3 of them "SOC 2 report") beats "report soc 2" 4 times, although "report SOC
    # 2" is the form typed most; of two orders typed as often, the first in code-point order
    assert _readable(store, "2 report soc", "pricing retail", "not searched") == [
        "SOC 2 report",
        "Pricing retail",
        "not searched",
    ]

    ingest(store, _searches(BEN, "report soc 2?", "Report SOC 2?"))
    refresh_rollups(store)
    # a question mark makes no other order of words: now 6 against 5
    assert _readable(store, "2 report soc") == ["report SOC 2"]


@pytest.mark.parametrize("typed", [("SOC 2", "soc 2"), ("soc 2", "SOC 2")])
def test_equally_typed_forms_read_the_same_whatever_came_first(
    workspace: Workspace, typed: tuple[str, str]
) -> None:
    store = workspace.store
    ingest(store, _searches(ANA, *typed) + _searches(BEN, "report soc", "soc report"))
    refresh_rollups(store)
    assert _readable(store, "2 soc", "report soc") == ["SOC 2", "report soc"]


@pytest.mark.parametrize("refreshed", [True, False])
def test_upgrading_a_store_counts_the_forms_of_the_searches_it_rolled_up(
    tmp_path: Path, refreshed: bool
) -> None:
    """A store of revision 0005 has rollups without forms. The upgrade counts the forms of the events its
    rollups count (up to the watermark), the next refresh those of the events after: each once, as a
    rebuild from the events would."""
    database = tmp_path / "library.sqlite3"
    store = open_store(database)
    ingest(
        store,
        _searches(ANA, "SOC 2 report", "report soc 2", "SOC 2 report") + _searches(BEN, "Pricing retail"),
    )
    if refreshed:
        refresh_rollups(store)
    store.close()
    url = f"sqlite:///{database}"
    command.downgrade(alembic_config(url), "0005")  # the store as 0005 left it: rollups, and no forms
    engine = create_engine(url)
    old = Store(engine, sessionmaker(engine))
    # pulled after the last refresh: not in the rollups yet
    ingest(old, _searches(BEN, "report SOC 2", "report soc 2", "report soc 2", "SOC 2 Report"))
    assert "search_query_forms" not in inspect(engine).get_table_names()
    old.close()

    upgraded = open_store(database)
    seen_by_migration = {
        ("2 report soc", "SOC 2 report"): 2,
        ("2 report soc", "report soc 2"): 1,
        ("pricing retail", "Pricing retail"): 1,
    }
    assert _forms(upgraded) == (seen_by_migration if refreshed else {})
    assert rolled_up_to(upgraded) == (4 if refreshed else 0)

    refresh_rollups(upgraded)
    forms = _forms(upgraded)
    assert forms == {
        ("2 report soc", "SOC 2 report"): 2,
        ("2 report soc", "report soc 2"): 3,
        ("2 report soc", "report SOC 2"): 1,
        ("2 report soc", "SOC 2 Report"): 1,
        ("pricing retail", "Pricing retail"): 1,
    }
    assert _readable(upgraded, "2 report soc") == ["report soc 2"]  # 4 against 3
    rebuild_rollups(upgraded)
    assert _forms(upgraded) == forms
    upgraded.close()


def _pages(store: Store) -> list[tuple[object, ...]]:
    """page_attention_weekly's rows: asset, week, version, page, sender, views, dwell."""
    columns = [getattr(PageAttention, name) for name in ("asset_id", "week", "asset_version", "page")]
    with store.sessions() as session:
        rows = session.execute(
            select(*columns, PageAttention.sender, PageAttention.views, PageAttention.dwell_ms)
        )
        return sorted(tuple(row) for row in rows)


def test_upgrading_a_store_keeps_the_page_views_it_rolled_up_by_week(tmp_path: Path) -> None:
    """A store of revision 0006 sums page views over all time. The upgrade groups the page views its
    rollups count by week again, the next refresh adds the later ones: the same rows as a rebuild."""
    database = tmp_path / "library.sqlite3"
    store = open_store(database)
    ingest(store, _week_of_events())
    refresh_rollups(store)
    store.close()
    url = f"sqlite:///{database}"
    command.downgrade(alembic_config(url), "0006")
    engine = create_engine(url)
    old = Store(engine, sessionmaker(engine))
    with engine.connect() as connection:
        all_time = connection.exec_driver_sql("SELECT asset_id, page, views FROM page_attention").all()
    assert sorted(all_time) == [(DECK, 1, 1), (DECK, 2, 1), (SHEET, 1, 1)]
    # pulled after the last refresh: not in the rollups yet, a week later
    ingest(old, [BEN.event("page_view", DECK, 7 * DAY, page=1, dwell_ms=2_000)])
    old.close()

    upgraded = open_store(database)
    assert _pages(upgraded) == [
        (DECK, MONDAY, 1, 1, 1, 1, 4_000),
        (DECK, MONDAY, 1, 2, 1, 1, MAX_DWELL_MS),
        (SHEET, MONDAY - 7 * DAY, 2, 1, 2, 1, 1_500),
    ]
    refresh_rollups(upgraded)
    refreshed = _pages(upgraded)
    assert (DECK, MONDAY + 7 * DAY, 1, 1, 2, 1, 2_000) in refreshed and len(refreshed) == 4
    rebuild_rollups(upgraded)
    assert _pages(upgraded) == refreshed
    upgraded.close()


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Pricing, retail", "pricing retail"),
        ("  retail   PRICING pricing ", "pricing retail"),
        ('"case study" Retail', "case retail study"),
        ("Straße", "strasse"),
        ("ＣＦＯ deck", "cfo deck"),
        ("", ""),
        ("?!", ""),
    ],
)
def test_queries_are_grouped_whatever_their_case_order_and_punctuation(typed: str, normalised: str) -> None:
    assert normalise_query(typed) == normalised


def test_events_with_malformed_details_are_left_out_of_the_figures_not_fatal(workspace: Workspace) -> None:
    store = workspace.store
    ingest(
        store,
        [
            ANA.event("page_view", DECK, page="two", dwell_ms=1_000),  # a page that is not a number
            ANA.event("page_view", DECK, page=0, dwell_ms=1_000),  # pages count from 1
            ANA.event("page_view", DECK, page=3, dwell_ms=-50),  # a negative dwell counts as none
            ANA.event("rate", DECK, stars=9, comment="", used_in_deal=False),  # ratings are 1 to 5 stars
            ANA.event("rate", SHEET, stars="5", comment="", used_in_deal=False),
            ANA.event("search", None, result_count=3),  # no query at all
            ANA.event("search", None, query=2, result_count=0),  # a query that is not text
        ],
    )
    assert refresh_rollups(store).events == 7
    with store.sessions() as session:
        pages = [(p.page, p.views, p.dwell_ms) for p in session.scalars(select(PageAttention))]
        assert pages == [(3, 1, 0)]
        assert session.scalars(select(RatingLatest)).all() == []
        assert session.scalars(select(RatingMonth)).all() == []
        assert session.scalars(select(SearchWeek)).all() == []
        assert session.scalars(select(SearchQueryForm)).all() == []
    # the asset was still looked at: its week counts the three views, with the readable dwell times
    assert _usage(store) == {(DECK, MONDAY, "ana"): (0, 0, 3, 2_000)}
