"""The insight reports on a team whose figures are known by construction (``team_usage``), and on an
empty or tiny store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from enablement_app.analytics.reports import (
    alignment_report,
    content_gaps_report,
    dead_content_report,
    months_back,
    ratings_report,
    top_reps_report,
    usage_ingested,
)
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.analytics.top_reps import TopRepSettings
from enablement_app.library.workspace import Workspace
from enablement_app.store import Store
from enablement_app.store.models import Asset
from tests.analytics.team_usage import (
    BROCHURE,
    CHAMPION,
    DAY,
    GUIDE,
    PRICES,
    SECRET,
    TODAY,
    UNOPENED,
    LibraryAsset,
    add_assets,
    build_team,
)
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW, Clock


@pytest.fixture
def team(workspace: Workspace, clock: Clock, tmp_path: Path) -> Store:
    build_team(workspace.store, clock, tmp_path)
    return workspace.store


def test_top_reps_assets_rank_by_lift_over_the_other_reps(team: Store) -> None:
    report = top_reps_report(team, TODAY)
    assert (report.top_reps, report.other_reps, report.top.period) == (2, 6, "2026-Q3")
    rows = [
        (row.title, row.top_reps_used, row.other_reps_used, row.top_share, row.other_share, row.lift)
        for row in report.rows
    ]
    assert rows == [
        ("Secret weapon", 1, 0, 0.5, 0.0, None),  # only a top rep used it: first, with a note
        ("Champion deck", 2, 1, 1.0, pytest.approx(1 / 6), pytest.approx(6.0)),
        ("Price list", 1, 6, 0.5, 1.0, 0.5),
    ]
    secret, champion = report.rows[0], report.rows[1]
    assert secret.lift_note == "only top reps used it"
    assert champion.path == "decision/champion-deck.pdf"


def test_top_reps_follow_the_settings_and_the_window(team: Store) -> None:
    # by win rate the top half is Ana, Ben, Cleo and Dev: no other rep opened the champion deck now, and
    # of the assets only top reps opened, the one more of them opened ranks first
    half = top_reps_report(team, TODAY, settings=TopRepSettings(fraction=0.5, metric="win_rate"))
    assert [(row.title, row.top_reps_used, row.top_reps, row.lift) for row in half.rows] == [
        ("Champion deck", 3, 4, None),
        ("Secret weapon", 1, 4, None),
        ("Price list", 3, 4, 0.75),
    ]
    assert top_reps_report(team, TODAY, min_top_reps=2).rows[0].title == "Champion deck"
    later = top_reps_report(team, TODAY + 120 * DAY)  # nothing opened in the last 90 days then
    assert later.rows == ()


def test_dead_content_lists_unopened_approved_assets_and_the_share_used(team: Store) -> None:
    report = dead_content_report(team, TODAY)
    assert (report.approved, report.used, report.share_used) == (6, 3, 0.5)
    assert report.summary() == "3 of 6 approved assets (50%) used in the last 90 days"
    # never opened first (longest approved first), then the longest unopened; expired and retired are out
    assert [(row.title, row.stages, row.days_unopened(TODAY)) for row in report.rows] == [
        (UNOPENED.title, ("awareness",), None),
        (GUIDE.title, (), None),
        (BROCHURE.title, ("awareness",), 200),
    ]
    # to the second: opened since yesterday's midnight is used, the day before is not
    assert [row.title for row in dead_content_report(team, TODAY, days=1).rows] == [
        UNOPENED.title,
        GUIDE.title,
        BROCHURE.title,
        PRICES.title,  # last opened 3 days ago
        CHAMPION.title,  # 2 days ago
    ]


def test_a_version_superseded_by_an_approved_one_is_no_longer_in_the_library(workspace: Workspace) -> None:
    store = workspace.store
    old, new, draft = (
        LibraryAsset("Deck 2025", "decision"),
        LibraryAsset("Deck 2026", "decision"),
        LibraryAsset("Deck 2027", "decision", status="draft"),
    )
    add_assets(store, (old, new, draft))
    with store.sessions.begin() as session:
        session.execute(update(Asset).where(Asset.id == new.asset_id).values(supersedes_id=old.asset_id))
        session.execute(update(Asset).where(Asset.id == draft.asset_id).values(supersedes_id=new.asset_id))
    report = dead_content_report(store, TODAY)
    assert (report.approved, [row.title for row in report.rows]) == (
        1,
        ["Deck 2026"],
    )  # a draft replaces nothing


def test_content_gaps_rank_by_how_many_reps_met_them(team: Store) -> None:
    report = content_gaps_report(team, TODAY)
    week = dt.date(2026, 10, 26)
    assert [(g.query, g.reps, g.searches, g.no_results, g.not_opened, g.last_week) for g in report.rows] == [
        ("SOC 2 report", 3, 3, 3, 0, week),  # as reps typed them, grouped whatever their case and order
        ("roi calculator", 2, 2, 0, 2, week),
        ("German pricing", 1, 2, 2, 0, week),
    ]
    assert [g.key for g in report.rows] == ["2 report soc", "calculator roi", "german pricing"]
    assert report.searches == 8
    assert [g.query for g in content_gaps_report(team, TODAY, limit=1).rows] == ["SOC 2 report"]


def test_content_gaps_met_alike_rank_alphabetically_as_they_read(workspace: Workspace) -> None:
    store = workspace.store
    rep = Rep("Ana Ruiz")
    typed = ("Zebra apple", "banana split", "Cherry")  # grouped as "apple zebra", "banana split", "cherry"
    ingest(store, [rep.event("search", None, -DAY, query=query, result_count=0) for query in typed])
    refresh_rollups(store)
    report = content_gaps_report(store, TODAY)
    assert [(g.query, g.reps, g.no_results) for g in report.rows] == [
        ("banana split", 1, 1),
        ("Cherry", 1, 1),
        ("Zebra apple", 1, 1),
    ]
    # the limit cuts ties as they read, too
    assert [g.query for g in content_gaps_report(store, TODAY, limit=2).rows] == ["banana split", "Cherry"]


def test_ratings_list_the_lowest_rated_then_the_most_used_with_comments(team: Store) -> None:
    report = ratings_report(team, TODAY)
    assert [(r.title, r.average, r.ratings, r.used_in_deal, r.opens) for r in report.rows] == [
        (SECRET.title, 2.0, 2, 1, 3),
        (BROCHURE.title, 2.0, 1, 0, 0),  # opened 200 days ago, not in the last 90 days
        (PRICES.title, 2.5, 2, 0, 7),
        (CHAMPION.title, 4.5, 2, 1, 4),
    ]
    prices = report.rows[2]
    # Eve's newest rating replaced "wrong currency"; newest first
    assert [(c.rep, c.stars, c.comment) for c in prices.comments] == [
        ("Eve Stone", 3, "fixed now"),
        ("Dev Shah", 2, "outdated numbers"),
    ]
    deals = ratings_report(team, TODAY, used_in_deal_only=True)
    assert [r.title for r in deals.rows] == [SECRET.title, CHAMPION.title]


def test_alignment_shows_every_month_the_stages_and_the_rating_trend(team: Store) -> None:
    report = alignment_report(team, TODAY)
    assert [m.month for m in report.months] == [dt.date(2026, month, 1) for month in range(6, 12)]
    october, november = report.months[-2], report.months[-1]
    assert (october.opens, october.shares, october.active_reps, october.assets_used) == (14, 1, 8, 3)
    assert (october.ratings, october.average_rating) == (7, pytest.approx(18 / 7))
    assert (november.opens, november.ratings, november.average_rating) == (0, 1, 3.0)
    assert report.months[0].average_rating is None
    assert [(s.stage, s.approved, s.used, s.share_used) for s in report.stages] == [
        ("awareness", 2, 0, 0.0),
        ("consideration", 1, 1, 1.0),
        ("decision", 2, 2, 1.0),
        ("(no stage)", 1, 0, 0.0),
    ]


def test_an_empty_store_gives_empty_reports_without_dividing_by_zero(workspace: Workspace) -> None:
    store = workspace.store
    assert not usage_ingested(store)
    top = top_reps_report(store, TODAY)
    assert (top.top.period, top.rows, top.top_reps, top.other_reps) == (None, (), 0, 0)
    dead = dead_content_report(store, TODAY)
    assert (dead.approved, dead.share_used, dead.rows, dead.summary()) == (
        0,
        None,
        (),
        "No approved assets in the library",
    )
    assert content_gaps_report(store, TODAY).rows == ()
    assert ratings_report(store, TODAY).rows == ()
    alignment = alignment_report(store, TODAY)
    assert not alignment.has_usage and alignment.stages == ()
    assert all(m.average_rating is None for m in alignment.months)


def test_one_rep_one_open_and_assets_the_library_never_indexed(workspace: Workspace) -> None:
    store = workspace.store
    add_assets(store, (CHAMPION,))
    solo = Rep("Solo Rep")
    ingest(
        store,
        [solo.profile(), solo.event("open", "f" * 32, -DAY), solo.event("rate", "f" * 32, -DAY, stars=4)],
    )
    refresh_rollups(store)
    assert usage_ingested(store)
    dead = dead_content_report(store, TODAY)
    assert (dead.summary(), [row.title for row in dead.rows]) == (
        "0 of 1 approved assets (0%) used in the last 90 days",
        [CHAMPION.title],
    )
    rated = ratings_report(store, TODAY).rows
    assert [(r.title, r.opens) for r in rated] == [("(asset ffffffff, not in this library)", 1)]
    assert alignment_report(store, TODAY).has_usage


def test_months_back_crosses_the_year() -> None:
    assert months_back(dt.date(2026, 2, 17), 4) == [
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert FIXED_NOW.date() == TODAY
