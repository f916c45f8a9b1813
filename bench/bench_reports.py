"""How fast marketing's insight reports answer on a big analytics store.

Run from the checkout: ``.venv/bin/python bench/bench_reports.py [--events N] [--out DIR] [--repeat N]``.

The store is ``bench/analytics_corpus.py``'s (default 10,000,000 events, reused when already built): a
year of 400 reps' usage of 600 assets, with its rollups and a CRM import. Each report
(``report_views.build_report``, exactly what `enablement report NAME` and the app's Reports page run once
the rollups are up to date) is timed ``--repeat`` times after one warm-up run; the first, cold run is
printed too. So are choosing the top reps and a refresh with nothing new (what every report pays first).
Target: every report under 1 s. It prints each figure, then one JSON line (``... | tail -1``); it
measures and never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.analytics_corpus import DEFAULT_OUT, END, build
from bench.machine_speed import describe, reference_loop_seconds
from enablement_app.analytics.report_views import REPORTS, ReportParams, build_report
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.analytics.top_reps import select_top_reps

TARGET_SECONDS = 1.0


def _time(run: object) -> float:
    assert callable(run)
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, default=None, help="the corpus's data folder")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out = args.out or (
        DEFAULT_OUT if args.events == 10_000_000 else DEFAULT_OUT.with_name(f"analytics-{args.events}")
    )
    reference = reference_loop_seconds()
    load = os.getloadavg()[0]
    print(f"reference loop: {describe(reference)}; load {load:.1f}")
    store = build(out, args.events)
    today = END.date()
    params = ReportParams()
    figures: dict[str, dict[str, float]] = {}
    try:
        refresh = _time(lambda: refresh_rollups(store))
        print(f"refresh with nothing new: {refresh * 1000:.1f} ms")
        top = _time(lambda: select_top_reps(store))
        print(f"choosing the top reps: {top * 1000:.1f} ms")
        print(f"\n{'report':<14} {'cold':>8} {'median':>8} {'max':>8}  rows")
        for name in REPORTS:
            cold = _time(lambda name=name: build_report(store, name, today, params))
            times = [
                _time(lambda name=name: build_report(store, name, today, params)) for _ in range(args.repeat)
            ]
            view = build_report(store, name, today, params)
            rows = "/".join(str(len(table.rows)) for table in view.tables)
            median, worst = statistics.median(times), max(times)
            verdict = "ok" if max(worst, cold) < TARGET_SECONDS else "SLOW"
            print(f"{name:<14} {cold:>7.3f}s {median:>7.3f}s {worst:>7.3f}s  {rows}  {verdict}")
            figures[name] = {"cold_s": round(cold, 4), "median_s": round(median, 4), "max_s": round(worst, 4)}
    finally:
        store.close()
    print(f"\nload at the end {os.getloadavg()[0]:.1f}; target: every report under {TARGET_SECONDS:.0f} s")
    print(
        json.dumps(
            {
                "events": args.events,
                "reference_loop_seconds": round(reference, 3),
                "load_start": round(load, 2),
                "refresh_noop_ms": round(refresh * 1000, 2),
                "top_reps_ms": round(top * 1000, 2),
                "reports": figures,
            }
        )
    )


if __name__ == "__main__":
    main()
