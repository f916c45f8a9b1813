"""The onboarding progress marketing publishes for managers, on every hub backend: read back as published,
the newest wins, and none before the first publish."""

from __future__ import annotations

import datetime as dt

import pytest

from enablement_app.onboarding.team_progress import NewHireProgress, OnboardingProgress
from enablement_app.sync.hub import Hub, HubRefusedError
from tests.postgres import PostgresHubDatabase

STARTED = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def new_hire(name: str, done: int, *, finished: bool = False) -> NewHireProgress:
    return NewHireProgress(
        rep_id=f"{name.lower()}-id",
        name=name,
        email=f"{name.lower()}@lumora.example",
        team="Mid-market",
        playlist_id="your-first-week",
        playlist_title="Your first week",
        items_done=done,
        items_total=6,
        overdue=0 if finished else 2,
        started_at=STARTED,
        finished_at=STARTED + dt.timedelta(days=4) if finished else None,
        confirmations=((3, "Discovery first, démo second"),),
    )


def test_onboarding_progress_reads_back_as_published(hub: Hub) -> None:
    assert hub.onboarding() is None
    first = OnboardingProgress(STARTED + dt.timedelta(days=1), (new_hire("Nina", 2),))
    hub.publish_onboarding(first)
    assert hub.onboarding() == first

    newer = OnboardingProgress(
        STARTED + dt.timedelta(days=5), (new_hire("Nina", 6, finished=True), new_hire("Omar", 1))
    )
    hub.publish_onboarding(newer)
    read = hub.onboarding()
    assert read == newer
    assert read is not None and read.new_hires[0].days_taken == 5


def test_on_postgres_marketing_publishes_and_a_managers_rep_login_reads_but_cannot_publish(
    postgres_hub_database: PostgresHubDatabase,
) -> None:
    progress = OnboardingProgress(STARTED, (new_hire("Nina", 2),))
    with (
        postgres_hub_database.open("marketing_mia") as marketing,
        postgres_hub_database.open("rep_ann") as manager,
    ):
        marketing.publish_onboarding(progress)
        assert manager.onboarding() == progress
        with pytest.raises(HubRefusedError):
            manager.publish_onboarding(OnboardingProgress(STARTED, ()))
        assert marketing.onboarding() == progress
