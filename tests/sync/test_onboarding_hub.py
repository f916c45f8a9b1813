"""Onboarding on every hub backend: the progress marketing publishes for managers (read back as published,
the newest wins, none before the first publish) and the playlists managers propose to marketing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from enablement_app.catalog.playlists import Playlist, PlaylistItem
from enablement_app.onboarding.proposals import PlaylistProposal
from enablement_app.onboarding.team_progress import NewHireProgress, OnboardingProgress
from enablement_app.sync.folder_hub import FolderHub
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


def proposal(playlist_id: str, title: str, device_id: str, rep_id: str, minutes: int) -> PlaylistProposal:
    return PlaylistProposal(
        playlist=Playlist(
            id=playlist_id,
            title=title,
            team="Mid-market",
            items=(PlaylistItem("a" * 32, due_day=2, first_page=1, last_page=4, note="Pitch it twice"),),
        ),
        rep_id=rep_id,
        name="Maya Chen",
        email="maya@lumora.example",
        team="Mid-market",
        device_id=device_id,
        proposed_at=STARTED + dt.timedelta(minutes=minutes),
    )


def test_a_managers_proposals_reach_marketing_and_the_newest_of_each_wins(hub: Hub) -> None:
    assert hub.playlist_proposals() == ()
    device, maya = str(uuid.uuid4()), str(uuid.uuid4())
    first = proposal("mid-market-week", "Mid-market week", device, maya, 0)
    hub.propose_playlist(first)
    hub.propose_playlist(proposal("renewals", "Renewals", device, maya, 1))
    edited = proposal("mid-market-week", "Mid-market week, edited", device, maya, 2)
    hub.propose_playlist(edited)
    found = hub.playlist_proposals()
    assert [item.playlist.title for item in found] == ["Mid-market week, edited", "Renewals"]
    assert found[0] == edited


def test_an_unreadable_proposal_on_the_folder_hub_hides_no_other(folder_hub: FolderHub) -> None:
    device = str(uuid.uuid4())
    folder_hub.propose_playlist(proposal("week", "Week", device, str(uuid.uuid4()), 0))
    (folder_hub.root / "proposals" / device / "broken.json").write_text("{", encoding="utf-8")
    (folder_hub.root / "proposals" / "not-a-device").mkdir()
    assert [item.playlist.id for item in folder_hub.playlist_proposals()] == ["week"]


def test_on_postgres_a_rep_login_proposes_and_only_marketing_reads_proposals(
    postgres_hub_database: PostgresHubDatabase,
) -> None:
    sent = proposal("mid-market-week", "Mid-market week", str(uuid.uuid4()), str(uuid.uuid4()), 0)
    with (
        postgres_hub_database.open("rep_ann") as manager,
        postgres_hub_database.open("marketing_mia") as marketing,
    ):
        manager.propose_playlist(sent)
        with pytest.raises(HubRefusedError):
            manager.playlist_proposals()
        assert marketing.playlist_proposals() == (sent,)
