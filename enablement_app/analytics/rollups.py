"""Deriving the rollup tables that marketing's reports and heatmaps read from the ingested events.

Ten million events take seconds to group; the rollups (see the models after ``AnalyticsRep``) hold the same
facts grouped by asset, week, page, query and sender, a few hundred thousand rows, so every report answers in
well under a second. They are derived by ``seq`` ranges: events are only ever appended (``event_table``), so
everything up to the stored watermark is in the rollups and everything after is not. Each range is added and
the watermark moved in one transaction, so a crash or a stop never counts an event twice or not at all, and
``rebuild_rollups`` derives them all again from the events (facts are kept, figures are derived).

Searches are grouped by their normalised query ("2 report soc"); the forms reps typed each one in are counted
apart (``search_query_forms``), so that people read a query as reps typed it most ("SOC 2 report").
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.orm import Session

from enablement_app.store import Store
from enablement_app.store.models import (
    AnalyticsEvent,
    AnalyticsRep,
    AssetActivity,
    PageAttention,
    RatingLatest,
    RatingMonth,
    SearchQueryForm,
    SearchWeek,
    Setting,
    UsageWeek,
)

log = logging.getLogger(__name__)

ROLLUP_WATERMARK = "analytics_rollup_seq"
CHUNK_EVENTS = 250_000
# A page left open over lunch is not ten minutes of attention: longer dwell times count as this much.
MAX_DWELL_MS = 10 * 60 * 1000


def fold_case(text: str | None) -> str:
    """``text`` as compared whatever its case and however its characters are composed (NFKC): "ＣＦＯ" is
    "cfo" and "Straße" is "strasse". Queries and reps' e-mails are matched in this form."""
    return unicodedata.normalize("NFKC", text).casefold() if isinstance(text, str) else ""


def _words(text: str | None) -> list[str]:
    """The words of a search in the order typed, case folded, without punctuation."""
    return re.findall(r"\w[\w'-]*", fold_case(text))


def normalise_query(text: str | None) -> str:
    """A search as reports group it: case, accents' composed forms, punctuation, word order and repeated
    words do not matter ("Pricing, retail" and "retail  pricing" are one query); quoted phrases keep
    their words. An empty result means the rep only browsed with filters (or the event had no text)."""
    return " ".join(sorted(set(_words(text))))


def typed_form(text: str | None) -> str:
    """A search as the rep typed it, tidied only where a reader cannot tell: characters composed (NFKC)
    and runs of spaces made one. Case, word order and punctuation stay: "SOC 2 report"."""
    return " ".join(unicodedata.normalize("NFKC", text).split()) if isinstance(text, str) else ""


