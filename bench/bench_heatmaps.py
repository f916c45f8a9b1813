"""How fast marketing's usage heatmaps answer on a year of a 400-rep team's usage (10,000,000 events).

Run from the checkout: ``.venv/bin/python bench/bench_heatmaps.py [--store DIR] [--runs N]``. The store is
``bench/analytics_corpus.py``'s (made there first when missing, which takes a while; ``--store`` points at
one already made). Each heatmap query of ``enablement_app.analytics.heatmaps`` runs ``--runs`` times
(default 5) for each of several filter combinations (every rep; a team; top reps; the rest; a region, role
and stage together; 12 weeks and 52), and the p50 and the slowest time of each query over all of them are
printed against the target: every heatmap under 1 s. A grid and the count of its reps per cell (the
tooltips' "by 9 reps") are timed apart, as the Usage page reads them one after the other. The first run of each query is kept apart (``cold``):
it reads the rollups from disk, the others from SQLite's and the OS's caches, as a marketer clicking
through the filters does. Then one JSON line (``... | tail -1``). It measures; it does not assert.

Top reps are the top quarter of the CRM import by quota attainment, matched to reps by e-mail, as the
reports' top-rep list does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bench.analytics_corpus import DEFAULT_OUT, END, build
from bench.machine_speed import describe, reference_loop_seconds
from enablement_app.analytics.heatmaps import (
    UsageFilter,
    asset_week_grid,
    count_reps,
    filter_options,
    page_attention,
    search_term_grid,
)
from enablement_app.store import Store, open_store
from enablement_app.store.models import AnalyticsRep, RepPerformance

TARGET_SECONDS = 1.0


def top_rep_ids(store: Store) -> frozenset[str]:
    with store.sessions() as session:
        rows = session.execute(
            select(AnalyticsRep.rep_id, RepPerformance.quota_attainment)
            .join(RepPerformance, RepPerformance.email == AnalyticsRep.email)
            .where(RepPerformance.quota_attainment.is_not(None))
            .order_by(RepPerformance.quota_attainment.desc())
        ).all()
    return frozenset(rep_id for rep_id, _ in rows[: max(1, len(rows) // 4)])


def filters(top: frozenset[str]) -> dict[str, UsageFilter]:
    def clock() -> dt.datetime:
        return END

    twelve = UsageFilter.last_weeks(clock, 12)
    year = UsageFilter.last_weeks(clock, 52)
    return {
        "every rep, 12 weeks": twelve,
        "every rep, 52 weeks": year,
        "team Enterprise, 12 weeks": UsageFilter.last_weeks(clock, 12, teams=frozenset({"Enterprise"})),
        "top reps, 12 weeks": UsageFilter.last_weeks(clock, 12, tier="top", top_reps=top),
        "the rest, 52 weeks": UsageFilter.last_weeks(clock, 52, tier="rest", top_reps=top),
        "EMEA reps, stage decision, 12 weeks": UsageFilter.last_weeks(
            clock,
            12,
            regions=frozenset({"EMEA"}),
            roles=frozenset({"rep"}),
            stages=frozenset({"decision"}),
        ),
    }


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_OUT, help="the analytics corpus' data folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    reference = reference_loop_seconds()
    print(f"machine speed: reference loop {describe(reference)}, load {os.getloadavg()[0]:.2f}")
    database = args.store / "library.sqlite3"
    store = open_store(database) if (args.store / "corpus.json").exists() else build(args.store, 10_000_000)
    with store.engine.connect() as connection:
        # the events' count is their highest seq (counting ten million rows takes seconds)
        sizes = {
            "analytics_events": connection.exec_driver_sql("SELECT max(seq) FROM analytics_events").scalar()
        }
        for table in ("usage_weekly", "page_attention_weekly", "search_weekly"):
            sizes[table] = connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
    print("store: " + ", ".join(f"{table} {rows:,}" for table, rows in sizes.items()))

    top = top_rep_ids(store)
    grid = asset_week_grid(store, UsageFilter.last_weeks(lambda: END, 52))
    busiest, quiet = grid.rows[0].asset_id, grid.rows[len(grid.rows) // 2].asset_id
    combinations = filters(top)
    # the grids whose reps are counted apart, as the Usage page does once a grid shows
    asset_grids = {id(usage): asset_week_grid(store, usage, reps=False) for usage in combinations.values()}
    search_grids = {id(usage): search_term_grid(store, usage, reps=False) for usage in combinations.values()}
    queries: dict[str, Callable[[UsageFilter], object]] = {
        "assets x weeks (opens)": lambda usage: asset_week_grid(store, usage, "opens", reps=False),
        "assets x weeks (both)": lambda usage: asset_week_grid(store, usage, "both", reps=False),
        "assets x weeks: reps per cell": lambda usage: count_reps(store, asset_grids[id(usage)]),
        "searches x weeks": lambda usage: search_term_grid(store, usage, 40, reps=False),
        "searches x weeks: reps per cell": lambda usage: count_reps(store, search_grids[id(usage)]),
        "page attention (busiest asset)": lambda usage: page_attention(store, busiest, usage),
        "page attention (a middling asset)": lambda usage: page_attention(store, quiet, usage),
    }
    results: dict[str, dict[str, float]] = {}
    cold = {"filter options": timed(lambda: filter_options(store))}
    warm = [timed(lambda: filter_options(store)) for _ in range(args.runs)]
    results["filter options"] = {
        "cold": cold["filter options"],
        "p50": statistics.median(warm),
        "max": max(warm),
    }
    for name, query in queries.items():
        times: list[float] = []
        slowest_filter, slowest = "", 0.0
        first = 0.0
        for label, usage in combinations.items():
            for run in range(args.runs):
                seconds = timed(lambda query=query, usage=usage: query(usage))
                if not first and run == 0:
                    first = seconds
                    continue
                times.append(seconds)
                if seconds > slowest:
                    slowest_filter, slowest = label, seconds
        results[name] = {"cold": first, "p50": statistics.median(times), "max": max(times)}
        print(
            f"{name:36} cold {first * 1000:7.1f} ms   p50 {results[name]['p50'] * 1000:7.1f} ms   "
            f"max {slowest * 1000:7.1f} ms ({slowest_filter})",
            flush=True,
        )
    print(
        f"{'filter options':36} cold {cold['filter options'] * 1000:7.1f} ms   p50 "
        f"{results['filter options']['p50'] * 1000:7.1f} ms   max {results['filter options']['max'] * 1000:7.1f} ms"
    )
    worst = max(max(figures["max"], figures["cold"]) for figures in results.values())
    verdict = "met" if worst < TARGET_SECONDS else "MISSED"
    print(f"slowest heatmap {worst * 1000:.0f} ms: target under {TARGET_SECONDS * 1000:.0f} ms {verdict}")
    print(
        json.dumps(
            {
                "events": sizes["analytics_events"],
                "runs": args.runs,
                "top_reps": len(top),
                "seconds": results,
                "reference_loop_seconds": round(reference, 3),
            }
        )
    )
    store.close()


if __name__ == "__main__":
    main()
