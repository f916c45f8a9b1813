"""Marketing's insight reports: what top reps use, dead content, content gaps, ratings, and the monthly
alignment both teams read.

Every report reads the rollups (``enablement_app.analytics.rollups``) with the library's assets, the
senders and the reps, never the events, so it answers in well under a second on ten million events;
callers bring the rollups up to date first (``refresh_rollups``). Figures are counted in SQL; Python only
shapes the few hundred rows that come back. The rollups count usage by week (weeks start on Monday, UTC),
so "the last N days" of usage means the weeks that overlap them, and a month's usage is that of the weeks
starting in it; when an asset was last opened is kept to the second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace

from sqlalchemy import (
    Select,
    and_,
    case,
    distinct,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from enablement_app.analytics.rollups import readable_queries
from enablement_app.analytics.top_reps import TopReps, TopRepSettings, select_top_reps
from enablement_app.store import Store
from enablement_app.store.models import (
    AnalyticsEvent,
    AnalyticsRep,
    AnalyticsSender,
    Asset,
    AssetActivity,
    AssetTag,
    RatingLatest,
    RatingMonth,
    SearchWeek,
    UsageWeek,
)

DEFAULT_DAYS = 90
DEFAULT_MONTHS = 6
DEFAULT_GAPS = 50
NO_STAGE = "(no stage)"
# Funnel stages in the order a buyer meets them; other stages follow in alphabetical order.
FUNNEL_ORDER = (
    "awareness",
    "interest",
    "discovery",
    "consideration",
    "evaluation",
    "decision",
    "purchase",
    "negotiation",
    "onboarding",
    "adoption",
    "renewal",
    "expansion",
)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def first_week(today: dt.date, days: int) -> dt.date:
    """The first week (a Monday) of usage "in the last ``days`` days": the week holding the first of them."""
    return monday(today - dt.timedelta(days=days - 1))


def usage_ingested(store: Store) -> bool:
    """Whether any rep's usage was ever ingested (the events' primary key answers at once)."""
    with store.sessions() as session:
        return session.scalar(select(func.max(AnalyticsEvent.seq))) is not None


def live_assets(today: dt.date) -> Select[str]:
    """The ids of the assets reps see on ``today``: approved, not expired, present, and not superseded by
    a newer version reps see (as ``enablement_app.library.search`` decides for a card)."""
    newer = aliased(Asset)
    # NOT IN a list SQLite makes once; a correlated NOT EXISTS read every asset again for each asset
    superseded = select(newer.supersedes_id).where(
        newer.supersedes_id.is_not(None),
        newer.status == "approved",
        newer.removed_at.is_(None),
        or_(newer.expires_at.is_(None), newer.expires_at >= today),
    )
    return select(Asset.id).where(
        Asset.status == "approved",
        Asset.removed_at.is_(None),
        or_(Asset.expires_at.is_(None), Asset.expires_at >= today),
        Asset.id.not_in(superseded),
    )


@dataclass(frozen=True, slots=True)
class AssetName:
    title: str
    path: str


def _asset_names(store: Store, asset_ids: Collection[str]) -> dict[str, AssetName]:
    """Titles and paths of assets the rollups name; an asset this computer never indexed is left out."""
    wanted = sorted(asset_ids)
    names: dict[str, AssetName] = {}
    with store.sessions() as session:
        for start in range(0, len(wanted), 500):
            rows = session.execute(
                select(Asset.id, Asset.title, Asset.path).where(Asset.id.in_(wanted[start : start + 500]))
            )
            names.update((asset_id, AssetName(title, path)) for asset_id, title, path in rows)
    return names


def _name(names: dict[str, AssetName], asset_id: str) -> AssetName:
    return names.get(asset_id) or AssetName(f"(asset {asset_id[:8]}, not in this library)", "")


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a fraction; None when there is no whole to divide by."""
    return part / whole if whole else None


# -- top reps -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopRepAsset:
    """One asset top reps used (opened, paged through or shared): how many of the top reps and of the
    other reps did."""

    asset_id: str
    title: str
    path: str
    top_reps_used: int
    top_reps: int
    other_reps_used: int
    other_reps: int

    @property
    def top_share(self) -> float | None:
        return share(self.top_reps_used, self.top_reps)

    @property
    def other_share(self) -> float | None:
        return share(self.other_reps_used, self.other_reps)

    @property
    def lift(self) -> float | None:
        """How many times more likely a top rep used it than another rep; None when no other rep did
        (then only top reps use it: see ``lift_note``)."""
        top, other = self.top_share, self.other_share
        if top is None or not other:
            return None
        return top / other

    @property
    def lift_note(self) -> str:
        if self.lift is not None:
            return ""
        if self.other_reps == 0:
            return "no other reps to compare with"
        return "only top reps used it"


