"""What marketing publishes of top reps' use of each asset this quarter, checked on generated events whose
answer is known by construction, and read back by every hub backend and by the rep's app whatever the
version of the app that published it."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import insert

from enablement_app.analytics.event_table import Senders, append_rows, event_rows
from enablement_app.analytics.quarters import Quarter
from enablement_app.library.workspace import Workspace
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.hub import Aggregates, AssetFigures, Hub
from enablement_app.sync.hub_catalog import HubPublications
from enablement_app.sync.marketing_sync import compute_aggregates
from enablement_app.sync.postgres_hub import PostgresHub
from enablement_app.sync.postgres_schema import hub_aggregates
from enablement_app.usage.events import UsageEvent, new_event_id
from tests.conftest import FIXED_NOW, Clock

A, B, C, D = ("a" * 32, "b" * 32, "c" * 32, "d" * 32)
TOP = [str(uuid.uuid4()) for _ in range(3)]
ORDINARY = [str(uuid.uuid4()) for _ in range(8)]
THIS_QUARTER = dt.datetime(2026, 10, 20, 10, 0, tzinfo=dt.UTC)  # FIXED_NOW is 2 November 2026: Q4
LAST_QUARTER = dt.datetime(2026, 8, 12, 10, 0, tzinfo=dt.UTC)


def event(
    kind: str, rep: str, asset: str, at: dt.datetime, *, device: str | None = None, **details: object
) -> UsageEvent:
    return UsageEvent(
        id=new_event_id(),
        kind=kind,
        occurred_at=at,
        rep_id=rep,
        device_id=device or str(uuid.uuid4()),
        asset_id=asset,
        asset_version=1,
        details=details,
        rep_role="rep",
    )


def opened(rep: str, asset: str, at: dt.datetime = THIS_QUARTER, **kwargs: object) -> UsageEvent:
    return event("open", rep, asset, at, target="preview", **kwargs)  # type: ignore[arg-type]


def shared(rep: str, asset: str, at: dt.datetime = THIS_QUARTER) -> UsageEvent:
    return event("share", rep, asset, at, channel="email")


def page(rep: str, asset: str, number: int, seconds: int, at: dt.datetime = THIS_QUARTER) -> UsageEvent:
    return event("page_view", rep, asset, at, page=number, dwell_ms=seconds * 1000)


def ingested(workspace: Workspace, events: list[UsageEvent]) -> None:
    with workspace.store.sessions.begin() as session:
        connection = session.connection()
        append_rows(connection, event_rows(events, Senders.load(connection), FIXED_NOW))


def test_top_reps_this_quarter_rank_assets_as_constructed(workspace: Workspace, clock: Clock) -> None:
    """A is used by all three top reps, B by two, C by one (and by every ordinary rep, many times), D only
    last quarter; B is what top reps share; A's best pages are those top reps dwelt on, not everyone."""
    t1, t2, t3 = TOP
    laptop = str(uuid.uuid4())
    events = [
        opened(t1, A, device=laptop),
        opened(t1, A, device=str(uuid.uuid4())),  # the same rep on a second device counts once
        opened(t2, A),
        shared(t3, A),  # sharing without opening is using it too
        opened(t1, B),
        shared(t1, B),
        shared(t1, B),
        shared(t1, B),
        shared(t2, B),
        opened(t1, C),
        *(opened(rep, C) for rep in ORDINARY for _ in range(5)),
        *(shared(rep, C) for rep in ORDINARY),
        opened(t2, D, LAST_QUARTER),
        opened(t3, D, LAST_QUARTER),
        shared(t3, D, LAST_QUARTER),
        # A's pages: top reps dwell on 4, then 7, then 2, hardly on 5; an ordinary rep dwells on 9
        page(t1, A, 4, 40),
        page(t2, A, 4, 20),
        page(t2, A, 7, 45),
        page(t3, A, 2, 30),
        page(t1, A, 5, 2),
        page(ORDINARY[0], A, 9, 600),
        page(t1, D, 3, 90, LAST_QUARTER),  # last quarter's dwell is not this quarter's best page
    ]
    ingested(workspace, events)

    figures = compute_aggregates(workspace.store, clock=clock, top_reps=set(TOP)).assets

    used = {asset: figures[asset].top_reps_this_quarter for asset in (A, B, C, D)}
    assert used == {A: 3, B: 2, C: 1, D: 0}
    assert sorted(used, key=lambda asset: -used[asset]) == [A, B, C, D]
    assert {asset: figures[asset].top_rep_shares for asset in (A, B, C, D)} == {A: 1, B: 4, C: 0, D: 0}
    assert figures[A].best_pages == (4, 7, 2)  # 40 + 20 s, 45 s, 30 s; not 5 (2 s) nor 9 (not a top rep)
    assert figures[B].best_pages == ()
    assert figures[D].best_pages == ()
    # all-time figures are unchanged: D's top-rep opens of last quarter still count there
    assert figures[D].top_rep_opens == 2
    assert figures[C].opens == 41


def test_without_top_reps_there_is_no_top_rep_figure(workspace: Workspace, clock: Clock) -> None:
    ingested(workspace, [opened(TOP[0], A), page(TOP[0], A, 2, 30)])
    figures = compute_aggregates(workspace.store, clock=clock).assets[A]
    assert (figures.top_reps_this_quarter, figures.top_rep_shares, figures.best_pages) == (0, 0, ())


