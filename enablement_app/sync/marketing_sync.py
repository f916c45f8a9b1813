"""Marketing's side of sync: ingest every rep's events from the hub, publish the signed catalog and the
company-wide figures reps see next to each asset.

Ingesting stores a pulled page of events, the quarantine reasons and the hub cursor in one transaction, so
a crash never moves the cursor past events that were not stored, and storing the same events again (after
a crash before the commit) changes nothing: event ids are unique.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from enablement_app.analytics.event_table import EventRows, Senders, append_rows, event_rows
from enablement_app.analytics.quarters import Quarter
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.catalog import MANIFEST_NAME, Catalog, CatalogError, load_catalog
from enablement_app.catalog.changes import changed_keys
from enablement_app.catalog.field_tips import changed_field_tips
from enablement_app.catalog.manifest import parse_catalog
from enablement_app.catalog.playlists import playlists_changed
from enablement_app.onboarding.published_progress import publish_onboarding_progress
from enablement_app.store import Store
from enablement_app.store.models import (
    AnalyticsSender,
    HubQuarantine,
    PageAttention,
    RatingLatest,
    Setting,
    UsageWeek,
)
from enablement_app.sync.catalog_signing import sign_catalog
from enablement_app.sync.hub import BEST_PAGES, Aggregates, AssetFigures, Hub, Quarantined

INGEST_CURSOR = "hub_ingest_cursor"
PULL_LIMIT = 100_000


@dataclass(slots=True)
class IngestReport:
    new_events: int = 0
    pulled_events: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def duplicates(self) -> int:
        return self.pulled_events - self.new_events


def ingest(
    store: Store,
    hub: Hub,
    *,
    clock: Callable[[], dt.datetime],
    should_stop: Callable[[], bool] = lambda: False,
    limit: int = PULL_LIMIT,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Pull everything new from the hub into the analytics store; safe to stop or kill at any point.
    ``progress(pulled)`` after each page, with the events pulled so far.

    Reading the hub and storing overlap: while one thread stores a page (SQLite works without Python's
    global lock, see ``append_rows``), this one pulls and prepares the next, which about doubles the rate
    on two cores. Pages are stored one at a time and in order, so the stored cursor only ever moves forward
    over stored events.
    """
    report = IngestReport()
    cursor = store.get_setting(INGEST_CURSOR) or None
    with store.engine.connect() as connection:
        senders = Senders.load(connection)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-store") as writer:
        storing: Future[int] | None = None
        while True:
            if should_stop():
                report.cancelled = True
                break
            pulled = hub.pull_events(cursor, limit=limit)
            page = _Page(event_rows(pulled.events, senders, clock()), pulled.quarantined, pulled.cursor)
            if storing is not None:
                report.new_events += storing.result()
            storing = writer.submit(_store_page, store, page)
            report.pulled_events += len(pulled.events)
            report.quarantined.extend((item.name, item.reason) for item in pulled.quarantined)
            cursor = pulled.cursor
            if progress is not None:
                progress(report.pulled_events)
            if not pulled.more:
                break
        if storing is not None:
            report.new_events += storing.result()
    return report


@dataclass(frozen=True, slots=True)
class _Page:
    rows: EventRows
    quarantined: tuple[Quarantined, ...]
    cursor: str | None


def _store_page(store: Store, page: _Page) -> int:
    """Store a pulled page's events, quarantine reasons and cursor in one transaction."""
    with store.sessions.begin() as session:
        new = append_rows(session.connection(), page.rows)
        for item in page.quarantined:
            session.merge(
                HubQuarantine(name=item.name, reason=item.reason, quarantined_at=page.rows.ingested_at)
            )
        if page.cursor is not None:
            session.merge(Setting(key=INGEST_CURSOR, value=page.cursor))
    return new


