"""Shows the Reports page's monthly alignment dashboard on a generated team, to look at it (and screenshot
it under Xvfb).

    .venv/bin/python -m tests.ui.reports_page_demo --theme dark [--data full|quiet|none] [--months 6]
        [--report top-reps|dead-content|content-gaps|ratings|alignment]

``full``: the Usage page demo's library and 12 weeks of 40 reps' usage, with ratings given in some months
and not in others. ``quiet``: a data folder with no library and one open long ago, so every chart has
nothing to draw. ``none``: no usage ingested at all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

from sqlalchemy import update

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset, AssetTag
from tests.analytics.usage_events import Rep, ingest
from tests.ui.usage_page_demo import NOW, build


def _approve(workspace: Workspace) -> None:
    """The demo's extra assets approved, and a few approved assets nobody opens: partly covered stages."""
    with workspace.store.sessions.begin() as session:
        session.execute(update(Asset).where(Asset.path.like("extra/%")).values(status="approved"))
        for number, stage in enumerate(("awareness", "awareness", "evaluation", "decision", None)):
            asset_id = f"unopened{number:024x}"
            session.add(
                Asset(
                    id=asset_id,
                    path=f"unopened/{number}.pdf",
                    title=f"Unopened asset {number}",
                    kind="pdf",
                    size=1,
                    mtime_ns=1,
                    page_count=4,
                    content_hash=asset_id,
                    first_seen_at=NOW,
                    content_changed_at=NOW,
                    status="approved",
                    tags=[AssetTag(facet="stage", value=stage)] if stage else [],
                )
            )


def _ratings(workspace: Workspace) -> None:
    """Ratings in most months of the usage, none in one of them: a broken line."""
    rng = random.Random(7)
    with workspace.store.sessions() as session:
        assets = sorted(asset.id for asset in session.query(Asset))
    reps = [Rep(f"Rater{n:02d} Person") for n in range(20)]
    events = [rep.profile(-dt.timedelta(days=400)) for rep in reps]
    for days_ago, ratings, mood in ((150, 6, 3.2), (110, 0, 0), (75, 9, 3.6), (45, 14, 3.9), (12, 11, 4.3)):
        for _ in range(ratings):
            stars = max(1, min(5, round(rng.gauss(mood, 0.9))))
            when = NOW - dt.timedelta(days=days_ago + rng.randrange(10))
            events.append(rng.choice(reps).event("rate", rng.choice(assets), when, stars=stars, comment=""))
    ingest(workspace.store, events)
    refresh_rollups(workspace.store)


def _quiet(folder: Path) -> Workspace:
    workspace = Workspace(DataPaths(folder / "data"), clock=lambda: NOW, workers=1)
    ingest(workspace.store, [Rep("Early Rep").event("open", "f" * 32, NOW - dt.timedelta(days=400))])
    refresh_rollups(workspace.store)
    return workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--data", choices=("full", "quiet", "none"), default="full")
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--table", action="store_true", help="switch to the tables")
    parser.add_argument("--report", default="alignment", help="the report to open, e.g. top-reps")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from ui.marketing.reports_page import ReportsPage
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app, args.theme)
    with tempfile.TemporaryDirectory() as folder:
        if args.data == "quiet":
            workspace = _quiet(Path(folder))
        else:
            workspace = build(Path(folder), empty=args.data == "none")
            if args.data == "full":
                _approve(workspace)
                _ratings(workspace)
        tasks = TaskRunner()
        page = ReportsPage(
            workspace.store,
            tasks,
            clock=lambda: NOW,
            choose_csv=lambda *_: None,
            choose_png=lambda *_: None,
            choose_crm_file=lambda *_: None,
        )
        page.setWindowTitle("Reports — Enablement Library")
        page.setContentsMargins(16, 12, 16, 12)
        page.resize(1300, 820)
        page.months.setValue(args.months)
        if args.table:
            page.view_switch.buttons["table"].click()
        page.show()
        page.show_report(args.report)  # after the first show, which opens the alignment dashboard
        code = app.exec()
        tasks.shutdown()
        workspace.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
