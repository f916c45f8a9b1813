"""A marketing analytics store with a year of a sales team's usage, for the report and heatmap benchmarks.

Run from the checkout: ``.venv/bin/python bench/analytics_corpus.py [--events N] [--out DIR]`` (default
10,000,000 events into ``bench/out/analytics-10m``; a store already made with the same figures is reused).

The usage is shaped like a real team's, so rollups have realistic sizes: 400 reps in 6 teams and 4 regions
(some on two computers) and 600 approved assets with Zipf-like popularity; reps work in sessions on
weekdays (a search, most of the time an open, page views mostly in order with some slides skipped, now and
then a share or a rating); a tenth of the searches find nothing, and a fifth find something nobody opens.
The top quarter of reps by a hidden skill favour a known set of assets, so top-rep reports have a true
answer. Events go in through ``enablement_app.analytics.event_table`` as ``enablement hub ingest``
stores them, then the rollups are derived with ``refresh_rollups``; the time of each step is printed.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import json
import random
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import uuid6

from enablement_app.analytics.event_table import EventRows, Senders, append_rows, stored_time
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.paths import DataPaths
from enablement_app.store import Store, open_store
from enablement_app.store.models import Asset, AssetTag, RepPerformance
from enablement_app.usage.events import compact_json

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "analytics-10m"
END = dt.datetime(2026, 11, 20, 18, 0, tzinfo=dt.UTC)  # a Friday evening: "now" for the reports
DAYS = 364
TEAMS = ("Enterprise", "Mid-market", "SMB", "Public sector", "Partners", "Renewals")
REGIONS = ("EMEA", "NA", "APAC", "LATAM")
STAGES = ("awareness", "consideration", "decision", "onboarding")
PRODUCTS = ("Lumora Analytics", "Lumora Cloud", "Lumora Edge")
PERSONAS = ("CFO", "CIO", "Head of Sales", "Operations")
KINDS = (("pdf", 0.55), ("pptx", 0.3), ("docx", 0.1), ("md", 0.05))
TOPICS = (
    "pricing", "security", "roi", "integration", "migration", "retail", "banking", "healthcare",
    "manufacturing", "onboarding", "competitor", "battlecard", "case study", "discount", "renewal",
    "compliance", "gdpr", "sso", "api", "dashboard", "forecast", "implementation", "support", "sla",
)  # fmt: skip
# What reps look for and the library lacks: these searches find nothing.
GAPS = (
    "soc 2 report",
    "german pricing",
    "insurance case study",
    "sap integration",
    "hipaa",
    "churn playbook",
)
PAGE = 20_000  # events per stored page, as ingest stores a pulled page


@dataclass(frozen=True, slots=True)
class CorpusRep:
    rep_id: str
    name: str
    email: str
    team: str
    region: str
    role: str
    devices: tuple[str, ...]
    skill: float  # hidden: quota attainment follows it, top reps favour the "top picks"


@dataclass(frozen=True, slots=True)
class CorpusAsset:
    asset_id: str
    title: str
    kind: str
    pages: int
    stage: str


def _reps(rng: random.Random, count: int) -> list[CorpusRep]:
    first = ("Ana", "Ben", "Cal", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kim", "Lou", "Max", "Nia")
    reps = []
    for number in range(count):
        role = "new_hire" if number % 10 == 9 else "manager" if number % 25 == 0 else "rep"
        devices = tuple(
            str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(1 + (number % 7 == 0))
        )
        name = f"{first[number % len(first)]} Rep{number:03d}"
        reps.append(
            CorpusRep(
                rep_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                name=name,
                email=f"{name.split()[0].lower()}.rep{number:03d}@lumora.example",
                team=TEAMS[number % len(TEAMS)],
                region=REGIONS[(number // len(TEAMS)) % len(REGIONS)],
                role=role,
                devices=devices,
                skill=rng.random(),
            )
        )
    return reps


def _assets(rng: random.Random, count: int) -> list[CorpusAsset]:
    assets = []
    for number in range(count):
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        topic = TOPICS[number % len(TOPICS)]
        label = {"pdf": "guide", "pptx": "deck", "docx": "brief", "md": "notes"}[kind]
        assets.append(
            CorpusAsset(
                asset_id=hashlib.sha256(f"asset-{number}".encode()).hexdigest()[:32],
                title=f"{topic.title()} {label} {number:03d}",
                kind=kind,
                pages=rng.randint(8, 40) if kind in ("pdf", "pptx") else rng.randint(2, 10),
                stage=STAGES[number % len(STAGES)],
            )
        )
    return assets


def _store_library(
    store: Store, assets: list[CorpusAsset], reps: list[CorpusRep], rng: random.Random
) -> None:
    """The approved assets (titles and stages for the reports) and a CRM import of every rep's quarter."""
    now = END
    with store.sessions.begin() as session:
        for number, asset in enumerate(assets):
            path = f"{asset.stage}/{asset.title.lower().replace(' ', '-')}.{asset.kind}"
            session.add(
                Asset(
                    id=asset.asset_id,
                    path=path,
                    title=asset.title,
                    kind=asset.kind,
                    size=100_000 + number,
                    mtime_ns=0,
                    page_count=asset.pages,
                    content_hash=hashlib.sha256(path.encode()).hexdigest(),
                    status="retired" if number % 50 == 49 else "approved",
                    approved_by="marketing",
                    approved_at=now - dt.timedelta(days=400),
                    expires_at=(now + dt.timedelta(days=number % 90)).date() if number % 9 == 0 else None,
                    first_seen_at=now - dt.timedelta(days=400),
                    content_changed_at=now - dt.timedelta(days=400),
                    tags=[
                        AssetTag(facet="stage", value=asset.stage),
                        AssetTag(facet="product", value=PRODUCTS[number % len(PRODUCTS)]),
                        AssetTag(facet="persona", value=PERSONAS[number % len(PERSONAS)]),
                    ],
                )
            )
        for rep in reps:
            session.add(
                RepPerformance(
                    email=rep.email,
                    period="2026-Q3",
                    name=rep.name,
                    quota_attainment=round(0.4 + rep.skill + rng.uniform(-0.05, 0.05), 3),
                    win_rate=round(0.1 + 0.4 * rep.skill, 3),
                    imported_at=now,
                )
            )