def compute_aggregates(
    store: Store, *, clock: Callable[[], dt.datetime], top_reps: Collection[str] = ()
) -> Aggregates:
    """Per asset, across every rep: opens, shares, the average of each rep's newest rating, how many rated
    it "used in a deal", and how often top reps opened it (top reps come from the CRM import); and in the
    calendar quarter of ``clock()``, how many distinct top reps opened or shared it, how often they shared
    it and the pages they dwelt on most (what reps see as "used by 3 of the top reps this quarter").

    Read from the rollups, brought up to date first: grouping ten million events would take a minute.
    """
    refresh_rollups(store)
    now = clock()
    figures: dict[str, dict[str, float]] = {}

    def entry(asset_id: str) -> dict[str, float]:
        return figures.setdefault(
            asset_id, {"opens": 0, "shares": 0, "ratings": 0, "stars": 0, "deal": 0, "top": 0}
        )

    with store.sessions() as session:
        totals = session.execute(
            select(UsageWeek.asset_id, func.sum(UsageWeek.opens), func.sum(UsageWeek.shares))
            .group_by(UsageWeek.asset_id)
            .having(func.sum(UsageWeek.opens) + func.sum(UsageWeek.shares) > 0)
        )
        for asset_id, opens, shares in totals:
            row = entry(asset_id)
            row["opens"], row["shares"] = opens, shares
        if top_reps:
            top_senders = select(AnalyticsSender.key).where(AnalyticsSender.rep_id.in_(list(top_reps)))
            top_opens = session.execute(
                select(UsageWeek.asset_id, func.sum(UsageWeek.opens))
                .where(UsageWeek.sender.in_(top_senders))
                .group_by(UsageWeek.asset_id)
            )
            for asset_id, opens in top_opens:
                if opens:
                    entry(asset_id)["top"] = opens
            quarter = _top_reps_this_quarter(session, top_senders, Quarter.of(now))
            for asset_id, (reps, shares) in quarter.used.items():
                row = entry(asset_id)
                row["quarter_reps"], row["quarter_shares"] = reps, shares
        else:
            quarter = _QuarterUse({}, {})
        # Each rep's newest rating of each asset counts once, as on a rep's own machine.
        ratings = session.execute(
            select(
                RatingLatest.asset_id,
                func.count(),
                func.sum(RatingLatest.stars),
                func.sum(case((RatingLatest.used_in_deal, 1), else_=0)),
            ).group_by(RatingLatest.asset_id)
        )
        for asset_id, count, stars, deals in ratings:
            row = entry(asset_id)
            row["ratings"], row["stars"], row["deal"] = count, stars, deals
    assets = {
        asset_id: AssetFigures(
            asset_id=asset_id,
            opens=int(row["opens"]),
            shares=int(row["shares"]),
            ratings=int(row["ratings"]),
            average_rating=round(row["stars"] / row["ratings"], 2) if row["ratings"] else None,
            used_in_deal=int(row["deal"]),
            top_rep_opens=int(row["top"]),
            top_reps_this_quarter=int(row.get("quarter_reps", 0)),
            top_rep_shares=int(row.get("quarter_shares", 0)),
            best_pages=quarter.best_pages.get(asset_id, ()),
        )
        for asset_id, row in figures.items()
    }
    return Aggregates(generated_at=now, assets=assets)


@dataclass(frozen=True, slots=True)
class _QuarterUse:
    used: dict[str, tuple[int, int]]  # asset id -> (distinct top reps who opened or shared it, their shares)
    best_pages: dict[str, tuple[int, ...]]  # asset id -> the pages top reps dwelt on most, most first