def test_a_quarter_counts_the_weeks_whose_thursday_it_holds() -> None:
    q4 = Quarter.of(FIXED_NOW)
    assert str(q4) == "2026-Q4"
    assert (q4.start, q4.end) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    # 1 October 2026 is a Thursday: the week of Monday 28 September is Q4's first
    assert q4.first_week == dt.date(2026, 9, 28)
    assert Quarter.of(dt.date(2026, 3, 31)) == Quarter(2026, 1)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)


def test_the_week_across_the_quarter_start_counts_in_the_new_quarter(workspace: Workspace) -> None:
    tuesday = dt.datetime(2026, 9, 29, 9, 0, tzinfo=dt.UTC)  # Q3's last days, in Q4's first week
    ingested(workspace, [opened(TOP[0], A, tuesday), opened(TOP[1], B, tuesday - dt.timedelta(days=7))])
    figures = compute_aggregates(workspace.store, clock=Clock(FIXED_NOW), top_reps=set(TOP)).assets
    assert figures[A].top_reps_this_quarter == 1
    assert figures[B].top_reps_this_quarter == 0


# -- reading figures of any version ------------------------------------------------------------------


def _write_raw_figures(hub: Hub, document: dict[str, dict[str, object]]) -> None:
    """Publish ``document`` as another version of the app would have: keys this one may not know."""
    generated_at = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    if isinstance(hub, FolderHub):
        raw = {"generated_at": generated_at.isoformat(), "assets": document}
        (hub.root / "stats" / "aggregates.json.gz").write_bytes(gzip.compress(json.dumps(raw).encode()))
    elif isinstance(hub, PostgresHub):
        with hub._engine.begin() as connection:
            connection.execute(insert(hub_aggregates).values(generated_at=generated_at, figures=document))
    else:  # pragma: no cover
        raise AssertionError(type(hub))


def test_hubs_read_figures_of_an_older_and_a_newer_publisher(hub: Hub) -> None:
    _write_raw_figures(
        hub,
        {
            A: {"opens": 5, "shares": 1, "ratings": 0, "average_rating": None, "used_in_deal": 0},  # older
            B: {"opens": 9, "top_reps_this_quarter": 2, "best_pages": [3, 1], "next_best_thing": {"x": 1}},
        },
    )
    aggregates = hub.aggregates()
    assert aggregates is not None
    assert aggregates.assets[A] == AssetFigures(A, opens=5, shares=1)
    assert aggregates.assets[B] == AssetFigures(B, opens=9, top_reps_this_quarter=2, best_pages=(3, 1))


def test_figures_of_the_wrong_kind_are_refused_in_a_sentence() -> None:
    with pytest.raises(TypeError, match=r"best_pages of a+ is not a list of page numbers"):
        AssetFigures.from_json(A, {"best_pages": "4, 7"})
    with pytest.raises(TypeError, match=r"top_reps_this_quarter of a+ is not a number"):
        AssetFigures.from_json(A, {"top_reps_this_quarter": "three"})


def test_the_rep_s_copy_of_the_figures_reads_older_and_newer_files(
    workspace: Workspace, tmp_path: Path
) -> None:
    publications = workspace.hub_publications
    publications.figures_path.write_text(
        json.dumps(
            {
                "generated_at": "2026-11-02T08:00:00+00:00",
                "assets": [
                    {
                        "asset_id": A,
                        "opens": 3,
                        "shares": 0,
                        "ratings": 0,
                        "average_rating": None,
                        "used_in_deal": 0,
                        "top_rep_opens": 1,
                    },
                    {"asset_id": B, "opens": 4, "top_rep_shares": 2, "a_key_from_2027": True},
                ],
            }
        )
    )
    assert publications.figures() == {
        A: AssetFigures(A, opens=3, top_rep_opens=1),
        B: AssetFigures(B, opens=4, top_rep_shares=2),
    }
    # what this version writes, it reads back whole
    figures = AssetFigures(C, opens=7, top_reps_this_quarter=2, top_rep_shares=1, best_pages=(5, 2))
    publications.accept_figures(Aggregates(FIXED_NOW, {C: figures}))
    assert HubPublications(workspace.paths, workspace.store, clock=workspace.clock).figures() == {C: figures}


def test_the_rep_s_app_drops_last_quarter_s_top_rep_figures_when_a_new_quarter_starts(
    workspace: Workspace,
) -> None:
    """Figures published in Q4 say "this quarter" about Q4: on 2 January they would be wrong until marketing
    publishes again, so the top-rep figures of the quarter are left out; the all-time ones stay."""
    now = [FIXED_NOW]
    publications = HubPublications(workspace.paths, workspace.store, clock=lambda: now[0])
    figures = AssetFigures(
        C, opens=7, top_rep_opens=4, top_reps_this_quarter=2, top_rep_shares=1, best_pages=(5,)
    )
    publications.accept_figures(Aggregates(FIXED_NOW, {C: figures}))
    assert publications.figures() == {C: figures}
    now[0] = dt.datetime(2027, 1, 2, 9, 0, tzinfo=dt.UTC)
    assert publications.figures() == {C: AssetFigures(C, opens=7, top_rep_opens=4)}
    publications.accept_figures(Aggregates(now[0], {C: figures}))  # marketing published in Q1
    assert publications.figures() == {C: figures}