@dataclass(frozen=True, slots=True)
class TopRepsReport:
    top: TopReps
    since: dt.date  # the first week counted
    days: int
    top_reps: int  # top reps (people, by e-mail) who use the app
    other_reps: int  # the period's other CRM reps who use the app
    rows: tuple[TopRepAsset, ...]


def top_reps_report(
    store: Store,
    today: dt.date,
    *,
    days: int = DEFAULT_DAYS,
    settings: TopRepSettings | None = None,
    min_top_reps: int = 1,
) -> TopRepsReport:
    """The assets top reps used (opened, paged through or shared) in the last ``days`` days, highest lift
    first.

    Both groups are people of the CRM import who use the app (matched by e-mail; a rep on two computers
    counts once): the share of top reps who used an asset is compared with the share of the period's
    other CRM reps who did. Lift = top share / other share; an asset no other rep used ranks first, with
    a note instead of a lift. Ties rank by the top reps' share, then the others' (fewer first), then title.
    """
    top = select_top_reps(store, settings)
    since = first_week(today, days)
    top_ids, other_ids = sorted(top.rep_ids), sorted(top.other_rep_ids)
    rows: list[tuple[str, int, int]] = []
    with store.sessions() as session:
        reps = session.execute(
            select(AnalyticsRep.rep_id, AnalyticsRep.email).where(
                AnalyticsRep.rep_id.in_(top_ids + other_ids)
            )
        ).all()
        top_count = len({email for rep_id, email in reps if rep_id in top.rep_ids})
        other_count = len({email for rep_id, email in reps if rep_id in top.other_rep_ids})
        if top_ids:
            # The senders of the CRM's reps with their e-mail (a person) and group, once; then every
            # asset's weeks from the asset index alone (asset, week, sender: no table row is read and
            # nothing is sorted), each row joined to its person through the automatic index SQLite
            # builds on this small table. Grouping every window's row by sender and asset cost more.
            people = (
                select(
                    AnalyticsSender.key,
                    AnalyticsRep.email,
                    AnalyticsSender.rep_id.in_(top_ids).label("top"),
                )
                .join(AnalyticsRep, AnalyticsRep.rep_id == AnalyticsSender.rep_id)
                .where(AnalyticsSender.rep_id.in_(top_ids + other_ids))
                .cte("people")
                .prefix_with("MATERIALIZED")
            )
            top_used = func.count(distinct(case((people.c.top == 1, people.c.email))))
            statement = (
                select(
                    UsageWeek.asset_id,
                    top_used,
                    func.count(distinct(case((people.c.top == 0, people.c.email)))),
                )
                .join(people, people.c.key == UsageWeek.sender)
                .where(UsageWeek.week >= since)
                .group_by(UsageWeek.asset_id)
                .having(top_used >= max(1, min_top_reps))
            )
            rows = [
                (asset, int(top_used), int(other_used))
                for asset, top_used, other_used in session.execute(statement)
            ]
    names = _asset_names(store, [row[0] for row in rows])
    assets = [
        TopRepAsset(
            asset_id=asset_id,
            title=_name(names, asset_id).title,
            path=_name(names, asset_id).path,
            top_reps_used=top_used,
            top_reps=top_count,
            other_reps_used=other_used,
            other_reps=other_count,
        )
        for asset_id, top_used, other_used in rows
    ]
    assets.sort(
        key=lambda row: (
            -(row.lift if row.lift is not None else float("inf")),
            -(row.top_share or 0),
            row.other_share or 0,
            row.title.casefold(),
        )
    )
    return TopRepsReport(top, since, days, top_count, other_count, tuple(assets))


# -- dead content ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeadAsset:
    asset_id: str
    title: str
    path: str
    stages: tuple[str, ...]
    approved_at: dt.datetime | None
    last_opened_at: dt.datetime | None  # None: never opened

    def days_unopened(self, today: dt.date) -> int | None:
        return None if self.last_opened_at is None else (today - self.last_opened_at.date()).days


@dataclass(frozen=True, slots=True)
class DeadContentReport:
    today: dt.date
    days: int
    approved: int  # assets reps see
    used: int  # of them, opened in the last ``days`` days
    rows: tuple[DeadAsset, ...]  # the others: never opened first, then the longest unopened

    @property
    def share_used(self) -> float | None:
        return share(self.used, self.approved)

    def summary(self) -> str:
        if not self.approved:
            return "No approved assets in the library"
        return (
            f"{self.used} of {self.approved} approved assets ({self.share_used or 0:.0%}) "
            f"used in the last {self.days} days"
        )


