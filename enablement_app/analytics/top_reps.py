"""Who the top reps are: the best fraction of the sales force by a CRM metric, as reps of the app.

The ranking is over every rep of the CRM import for the period, whether or not they use the app, since
"the top quartile" is a fact about the sales force; the reps who use the app are then found by the e-mail
they announced in their profile (``AnalyticsRep``, casefolded as CRM rows are). With ``fraction`` f of n
ranked reps, the top ones are the ceil(f * n) best, plus every rep tied with the last of them: a tie at the
cut-off takes all the tied reps in, so the same figures always give the same top reps, whatever order the
file listed them in.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from enablement_app.store import Store
from enablement_app.store.models import AnalyticsRep, RepPerformance

TOP_REPS_SETTING = "top_reps"
METRICS = ("quota_attainment", "win_rate")
METRIC_LABELS = {"quota_attainment": "quota attainment", "win_rate": "win rate"}


class TopRepSettingsError(ValueError):
    """A top-reps setting that cannot be used; the message says which values can."""


@dataclass(frozen=True, slots=True)
class TopRepSettings:
    """How top reps are chosen, kept once in the settings table (``TOP_REPS_SETTING``)."""

    fraction: float = 0.25  # the top quartile
    metric: str = "quota_attainment"
    period: str | None = None  # None: the period imported last

    def __post_init__(self) -> None:
        if not 0 < self.fraction <= 1:
            raise TopRepSettingsError(
                f"the share of top reps must be above 0 and at most 1 (0.25 is the top quarter), not {self.fraction}"
            )
        if self.metric not in METRICS:
            raise TopRepSettingsError(f"{self.metric!r} is not a metric; use one of {', '.join(METRICS)}")

    def describe(self) -> str:
        """ "top 25% by quota attainment" """
        return f"top {self.fraction * 100:g}% by {METRIC_LABELS[self.metric]}"


def load_top_rep_settings(store: Store) -> TopRepSettings:
    value = store.get_setting(TOP_REPS_SETTING)
    if not value:
        return TopRepSettings()
    data: dict[str, Any] = json.loads(value)
    try:
        return TopRepSettings(
            fraction=float(data.get("fraction", 0.25)),
            metric=str(data.get("metric", "quota_attainment")),
            period=data.get("period") or None,
        )
    except (TopRepSettingsError, TypeError, ValueError):
        return TopRepSettings()  # a setting written by another version: the defaults, not a crash


def save_top_rep_settings(store: Store, settings: TopRepSettings) -> None:
    store.set_setting(TOP_REPS_SETTING, json.dumps(asdict(settings)))


@dataclass(frozen=True, slots=True)
class RankedRep:
    email: str
    name: str  # as the CRM export names them
    value: float  # the metric the ranking used
    uses_app: bool  # a rep of the app announced this e-mail


@dataclass(frozen=True, slots=True)
class TopReps:
    """The top reps of one period, and how they were found."""

    settings: TopRepSettings
    period: str | None  # None: nothing imported yet
    crm_reps: int  # CRM reps of the period
    ranked: int  # of them, those with a value of the metric
    cutoff: float | None  # the metric's value of the last top rep
    ranked_top: tuple[RankedRep, ...]  # best first
    rep_ids: frozenset[str]  # the top reps who use the app
    other_rep_ids: frozenset[str]  # the period's other CRM reps who use the app
    unmatched: tuple[str, ...]  # CRM e-mails of the period no rep of the app announced

    @property
    def top_emails(self) -> tuple[str, ...]:
        return tuple(rep.email for rep in self.ranked_top)

    @property
    def top_unmatched(self) -> tuple[str, ...]:
        unmatched = set(self.unmatched)
        return tuple(email for email in self.top_emails if email in unmatched)

    def describe(self) -> str:
        """One line for the command line, the status bar and the reports."""
        if self.period is None:
            return "No CRM results imported: import a CRM export to find top reps"
        if not self.crm_reps:
            return f"No CRM results imported for {self.period}"
        if not self.ranked:
            return f"No rep of {self.period} has a {METRIC_LABELS[self.settings.metric]} in the CRM import"
        using = len(self.top_emails) - len(self.top_unmatched)
        ranked = f"{self.ranked} rep{'' if self.ranked == 1 else 's'}"
        return (
            f"Top reps of {self.period} ({self.settings.describe()}): {len(self.top_emails)} of {ranked} "
            f"in the CRM import, {using} using the app"
        )


def latest_period(store: Store) -> str | None:
    """The period imported last (the newest import; of periods imported together, the greatest name)."""
    with store.sessions() as session:
        return session.scalar(
            select(RepPerformance.period)
            .order_by(RepPerformance.imported_at.desc(), RepPerformance.period.desc())
            .limit(1)
        )


def select_top_reps(store: Store, settings: TopRepSettings | None = None) -> TopReps:
    """The top reps under ``settings`` (default: the stored ones)."""
    settings = settings or load_top_rep_settings(store)
    period = settings.period or latest_period(store)
    if period is None:
        return TopReps(settings, None, 0, 0, None, (), frozenset(), frozenset(), ())
    metric = getattr(RepPerformance, settings.metric)
    with store.sessions() as session:
        results = session.execute(
            select(RepPerformance.email, RepPerformance.name, metric).where(RepPerformance.period == period)
        ).all()
        emails = sorted({email for email, _, _ in results})
        reps: dict[str, set[str]] = {}
        for start in range(0, len(emails), 500):
            for email, rep_id in session.execute(
                select(AnalyticsRep.email, AnalyticsRep.rep_id).where(
                    AnalyticsRep.email.in_(emails[start : start + 500])
                )
            ):
                reps.setdefault(email, set()).add(rep_id)
    ranked = sorted(
        (RankedRep(email, name, value, email in reps) for email, name, value in results if value is not None),
        key=lambda rep: (-rep.value, rep.email),
    )
    top: tuple[RankedRep, ...] = ()
    cutoff = None
    if ranked:
        count = max(1, math.ceil(round(settings.fraction * len(ranked), 9)))
        cutoff = ranked[count - 1].value
        top = tuple(rep for rep in ranked if rep.value >= cutoff)
    top_emails = {rep.email for rep in top}
    rep_ids = frozenset(rep_id for email in top_emails for rep_id in reps.get(email, ()))
    others = frozenset(
        rep_id for email in emails if email not in top_emails for rep_id in reps.get(email, ())
    )
    unmatched = tuple(email for email in emails if email not in reps)
    return TopReps(
        settings, period, len(results), len(ranked), cutoff, top, rep_ids, others - rep_ids, unmatched
    )


def top_rep_ids(store: Store, settings: TopRepSettings | None = None) -> frozenset[str]:
    """The rep ids of the top reps who use the app: what publishing counts "top reps' opens" by."""
    return select_top_reps(store, settings).rep_ids
