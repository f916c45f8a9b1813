"""Shows the Usage page on a generated team's usage, to look at it (and screenshot it under Xvfb).

    .venv/bin/python -m tests.ui.usage_page_demo --theme dark [--chart assets|searches|pages] [--empty]

A throwaway data folder gets a small collateral folder (a 12-page pricing PDF whose pages 7 to 9 reps skip,
a deck, a guide), a dozen more library assets, and 12 weeks of 40 reps' opens, shares, page views and
searches, seeded, so every run looks the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.catalog import Catalog, CatalogEntry, save_catalog
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset, AssetTag
from enablement_app.usage.events import UsageEvent
from tests.analytics.usage_events import Rep, ingest
from tests.builders import make_docx, make_pdf, make_pptx

NOW = dt.datetime(2026, 11, 19, 15, 0, tzinfo=dt.UTC)
TEAMS = ("Enterprise", "Mid-market", "SMB", "Public sector")
REGIONS = ("EMEA", "NA", "APAC")
QUERIES = (
    "pricing",
    "retail case study",
    "SOC 2 report",
    "ROI calculator",
    "battlecard Forecastly",
    "German pricing",
    "security questionnaire",
    "CFO deck",
    "onboarding",
    "discount approval",
    "SAP integration",
    "renewal playbook",
)
UNANSWERED = ("SOC 2 report", "German pricing", "SAP integration")
EXTRA_TITLES = (
    ("ROI calculator guide", "consideration"),
    ("Security whitepaper 2026", "decision"),
    ("Retail case study: Acme Stores", "consideration"),
    ("Banking case study: Northbank", "consideration"),
    ("Competitive battlecard: Forecastly", "decision"),
    ("Discovery call script", "awareness"),
    ("Implementation timeline (enterprise)", "decision"),
    ("Partner programme overview", "awareness"),
    ("Renewal conversation guide", "onboarding"),
    ("Executive summary one-pager", "awareness"),
    ("Data residency FAQ for EU customers", "decision"),
)


def _library(root: Path) -> None:
    root.mkdir(parents=True)
    pages = [
        f"Pricing sheet 2026, page {n}.\n\n" + "Team plan, seats, discounts and terms. " * 12
        for n in range(1, 13)
    ]
    make_pdf(root / "pricing-2026.pdf", pages, title="Pricing sheet 2026")
    make_pptx(
        root / "forecast-pitch.pptx",
        [(f"Slide {n}", "Why forecasts miss", "") for n in range(1, 11)],
        title="Lumora Forecast pitch deck",
    )
    make_docx(
        root / "onboarding.docx",
        [("Your first week", "Shadow three calls.")],
        title="New rep onboarding guide",
    )
    save_catalog(
        root,
        Catalog(
            library="Demo collateral",
            entries={
                "pricing-2026.pdf": CatalogEntry(status="approved", facets={"stage": ("decision",)}),
                "forecast-pitch.pptx": CatalogEntry(status="approved", facets={"stage": ("consideration",)}),
                "onboarding.docx": CatalogEntry(status="approved", facets={"stage": ("onboarding",)}),
            },
        ),
    )


def _extra_assets(workspace: Workspace) -> list[str]:
    ids = []
    with workspace.store.sessions.begin() as session:
        for number, (title, stage) in enumerate(EXTRA_TITLES):
            asset_id = f"{number:032x}"
            session.add(
                Asset(
                    id=asset_id,
                    path=f"extra/{number}.pdf",
                    title=title,
                    kind=("pdf", "pptx", "docx")[number % 3],
                    size=1,
                    mtime_ns=1,
                    page_count=8,
                    content_hash=asset_id,
                    first_seen_at=NOW,
                    content_changed_at=NOW,
                    tags=[AssetTag(facet="stage", value=stage)],
                )
            )
            ids.append(asset_id)
    return ids


def _usage(ids: list[str], pricing: str, rng: random.Random) -> list[UsageEvent]:
    reps = [
        Rep(
            f"Rep{n:02d} Person",
            team=TEAMS[n % 4],
            region=REGIONS[n % 3],
            role="manager" if n % 10 == 0 else "rep",
        )
        for n in range(40)
    ]
    monday = NOW.date() - dt.timedelta(days=NOW.weekday())
    events: list[UsageEvent] = []
    typing = random.Random(11)  # apart, so the usage is the same whatever reps type
    for week in range(12):
        start = dt.datetime.combine(monday - dt.timedelta(weeks=week), dt.time(9), tzinfo=dt.UTC)
        for rank, asset_id in enumerate(ids):
            # popular assets get more use; a launch three weeks ago lifts the pricing sheet
            weight = 30 / (rank + 1) * (2.2 if asset_id == pricing and week < 3 else 1.0)
            if rank == 7 and week in (4, 5):
                weight = 0  # a quiet fortnight: zeros in the grid
            for _ in range(int(rng.expovariate(1 / max(weight, 0.01)))):
                rep = rng.choice(reps)
                when = start + dt.timedelta(hours=rng.randrange(100))
                events.append(rep.event("open", asset_id, when, target="preview"))
                if rng.random() < 0.18:
                    events.append(rep.event("share", asset_id, when, channel="email"))
                if asset_id == pricing:
                    for page in range(1, 13):
                        if page in (7, 8, 9) and rng.random() < 0.9:
                            continue
                        if page > 10 and rng.random() < 0.4:
                            continue
                        dwell = int(rng.lognormvariate(9.3 + (0.8 if page in (2, 4) else 0), 0.6))
                        events.append(rep.event("page_view", asset_id, when, page=page, dwell_ms=dwell))
        for position, query in enumerate(QUERIES):
            for _ in range(int(rng.expovariate(1 / (14 / (position + 1))))):
                rep = rng.choice(reps)
                found = 0 if query in UNANSWERED else rng.randint(1, 9)
                when = start + dt.timedelta(hours=rng.randrange(100))
                events.append(
                    rep.event("search", None, when, query=_typed(query, typing), result_count=found)
                )
    return events


def _typed(query: str, rng: random.Random) -> str:
    """A query as a rep types it: mostly as listed, now and then in lower case or the other way round."""
    roll = rng.random()
    if roll < 0.25:
        return query.lower()
    if roll < 0.35:
        return " ".join(reversed(query.split()))
    return query


def build(folder: Path, *, empty: bool = False) -> Workspace:
    library = folder / "collateral"
    _library(library)
    workspace = Workspace(DataPaths(folder / "data"), clock=lambda: NOW, workers=1)
    workspace.index(library)
    if empty:
        return workspace
    with workspace.store.sessions() as session:
        indexed = {asset.title: asset.id for asset in session.query(Asset)}
    pricing = indexed["Pricing sheet 2026"]
    ids = [
        pricing,
        indexed["Lumora Forecast pitch deck"],
        *_extra_assets(workspace),
        indexed["New rep onboarding guide"],
    ]
    ingest(workspace.store, _usage(ids, pricing, random.Random(5)))
    refresh_rollups(workspace.store)
    return workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--chart", choices=("assets", "searches", "pages"), default="assets")
    parser.add_argument("--empty", action="store_true", help="no usage at all: the empty state")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from ui.marketing.page_thumbnails import LibraryPageThumbnails
    from ui.marketing.usage_page import UsagePage
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app, args.theme)
    with tempfile.TemporaryDirectory() as folder:
        workspace = build(Path(folder), empty=args.empty)
        tasks = TaskRunner()
        thumbnails = LibraryPageThumbnails(workspace.store)
        top = frozenset(list(_top_reps(workspace))[:8])
        page = UsagePage(
            workspace.store, tasks, clock=lambda: NOW, top_reps=lambda: top, thumbnails=thumbnails
        )
        page.setWindowTitle("Usage — Enablement Library")
        page.setContentsMargins(16, 12, 16, 12)
        page.resize(1360, 820)

        def show_chart(chart: str) -> None:
            if args.chart == "searches" and chart == "assets":
                page.tabs.setCurrentIndex(1)
            elif args.chart == "pages" and chart == "assets" and page.asset_model.rowCount():
                page.open_asset(page.asset_model.row(0).asset_id, page.asset_model.row(0).title)

        page.figures_shown.connect(show_chart)
        page.show()
        code = app.exec()
        tasks.shutdown()
        thumbnails.close()
        workspace.close()
    return code


def _top_reps(workspace: Workspace) -> list[str]:
    from enablement_app.store.models import AnalyticsSender

    with workspace.store.sessions() as session:
        return sorted({sender.rep_id for sender in session.query(AnalyticsSender)})


if __name__ == "__main__":
    raise SystemExit(main())
