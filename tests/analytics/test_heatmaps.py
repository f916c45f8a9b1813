"""The heatmaps' figures, read from rollups derived from generated events whose figures are known."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from enablement_app.analytics.heatmaps import (
    AssetWeekGrid,
    PageFigures,
    PageRun,
    UsageFilter,
    asset_week_grid,
    count_reps,
    filter_options,
    page_attention,
    search_term_grid,
    skipped_pages,
    unknown_asset_title,
)
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.library.workspace import Workspace
from enablement_app.store import Store
from tests.analytics.heatmap_usage import (
    ANA,
    DECK_SLIDES,
    DECK_TITLE,
    GUIDE_TITLE,
    LAST_WEEK,
    PRICING_TITLE,
    THIS_WEEK,
    TOP_REPS,
    TWO_WEEKS_AGO,
    UNKNOWN,
    add_assets,
    ingest_usage,
)
from tests.analytics.usage_events import ingest
from tests.conftest import Clock

UNKNOWN_TITLE = unknown_asset_title(UNKNOWN)


@pytest.fixture
def store(workspace: Workspace) -> Store:
    ingest_usage(workspace.store, add_assets(workspace.store))
    return workspace.store


def default_filter(clock: Clock, **choices: object) -> UsageFilter:
    return UsageFilter.last_weeks(clock, **choices)  # type: ignore[arg-type]


def cells(grid: AssetWeekGrid) -> dict[str, dict[dt.date, int]]:
    """Each row's non-zero cells by week; zeros are checked separately."""
    return {
        row.title: {week: value for week, value in zip(grid.weeks, row.values, strict=True) if value}
        for row in grid.rows
    }


def test_default_weeks_are_the_last_twelve_ending_this_week(clock: Clock) -> None:
    clock.now = dt.datetime(2026, 11, 5, 23, 0, tzinfo=dt.UTC)  # a Thursday
    usage = UsageFilter.last_weeks(clock)
    assert usage.last_week == THIS_WEEK
    assert usage.first_week == dt.date(2026, 8, 17)
    assert len(usage.weeks) == 12 and all(week.weekday() == 0 for week in usage.weeks)
    with pytest.raises(ValueError, match="Monday"):
        UsageFilter(first_week=dt.date(2026, 8, 18), last_week=THIS_WEEK)


def test_asset_grid_counts_opens_per_week_most_used_first_with_empty_weeks_as_zeros(
    store: Store, clock: Clock
) -> None:
    grid = asset_week_grid(store, default_filter(clock), "opens")
    assert len(grid.weeks) == 12 and grid.weeks[-1] == THIS_WEEK
    assert [row.title for row in grid.rows] == [PRICING_TITLE, DECK_TITLE, UNKNOWN_TITLE, GUIDE_TITLE]
    assert cells(grid) == {
        PRICING_TITLE: {TWO_WEEKS_AGO: 5, THIS_WEEK: 6},
        DECK_TITLE: {LAST_WEEK: 9, THIS_WEEK: 1},
        UNKNOWN_TITLE: {THIS_WEEK: 1},
        GUIDE_TITLE: {TWO_WEEKS_AGO: 1},  # its 7 opens 20 weeks ago are outside the weeks
    }
    pricing = grid.rows[0]
    # the week nobody touched it is a zero, like every other empty week: one value per week, always
    assert len(pricing.values) == 12 and pricing.values[grid.weeks.index(LAST_WEEK)] == 0
    assert (pricing.total, pricing.total_opens, pricing.total_shares) == (11, 11, 3)
    this_week = grid.weeks.index(THIS_WEEK)
    assert pricing.reps is not None
    assert (pricing.opens[this_week], pricing.shares[this_week], pricing.reps[this_week]) == (6, 1, 3)
    assert (pricing.kind, pricing.stage, pricing.removed) == ("pdf", "decision", False)
    assert grid.highest == 9
    assert grid.rows[2].kind == "" and grid.rows[2].asset_id == UNKNOWN


