"""The figures behind marketing's usage heatmaps: assets by week, pages of one asset, searches by week.

Every query reads the rollup tables (``enablement_app.analytics.rollups``), never ``analytics_events``, so
each answers in well under a second on ten million events (``bench/bench_heatmaps.py``). The weekly
rollups are keyed week first, so a range of weeks is a range of the key. Filters by team, region, role
and rep tier are resolved on the small senders table first and reach the rollups as one
``sender IN (json_each(...))`` list; a filter that keeps every sender adds no condition at all.

Reps per cell (the tooltips' "by 9 reps") are counted apart, by ``count_reps``: a rollup row is one
sender's, so a cell's senders are its row count, and only reps with several senders (two computers, a
changed profile) need a distinct count, over their rows alone. That second pass costs as much as the grid
itself on a year of weeks, so the Usage page shows the grid first and the reps when they are counted.

What must stay true: weeks start on Monday (UTC) as the rollups count them, every week of a range is a
column even when nothing happened in it (zeros, not gaps), and a filter that matches nobody gives empty
figures, never an error or a division by zero.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

from sqlalchemy import Connection, func, select, text

from enablement_app.analytics.rollups import pending_events, readable_queries
from enablement_app.store import Store
from enablement_app.store.models import (
    AnalyticsEvent,
    AnalyticsSender,
    Asset,
    AssetActivity,
    AssetTag,
)

Measure = Literal["opens", "shares", "both"]
Tier = Literal["all", "top", "rest"]
MEASURES: tuple[Measure, ...] = ("opens", "shares", "both")
TIERS: tuple[Tier, ...] = ("all", "top", "rest")
DEFAULT_WEEKS = 12
STAGE_FACET = "stage"
# A page is "skipped" when it gets at most this share of the deck's typical (median) page's views, and only
# once the deck's most viewed page has at least SKIP_MIN_VIEWS views: with fewer, nothing is obvious.
SKIP_SHARE = 0.3
SKIP_MIN_VIEWS = 10


def week_of(day: dt.date) -> dt.date:
    """The Monday starting the week ``day`` is in, as the rollups key weeks."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class UsageFilter:
    """Which reps' usage, of which assets, in which weeks. An empty set means "any"."""

    first_week: dt.date
    last_week: dt.date
    teams: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    tier: Tier = "all"
    top_reps: frozenset[str] = frozenset()  # rep ids; only read when ``tier`` is "top" or "rest"
    stages: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.first_week.weekday() or self.last_week.weekday():
            raise ValueError("weeks start on Monday")
        if self.tier not in TIERS:
            raise ValueError(f"unknown rep tier {self.tier!r}")

    @classmethod
    def last_weeks(
        cls, clock: Callable[[], dt.datetime], weeks: int = DEFAULT_WEEKS, **choices: Any
    ) -> UsageFilter:
        """The ``weeks`` weeks ending with this one (by ``clock``, in UTC)."""
        last = week_of(clock().astimezone(dt.UTC).date())
        return cls(first_week=last - dt.timedelta(weeks=max(1, weeks) - 1), last_week=last, **choices)

    def with_weeks(self, first_week: dt.date, last_week: dt.date) -> UsageFilter:
        return replace(self, first_week=week_of(first_week), last_week=week_of(last_week))

    @property
    def weeks(self) -> tuple[dt.date, ...]:
        count = (self.last_week - self.first_week).days // 7 + 1
        return tuple(self.first_week + dt.timedelta(weeks=n) for n in range(max(0, count)))

    @property
    def filters_reps(self) -> bool:
        return bool(self.teams or self.regions or self.roles or self.tier != "all")


# -- filter options -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """What the filter bar offers, and how much usage there is at all (for the empty states)."""

    teams: tuple[str, ...]
    regions: tuple[str, ...]
    roles: tuple[str, ...]
    stages: tuple[str, ...]
    first_week: dt.date | None  # the week of the first use of any asset; None before any
    events_ingested: int
    events_pending: int  # ingested, but not in the rollups yet

    @property
    def has_usage(self) -> bool:
        return self.first_week is not None


