"""Reps and their usage events for analytics tests, stored as ``enablement hub ingest`` stores them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from enablement_app.analytics.event_table import Senders, append_rows, event_rows
from enablement_app.store import Store
from enablement_app.usage.events import UsageEvent, new_event_id
from tests.conftest import FIXED_NOW


@dataclass(frozen=True)
class Rep:
    name: str
    team: str = "Mid-market"
    region: str = "EMEA"
    role: str = "rep"
    rep_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def email(self) -> str:
        return f"{self.name.split()[0].lower()}@lumora.example"

    def event(
        self,
        kind: str,
        asset_id: str | None,
        when: dt.datetime | dt.timedelta = dt.timedelta(0),
        *,
        version: int | None = 1,
        **details: object,
    ) -> UsageEvent:
        """One event of this rep; ``when`` is a time, or a delay after FIXED_NOW (a Monday, 09:30 UTC)."""
        return UsageEvent(
            id=new_event_id(),
            kind=kind,
            occurred_at=when if isinstance(when, dt.datetime) else FIXED_NOW + when,
            rep_id=self.rep_id,
            device_id=self.device_id,
            asset_id=asset_id,
            asset_version=version if asset_id is not None else None,
            details=details,
            rep_team=self.team,
            rep_region=self.region,
            rep_role=self.role,
        )

    def profile(self, when: dt.timedelta = dt.timedelta(0), *, email: str | None = None) -> UsageEvent:
        return self.event("profile", None, when, name=self.name, email=email or self.email)


def ingest(store: Store, events: list[UsageEvent]) -> None:
    with store.sessions.begin() as session:
        connection = session.connection()
        append_rows(connection, event_rows(events, Senders.load(connection), FIXED_NOW))