def test_a_rep_on_two_computers_counts_once(store: Store, clock: Clock) -> None:
    laptop = dataclasses.replace(ANA, device_id="second-laptop")  # another sender key, the same rep
    ingest(
        store,
        [
            laptop.event("open", "p" * 32, dt.timedelta(hours=2), target="file"),
            laptop.event("open", "p" * 32, dt.timedelta(hours=3), target="file"),
            laptop.event("search", None, dt.timedelta(hours=4), query="pricing retail", result_count=2),
        ],
    )
    refresh_rollups(store)
    for usage in (default_filter(clock), default_filter(clock, teams=frozenset({"Enterprise"}))):
        grid = asset_week_grid(store, usage)
        pricing = grid.rows[0]
        this_week = grid.weeks.index(THIS_WEEK)
        searches = search_term_grid(store, usage).rows[0]
        reps = 1 if usage.teams else 3
        assert pricing.reps is not None and searches.reps is not None
        assert (pricing.opens[this_week], pricing.reps[this_week]) == (8 if reps == 3 else 5, reps)
        assert pricing.senders[this_week] == reps + 1  # Ana's two computers: two senders, one rep
        assert (searches.query, searches.reps[this_week]) == ("Pricing retail", 1 if usage.teams else 2)

    # the Usage page shows the grid first and counts the reps after
    uncounted = asset_week_grid(store, default_filter(clock), reps=False)
    assert all(row.reps is None for row in uncounted.rows)
    counted = count_reps(store, uncounted)
    assert counted.rows[0].reps is not None and counted.rows[0].reps[-1] == 3
    assert counted == asset_week_grid(store, default_filter(clock))
    searches = search_term_grid(store, default_filter(clock), reps=False)
    assert searches.rows[0].reps is None and count_reps(store, searches).rows[0].reps[-1] == 2


def test_shares_and_both_measures(store: Store, clock: Clock) -> None:
    shares = asset_week_grid(store, default_filter(clock), "shares")
    # assets only opened have no shares to show
    assert cells(shares) == {PRICING_TITLE: {TWO_WEEKS_AGO: 2, THIS_WEEK: 1}, DECK_TITLE: {LAST_WEEK: 1}}
    both = asset_week_grid(store, default_filter(clock), "both")
    assert [(row.title, row.total) for row in both.rows] == [
        (PRICING_TITLE, 14),
        (DECK_TITLE, 11),
        (UNKNOWN_TITLE, 1),
        (GUIDE_TITLE, 1),
    ]
    assert asset_week_grid(store, default_filter(clock), limit=2).rows[1].title == DECK_TITLE
    with pytest.raises(ValueError, match="measure"):
        asset_week_grid(store, default_filter(clock), "views")  # type: ignore[arg-type]


def test_team_region_and_role_filters_keep_only_those_reps(store: Store, clock: Clock) -> None:
    enterprise = asset_week_grid(store, default_filter(clock, teams=frozenset({"Enterprise"})))
    assert cells(enterprise) == {PRICING_TITLE: {THIS_WEEK: 3}, DECK_TITLE: {THIS_WEEK: 1}}
    managers = asset_week_grid(store, default_filter(clock, roles=frozenset({"manager"})))
    assert cells(managers) == {DECK_TITLE: {LAST_WEEK: 9}, PRICING_TITLE: {THIS_WEEK: 1}}
    mid_market_emea = asset_week_grid(
        store, default_filter(clock, teams=frozenset({"Mid-market"}), regions=frozenset({"EMEA"}))
    )
    assert cells(mid_market_emea) == cells(managers)  # Cai alone
    nobody = asset_week_grid(store, default_filter(clock, teams=frozenset({"Partners"})))
    assert nobody.rows == () and len(nobody.weeks) == 12


def test_tier_splits_top_reps_from_the_rest(store: Store, clock: Clock) -> None:
    top = asset_week_grid(store, default_filter(clock, tier="top", top_reps=TOP_REPS))
    assert cells(top) == {PRICING_TITLE: {THIS_WEEK: 3}, DECK_TITLE: {THIS_WEEK: 1}}
    rest = asset_week_grid(store, default_filter(clock, tier="rest", top_reps=TOP_REPS))
    assert cells(rest) == {
        DECK_TITLE: {LAST_WEEK: 9},
        PRICING_TITLE: {TWO_WEEKS_AGO: 5, THIS_WEEK: 3},
        UNKNOWN_TITLE: {THIS_WEEK: 1},
        GUIDE_TITLE: {TWO_WEEKS_AGO: 1},
    }
    # without a CRM import nobody is a top rep
    assert asset_week_grid(store, default_filter(clock, tier="top")).rows == ()


def test_stage_filter_keeps_assets_of_that_stage(store: Store, clock: Clock) -> None:
    decision = asset_week_grid(store, default_filter(clock, stages=frozenset({"decision"})))
    assert cells(decision) == {PRICING_TITLE: {TWO_WEEKS_AGO: 5, THIS_WEEK: 6}}
    two = asset_week_grid(store, default_filter(clock, stages=frozenset({"decision", "onboarding"})))
    assert [row.title for row in two.rows] == [PRICING_TITLE, GUIDE_TITLE]