def dead_content_report(store: Store, today: dt.date, *, days: int = DEFAULT_DAYS) -> DeadContentReport:
    """Approved, unexpired assets nobody opened in the last ``days`` days, never-opened ones first (the
    longest approved first), then by when they were last opened; and how much of the library is used."""
    cutoff = dt.datetime.combine(today - dt.timedelta(days=days), dt.time(), tzinfo=dt.UTC)
    live = live_assets(today).subquery()
    opened_lately = AssetActivity.last_opened_at >= cutoff
    with store.sessions() as session:
        approved, used = session.execute(
            select(func.count(), func.count(case((opened_lately, 1))))
            .select_from(live)
            .outerjoin(AssetActivity, AssetActivity.asset_id == live.c.id)
        ).one()
        stages = (
            select(AssetTag.asset_id, func.group_concat(AssetTag.value, "\x1f").label("stages"))
            .where(AssetTag.facet == "stage")
            .group_by(AssetTag.asset_id)
            .subquery()
        )
        rows = session.execute(
            select(
                Asset.id,
                Asset.title,
                Asset.path,
                stages.c.stages,
                Asset.approved_at,
                AssetActivity.last_opened_at,
            )
            .join(live, live.c.id == Asset.id)
            .outerjoin(AssetActivity, AssetActivity.asset_id == Asset.id)
            .outerjoin(stages, stages.c.asset_id == Asset.id)
            .where(or_(AssetActivity.last_opened_at.is_(None), ~opened_lately))
            .order_by(
                AssetActivity.last_opened_at.is_not(None),
                AssetActivity.last_opened_at,
                Asset.approved_at,
                Asset.title,
            )
        ).all()
    dead = tuple(
        DeadAsset(
            asset_id=asset_id,
            title=title,
            path=path,
            stages=tuple(sorted(stage_list.split("\x1f"))) if stage_list else (),
            approved_at=approved_at,
            last_opened_at=last_opened_at,
        )
        for asset_id, title, path, stage_list, approved_at, last_opened_at in rows
    )
    return DeadContentReport(today, days, int(approved), int(used), dead)


# -- content gaps ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContentGap:
    """A normalised query whose searches found nothing or nothing anyone opened."""

    query: str  # as reps typed it most ("SOC 2 report"): what a person reads
    key: str  # the normalised query the rollups group by ("2 report soc")
    reps: int  # reps who met the gap: a search of theirs found nothing, or nothing they opened
    searches: int  # every search for the query in the window
    no_results: int
    not_opened: int
    last_week: dt.date  # the last week it went unanswered

    @property
    def rank(self) -> tuple[int, int]:
        """Gaps met by more reps come first, then those unanswered more often."""
        return (-self.reps, -(self.no_results + self.not_opened))


@dataclass(frozen=True, slots=True)
class ContentGapsReport:
    since: dt.date
    days: int
    searches: int  # every search with words in the window
    rows: tuple[ContentGap, ...]


def content_gaps_report(
    store: Store, today: dt.date, *, days: int = DEFAULT_DAYS, limit: int = DEFAULT_GAPS
) -> ContentGapsReport:
    """The ``limit`` unanswered queries of the last ``days`` days met by the most reps; ties rank by how
    often the query went unanswered, then alphabetically as the queries read (``readable_queries``)."""
    since = first_week(today, days)
    failed = SearchWeek.no_results + SearchWeek.not_opened
    reps = func.count(distinct(AnalyticsSender.rep_id))
    unanswered = func.sum(failed)
    with store.sessions() as session:
        searches = session.scalar(select(func.sum(SearchWeek.searches)).where(SearchWeek.week >= since))
        # Only the rows of unanswered searches are grouped (a third of them): grouping every search of
        # the window by query cost more than the rest of the report.
        ranked = session.execute(
            select(
                SearchWeek.query,
                reps,
                func.sum(SearchWeek.no_results),
                func.sum(SearchWeek.not_opened),
                func.max(SearchWeek.week),
            )
            .join(AnalyticsSender, AnalyticsSender.key == SearchWeek.sender)
            .where(SearchWeek.week >= since, failed > 0)
            .group_by(SearchWeek.query)
            .order_by(reps.desc(), unanswered.desc())
        )
        # The first ``limit`` queries and any tied with the last of them: how they read decides ties.
        found: list[ContentGap] = []
        for key, rep_count, none, unopened, last in ranked:
            gap = ContentGap(key, key, int(rep_count), 0, int(none), int(unopened), _as_date(last))
            if len(found) >= limit and (not found or gap.rank != found[-1].rank):
                break
            found.append(gap)
        ranked.close()
        readable = readable_queries(session, [gap.key for gap in found])
        shown = sorted(
            (replace(gap, query=readable[gap.key]) for gap in found),
            key=lambda gap: (gap.rank, gap.query.casefold(), gap.query),
        )[: max(0, limit)]
        totals = dict(
            session.execute(
                select(SearchWeek.query, func.sum(SearchWeek.searches))
                .where(SearchWeek.week >= since, SearchWeek.query.in_([gap.key for gap in shown]))
                .group_by(SearchWeek.query)
            ).all()
        )
    gaps = tuple(replace(gap, searches=int(totals.get(gap.key) or 0)) for gap in shown)
    return ContentGapsReport(since, days, int(searches or 0), gaps)


