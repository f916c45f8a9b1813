"""Usage recording as the app uses it: events in, outbox and ratings out, read back by the queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text

from enablement_app.library.workspace import Workspace
from enablement_app.store import open_store
from enablement_app.store.database import alembic_config
from enablement_app.store.models import AssetRating, OutboxEvent
from enablement_app.usage.events import EVENT_KINDS, EventFormatError, UsageEvent
from enablement_app.usage.outbox import insert_events
from enablement_app.usage.profile import (
    ProfileError,
    RepProfile,
    device_id,
    load_profile,
    save_profile,
)
from enablement_app.usage.queries import (
    events_since,
    most_used_assets,
    my_rating,
    rating_summaries,
    recent_assets,
)
from enablement_app.usage.ratings import rebuild_ratings
from enablement_app.usage.recorder import RecorderClosedError, UsageRecorder
from enablement_app.usage.spool import OwnSpool, drain_orphaned_spools
from tests.conftest import FIXED_NOW, Clock

DECK = "d" * 32
PRICING = "p" * 32
GUIDE = "g" * 32
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
REP_KINDS = [kind for kind in EVENT_KINDS if kind != "profile"]  # what a rep does, not who they are


def _dana() -> RepProfile:
    return RepProfile.new(
        name="Dana Smith", email="dana@lumora.example", team="Mid-market", region="EMEA", role="rep"
    )


@pytest.fixture
def profile(workspace: Workspace) -> RepProfile:
    return save_profile(workspace.store, _dana())


@pytest.fixture
def recorder(workspace: Workspace, profile: RepProfile) -> UsageRecorder:
    return workspace.open_recorder(profile)


def _outbox_ids(workspace: Workspace) -> list[str]:
    with workspace.store.sessions() as session:
        return list(
            session.scalars(
                select(OutboxEvent.id).where(OutboxEvent.kind != "profile").order_by(OutboxEvent.seq)
            )
        )


def _spool_files(workspace: Workspace) -> list[Path]:
    return sorted(workspace.paths.usage_spool_dir.glob("*.jsonl"))


# -- profile ----------------------------------------------------------------------------------------


def test_profile_is_saved_once_and_keeps_its_rep_id_when_edited(workspace: Workspace) -> None:
    assert load_profile(workspace.store) is None
    saved = save_profile(workspace.store, _dana())
    assert load_profile(workspace.store) == saved

    # The edit form builds a new profile; the stored rep id survives so the rep keeps their history.
    edited = save_profile(workspace.store, dataclasses.replace(_dana(), team="Enterprise", role="manager"))
    assert edited.rep_id == saved.rep_id
    assert load_profile(workspace.store) == edited
    assert edited.team == "Enterprise" and edited.role == "manager"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "Please enter your name."),
        ({"email": ""}, "Please enter your email address."),
        ({"email": "dana at lumora"}, "dana at lumora is not an email address"),
        ({"role": "ceo"}, "'ceo' is not a role; choose one of rep, new_hire, manager, marketer."),
    ],
)
def test_profile_mistakes_are_sentences(changes: dict[str, str], message: str) -> None:
    fields = {"name": "Dana", "email": "dana@lumora.example", "team": "", "region": "", "role": "rep"}
    with pytest.raises(ProfileError) as raised:
        RepProfile.new(**{**fields, **changes})
    assert message in str(raised.value)


def test_device_id_is_made_once_per_data_folder(workspace: Workspace, tmp_path: Path) -> None:
    first = device_id(workspace.store)
    assert uuid.UUID(first) and device_id(workspace.store) == first
    reopened = open_store(workspace.paths.database)
    assert device_id(reopened) == first
    assert device_id(open_store(tmp_path / "elsewhere.sqlite3")) != first


# -- recording --------------------------------------------------------------------------------------


def test_a_rep_announces_their_profile_once_and_again_after_each_change(
    workspace: Workspace, profile: RepProfile
) -> None:
    with workspace.open_recorder(profile) as recorder:
        assert recorder.flush(10)
    with workspace.open_recorder(profile) as recorder:  # the next start: nothing new to announce
        recorder.set_profile(dataclasses.replace(profile, name="Dana Smith"))  # no change either
        recorder.set_profile(dataclasses.replace(profile, team="Enterprise"))
        assert recorder.flush(10)
    with workspace.open_recorder(dataclasses.replace(profile, email="dana.smith@lumora.example")) as recorder:
        assert recorder.flush(10)

    announced = events_since(workspace.store, LONG_AGO, kinds=["profile"])
    assert [(e.details["email"], e.rep_team, e.asset_id) for e in announced] == [
        ("dana@lumora.example", "Mid-market", None),
        ("dana@lumora.example", "Enterprise", None),
        ("dana.smith@lumora.example", "Mid-market", None),
    ]
    assert {e.details["name"] for e in announced} == {"Dana Smith"}
    assert {e.rep_id for e in announced} == {profile.rep_id}


def test_every_kind_is_recorded_with_rep_device_time_asset_and_version(
    workspace: Workspace, recorder: UsageRecorder, profile: RepProfile, clock: Clock
) -> None:
    recorded = [
        recorder.record_search("pricing", 3, 1, PRICING, 2, filters={"stage": ["decision"]}),
        recorder.record_open(PRICING, 2, target="preview"),
        recorder.record_page_view(PRICING, 2, page=2, dwell_ms=8400),
        recorder.record_share(PRICING, 2, "email"),
        recorder.record_rating(PRICING, 2, 4, "Clear pricing tiers", used_in_deal=True),
    ]
    assert recorder.flush(10)

    stored = events_since(workspace.store, FIXED_NOW - dt.timedelta(minutes=1), kinds=REP_KINDS)
    assert stored == recorded
    assert [event.kind for event in stored] == ["search", "open", "page_view", "share", "rate"]
    for event in stored:
        assert uuid.UUID(event.id).version == 7  # time-ordered: see new_event_id
        assert event.rep_id == profile.rep_id
        assert event.device_id == device_id(workspace.store)
        assert event.occurred_at == clock.now and event.occurred_at.tzinfo is not None
        assert (event.asset_id, event.asset_version) == (PRICING, 2)
        assert (event.rep_team, event.rep_region, event.rep_role) == ("Mid-market", "EMEA", "rep")
    search, opened, page_view, share, rate = (dict(event.details) for event in stored)
    assert search == {
        "query": "pricing",
        "result_count": 3,
        "clicked_rank": 1,
        "filters": {"stage": ["decision"]},
    }
    assert opened == {"target": "preview"}
    assert page_view == {"page": 2, "dwell_ms": 8400}
    assert share == {"channel": "email"}
    assert rate == {"stars": 4, "comment": "Clear pricing tiers", "used_in_deal": True}
    # Drained events leave nothing behind in the spool file.
    assert all(path.stat().st_size == 0 for path in _spool_files(workspace))


def test_a_search_without_a_click_has_no_asset(workspace: Workspace, recorder: UsageRecorder) -> None:
    event = recorder.record_search("nothing like this", 0)
    assert recorder.flush(10)
    assert events_since(workspace.store, LONG_AGO, kinds=REP_KINDS) == [event]
    assert event.asset_id is None and event.details["clicked_rank"] is None


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (lambda r: r.record_rating(DECK, 1, 6), "a rating is 1 to 5 stars, not 6"),
        (lambda r: r.record_rating(DECK, 1, 0), "a rating is 1 to 5 stars, not 0"),
        (lambda r: r.record_share(DECK, 1, "fax"), "unknown share channel 'fax'"),
        (lambda r: r.record_open(DECK, 1, target="printer"), "unknown open target 'printer'"),
        (lambda r: r.record_page_view(DECK, 1, page=0, dwell_ms=10), "page must be a whole number from 1"),
        (
            lambda r: r.record_page_view(DECK, 1, page=1, dwell_ms=-5),
            "dwell_ms must be a whole number from 0",
        ),
        (lambda r: r.record_search("q", 2, clicked_rank=3, asset_id=DECK), "clicked_rank 3 is past the 2"),
        (lambda r: r.record_search("q", 2, clicked_rank=1), "needs both clicked_rank and asset_id"),
        (lambda r: r.record_open("", 1, target="file"), "needs the asset's id"),
    ],
)
def test_bad_input_is_refused_with_a_clear_value_error(
    workspace: Workspace, recorder: UsageRecorder, record: Callable[[UsageRecorder], object], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        record(recorder)
    assert recorder.flush(10)
    assert _outbox_ids(workspace) == []


def test_events_are_immutable_and_round_trip_through_json(recorder: UsageRecorder) -> None:
    event = recorder.record_search("gdpr", 5, 2, PRICING, 1, filters={"kind": ["pdf"]})
    assert UsageEvent.from_json(event.to_json()) == event
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.kind = "open"  # type: ignore[misc]
    with pytest.raises(TypeError):
        event.details["query"] = "changed"  # type: ignore[index]
    with pytest.raises(EventFormatError):
        UsageEvent.from_json('{"id": "not-a-uuid"}')


def test_recording_after_close_is_refused(recorder: UsageRecorder) -> None:
    assert recorder.close()
    with pytest.raises(RecorderClosedError):
        recorder.record_open(DECK, 1, target="file")


# -- ratings ----------------------------------------------------------------------------------------


def test_a_rep_changes_their_rating_and_the_average_follows(
    workspace: Workspace, recorder: UsageRecorder, profile: RepProfile, clock: Clock
) -> None:
    first = recorder.record_rating(DECK, 1, 2, "Too long")
    clock.now += dt.timedelta(minutes=5)
    second = recorder.record_rating(DECK, 1, 5, "Won the Acme deal with slide 3", used_in_deal=True)
    other_rep = workspace.open_recorder(RepProfile.new(name="Sam Lee", email="sam@lumora.example"))
    other = other_rep.record_rating(DECK, 1, 3)
    other_rep.record_rating(PRICING, 1, 1)
    assert recorder.flush(10) and other_rep.flush(10)

    # Both of Dana's rate events are kept; her rating is the newer one.
    rate_ids = [event.id for event in events_since(workspace.store, LONG_AGO, kinds=["rate"])]
    assert rate_ids[0] == first.id and {first.id, second.id, other.id} <= set(rate_ids)
    mine = my_rating(workspace.store, profile.rep_id, DECK)
    assert mine is not None
    assert (mine.stars, mine.comment, mine.used_in_deal, mine.event_id) == (
        5,
        "Won the Acme deal with slide 3",
        True,
        second.id,
    )
    with workspace.store.sessions() as session:
        assert (
            session.scalar(select(func.count()).select_from(AssetRating).where(AssetRating.asset_id == DECK))
            == 2
        )
    summaries = rating_summaries(workspace.store)
    assert summaries[DECK].average == pytest.approx(4.0)
    assert (summaries[DECK].count, summaries[DECK].used_in_deal) == (2, 1)
    assert rating_summaries(workspace.store, [PRICING, GUIDE]) == {PRICING: summaries[PRICING]}
    assert my_rating(workspace.store, profile.rep_id, GUIDE) is None


def test_ratings_rebuild_from_the_events_to_the_same_rows(
    workspace: Workspace, recorder: UsageRecorder, clock: Clock
) -> None:
    for stars in (1, 4, 2):
        recorder.record_rating(DECK, 1, stars, f"take {stars}")
        clock.now += dt.timedelta(seconds=1)
    recorder.record_rating(GUIDE, 3, 5, used_in_deal=True)
    recorder.record_rating(DECK, 2, 3)  # same time as the one before: stored order decides
    assert recorder.flush(10)

    def rows() -> list[tuple[object, ...]]:
        with workspace.store.sessions() as session:
            return [
                (
                    r.asset_id,
                    r.rep_id,
                    r.stars,
                    r.comment,
                    r.used_in_deal,
                    r.asset_version,
                    r.rated_at,
                    r.event_id,
                )
                for r in session.scalars(select(AssetRating).order_by(AssetRating.asset_id))
            ]

    incremental = rows()
    assert [row[2] for row in incremental] == [3, 5]
    with workspace.store.sessions.begin() as session:
        assert rebuild_ratings(session) == 2
    assert rows() == incremental


def test_a_late_drained_older_rating_does_not_replace_a_newer_one(
    workspace: Workspace, recorder: UsageRecorder, profile: RepProfile, clock: Clock
) -> None:
    # A killed app's spool holds an older rating that reaches the outbox after a newer one.
    newer = recorder.record_rating(GUIDE, 1, 4)
    assert recorder.flush(10)
    older = dataclasses.replace(
        newer,
        id=str(uuid.uuid4()),
        occurred_at=clock.now - dt.timedelta(days=1),
        details={"stars": 1, "comment": "", "used_in_deal": False},
    )
    stale = OwnSpool.create(workspace.paths.usage_spool_dir)
    stale.append((older.to_json() + "\n").encode())
    _kill(stale)
    assert drain_orphaned_spools(workspace.store, workspace.paths.usage_spool_dir) == 1
    rating = my_rating(workspace.store, profile.rep_id, GUIDE)
    assert rating is not None and (rating.stars, rating.event_id) == (4, newer.id)
    assert _outbox_ids(workspace) == [newer.id, older.id]
    with workspace.store.sessions.begin() as session:
        rebuild_ratings(session)
    assert my_rating(workspace.store, profile.rep_id, GUIDE) == rating


# -- the empty search state -------------------------------------------------------------------------


def test_recent_and_most_used_assets(
    workspace: Workspace, recorder: UsageRecorder, profile: RepProfile, clock: Clock
) -> None:
    for asset_id in (GUIDE, DECK, PRICING, DECK):
        recorder.record_open(asset_id, 1, target="preview")
        clock.now += dt.timedelta(minutes=1)
    for page in range(1, 5):
        recorder.record_page_view(GUIDE, 1, page, 3000)  # 4 pages read: 4 points
    recorder.record_share(PRICING, 1, "link")  # 5 points
    colleague = workspace.open_recorder(RepProfile.new(name="Sam Lee", email="sam@lumora.example"))
    colleague.record_open(GUIDE, 1, target="file")
    assert recorder.flush(10) and colleague.flush(10)

    assert recent_assets(workspace.store, profile.rep_id) == [DECK, PRICING, GUIDE]
    assert recent_assets(workspace.store, profile.rep_id, limit=2) == [DECK, PRICING]
    # GUIDE: 2 opens (6) + 4 page views (4) = 10; PRICING: open (3) + share (5) = 8; DECK: 2 opens = 6
    assert most_used_assets(workspace.store) == [(GUIDE, 10), (PRICING, 8), (DECK, 6)]
    assert most_used_assets(workspace.store, limit=1) == [(GUIDE, 10)]
    later = most_used_assets(workspace.store, since=FIXED_NOW + dt.timedelta(minutes=2, seconds=30))
    assert later == [(GUIDE, 7), (PRICING, 5), (DECK, 3)]


# -- crashes, locks and other instances --------------------------------------------------------------


def _kill(spool: OwnSpool) -> None:
    """Leave a spool as a killed process does: files closed by the OS, nothing removed."""
    os.close(spool.write_fd)
    os.close(spool.lock_fd)


def _events(count: int, profile: RepProfile, device: str) -> list[UsageEvent]:
    return [
        UsageEvent(
            id=str(uuid.uuid4()),
            kind="open",
            occurred_at=FIXED_NOW,
            rep_id=profile.rep_id,
            device_id=device,
            asset_id=DECK,
            asset_version=1,
            details={"target": "file"},
        )
        for _ in range(count)
    ]


def test_a_crashed_apps_spool_is_drained_on_the_next_start(
    workspace: Workspace, profile: RepProfile, log_warnings: list[object]
) -> None:
    events = _events(5, profile, device_id(workspace.store))
    crashed = OwnSpool.create(workspace.paths.usage_spool_dir)
    for event in events:
        crashed.append((event.to_json() + "\n").encode())
    crashed_path = crashed.path
    # Killed mid-write: an unfinished line, whose record call never returned.
    os.write(crashed.write_fd, events[0].to_json()[:40].encode())
    _kill(crashed)
    # And killed after storing part of the spool but before emptying it: must not duplicate.
    with workspace.store.sessions.begin() as session:
        insert_events(session, events[:2])

    recorder = workspace.open_recorder(profile)
    assert recorder.flush(10)
    deadline = time.monotonic() + 10
    while crashed_path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not crashed_path.exists() and not crashed_path.with_suffix(".lock").exists()
    assert _outbox_ids(workspace) == [event.id for event in events]
    assert any("unfinished last line" in str(getattr(r, "msg", "")) for r in log_warnings)


def test_recording_while_the_database_is_locked_returns_at_once_and_lands_later(
    workspace: Workspace, recorder: UsageRecorder
) -> None:
    assert recorder.flush(10)  # the start-up drain is done, so the thread is idle
    blocker = sqlite3.connect(workspace.paths.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process's write transaction, as the indexer holds
    try:
        durations = []
        events = []
        for number in range(50):
            started = time.perf_counter()
            events.append(recorder.record_page_view(DECK, 1, page=number + 1, dwell_ms=1200))
            durations.append(time.perf_counter() - started)
        assert sum(durations) < 0.5, durations  # nowhere near busy_timeout's 10 s
        assert sorted(durations)[len(durations) // 2] < 0.005
        assert not recorder.flush(timeout=0.3)
        assert _outbox_ids(workspace) == []  # readers still work in WAL mode; nothing is stored yet
        # ... but every event is already safe in the spool.
        spooled = b"".join(path.read_bytes() for path in _spool_files(workspace))
        assert all(event.id.encode() in spooled for event in events)
    finally:
        blocker.rollback()
        blocker.close()
    assert recorder.flush(timeout=15)
    assert _outbox_ids(workspace) == [event.id for event in events]


@pytest.mark.slow
def test_a_database_locked_past_busy_timeout_is_retried_without_losing_events(
    workspace: Workspace, recorder: UsageRecorder, log_warnings: list[object]
) -> None:
    assert recorder.flush(10)
    blocker = sqlite3.connect(workspace.paths.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        event = recorder.record_share(DECK, 1, "clipboard")
        assert not recorder.flush(timeout=11)  # busy_timeout (10 s) ran out: the drain failed
    finally:
        blocker.rollback()
        blocker.close()
    assert recorder.flush(timeout=15)
    assert _outbox_ids(workspace) == [event.id]
    assert any("database is locked" in str(getattr(r, "args", "")) for r in log_warnings)


def test_two_app_instances_on_one_data_folder_keep_their_own_spools(
    workspace: Workspace, profile: RepProfile
) -> None:
    first = workspace.open_recorder(profile)
    second = workspace.open_recorder(profile)
    assert first.flush(10) and second.flush(10)
    assert len(_spool_files(workspace)) == 2

    blocker = sqlite3.connect(workspace.paths.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        pending = [first.record_open(DECK, 1, target="file"), second.record_open(GUIDE, 1, target="file")]
        # A drain from a third process leaves running recorders' spools alone (and so never waits on the
        # locked database for them).
        started = time.perf_counter()
        assert drain_orphaned_spools(workspace.store, workspace.paths.usage_spool_dir) == 0
        assert time.perf_counter() - started < 2
        assert all(path.stat().st_size > 0 for path in _spool_files(workspace))
    finally:
        blocker.rollback()
        blocker.close()
    assert first.flush(15) and second.flush(15)
    assert sorted(_outbox_ids(workspace)) == sorted(event.id for event in pending)

    assert first.close() and second.close()
    assert _spool_files(workspace) == [] and list(workspace.paths.usage_spool_dir.iterdir()) == []


def test_closing_with_the_database_locked_keeps_events_for_the_next_start(
    workspace: Workspace, profile: RepProfile
) -> None:
    recorder = workspace.open_recorder(profile)
    assert recorder.flush(10)
    blocker = sqlite3.connect(workspace.paths.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        event = recorder.record_open(DECK, 1, target="preview")
        assert not recorder.close(timeout=0.2)
        assert any(event.id.encode() in path.read_bytes() for path in _spool_files(workspace))
    finally:
        blocker.rollback()
        blocker.close()
    assert recorder.flush(15)  # the thread finishes its last try once the lock is gone
    assert _outbox_ids(workspace) == [event.id]


# -- the schema -------------------------------------------------------------------------------------


def test_a_store_from_before_usage_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    database = tmp_path / "library.sqlite3"
    command.upgrade(alembic_config(f"sqlite:///{database}"), "0001")
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('library_root', '/srv/collateral')")
    store = open_store(database)
    assert store.get_setting("library_root") == "/srv/collateral"
    with store.engine.connect() as connection:
        tables = set(
            connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
        )
    assert {"usage_outbox", "ratings"} <= tables
    assert json.loads(json.dumps(events_since(store, LONG_AGO))) == []
