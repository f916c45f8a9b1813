"""A rep login sends events of its own devices only: the PostgreSQL server itself refuses events naming a
device that another login sent first, whether they come from the app or from a hand-typed INSERT; the rep
is told why in a sentence, and nothing leaves the outbox until the device is released."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.rows import TupleRow
from sqlalchemy import create_engine

from enablement_app.cli.main import EXIT_HUB_REFUSED, cli
from enablement_app.store import Store, open_store
from enablement_app.sync.hub import HUB_PASSWORD_ENV, HUB_URL_SETTING, HubRefusedError
from enablement_app.sync.postgres_admin import (
    create_hub_login,
    migrate_hub,
    release_hub_device,
    setup_postgres_hub,
)
from enablement_app.sync.postgres_hub import PostgresHub
from enablement_app.sync.postgres_schema import DEVICE_TAKEN_SQLSTATE
from enablement_app.sync.rep_sync import RepSync
from enablement_app.usage.events import UsageEvent
from enablement_app.usage.profile import DEVICE_ID_KEY
from tests.conftest import Clock
from tests.postgres import ADMIN_USER, LOGIN_PASSWORDS, PostgresHubDatabase, PostgresServer
from tests.sync.events import batch_of, make_events, record
from tests.sync.hubs import pull_all

ANN_DEVICE = "a0000000-0000-4000-8000-00000000000a"
BO_DEVICE = "b0000000-0000-4000-8000-00000000000b"

_INSERT = (
    "INSERT INTO hub_events (id, kind, occurred_at, rep_id, device_id, details, batch_id) "
    "VALUES (%s, 'open', now(), 'rep-bo', %s, '{}', 'by-hand')"
)


def _refusal(device: str, owner: str, pusher: str) -> str:
    return f"device {device} is registered to another hub login ({owner}), not to {pusher}"


def _raw(database: PostgresHubDatabase, login: str) -> psycopg.Connection[TupleRow]:
    """A connection as ``login`` that bypasses the app, as anyone with the login's password could open."""
    return psycopg.connect(database.url(login), password=LOGIN_PASSWORDS[login])


def _admin_rows(database: PostgresHubDatabase, query: str, *params: object) -> list[TupleRow]:
    with psycopg.connect(database.admin_url) as admin:
        return admin.execute(query, params or None).fetchall()


@pytest.fixture
def ann_pushed(postgres_hub_database: PostgresHubDatabase) -> list[UsageEvent]:
    """Ann's device sent its first events: it is hers from now on."""
    events = make_events(3, ANN_DEVICE)
    with postgres_hub_database.open("rep_ann") as ann:
        ann.push(batch_of(events, ANN_DEVICE, 1))
    return events


# -- the app's push ------------------------------------------------------------------------------------


def test_a_rep_cannot_send_events_of_another_logins_device(
    postgres_hub_database: PostgresHubDatabase, ann_pushed: list[UsageEvent]
) -> None:
    own = make_events(4, BO_DEVICE)
    posing = make_events(2, ANN_DEVICE, offset=10)
    with postgres_hub_database.open("rep_bo") as bo:
        for events in (posing, own + posing):  # Ann's device alone, or slipped in among Bo's own
            with pytest.raises(HubRefusedError) as refused:
                bo.push(batch_of(events, BO_DEVICE, 1))
            message = str(refused.value)
            assert "refused these events: " + _refusal(ANN_DEVICE, "rep_ann", "rep_bo") in message
            assert "ask marketing to release the device" in message and "The events wait here" in message
            assert "Traceback" not in message and "CONTEXT" not in message

        # nothing of the refused batches was stored, not even Bo's own events, and his device is not
        # bound by a push that failed
        assert _admin_rows(postgres_hub_database, "SELECT count(*) FROM hub_events") == [(3,)]
        assert _admin_rows(postgres_hub_database, "SELECT device_id, login FROM hub_devices") == [
            (ANN_DEVICE, "rep_ann")
        ]

        bo.push(batch_of(own, BO_DEVICE, 1))

    with postgres_hub_database.open("marketing_mia") as marketing:
        assert pull_all(marketing)[0] == ann_pushed + own
    assert _admin_rows(
        postgres_hub_database,
        "SELECT device_id, pushed_by, count(*) FROM hub_events GROUP BY 1, 2 ORDER BY 1",
    ) == [(ANN_DEVICE, "rep_ann", 3), (BO_DEVICE, "rep_bo", 4)]
    assert _admin_rows(postgres_hub_database, "SELECT device_id, login FROM hub_devices ORDER BY 1") == [
        (ANN_DEVICE, "rep_ann"),
        (BO_DEVICE, "rep_bo"),
    ]