def _opens_by_asset(session: Session, since: dt.date) -> dict[str, int]:
    """Every asset's opens in the weeks from ``since``: summed by week and asset first, in the order of
    the rollup's key, so only the weeks' range is read and no row is sorted."""
    by_week = (
        select(UsageWeek.asset_id, func.sum(UsageWeek.opens).label("opens"))
        .where(UsageWeek.week >= since)
        .group_by(UsageWeek.week, UsageWeek.asset_id)
        .subquery()
    )
    rows = session.execute(select(by_week.c.asset_id, func.sum(by_week.c.opens)).group_by(by_week.c.asset_id))
    return {asset_id: int(opens or 0) for asset_id, opens in rows}


def _as_date(value: object) -> dt.date:
    """A date SQLite hands back from an aggregate as text ("2026-11-02")."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# -- ratings --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RatingComment:
    rep: str  # the rep's name as they announced it, or "a rep" when they never did
    stars: int
    comment: str
    used_in_deal: bool
    rated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class RatedAsset:
    asset_id: str
    title: str
    path: str
    average: float  # of each rep's newest rating
    ratings: int
    used_in_deal: int  # reps whose newest rating says they used it in a deal
    opens: int  # in the last ``days`` days of the report
    comments: tuple[RatingComment, ...]  # newest first


@dataclass(frozen=True, slots=True)
class RatingsReport:
    rows: tuple[RatedAsset, ...]  # lowest rated first, then the most opened

    @property
    def ratings(self) -> int:
        return sum(row.ratings for row in self.rows)


def ratings_report(
    store: Store, today: dt.date, *, days: int = DEFAULT_DAYS, used_in_deal_only: bool = False
) -> RatingsReport:
    """Per rated asset: the average of each rep's newest rating, how many rated it and used it in a deal,
    its opens in the last ``days`` days and the comments; lowest rated first, and of equally rated ones
    the most opened first."""
    with store.sessions() as session:
        rated = session.execute(
            select(
                RatingLatest.asset_id,
                func.avg(RatingLatest.stars),
                func.count(),
                func.sum(case((RatingLatest.used_in_deal, 1), else_=0)),
            ).group_by(RatingLatest.asset_id)
        ).all()
        if used_in_deal_only:
            rated = [row for row in rated if row[3]]
        rated_ids = [row[0] for row in rated]
        opens = _opens_by_asset(session, first_week(today, days))
        comments: dict[str, list[RatingComment]] = {}
        for asset_id, name, stars, comment, deal, rated_at in session.execute(
            select(
                RatingLatest.asset_id,
                AnalyticsRep.name,
                RatingLatest.stars,
                RatingLatest.comment,
                RatingLatest.used_in_deal,
                RatingLatest.rated_at,
            )
            .outerjoin(AnalyticsRep, AnalyticsRep.rep_id == RatingLatest.rep_id)
            .where(RatingLatest.comment != "")
            .order_by(RatingLatest.rated_at.desc())
        ):
            comments.setdefault(asset_id, []).append(
                RatingComment(name or "a rep", int(stars), comment, bool(deal), rated_at)
            )
    names = _asset_names(store, rated_ids)
    rows = [
        RatedAsset(
            asset_id=asset_id,
            title=_name(names, asset_id).title,
            path=_name(names, asset_id).path,
            average=float(average),
            ratings=int(count),
            used_in_deal=int(deals or 0),
            opens=int(opens.get(asset_id) or 0),
            comments=tuple(comments.get(asset_id, ())),
        )
        for asset_id, average, count, deals in rated
    ]
    rows.sort(key=lambda row: (round(row.average, 6), -row.opens, row.title.casefold()))
    return RatingsReport(tuple(rows))


# -- the monthly alignment dashboard --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlignmentMonth:
    month: dt.date  # the first of the month
    opens: int
    shares: int
    active_reps: int  # reps who opened, viewed or shared anything
    assets_used: int
    ratings: int  # every rating given that month, changed ones too
    average_rating: float | None


@dataclass(frozen=True, slots=True)
class StageCoverage:
    stage: str
    approved: int  # assets reps see with this stage
    used: int  # of them, opened in the last ``days`` days

    @property
    def share_used(self) -> float | None:
        return share(self.used, self.approved)


@dataclass(frozen=True, slots=True)
class AlignmentReport:
    today: dt.date
    days: int  # the window of "used" for the stages
    months: tuple[AlignmentMonth, ...]  # oldest first, every month of the window even when empty
    stages: tuple[StageCoverage, ...]  # in funnel order

    @property
    def has_usage(self) -> bool:
        return any(month.opens or month.shares or month.active_reps for month in self.months)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_back(today: dt.date, count: int) -> list[dt.date]:
    """The first days of the ``count`` months up to and including today's, oldest first."""
    year, month = today.year, today.month
    firsts = []
    for _ in range(count):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def funnel_key(stage: str) -> tuple[int, int, str]:
    folded = stage.casefold()
    if stage == NO_STAGE:
        return (2, 0, "")
    if folded in FUNNEL_ORDER:
        return (0, FUNNEL_ORDER.index(folded), folded)
    return (1, 0, folded)