def filter_options(store: Store) -> FilterOptions:
    with store.sessions() as session:
        senders = session.execute(
            select(AnalyticsSender.rep_team, AnalyticsSender.rep_region, AnalyticsSender.rep_role).distinct()
        ).all()
        stages = session.scalars(
            select(AssetTag.value).where(AssetTag.facet == STAGE_FACET).distinct().order_by(AssetTag.value)
        ).all()
        first_used = session.scalar(select(func.min(AssetActivity.first_used_at)))
        ingested = session.scalar(select(func.max(AnalyticsEvent.seq))) or 0

    def present(values: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({value for value in values if value}, key=str.casefold))

    return FilterOptions(
        teams=present(team for team, _, _ in senders),
        regions=present(region for _, region, _ in senders),
        roles=present(role for _, _, role in senders),
        stages=tuple(stages),
        first_week=None if first_used is None else week_of(first_used.date()),
        events_ingested=ingested,
        events_pending=pending_events(store) if ingested else 0,
    )


# -- resolving filters --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Senders:
    keys: list[int] | None  # the senders the filter keeps; None for every sender (no condition needed)
    shared: list[int]  # kept senders whose rep has other kept senders: only they need a distinct count


def _senders(connection: Connection, usage: UsageFilter) -> _Senders:
    statement = select(AnalyticsSender.key, AnalyticsSender.rep_id)
    if usage.teams:
        statement = statement.where(AnalyticsSender.rep_team.in_(sorted(usage.teams)))
    if usage.regions:
        statement = statement.where(AnalyticsSender.rep_region.in_(sorted(usage.regions)))
    if usage.roles:
        statement = statement.where(AnalyticsSender.rep_role.in_(sorted(usage.roles)))
    top = usage.top_reps
    kept = [
        (key, rep_id)
        for key, rep_id in connection.execute(statement)
        if usage.tier == "all" or (rep_id in top) == (usage.tier == "top")
    ]
    senders_of = Counter(rep_id for _, rep_id in kept)
    shared = sorted(key for key, rep_id in kept if senders_of[rep_id] > 1)
    return _Senders(sorted(key for key, _ in kept) if usage.filters_reps else None, shared)


def _in_json(column: str, name: str) -> str:
    """``column IN`` the JSON array bound as ``:name``: one parameter however long the list."""
    return f"{column} IN (SELECT value FROM json_each(:{name}))"


@dataclass(slots=True)
class _Conditions:
    """SQL conditions and parameters shared by the queries of one filter."""

    sql: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    nobody: bool = False  # the filter matches no sender: the answer is empty
    shared: list[int] = field(default_factory=list)

    def where(self) -> str:
        return " AND ".join(self.sql) if self.sql else "1"


def _conditions(
    connection: Connection, usage: UsageFilter, alias: str, *, weeks: bool = True, stages: bool = True
) -> _Conditions:
    found = _Conditions()
    senders = _senders(connection, usage)
    found.shared = senders.shared
    if senders.keys is not None:
        found.nobody = not senders.keys
        found.sql.append(_in_json(f"{alias}.sender", "senders"))
        found.params["senders"] = json.dumps(senders.keys)
    if weeks:
        found.sql.append(f"{alias}.week BETWEEN :first_week AND :last_week")
        found.params["first_week"] = usage.first_week.isoformat()
        found.params["last_week"] = usage.last_week.isoformat()
    if stages and usage.stages:
        found.sql.append(
            f"{alias}.asset_id IN (SELECT asset_id FROM asset_tags "
            f"WHERE facet = '{STAGE_FACET}' AND {_in_json('value', 'stages')})"
        )
        found.params["stages"] = json.dumps(sorted(usage.stages))
    return found


def _repeat_senders(connection: Connection, sql: str, conditions: _Conditions) -> dict[tuple[str, str], int]:
    """Per (week, asset or query), how many of the cell's senders belong to a rep another of its senders
    already counted: ``sql`` reads the rows of the shared senders alone."""
    if not conditions.shared:
        return {}
    params = {**conditions.params, "shared": json.dumps(conditions.shared)}
    return {
        (str(week), key): extra
        for week, key, extra in connection.execute(text(sql.format(where=conditions.where())), params)
    }


def _week_columns(weeks: Sequence[dt.date]) -> dict[str, int]:
    return {week.isoformat(): n for n, week in enumerate(weeks)}


