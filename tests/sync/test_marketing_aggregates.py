"""The company-wide figures marketing publishes, computed from ingested events."""

from __future__ import annotations

import datetime as dt
import uuid

from enablement_app.analytics.event_table import Senders, append_rows, event_rows
from enablement_app.library.workspace import Workspace
from enablement_app.sync.marketing_sync import compute_aggregates
from enablement_app.usage.events import UsageEvent, new_event_id
from tests.conftest import FIXED_NOW, Clock

DECK, SHEET = "d" * 32, "s" * 32
ANA, BEN, CAL = (str(uuid.uuid4()) for _ in range(3))


def event(kind: str, rep: str, asset: str, minutes: int, **details: object) -> UsageEvent:
    return UsageEvent(
        id=new_event_id(),
        kind=kind,
        occurred_at=FIXED_NOW + dt.timedelta(minutes=minutes),
        rep_id=rep,
        device_id=str(uuid.uuid4()),
        asset_id=asset,
        asset_version=1,
        details=details,
        rep_role="rep",
    )


def ingested(workspace: Workspace, events: list[UsageEvent]) -> None:
    """Store events as ``enablement hub ingest`` does."""
    with workspace.store.sessions.begin() as session:
        connection = session.connection()
        append_rows(connection, event_rows(events, Senders.load(connection), FIXED_NOW))


def test_figures_count_every_rep_and_only_each_reps_newest_rating(workspace: Workspace, clock: Clock) -> None:
    ingested(
        workspace,
        [
            event("open", ANA, DECK, 1, target="preview"),
            event("open", ANA, DECK, 2, target="file"),
            event("open", BEN, DECK, 3, target="preview"),
            event("share", BEN, DECK, 4, channel="email"),
            event("open", CAL, SHEET, 5, target="preview"),
            event("rate", ANA, DECK, 6, stars=2, comment="", used_in_deal=False),
            event("rate", ANA, DECK, 9, stars=5, comment="better", used_in_deal=True),  # replaces her 2
            event("rate", BEN, DECK, 7, stars=4, comment="", used_in_deal=False),
            event("search", CAL, SHEET, 8, query="pricing", result_count=3, clicked_rank=1),
        ],
    )
    figures = compute_aggregates(workspace.store, clock=clock, top_reps={ANA}).assets
    deck = figures[DECK]
    assert (deck.opens, deck.shares, deck.ratings, deck.average_rating, deck.used_in_deal) == (
        3,
        1,
        2,
        4.5,
        1,
    )
    assert deck.top_rep_opens == 2
    sheet = figures[SHEET]
    assert (sheet.opens, sheet.ratings, sheet.average_rating, sheet.top_rep_opens) == (1, 0, None, 0)


def test_no_events_no_figures(workspace: Workspace, clock: Clock) -> None:
    aggregates = compute_aggregates(workspace.store, clock=clock)
    assert aggregates.assets == {}
    assert aggregates.generated_at == FIXED_NOW