def alignment_report(
    store: Store, today: dt.date, *, months: int = DEFAULT_MONTHS, days: int = DEFAULT_DAYS
) -> AlignmentReport:
    """Per month of the last ``months``: opens, shares, active reps, assets used and the ratings given;
    per funnel stage: the approved assets and the share of them opened in the last ``days`` days."""
    firsts = months_back(today, months)
    start = firsts[0]
    # One pass over the weeks' range of the rollup's key, in its order: each week's sums and the lists of
    # the assets and senders it had (SQLite keeps a small set per week). The months' distinct assets and
    # reps are then unions of a few hundred ids per week; distinct counts over every row sorted them all.
    weekly = (
        select(
            UsageWeek.week,
            func.sum(UsageWeek.opens),
            func.sum(UsageWeek.shares),
            func.group_concat(distinct(UsageWeek.asset_id)),
            func.group_concat(distinct(UsageWeek.sender)),
        )
        .where(UsageWeek.week >= start)
        .group_by(UsageWeek.week)
    )
    usage: dict[dt.date, tuple[int, int, set[str], set[str]]] = {}
    with store.sessions() as session:
        rep_of = dict(session.execute(select(AnalyticsSender.key, AnalyticsSender.rep_id)).all())
        for week, opens, shares, asset_list, sender_list in session.execute(weekly):
            month = month_start(_as_date(week))
            total_opens, total_shares, assets, reps = usage.get(month, (0, 0, set(), set()))
            assets.update((asset_list or "").split(","))
            reps.update(rep_of[int(key)] for key in (sender_list or "").split(",") if key)
            usage[month] = (total_opens + int(opens or 0), total_shares + int(shares or 0), assets, reps)
        rated = {
            _as_date(month): (int(count), int(stars))
            for month, count, stars in session.execute(
                select(RatingMonth.month, func.sum(RatingMonth.ratings), func.sum(RatingMonth.stars))
                .where(RatingMonth.month >= start)
                .group_by(RatingMonth.month)
            )
        }
        cutoff = dt.datetime.combine(today - dt.timedelta(days=days), dt.time(), tzinfo=dt.UTC)
        live = live_assets(today).subquery()
        stage = func.coalesce(AssetTag.value, literal(NO_STAGE))
        coverage = session.execute(
            select(
                stage,
                func.count(distinct(live.c.id)),
                func.count(distinct(case((AssetActivity.last_opened_at >= cutoff, live.c.id)))),
            )
            .select_from(live)
            .outerjoin(AssetTag, and_(AssetTag.asset_id == live.c.id, AssetTag.facet == "stage"))
            .outerjoin(AssetActivity, AssetActivity.asset_id == live.c.id)
            .group_by(stage)
        ).all()
    month_rows = []
    for first in firsts:
        opens, shares, assets, reps = usage.get(first, (0, 0, set(), set()))
        count, stars = rated.get(first, (0, 0))
        assets.discard("")
        month_rows.append(
            AlignmentMonth(
                first, opens, shares, len(reps), len(assets), count, stars / count if count else None
            )
        )
    stages = sorted(
        (StageCoverage(name, int(approved), int(used)) for name, approved, used in coverage),
        key=lambda row: funnel_key(row.stage),
    )
    return AlignmentReport(today, days, tuple(month_rows), tuple(stages))