# -- assets by week -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AssetWeekRow:
    asset_id: str
    title: str
    kind: str
    stages: tuple[str, ...]
    removed: bool
    opens: tuple[int, ...]  # one per week of the grid
    shares: tuple[int, ...]
    senders: tuple[int, ...]  # senders (a rep on a computer, with a profile) who opened or shared it
    values: tuple[int, ...]  # the grid's measure, per week
    total: int  # the measure over every week
    total_opens: int
    total_shares: int
    reps: tuple[int, ...] | None = None  # reps who opened or shared it, per week, once counted

    @property
    def stage(self) -> str:
        return ", ".join(self.stages)


@dataclass(frozen=True, slots=True)
class AssetWeekGrid:
    measure: Measure
    weeks: tuple[dt.date, ...]
    rows: tuple[AssetWeekRow, ...]  # most used first
    usage: UsageFilter | None = None  # what the figures are of, for ``count_reps``

    @property
    def highest(self) -> int:
        """The largest cell value: the top of the colour ramp."""
        return max((value for row in self.rows for value in row.values), default=0)


def _measured(measure: Measure, opens: int, shares: int) -> int:
    if measure == "opens":
        return opens
    if measure == "shares":
        return shares
    return opens + shares


_ASSET_CELLS = """
SELECT u.week, u.asset_id, sum(u.opens), sum(u.shares), count(*)
FROM usage_weekly AS u
WHERE {where} AND (u.opens > 0 OR u.shares > 0)
GROUP BY u.week, u.asset_id
"""
_ASSET_EXTRA_SENDERS = """
SELECT u.week, u.asset_id, count(*) - count(DISTINCT s.rep_id) AS extra
FROM usage_weekly AS u JOIN analytics_senders AS s ON s.key = u.sender
WHERE {where} AND u.sender IN (SELECT value FROM json_each(:shared)) AND (u.opens > 0 OR u.shares > 0)
GROUP BY u.week, u.asset_id
HAVING extra > 0
"""


@dataclass(frozen=True, slots=True)
class _AssetLabel:
    title: str
    kind: str
    stages: tuple[str, ...]
    removed: bool


def _asset_labels(connection: Connection, asset_ids: Collection[str]) -> dict[str, _AssetLabel]:
    if not asset_ids:
        return {}
    ids = json.dumps(sorted(asset_ids))
    stages: dict[str, list[str]] = defaultdict(list)
    for asset_id, value in connection.execute(
        select(AssetTag.asset_id, AssetTag.value)
        .where(
            AssetTag.facet == STAGE_FACET, AssetTag.asset_id.in_(text("SELECT value FROM json_each(:ids)"))
        )
        .order_by(AssetTag.asset_id, AssetTag.value),
        {"ids": ids},
    ):
        stages[asset_id].append(value)
    return {
        asset_id: _AssetLabel(title, kind, tuple(stages.get(asset_id, ())), removed_at is not None)
        for asset_id, title, kind, removed_at in connection.execute(
            select(Asset.id, Asset.title, Asset.kind, Asset.removed_at).where(
                Asset.id.in_(text("SELECT value FROM json_each(:ids)"))
            ),
            {"ids": ids},
        )
    }


def unknown_asset_title(asset_id: str) -> str:
    """What an asset that is not in this library is called: reps used it, marketing's folder lacks it."""
    return f"Asset not in the library ({asset_id[:8]})"