def test_wider_weeks_bring_older_usage_in(store: Store, clock: Clock) -> None:
    usage = default_filter(clock, weeks=21)
    grid = asset_week_grid(store, usage)
    assert len(grid.weeks) == 21
    assert cells(grid)[GUIDE_TITLE] == {THIS_WEEK - dt.timedelta(weeks=20): 7, TWO_WEEKS_AGO: 1}
    one_week = asset_week_grid(store, usage.with_weeks(LAST_WEEK, LAST_WEEK))
    assert cells(one_week) == {DECK_TITLE: {LAST_WEEK: 9}}


def test_page_attention_counts_each_page_and_finds_the_skipped_slides(store: Store, clock: Clock) -> None:
    deck_id = "d" * 32
    deck = page_attention(store, deck_id, default_filter(clock))
    assert (deck.title, deck.kind, deck.version, deck.is_current) == (DECK_TITLE, "pptx", 1, True)
    assert (deck.opens, deck.reps, deck.views) == (10, 2, 71)
    assert len(deck.pages) == DECK_SLIDES  # slides 8 and 9, never viewed, are there with zeros
    by_page = {page.page: page for page in deck.pages}
    assert (by_page[1].views, by_page[1].average_dwell_ms, by_page[1].reps, by_page[1].reach) == (
        10,
        1000,
        2,
        1.0,
    )
    assert (by_page[7].views, by_page[7].average_dwell_ms, by_page[7].reach) == (1, 7000, 0.1)
    assert (by_page[8].views, by_page[8].dwell_ms, by_page[8].average_dwell_ms, by_page[8].reach) == (
        0,
        0,
        0,
        0.0,
    )
    assert deck.skipped == (PageRun(7, 9, to_the_end=False),)

    pricing = page_attention(store, "p" * 32, default_filter(clock))
    assert [(p.page, p.views, p.dwell_ms, p.average_dwell_ms, p.reps) for p in pricing.pages] == [
        (1, 4, 68_000, 17_000, 2),
        (2, 2, 60_000, 30_000, 1),
    ]
    assert pricing.opens == 11 and pricing.pages[0].reach == pytest.approx(4 / 11)
    assert pricing.skipped == ()  # too few views to call anything skipped

    # Ana alone: one view of each slide she saw, and one open
    ana = page_attention(store, deck_id, default_filter(clock, tier="top", top_reps=TOP_REPS))
    assert [page.views for page in ana.pages] == [1, 1, 1, 1, 1, 1, 1, 0, 0, 1]
    assert (ana.opens, ana.reps, ana.skipped) == (1, 1, ())


def test_page_attention_counts_the_chosen_weeks_only(store: Store, clock: Clock) -> None:
    usage = default_filter(clock)
    deck = page_attention(store, "d" * 32, usage.with_weeks(THIS_WEEK, THIS_WEEK))  # Ana's one read
    assert [page.views for page in deck.pages] == [1, 1, 1, 1, 1, 1, 1, 0, 0, 1]
    assert (deck.opens, deck.reps, deck.versions) == (1, 1, ((1, 8),))
    presented = page_attention(store, "d" * 32, usage.with_weeks(LAST_WEEK, LAST_WEEK))  # Cai's nine
    assert [page.views for page in presented.pages] == [9, 9, 9, 9, 9, 9, 0, 0, 0, 9]
    assert (presented.opens, presented.reps) == (9, 1)
    pricing = page_attention(store, "p" * 32, usage.with_weeks(TWO_WEEKS_AGO, TWO_WEEKS_AGO))
    assert [(p.page, p.views, p.dwell_ms) for p in pricing.pages] == [(1, 1, 8_000), (2, 2, 60_000)]
    assert pricing.opens == 5
    quiet = page_attention(store, "p" * 32, usage.with_weeks(LAST_WEEK, LAST_WEEK))
    assert (quiet.views, quiet.opens, quiet.versions) == (0, 0, ())


def test_page_attention_of_an_unused_or_unknown_asset_is_empty_not_an_error(
    store: Store, clock: Clock
) -> None:
    guide = page_attention(store, "g" * 32, default_filter(clock))
    # one open in the 12 weeks; Ana's seven, 20 weeks ago, are older
    assert (guide.opens, guide.views, guide.versions, guide.skipped) == (1, 0, (), ())
    assert [page.views for page in guide.pages] == [0, 0, 0, 0]  # its four pages, nobody read
    unknown = page_attention(store, "x" * 32, default_filter(clock))
    assert (unknown.title, unknown.pages, unknown.opens, unknown.current_version) == (
        unknown_asset_title("x" * 32),
        (),
        0,
        None,
    )
    nobody = page_attention(store, "d" * 32, default_filter(clock, teams=frozenset({"Partners"})))
    assert (nobody.views, nobody.opens) == (0, 0)
    assert all(page.reach is None for page in nobody.pages)