class _Zipf:
    """Draws indexes 0..n-1 with weight 1/(rank+1)^s: a few assets get most of the use."""

    def __init__(self, rng: random.Random, n: int, s: float = 1.05) -> None:
        self.rng = rng
        total = 0.0
        self.cumulative = []
        for rank in range(n):
            total += 1.0 / (rank + 1) ** s
            self.cumulative.append(total)
        self.total = total

    def draw(self) -> int:
        return bisect.bisect_left(self.cumulative, self.rng.random() * self.total)


def _events(
    rng: random.Random, reps: list[CorpusRep], assets: list[CorpusAsset], count: int
) -> Iterator[tuple[CorpusRep, str, str, dt.datetime, str | None, dict[str, object]]]:
    """(rep, device, kind, time, asset id, details) in time order, ``count`` of them."""
    top_cut = sorted(rep.skill for rep in reps)[int(len(reps) * 0.75)]
    popular = list(range(len(assets)))
    rng.shuffle(popular)
    top_picks = popular[:30]  # what top reps favour: mid-popular assets, so the lift is visible
    by_popularity = _Zipf(rng, len(assets))
    queries = _Zipf(rng, len(TOPICS) * 3)
    activity = list(itertools.accumulate(0.3 + rep.skill for rep in reps))
    start = END - dt.timedelta(days=DAYS)
    weekdays = [day for day in range(DAYS) if (start + dt.timedelta(days=day)).weekday() < 5]
    per_day = count / len(weekdays)
    made = 0
    for position, day in enumerate(weekdays):
        quota = round(per_day * (position + 1)) - round(per_day * position)
        if position == len(weekdays) - 1:
            quota = count - made
        morning = start.replace(hour=7, minute=0, second=0, microsecond=0) + dt.timedelta(days=day)
        day_events: list[tuple[CorpusRep, str, str, dt.datetime, str | None, dict[str, object]]] = []
        while len(day_events) < quota:
            rep = rng.choices(reps, cum_weights=activity)[0]
            device = rep.devices[0] if len(rep.devices) == 1 or rng.random() < 0.7 else rep.devices[1]
            moment = morning + dt.timedelta(seconds=rng.randrange(11 * 3600))
            session: list[tuple[str, str | None, dict[str, object]]] = []
            if rng.random() < 0.1:
                session.append(
                    ("search", None, {"query": rng.choice(GAPS), "result_count": 0, "clicked_rank": None})
                )
                moment += dt.timedelta(seconds=20)
            if rep.skill >= top_cut and rng.random() < 0.5:
                asset_index = rng.choice(top_picks)
            else:
                asset_index = popular[by_popularity.draw()]
            asset = assets[asset_index]
            if rng.random() < 0.7:
                topic = TOPICS[queries.draw() % len(TOPICS)]
                words = f"{topic} {rng.choice(('', 'deck', 'pdf', asset.stage, 'cfo'))}".strip()
                query = words.upper() if rng.random() < 0.05 else words
                results = rng.randint(1, 40)
                if rng.random() < 0.2:
                    session.append(
                        ("search", None, {"query": query, "result_count": results, "clicked_rank": None})
                    )
                    day_events.extend(_stamp(rep, device, moment, session))
                    continue
                rank = min(results, 1 + int(rng.expovariate(0.6)))
                session.append(
                    (
                        "search",
                        asset.asset_id,
                        {"query": query, "result_count": results, "clicked_rank": rank},
                    )
                )
            session.append(("open", asset.asset_id, {"target": "preview" if rng.random() < 0.8 else "file"}))
            page = 1
            for _ in range(rng.randint(1, min(asset.pages, 10))):
                dwell = int(rng.lognormvariate(9.6, 0.9))  # about 15 s, a long tail
                session.append(("page_view", asset.asset_id, {"page": page, "dwell_ms": dwell}))
                page += 1 if rng.random() < 0.8 else rng.randint(2, 4)  # decks get skipped through
                if page > asset.pages:
                    break
            if rng.random() < 0.12:
                channel = rng.choice(("email", "link", "clipboard", "saved_copy"))
                session.append(("share", asset.asset_id, {"channel": channel}))
            if rng.random() < 0.02:
                stars = max(1, min(5, round(rng.gauss(3.8 if asset_index in top_picks else 3.4, 1.0))))
                comment = rng.choice(("", "", "great for CFO calls", "too long", "outdated numbers"))
                session.append(
                    (
                        "rate",
                        asset.asset_id,
                        {"stars": stars, "comment": comment, "used_in_deal": rng.random() < 0.3},
                    )
                )
            day_events.extend(_stamp(rep, device, moment, session))
        day_events.sort(key=lambda event: event[3])
        yield from day_events[:quota]
        made += min(quota, len(day_events))