def test_a_rep_keeps_sending_its_own_device_and_resends_stay_harmless(
    postgres_hub_database: PostgresHubDatabase, ann_pushed: list[UsageEvent]
) -> None:
    more = make_events(5, ANN_DEVICE, offset=3)
    with postgres_hub_database.open("rep_ann") as ann:
        ann.push(batch_of(ann_pushed + more, ANN_DEVICE, 1))  # a resend that overlaps
    with postgres_hub_database.open("rep_bo") as bo:
        # every event already on the hub: nothing is added, and nothing named Ann's device anew
        bo.push(batch_of(ann_pushed, ANN_DEVICE, 1))

    with postgres_hub_database.open("marketing_mia") as marketing:
        assert pull_all(marketing)[0] == ann_pushed + more
    assert _admin_rows(postgres_hub_database, "SELECT DISTINCT pushed_by FROM hub_events") == [("rep_ann",)]


# -- around the app ------------------------------------------------------------------------------------


def test_the_server_refuses_a_hand_typed_insert_naming_another_logins_device(
    postgres_hub_database: PostgresHubDatabase, ann_pushed: list[UsageEvent]
) -> None:
    with _raw(postgres_hub_database, "rep_bo") as bo:
        for before in ("", "SET ROLE enablement_rep"):  # a role switch does not change who logged in
            if before:
                bo.execute(before)
            with pytest.raises(psycopg.DatabaseError) as refused:
                bo.execute(_INSERT, (str(uuid.uuid4()), ANN_DEVICE))
            assert refused.value.sqlstate == DEVICE_TAKEN_SQLSTATE
            assert refused.value.diag.message_primary == _refusal(ANN_DEVICE, "rep_ann", "rep_bo")
            bo.rollback()
        with (
            pytest.raises(psycopg.DatabaseError) as copied,
            bo.cursor().copy(
                "COPY hub_events (id, kind, occurred_at, rep_id, device_id, details, batch_id) FROM STDIN"
            ) as copy,
        ):
            copy.write_row((str(uuid.uuid4()), "open", dt.datetime.now(dt.UTC), "r", ANN_DEVICE, "{}", "b"))
        assert copied.value.sqlstate == DEVICE_TAKEN_SQLSTATE
        bo.rollback()

        bo.execute(_INSERT, (str(uuid.uuid4()), BO_DEVICE))  # his own device, by hand: allowed
        bo.commit()

    assert _admin_rows(
        postgres_hub_database,
        "SELECT device_id, pushed_by, count(*) FROM hub_events GROUP BY 1, 2 ORDER BY 1",
    ) == [(ANN_DEVICE, "rep_ann", 3), (BO_DEVICE, "rep_bo", 1)]


def test_two_logins_claiming_a_new_device_at_once_one_wins(
    postgres_hub_database: PostgresHubDatabase,
) -> None:
    """Hand-typed INSERTs take no push lock: the second waits on the first's claim, then is refused."""
    new_device = str(uuid.uuid4())
    outcome: list[BaseException | None] = []
    with _raw(postgres_hub_database, "rep_ann") as ann, _raw(postgres_hub_database, "rep_bo") as bo:
        ann.execute(_INSERT, (str(uuid.uuid4()), new_device))  # claimed, not committed yet

        def bo_inserts() -> None:
            try:
                bo.execute(_INSERT, (str(uuid.uuid4()), new_device))
                outcome.append(None)
            except psycopg.Error as error:
                outcome.append(error)

        racer = threading.Thread(target=bo_inserts)
        racer.start()
        racer.join(0.5)
        assert racer.is_alive()  # waiting for Ann's transaction
        ann.commit()
        racer.join(10)

    assert len(outcome) == 1 and isinstance(outcome[0], psycopg.DatabaseError)
    assert outcome[0].sqlstate == DEVICE_TAKEN_SQLSTATE
    assert _admin_rows(
        postgres_hub_database, "SELECT login FROM hub_devices WHERE device_id = %s", new_device
    ) == [("rep_ann",)]