def test_page_attention_shows_the_current_version_else_the_newest_viewed(store: Store, clock: Clock) -> None:
    deck_id = "d" * 32
    ingest(store, [ANA.event("page_view", deck_id, dt.timedelta(hours=1), version=2, page=3, dwell_ms=500)])
    refresh_rollups(store)
    usage = default_filter(clock)
    current = page_attention(store, deck_id, usage)
    assert (current.version, current.versions) == (1, ((2, 1), (1, 71)))  # the library still has version 1
    newer = page_attention(store, deck_id, usage, version=2)
    assert (newer.version, newer.is_current, newer.views) == (2, False, 1)
    assert [page.views for page in newer.pages] == [0, 0, 1]  # pages up to the last one viewed


def test_skipped_pages_need_enough_views_and_may_run_to_the_end() -> None:
    def pages(*views: int) -> list[PageFigures]:
        return [PageFigures(n, v, 0, 0, None) for n, v in enumerate(views, start=1)]

    assert skipped_pages(pages(20, 18, 19, 2, 1, 1)) == (PageRun(4, 6, to_the_end=True),)
    assert skipped_pages(pages(20, 3, 19, 18, 20)) == (PageRun(2, 2, to_the_end=False),)
    assert skipped_pages(pages(9, 0, 9)) == ()  # fewer than 10 views on any page: nothing obvious
    assert skipped_pages(pages(40, 39)) == ()
    assert skipped_pages([]) == ()


def test_search_grid_ranks_queries_and_counts_searches_that_found_nothing(store: Store, clock: Clock) -> None:
    grid = search_term_grid(store, default_filter(clock))
    assert grid.queries == 3 and len(grid.weeks) == 12
    # queries are grouped whatever their case and word order, and read as reps typed them most; equally
    # searched ones alphabetically as they read
    assert [(row.query, row.key, row.total, row.total_no_results) for row in grid.rows] == [
        ("Pricing retail", "pricing retail", 3, 1),
        ("battlecard", "battlecard", 1, 0),
        ("SOC 2", "2 soc", 1, 1),
    ]
    pricing = grid.rows[0]
    this_week, last_week = grid.weeks.index(THIS_WEEK), grid.weeks.index(LAST_WEEK)
    assert (pricing.searches[this_week], pricing.no_results[this_week], pricing.not_opened[this_week]) == (
        3,
        1,
        2,
    )
    assert pricing.reps is not None and pricing.reps[this_week] == 2 and pricing.searches[last_week] == 0
    assert grid.rows[2].searches[last_week] == 1

    assert [row.query for row in search_term_grid(store, default_filter(clock), limit=1).rows] == [
        "Pricing retail"
    ]
    # of two equally searched queries the limit keeps the first as they read, not as they are grouped
    assert [row.query for row in search_term_grid(store, default_filter(clock), limit=2).rows] == [
        "Pricing retail",
        "battlecard",
    ]
    managers = search_term_grid(store, default_filter(clock, roles=frozenset({"manager"})))
    assert [(row.query, row.total) for row in managers.rows] == [("SOC 2", 1)]
    # stages do not apply to searches
    staged = search_term_grid(store, default_filter(clock, stages=frozenset({"decision"})))
    assert [row.query for row in staged.rows] == [row.query for row in grid.rows]


def test_filter_options_list_what_the_senders_and_library_have(store: Store) -> None:
    options = filter_options(store)
    assert options.teams == ("Enterprise", "Mid-market")
    assert options.regions == ("EMEA", "NA")
    assert options.roles == ("manager", "rep")
    assert options.stages == ("consideration", "decision", "onboarding")
    assert options.first_week == THIS_WEEK - dt.timedelta(weeks=20)
    assert options.has_usage and options.events_pending == 0 and options.events_ingested > 0


def test_an_empty_store_gives_empty_figures(workspace: Workspace, clock: Clock) -> None:
    store = workspace.store
    usage = default_filter(clock)
    options = filter_options(store)
    assert (options.has_usage, options.events_ingested, options.events_pending, options.teams) == (
        False,
        0,
        0,
        (),
    )
    grid = asset_week_grid(store, usage)
    assert (grid.rows, grid.highest, len(grid.weeks)) == ((), 0, 12)
    assert search_term_grid(store, usage).rows == ()
    assert page_attention(store, "d" * 32, usage).pages == ()


def test_events_not_rolled_up_yet_are_counted_as_pending(workspace: Workspace, clock: Clock) -> None:
    store = workspace.store
    ids = add_assets(store)
    ingest(store, [ANA.event("open", ids[PRICING_TITLE], target="file")])
    options = filter_options(store)
    assert (options.has_usage, options.events_ingested, options.events_pending) == (False, 1, 1)
    assert asset_week_grid(store, default_filter(clock)).rows == ()  # the grid reads only the rollups