def readable_queries(connection: Connection | Session, queries: Collection[str]) -> dict[str, str]:
    """Each normalised query as reps typed it most: first the order of words typed most, whatever the
    case and punctuation, then its form typed most ("SOC 2 report" 3 times and "soc 2 report" twice beat
    "report soc 2" 4 times). Ties go to the first in code-point order, so the same searches always read
    the same; a query with no form counted reads as itself."""
    readable = {query: query for query in queries}
    if not readable:
        return readable
    typed: defaultdict[str, defaultdict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    rows = connection.execute(
        select(SearchQueryForm.query, SearchQueryForm.form, SearchQueryForm.searches).where(
            SearchQueryForm.query.in_(text("SELECT value FROM json_each(:queries)"))
        ),
        {"queries": json.dumps(sorted(readable))},
    )
    for query, form, searches in rows:
        typed[query][" ".join(_words(form))][form] += searches
    for query, orders in typed.items():
        order = min(orders, key=lambda words: (-orders[words].total(), words))
        forms = orders[order]
        readable[query] = min(forms, key=lambda form: (-forms[form], form))
    return readable


# Each statement adds the events with :low < seq <= :high to one rollup. Weeks start on Monday (UTC):
# date(t, '-6 days', 'weekday 1') is the Monday on or before t.
_WEEK = "date(e.occurred_at, '-6 days', 'weekday 1')"
_DWELL = f"min(max(coalesce(e.details ->> 'dwell_ms', 0), 0), {MAX_DWELL_MS})"
_RANGE = "e.seq > :low AND e.seq <= :high"

_USAGE_WEEKLY = f"""
INSERT INTO {UsageWeek.__tablename__} (week, asset_id, sender, opens, shares, page_views, dwell_ms)
SELECT {_WEEK}, e.asset_id, e.sender,
       sum(e.kind = 'open'), sum(e.kind = 'share'), sum(e.kind = 'page_view'),
       sum(CASE WHEN e.kind = 'page_view' THEN {_DWELL} ELSE 0 END)
FROM analytics_events AS e
WHERE {_RANGE} AND e.asset_id IS NOT NULL AND e.kind IN ('open', 'share', 'page_view')
GROUP BY 1, 2, 3
ON CONFLICT (week, asset_id, sender) DO UPDATE SET
    opens = opens + excluded.opens,
    shares = shares + excluded.shares,
    page_views = page_views + excluded.page_views,
    dwell_ms = dwell_ms + excluded.dwell_ms
"""

_ASSET_ACTIVITY = f"""
INSERT INTO {AssetActivity.__tablename__} (asset_id, first_used_at, last_opened_at, last_shared_at)
SELECT e.asset_id, min(e.occurred_at),
       max(CASE WHEN e.kind = 'open' THEN e.occurred_at END),
       max(CASE WHEN e.kind = 'share' THEN e.occurred_at END)
FROM analytics_events AS e
WHERE {_RANGE} AND e.asset_id IS NOT NULL AND e.kind IN ('open', 'share', 'page_view')
GROUP BY 1
ON CONFLICT (asset_id) DO UPDATE SET
    first_used_at = min(first_used_at, excluded.first_used_at),
    last_opened_at = max(coalesce(last_opened_at, excluded.last_opened_at),
                         coalesce(excluded.last_opened_at, last_opened_at)),
    last_shared_at = max(coalesce(last_shared_at, excluded.last_shared_at),
                         coalesce(excluded.last_shared_at, last_shared_at))
"""

_PAGE_ATTENTION = f"""
INSERT INTO {PageAttention.__tablename__} (asset_id, week, asset_version, page, sender, views, dwell_ms)
SELECT e.asset_id, {_WEEK}, coalesce(e.asset_version, 0), e.details ->> 'page', e.sender, count(*),
       sum({_DWELL})
FROM analytics_events AS e
WHERE {_RANGE} AND e.kind = 'page_view' AND e.asset_id IS NOT NULL
      AND typeof(e.details ->> 'page') = 'integer' AND (e.details ->> 'page') >= 1
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (asset_id, week, asset_version, page, sender) DO UPDATE SET
    views = views + excluded.views,
    dwell_ms = dwell_ms + excluded.dwell_ms
"""

_SEARCH_WEEKLY = f"""
INSERT INTO {SearchWeek.__tablename__} (week, query, sender, searches, no_results, not_opened)
SELECT {_WEEK}, normalise_query(e.details ->> 'query') AS normalised, e.sender, count(*),
       sum(coalesce(e.details ->> 'result_count', 0) = 0),
       sum(coalesce(e.details ->> 'result_count', 0) > 0 AND (e.details ->> 'clicked_rank') IS NULL)
FROM analytics_events AS e
WHERE {_RANGE} AND e.kind = 'search'
GROUP BY 1, 2, 3
HAVING normalised != ''
ON CONFLICT (week, query, sender) DO UPDATE SET
    searches = searches + excluded.searches,
    no_results = no_results + excluded.no_results,
    not_opened = not_opened + excluded.not_opened
"""

# Each distinct text of the range is tidied and normalised once: reps type the same searches over and over.
_SEARCH_FORMS = f"""
INSERT INTO {SearchQueryForm.__tablename__} (query, form, searches)
SELECT normalise_query(typed) AS normalised, typed_form(typed), sum(searches)
FROM (
    SELECT e.details ->> 'query' AS typed, count(*) AS searches
    FROM analytics_events AS e
    WHERE {_RANGE} AND e.kind = 'search'
    GROUP BY 1
)
GROUP BY 1, 2
HAVING normalised != ''
ON CONFLICT (query, form) DO UPDATE SET searches = searches + excluded.searches
"""

# A rep's newest rating of an asset replaces their older one, whichever range each came in.
_RATING_LATEST = f"""
INSERT INTO {RatingLatest.__tablename__}
    (asset_id, rep_id, stars, comment, used_in_deal, asset_version, rated_at, event_seq)
SELECT asset_id, rep_id, stars, comment, used_in_deal, asset_version, occurred_at, seq FROM (
    SELECT e.asset_id, s.rep_id, e.details ->> 'stars' AS stars,
           coalesce(e.details ->> 'comment', '') AS comment,
           coalesce(e.details ->> 'used_in_deal', 0) != 0 AS used_in_deal,
           e.asset_version, e.occurred_at, e.seq,
           row_number() OVER (PARTITION BY e.asset_id, s.rep_id ORDER BY e.occurred_at DESC, e.seq DESC) AS rank
    FROM analytics_events AS e JOIN analytics_senders AS s ON s.key = e.sender
    WHERE {_RANGE} AND e.kind = 'rate' AND e.asset_id IS NOT NULL
          AND typeof(e.details ->> 'stars') = 'integer' AND (e.details ->> 'stars') BETWEEN 1 AND 5
)
WHERE rank = 1
ON CONFLICT (asset_id, rep_id) DO UPDATE SET
    stars = excluded.stars, comment = excluded.comment, used_in_deal = excluded.used_in_deal,
    asset_version = excluded.asset_version, rated_at = excluded.rated_at, event_seq = excluded.event_seq
WHERE excluded.rated_at > rated_at OR (excluded.rated_at = rated_at AND excluded.event_seq > event_seq)
"""

_RATING_MONTHLY = f"""
INSERT INTO {RatingMonth.__tablename__} (month, asset_id, ratings, stars)
SELECT date(e.occurred_at, 'start of month'), e.asset_id, count(*), sum(e.details ->> 'stars')
FROM analytics_events AS e
WHERE {_RANGE} AND e.kind = 'rate' AND e.asset_id IS NOT NULL
      AND typeof(e.details ->> 'stars') = 'integer' AND (e.details ->> 'stars') BETWEEN 1 AND 5
GROUP BY 1, 2
ON CONFLICT (month, asset_id) DO UPDATE SET
    ratings = ratings + excluded.ratings, stars = stars + excluded.stars
"""

# A rep's newest announcement of their name and e-mail (see ``UsageRecorder.record_profile``).
_ANALYTICS_REPS = f"""
INSERT INTO {AnalyticsRep.__tablename__}
    (rep_id, name, email, team, region, role, announced_at, event_seq)
SELECT rep_id, name, email, team, region, role, occurred_at, seq FROM (
    SELECT s.rep_id, coalesce(e.details ->> 'name', '') AS name,
           casefold(coalesce(e.details ->> 'email', '')) AS email,
           s.rep_team AS team, s.rep_region AS region, s.rep_role AS role, e.occurred_at, e.seq,
           row_number() OVER (PARTITION BY s.rep_id ORDER BY e.occurred_at DESC, e.seq DESC) AS rank
    FROM analytics_events AS e JOIN analytics_senders AS s ON s.key = e.sender
    WHERE {_RANGE} AND e.kind = 'profile'
)
WHERE rank = 1
ON CONFLICT (rep_id) DO UPDATE SET
    name = excluded.name, email = excluded.email, team = excluded.team, region = excluded.region,
    role = excluded.role, announced_at = excluded.announced_at, event_seq = excluded.event_seq
WHERE excluded.announced_at > announced_at
      OR (excluded.announced_at = announced_at AND excluded.event_seq > event_seq)
"""

_STATEMENTS = (
    _USAGE_WEEKLY,
    _ASSET_ACTIVITY,
    _PAGE_ATTENTION,
    _SEARCH_WEEKLY,
    _SEARCH_FORMS,
    _RATING_LATEST,
    _RATING_MONTHLY,
    _ANALYTICS_REPS,
)
_ROLLUP_TABLES = (
    UsageWeek,
    AssetActivity,
    PageAttention,
    SearchWeek,
    SearchQueryForm,
    RatingLatest,
    RatingMonth,
    AnalyticsRep,
)


@dataclass(slots=True)
class RollupReport:
    events: int = 0  # events newly added to the rollups
    up_to_seq: int = 0
    cancelled: bool = False


def _email_key(text: str | None) -> str:
    """An e-mail a rep announced, as CRM rows are matched to it."""
    return fold_case(text).strip()


def add_functions(connection: Connection) -> None:
    """The Python functions the statements call (``normalise_query``, ``typed_form``, ``casefold``), on
    this SQLite connection; the store's migrations that derive rollups call them too."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.create_function("normalise_query", 1, normalise_query, deterministic=True)
    raw.create_function("typed_form", 1, typed_form, deterministic=True)
    raw.create_function("casefold", 1, _email_key, deterministic=True)


def rolled_up_to(store: Store) -> int:
    return int(store.get_setting(ROLLUP_WATERMARK) or 0)


def pending_events(store: Store) -> int:
    """How many ingested events the rollups do not count yet."""
    with store.sessions() as session:
        highest = session.scalar(select(func.max(AnalyticsEvent.seq))) or 0
    return max(0, highest - rolled_up_to(store))


def refresh_rollups(
    store: Store,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = CHUNK_EVENTS,
) -> RollupReport:
    """Add every event ingested since the last refresh to the rollups, a range of ``chunk`` events per
    transaction; ``progress(done, total)`` after each. Stopping keeps what was added."""
    report = RollupReport()
    with store.engine.connect() as connection:
        add_functions(connection)
        with connection.begin():
            low = int(connection.scalar(select(Setting.value).where(Setting.key == ROLLUP_WATERMARK)) or 0)
            highest = connection.scalar(select(func.max(AnalyticsEvent.seq))) or 0
            if low == 0 and highest:
                connection.exec_driver_sql(
                    "INSERT INTO settings (key, value) VALUES (?, '0') ON CONFLICT (key) DO NOTHING",
                    (ROLLUP_WATERMARK,),
                )
        total = max(0, highest - low)
        report.up_to_seq = low
        while low < highest:
            if should_stop():
                report.cancelled = True
                break
            high = min(low + chunk, highest)
            with connection.begin():
                # Claim the range first: that write takes SQLite's write lock, so when two refreshes run
                # at once (the app's after a pull, an `enablement report`), each range is added by one.
                claimed = connection.exec_driver_sql(
                    "UPDATE settings SET value = ? WHERE key = ? AND value = ?",
                    (str(high), ROLLUP_WATERMARK, str(low)),
                ).rowcount
                if claimed:
                    for statement in _STATEMENTS:
                        connection.exec_driver_sql(statement, {"low": low, "high": high})
                else:  # another refresh added this range meanwhile: go on from where it got
                    stored = connection.scalar(select(Setting.value).where(Setting.key == ROLLUP_WATERMARK))
                    report.up_to_seq = low = int(stored or 0)
                    continue
            report.events += high - low
            report.up_to_seq = low = high
            if progress is not None:
                progress(report.events, total)
    if report.events:
        log.info("rolled up %d events (to seq %d)", report.events, report.up_to_seq)
    return report


def rebuild_rollups(
    store: Store,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
) -> RollupReport:
    """Empty the rollups and derive them again from every event (after a fix to how they are derived)."""
    with store.sessions.begin() as session:
        for table in _ROLLUP_TABLES:
            session.execute(delete(table))
        session.execute(delete(Setting).where(Setting.key == ROLLUP_WATERMARK))
    return refresh_rollups(store, should_stop=should_stop, progress=progress)