def asset_week_grid(
    store: Store,
    usage: UsageFilter,
    measure: Measure = "opens",
    *,
    limit: int | None = None,
    reps: bool = True,
) -> AssetWeekGrid:
    """Every asset opened or shared in the filter's weeks, with its ``measure`` per week, most used first
    (ties by title). ``limit`` keeps the first rows only; ``reps`` False leaves reps to ``count_reps``."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    weeks = usage.weeks
    column = _week_columns(weeks)
    with store.engine.connect() as connection:
        conditions = _conditions(connection, usage, "u")
        if conditions.nobody or not weeks:
            return AssetWeekGrid(measure, weeks, (), usage)
        cells: dict[str, list[list[int]]] = {}
        for week, asset_id, opens, shares, senders in connection.execute(
            text(_ASSET_CELLS.format(where=conditions.where())), conditions.params
        ):
            per_week = cells.setdefault(asset_id, [[0] * len(weeks) for _ in range(3)])
            n = column[str(week)]
            per_week[0][n], per_week[1][n], per_week[2][n] = opens, shares, senders
        labels = _asset_labels(connection, cells)
    rows = []
    for asset_id, (opens, shares, senders) in cells.items():
        label = labels.get(asset_id) or _AssetLabel(unknown_asset_title(asset_id), "", (), False)
        values = tuple(_measured(measure, o, s) for o, s in zip(opens, shares, strict=True))
        if not any(values):  # "shares" leaves out assets only opened
            continue
        rows.append(
            AssetWeekRow(
                asset_id=asset_id,
                title=label.title,
                kind=label.kind,
                stages=label.stages,
                removed=label.removed,
                opens=tuple(opens),
                shares=tuple(shares),
                senders=tuple(senders),
                values=values,
                total=sum(values),
                total_opens=sum(opens),
                total_shares=sum(shares),
            )
        )
    rows.sort(key=lambda row: (-row.total, row.title.casefold(), row.asset_id))
    grid = AssetWeekGrid(measure, weeks, tuple(rows if limit is None else rows[:limit]), usage)
    return count_reps(store, grid) if reps else grid


# -- the pages of one asset ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageFigures:
    page: int
    views: int
    dwell_ms: int
    reps: int
    reach: float | None  # views per open of the asset, at most 1; None when it was never opened

    @property
    def average_dwell_ms(self) -> int:
        return self.dwell_ms // self.views if self.views else 0


@dataclass(frozen=True, slots=True)
class PageRun:
    """Pages ``first`` to ``last`` (inclusive) that reps pass over."""

    first: int
    last: int
    to_the_end: bool  # the run ends with the last page: reps stop reading, rather than skip


@dataclass(frozen=True, slots=True)
class PageAttentionMap:
    asset_id: str
    title: str
    kind: str
    version: int  # of the asset, as events named it; 0 when they named none
    current_version: int | None  # the library's version; None when the asset is not in the library
    versions: tuple[tuple[int, int], ...]  # every version with page views, and its views, newest first
    opens: int  # opens of the asset (any version) by the filter's reps in its weeks
    reps: int  # reps who viewed any page of this version
    pages: tuple[PageFigures, ...]  # every page from 1, zeros for pages nobody viewed
    skipped: tuple[PageRun, ...]

    @property
    def highest_views(self) -> int:
        return max((page.views for page in self.pages), default=0)

    @property
    def views(self) -> int:
        return sum(page.views for page in self.pages)

    @property
    def is_current(self) -> bool:
        return self.current_version is not None and self.version == self.current_version


def skipped_pages(pages: Sequence[PageFigures]) -> tuple[PageRun, ...]:
    """Runs of pages after the first that get far fewer views than the deck's typical page, when that is
    obvious (enough views to tell); the first page is where every open lands, so it is never "skipped"."""
    if len(pages) < 3 or max(page.views for page in pages) < SKIP_MIN_VIEWS:
        return ()
    typical = statistics.median(page.views for page in pages)
    low = [page.page for page in pages[1:] if page.views <= SKIP_SHARE * typical]
    runs: list[PageRun] = []
    for number in low:
        if runs and runs[-1].last == number - 1:
            runs[-1] = PageRun(runs[-1].first, number, number == pages[-1].page)
        else:
            runs.append(PageRun(number, number, number == pages[-1].page))
    return tuple(runs)


_PAGE_VERSIONS = """
SELECT p.asset_version, sum(p.views) FROM page_attention_weekly AS p
WHERE p.asset_id = :asset_id AND {where} GROUP BY p.asset_version ORDER BY p.asset_version DESC
"""
_PAGES = """
SELECT p.page, sum(p.views), sum(p.dwell_ms), count(DISTINCT s.rep_id)
FROM page_attention_weekly AS p JOIN analytics_senders AS s ON s.key = p.sender
WHERE p.asset_id = :asset_id AND p.asset_version = :version AND {where}
GROUP BY p.page
"""
_PAGE_READERS = """
SELECT count(DISTINCT s.rep_id)
FROM page_attention_weekly AS p JOIN analytics_senders AS s ON s.key = p.sender
WHERE p.asset_id = :asset_id AND p.asset_version = :version AND {where}
"""
_ASSET_OPENS = """
SELECT coalesce(sum(u.opens), 0) FROM usage_weekly AS u WHERE u.asset_id = :asset_id AND {where}
"""


def page_attention(
    store: Store, asset_id: str, usage: UsageFilter, version: int | None = None
) -> PageAttentionMap:
    """Views, dwell time and reach of every page of one version of an asset, by the filter's reps in the
    filter's weeks (its stages do not apply: the asset is chosen). ``version`` None means the library's
    current version when reps viewed it in those weeks, else the newest version they viewed.
    """
    with store.engine.connect() as connection:
        conditions = _conditions(connection, usage, "p", stages=False)
        params = {**conditions.params, "asset_id": asset_id}
        asset = connection.execute(
            select(Asset.title, Asset.kind, Asset.version, Asset.page_count).where(Asset.id == asset_id)
        ).first()
        versions: tuple[tuple[int, int], ...] = ()
        if not conditions.nobody:
            versions = tuple(
                (number, views)
                for number, views in connection.execute(
                    text(_PAGE_VERSIONS.format(where=conditions.where())), params
                )
            )
        current = None if asset is None else asset.version
        if version is None:
            viewed = [number for number, _ in versions]
            version = current if current in viewed or not viewed else viewed[0]
            version = 0 if version is None else version
        rows: list[tuple[int, int, int, int]] = []
        opens = readers = 0
        if not conditions.nobody:
            params["version"] = version
            rows = [
                (int(page), int(views), int(dwell), int(reps))
                for page, views, dwell, reps in connection.execute(
                    text(_PAGES.format(where=conditions.where())), params
                )
            ]
            readers = connection.scalar(text(_PAGE_READERS.format(where=conditions.where())), params) or 0
            opens_conditions = _conditions(connection, usage, "u", stages=False)
            opens = (
                connection.scalar(
                    text(_ASSET_OPENS.format(where=opens_conditions.where())),
                    {**opens_conditions.params, "asset_id": asset_id},
                )
                or 0
            )
    by_page = {page: (views, dwell, reps) for page, views, dwell, reps in rows}
    page_count = max(by_page, default=0)
    if asset is not None and version == current:
        page_count = max(page_count, asset.page_count or 0)
    pages = tuple(
        PageFigures(
            page=number,
            views=by_page.get(number, (0, 0, 0))[0],
            dwell_ms=by_page.get(number, (0, 0, 0))[1],
            reps=by_page.get(number, (0, 0, 0))[2],
            reach=min(1.0, by_page.get(number, (0, 0, 0))[0] / opens) if opens else None,
        )
        for number in range(1, page_count + 1)
    )
    return PageAttentionMap(
        asset_id=asset_id,
        title=unknown_asset_title(asset_id) if asset is None else asset.title,
        kind="" if asset is None else asset.kind,
        version=version,
        current_version=current,
        versions=versions,
        opens=opens,
        reps=readers,
        pages=pages,
        skipped=skipped_pages(pages),
    )


# -- searches by week ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchTermRow:
    query: str  # as reps typed it most ("SOC 2 report"): what a person reads
    key: str  # the normalised query the rollups group by ("2 report soc")
    searches: tuple[int, ...]  # per week
    no_results: tuple[int, ...]
    not_opened: tuple[int, ...]
    senders: tuple[int, ...]  # senders (a rep on a computer, with a profile) who searched for it
    total: int
    total_no_results: int
    total_not_opened: int
    reps: tuple[int, ...] | None = None  # reps who searched for it, per week, once counted


@dataclass(frozen=True, slots=True)
class SearchTermGrid:
    weeks: tuple[dt.date, ...]
    rows: tuple[SearchTermRow, ...]  # most searched first, then alphabetically as they read
    queries: int  # distinct queries in the weeks, before ``limit``
    usage: UsageFilter | None = None  # what the figures are of, for ``count_reps``

    @property
    def highest(self) -> int:
        return max((value for row in self.rows for value in row.searches), default=0)


_SEARCH_CELLS = """
SELECT q.week, q.query, sum(q.searches), sum(q.no_results), sum(q.not_opened), count(*)
FROM search_weekly AS q
WHERE {where}
GROUP BY q.week, q.query
"""
_SEARCH_EXTRA_SENDERS = """
SELECT q.week, q.query, count(*) - count(DISTINCT s.rep_id) AS extra
FROM search_weekly AS q JOIN analytics_senders AS s ON s.key = q.sender
WHERE {where} AND q.sender IN (SELECT value FROM json_each(:shared))
GROUP BY q.week, q.query
HAVING extra > 0
"""


def search_term_grid(
    store: Store, usage: UsageFilter, limit: int = 40, *, reps: bool = True
) -> SearchTermGrid:
    """What reps searched for in the filter's weeks, the ``limit`` most searched queries, week by week,
    with how many of those searches found nothing. Stages do not apply: a search names no asset. Queries
    are grouped as the rollups group them and read as reps typed them most (``readable_queries``), the
    same in every grid. ``reps`` False leaves reps to ``count_reps``."""
    weeks = usage.weeks
    column = _week_columns(weeks)
    with store.engine.connect() as connection:
        conditions = _conditions(connection, usage, "q", stages=False)
        if conditions.nobody or not weeks:
            return SearchTermGrid(weeks, (), 0, usage)
        cells: dict[str, list[list[int]]] = {}
        for week, key, searches, no_results, not_opened, senders in connection.execute(
            text(_SEARCH_CELLS.format(where=conditions.where())), conditions.params
        ):
            row = cells.setdefault(key, [[0] * len(weeks) for _ in range(4)])
            n = column[str(week)]
            row[0][n], row[1][n], row[2][n], row[3][n] = searches, no_results, not_opened, senders
        totals = {key: sum(row[0]) for key, row in cells.items()}
        # only the queries that can make the cut are named: the first ``limit``, and any tied with the last
        # of them, since how they read decides the tie
        ranked = sorted(totals.values(), reverse=True)
        least = ranked[limit - 1] if 0 < limit <= len(ranked) else 0
        readable = readable_queries(connection, [key for key, total in totals.items() if total >= least])
    picked = sorted(readable, key=lambda key: (-totals[key], readable[key].casefold(), readable[key]))
    rows = tuple(_search_row(readable[key], key, *cells[key]) for key in picked[: max(0, limit)])
    grid = SearchTermGrid(weeks, rows, len(cells), usage)
    return count_reps(store, grid) if reps else grid


def _search_row(
    query: str,
    key: str,
    searches: list[int],
    no_results: list[int],
    not_opened: list[int],
    senders: list[int],
) -> SearchTermRow:
    return SearchTermRow(
        query=query,
        key=key,
        searches=tuple(searches),
        no_results=tuple(no_results),
        not_opened=tuple(not_opened),
        senders=tuple(senders),
        total=sum(searches),
        total_no_results=sum(no_results),
        total_not_opened=sum(not_opened),
    )


# -- reps per cell --------------------------------------------------------------------------------------

Grid = TypeVar("Grid", AssetWeekGrid, SearchTermGrid)


def count_reps(store: Store, grid: Grid) -> Grid:
    """``grid`` with the reps of every cell: its senders, less those of a rep another of them already
    counted. One more pass over the shared senders' rows of the grid's weeks."""
    usage = grid.usage
    if usage is None or not grid.rows:
        return grid
    weeks = [week.isoformat() for week in grid.weeks]
    with store.engine.connect() as connection:
        if isinstance(grid, AssetWeekGrid):
            conditions = _conditions(connection, usage, "u")
            extra = _repeat_senders(connection, _ASSET_EXTRA_SENDERS, conditions)
            asset_rows = tuple(
                replace(row, reps=_less(row.senders, weeks, row.asset_id, extra)) for row in grid.rows
            )
            return replace(grid, rows=asset_rows)
        conditions = _conditions(connection, usage, "q", stages=False)
        extra = _repeat_senders(connection, _SEARCH_EXTRA_SENDERS, conditions)
        search_rows = tuple(replace(row, reps=_less(row.senders, weeks, row.key, extra)) for row in grid.rows)
        return replace(grid, rows=search_rows)


def _less(
    senders: Sequence[int], weeks: Sequence[str], key: str, extra: dict[tuple[str, str], int]
) -> tuple[int, ...]:
    return tuple(count - extra.get((week, key), 0) for week, count in zip(weeks, senders, strict=True))