def _stamp(
    rep: CorpusRep, device: str, moment: dt.datetime, session: list[tuple[str, str | None, dict[str, object]]]
) -> Iterator[tuple[CorpusRep, str, str, dt.datetime, str | None, dict[str, object]]]:
    for step, (kind, asset_id, details) in enumerate(session):
        yield rep, device, kind, moment + dt.timedelta(seconds=15 * step), asset_id, details


def _uuid7_at(moment: dt.datetime, rng: random.Random) -> str:
    """A version-7 id for an event in the past: time-ordered like the ids reps' apps give."""
    millis = int(moment.timestamp() * 1000)
    value = (millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62) | rng.getrandbits(62)
    return str(uuid6.UUID(int=value))


def build(out: Path, events: int, reps_count: int = 400, assets_count: int = 600, seed: int = 7) -> Store:
    """The store at ``out`` with ``events`` events and their rollups (reused when already built alike)."""
    marker = out / "corpus.json"
    wanted = {"events": events, "reps": reps_count, "assets": assets_count, "seed": seed, "format": 1}
    paths = DataPaths(out)
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        print(f"reusing {out} ({events:,} events)")
        return open_store(paths.database)
    if paths.database.exists():
        for leftover in out.glob("library.sqlite*"):
            leftover.unlink()
    marker.unlink(missing_ok=True)
    paths.ensure()
    store = open_store(paths.database)
    rng = random.Random(seed)
    reps = _reps(rng, reps_count)
    assets = _assets(rng, assets_count)
    _store_library(store, assets, reps, rng)

    started = time.perf_counter()
    with store.engine.connect() as connection:
        senders = Senders.load(connection)
    ingested_at = END
    profiles = [
        (
            rep,
            rep.devices[0],
            "profile",
            END - dt.timedelta(days=DAYS + 1),
            None,
            {"name": rep.name, "email": rep.email},
        )
        for rep in reps
    ]
    stored = 0
    page: list[list[object]] = []

    def flush() -> None:
        nonlocal stored
        rows = EventRows(compact_json(page), len(page), senders.take_unsaved(), ingested_at)
        with store.sessions.begin() as session:
            stored += append_rows(session.connection(), rows)
        page.clear()

    for rep, device, kind, moment, asset_id, details in itertools.chain(
        profiles, _events(rng, reps, assets, events - len(profiles))
    ):
        key = senders.key((rep.rep_id, device, rep.team, rep.region, rep.role))
        page.append(
            [
                _uuid7_at(moment, rng),
                kind,
                stored_time(moment),
                key,
                asset_id,
                1 if asset_id else None,
                details,
            ]
        )
        if len(page) == PAGE:
            flush()
            if stored % 1_000_000 < PAGE:
                print(f"  {stored:,} events stored, {time.perf_counter() - started:.0f} s", flush=True)
    if page:
        flush()
    generated = time.perf_counter() - started
    print(f"generated and stored {stored:,} events in {generated:.1f} s ({stored / generated:,.0f}/s)")

    started = time.perf_counter()
    report = refresh_rollups(store)
    rolled = time.perf_counter() - started
    print(
        f"rolled up {report.events:,} events in {rolled:.1f} s ({report.events / max(rolled, 1e-9):,.0f}/s)"
    )
    with store.engine.connect() as connection:
        for table in (
            "usage_weekly",
            "page_attention_weekly",
            "search_weekly",
            "rating_latest",
            "analytics_reps",
        ):
            rows = connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            print(f"  {table}: {rows:,} rows")
    marker.write_text(json.dumps(wanted))
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--reps", type=int, default=400)
    parser.add_argument("--assets", type=int, default=600)
    parser.add_argument(
        "--out", type=Path, default=None, help="the data folder (default bench/out/analytics-10m)"
    )
    args = parser.parse_args()
    out = args.out or (
        DEFAULT_OUT if args.events == 10_000_000 else DEFAULT_OUT.with_name(f"analytics-{args.events}")
    )
    build(out, args.events, args.reps, args.assets).close()


if __name__ == "__main__":
    main()