def _top_reps_this_quarter(session: Session, top_senders: Select[int], quarter: Quarter) -> _QuarterUse:
    """What top reps did with each asset in ``quarter``: how many of them used it (a rep counts once,
    whatever their devices), how often they shared it, and the pages they dwelt on most."""
    in_quarter = (UsageWeek.week >= quarter.first_week, UsageWeek.week < quarter.end_week)
    used = {
        asset_id: (int(reps), int(shares or 0))
        for asset_id, reps, shares in session.execute(
            select(
                UsageWeek.asset_id,
                func.count(func.distinct(AnalyticsSender.rep_id)),
                func.sum(UsageWeek.shares),
            )
            .join(AnalyticsSender, AnalyticsSender.key == UsageWeek.sender)
            .where(UsageWeek.sender.in_(top_senders), *in_quarter, UsageWeek.opens + UsageWeek.shares > 0)
            .group_by(UsageWeek.asset_id)
        )
    }
    dwell = func.sum(PageAttention.dwell_ms)
    pages: dict[str, list[int]] = {}
    for asset_id, page, _dwell in session.execute(
        select(PageAttention.asset_id, PageAttention.page, dwell)
        .where(
            PageAttention.sender.in_(top_senders),
            PageAttention.week >= quarter.first_week,
            PageAttention.week < quarter.end_week,
        )
        .group_by(PageAttention.asset_id, PageAttention.page)
        .having(dwell > 0)
        .order_by(PageAttention.asset_id, dwell.desc(), PageAttention.page)
    ):
        found = pages.setdefault(asset_id, [])
        if len(found) < BEST_PAGES:
            found.append(page)
    return _QuarterUse(used, {asset_id: tuple(found) for asset_id, found in pages.items()})


@dataclass(frozen=True, slots=True)
class Published:
    serial: int
    assets_in_catalog: int
    assets_with_figures: int
    top_reps_picks: int = 0  # assets whose figures earn the "Top reps' pick" chip
    used_by_top_reps: int = 0  # assets top reps opened or shared this quarter ("used by N of the top reps")


def publish(
    store: Store,
    hub: Hub,
    key: Ed25519PrivateKey,
    library_root: Path,
    *,
    clock: Callable[[], dt.datetime],
    top_reps: Collection[str] = (),
) -> Published:
    """Sign the collateral folder's catalog with the next serial and publish it with fresh figures;
    ``top_reps`` are rep ids (``enablement_app.analytics.top_reps.select_top_reps``)."""
    try:
        manifest = (library_root / MANIFEST_NAME).read_bytes()
    except OSError as error:
        raise CatalogError(
            f"{MANIFEST_NAME} in {library_root} cannot be read: {error.strerror or error}"
        ) from error
    catalog = parse_catalog(manifest.decode("utf-8-sig"))  # never sign a manifest reps could not read
    current = hub.catalog()
    serial = (current.serial if current is not None else 0) + 1
    hub.publish_catalog(sign_catalog(key, manifest, serial=serial, published_at=clock()))
    aggregates = compute_aggregates(store, clock=clock, top_reps=top_reps)
    hub.publish_aggregates(aggregates)
    # every new hire's progress through the catalog's playlists, for managers' "Team onboarding"
    publish_onboarding_progress(store, hub, catalog, clock=clock)
    picks = sum(1 for figures in aggregates.assets.values() if figures.top_reps_pick)
    used = sum(1 for figures in aggregates.assets.values() if figures.top_reps_this_quarter)
    return Published(serial, len(catalog.entries), len(aggregates.assets), picks, used)


def unpublished_changes(hub: Hub, library_root: Path) -> int:
    """How many assets the folder's catalog governs otherwise than the catalog last published on the hub
    (every asset before the first publish), plus one when the share address changed, plus each promoted
    field tip and each playlist added, removed or edited: what a publish would bring reps. Raises
    ``CatalogError`` when the folder's catalog cannot be read, ``HubError`` when the hub cannot."""
    draft = load_catalog(library_root) or Catalog()
    signed = hub.catalog()
    published = (
        parse_catalog(signed.manifest.decode("utf-8-sig"), source="the hub's catalog")
        if signed is not None
        else Catalog()
    )

    def entries(catalog: Catalog) -> dict[str, object]:
        return {key: entry.to_json() for key, entry in catalog.entries.items()}

    return (
        changed_keys(entries(published), entries(draft))
        + changed_field_tips(draft.field_tips, published.field_tips)
        + playlists_changed(draft.playlists, published.playlists)
        + (draft.share_base_url != published.share_base_url)
    )