def test_the_owner_is_not_limited_and_marketing_cannot_send_events(
    postgres_hub_database: PostgresHubDatabase, ann_pushed: list[UsageEvent]
) -> None:
    imported = make_events(2, ANN_DEVICE, offset=20) + make_events(2, BO_DEVICE, offset=30)
    with postgres_hub_database.open(ADMIN_USER) as owner:  # say, copying events in from a folder hub
        owner.push(batch_of(imported, ANN_DEVICE, 1))
    # the owner's events bind nothing: Bo's device is still free for Bo
    with postgres_hub_database.open("rep_bo") as bo:
        bo.push(batch_of(make_events(1, BO_DEVICE, offset=40), BO_DEVICE, 1))
    with (
        _raw(postgres_hub_database, "marketing_mia") as marketing_login,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        marketing_login.execute(_INSERT, (str(uuid.uuid4()), str(uuid.uuid4())))

    with postgres_hub_database.open("marketing_mia") as marketing:
        assert len(pull_all(marketing)[0]) == 3 + 4 + 1
    assert _admin_rows(postgres_hub_database, "SELECT device_id, login FROM hub_devices ORDER BY 1") == [
        (ANN_DEVICE, "rep_ann"),
        (BO_DEVICE, "rep_bo"),
    ]


# -- the rep's sync ------------------------------------------------------------------------------------


@pytest.fixture
def bo_store(postgres_hub_database: PostgresHubDatabase, tmp_path: Path) -> Iterator[Store]:
    """Bo's data folder, copied from Ann's computer (it carries her device id), connected as Bo."""
    opened = open_store(tmp_path / "bo" / "library.sqlite3")
    opened.set_setting(DEVICE_ID_KEY, ANN_DEVICE)
    opened.set_setting(HUB_URL_SETTING, postgres_hub_database.url("rep_bo"))
    yield opened
    opened.close()


def test_a_refused_sync_keeps_every_event_waiting_and_says_why(
    postgres_hub_database: PostgresHubDatabase, ann_pushed: list[UsageEvent], bo_store: Store, clock: Clock
) -> None:
    waiting = record(bo_store, 7, ANN_DEVICE)
    sync = RepSync(
        bo_store, lambda: postgres_hub_database.open("rep_bo"), ANN_DEVICE, clock=clock, batch_size=5
    )

    report = sync.sync_once()

    assert (report.sent_events, report.waiting_events, report.refused) == (0, 7, True)
    assert report.error is not None and _refusal(ANN_DEVICE, "rep_ann", "rep_bo") in report.error
    assert sync.cursor() == 0
    status = sync.status()
    assert (status.last_error, status.failures, status.waiting_events) == (report.error, 1, 7)
    assert status.describe(clock.now).startswith(
        "Not synced yet · 7 events waiting · last try failed: the hub "
    )
    assert sync.sync_once().waiting_events == 7  # refused again, still all there

    assert release_hub_device(postgres_hub_database.admin_url, ANN_DEVICE) == "rep_ann"
    report = sync.sync_once()

    assert (report.sent_events, report.waiting_events, report.error) == (7, 0, None)
    assert sync.status().describe(clock.now) == "Synced just now · all sent"
    with postgres_hub_database.open("marketing_mia") as marketing:
        assert pull_all(marketing)[0] == ann_pushed + waiting


def test_enablement_sync_says_why_the_hub_refused_and_exits_7(
    postgres_hub_database: PostgresHubDatabase,
    ann_pushed: list[UsageEvent],
    bo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record(bo_store, 2, ANN_DEVICE)
    monkeypatch.setenv(HUB_PASSWORD_ENV, LOGIN_PASSWORDS["rep_bo"])

    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "bo"), "sync"])

    assert result.exit_code == EXIT_HUB_REFUSED
    assert _refusal(ANN_DEVICE, "rep_ann", "rep_bo") in result.output
    assert "2 events waiting" in result.output
    assert "Traceback" not in result.output


def test_releasing_a_device_lets_the_next_login_take_it(
    postgres_hub_database: PostgresHubDatabase, ann_pushed: list[UsageEvent]
) -> None:
    runner = CliRunner()
    admin_url = postgres_hub_database.admin_url

    released = runner.invoke(cli, ["hub", "release-device", admin_url, ANN_DEVICE])
    again = runner.invoke(cli, ["hub", "release-device", admin_url, ANN_DEVICE])

    assert released.exit_code == 0, released.output
    assert released.output == (
        f"released device {ANN_DEVICE} from rep_ann: the next login to send its events takes it\n"
    )
    assert again.output == (
        f"device {ANN_DEVICE} was registered to no login: the next login to send its events takes it\n"
    )
    with postgres_hub_database.open("rep_bo") as bo:
        bo.push(batch_of(make_events(1, ANN_DEVICE, offset=5), ANN_DEVICE, 4))
    with postgres_hub_database.open("rep_ann") as ann, pytest.raises(HubRefusedError, match=r"\(rep_bo\)"):
        ann.push(batch_of(make_events(1, ANN_DEVICE, offset=6), ANN_DEVICE, 5))
    assert len(_admin_rows(postgres_hub_database, "SELECT id FROM hub_events")) == 4  # Ann's 3 kept

    as_bo = postgres_hub_database.url("rep_bo").replace("rep_bo@", f"rep_bo:{LOGIN_PASSWORDS['rep_bo']}@")
    refused = runner.invoke(cli, ["hub", "release-device", as_bo, ANN_DEVICE])
    assert refused.exit_code == EXIT_HUB_REFUSED, refused.output  # a rep cannot free a device, even its own
    assert f"cannot release device {ANN_DEVICE} on" in refused.output
    assert "permission denied for table hub_devices" in refused.output


# -- setting up and upgrading --------------------------------------------------------------------------

# Who may do what on the hub's tables and function, and its triggers: what setting up must leave alone.
_RIGHTS = (
    "SELECT c.relname::text, c.relacl::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = 'public' AND c.relname LIKE 'hub%' "
    "UNION ALL SELECT 'column ' || attname, attacl::text FROM pg_attribute "
    "WHERE attrelid = 'hub_events'::regclass AND attacl IS NOT NULL "
    "UNION ALL SELECT p.proname::text, p.proacl::text FROM pg_proc p WHERE p.proname LIKE 'hub%' "
    "UNION ALL SELECT t.tgname::text, t.tgenabled::text FROM pg_trigger t WHERE NOT t.tgisinternal "
    "ORDER BY 1"
)


def test_setting_up_again_keeps_devices_and_rights_as_they_are(
    postgres_hub_database: PostgresHubDatabase, ann_pushed: list[UsageEvent]
) -> None:
    rights = _admin_rows(postgres_hub_database, _RIGHTS)
    devices = _admin_rows(postgres_hub_database, "SELECT * FROM hub_devices")
    with psycopg.connect(postgres_hub_database.admin_url) as admin:  # granted by hand, say while debugging
        admin.execute("GRANT SELECT, DELETE ON hub_devices TO enablement_rep")

    setup_postgres_hub(postgres_hub_database.admin_url)
    setup_postgres_hub(postgres_hub_database.admin_url)

    assert _admin_rows(postgres_hub_database, _RIGHTS) == rights
    assert _admin_rows(postgres_hub_database, "SELECT * FROM hub_devices") == devices
    with postgres_hub_database.open("rep_bo") as bo, pytest.raises(HubRefusedError, match=r"\(rep_ann\)"):
        bo.push(batch_of(make_events(1, ANN_DEVICE, offset=9), ANN_DEVICE, 4))


def test_upgrading_a_hub_with_events_keeps_them_and_binds_devices_on_the_next_push(
    postgres_server: PostgresServer, postgres_database: str
) -> None:
    engine = create_engine(postgres_database.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:
            migrate_hub(connection, "0002")
    finally:
        engine.dispose()
    before = make_events(3, ANN_DEVICE) + make_events(2, BO_DEVICE, offset=3)
    with PostgresHub(postgres_database) as owner_at_0002:
        owner_at_0002.push(batch_of(before, ANN_DEVICE, 1))

    setup_postgres_hub(postgres_database)
    for login, password in LOGIN_PASSWORDS.items():
        create_hub_login(
            postgres_database, login, password, "rep" if login.startswith("rep") else "marketing"
        )
    database = PostgresHubDatabase(
        server=postgres_server, admin_url=postgres_database, database=postgres_database.rsplit("/", 1)[1]
    )

    # who pushed them was never recorded: unknown, not the administrator who ran the upgrade
    assert _admin_rows(database, "SELECT DISTINCT pushed_by FROM hub_events") == [(None,)]
    assert _admin_rows(database, "SELECT count(*) FROM hub_devices") == [(0,)]
    after = make_events(2, BO_DEVICE, offset=10)
    with database.open("rep_bo") as bo:
        bo.push(batch_of(after, BO_DEVICE, 4))
    with database.open("rep_ann") as ann, pytest.raises(HubRefusedError, match=r"\(rep_bo\)"):
        ann.push(batch_of(make_events(1, BO_DEVICE, offset=20), BO_DEVICE, 6))

    with database.open("marketing_mia") as marketing:
        pulled = pull_all(marketing)[0]
    assert pulled == before + after
