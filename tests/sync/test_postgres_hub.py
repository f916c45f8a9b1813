"""The PostgreSQL hub against a real server: what reps push is what marketing pulls, once; the roles let
each side do its part and nothing else; an unreachable or refusing server is a HubError, never a crash."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
import uuid
from pathlib import Path

import keyring
import keyring.backend
import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import create_engine, text

import tests.postgres
from enablement_app.cli.hub_postgres import setup_postgres
from enablement_app.cli.main import cli
from enablement_app.store import open_store
from enablement_app.sync.hub import (
    HUB_PASSWORD_ENV,
    HUB_URL_SETTING,
    Aggregates,
    AssetFigures,
    EventBatch,
    HubError,
    HubRefusedError,
    HubUnavailableError,
    SignedCatalog,
    open_hub,
)
from enablement_app.sync.hub_credentials import hub_password, remember_password, split_password
from enablement_app.sync.postgres_admin import setup_postgres_hub
from enablement_app.sync.postgres_hub import PUSH_LOCK_KEY, PostgresHub
from enablement_app.sync.postgres_schema import metadata
from enablement_app.usage.events import UsageEvent
from tests.postgres import LOGIN_PASSWORDS, PostgresHubDatabase, PostgresServer

START = dt.datetime(2026, 11, 2, 9, 30, 15, 123456, tzinfo=dt.UTC)
DEVICE = "0d1e2f30-0000-4000-8000-000000000001"


def _event(number: int, *, kind: str = "page_view", **changes: object) -> UsageEvent:
    fields: dict[str, object] = {
        "id": str(uuid.UUID(int=number + 1, version=4)),
        "kind": kind,
        "occurred_at": START + dt.timedelta(seconds=number, microseconds=number),
        "rep_id": "rep-ann",
        "device_id": DEVICE,
        "asset_id": f"{number:032x}",
        "asset_version": 2,
        "details": {"page": number + 1, "seconds": 7.25},
        "rep_team": "Mid-market",
        "rep_region": "EMEA",
        "rep_role": "rep",
    }
    fields.update(changes)
    return UsageEvent(**fields)  # type: ignore[arg-type]


def _events(first: int, last: int) -> tuple[UsageEvent, ...]:
    return tuple(_event(number) for number in range(first, last + 1))


def _batch(events: tuple[UsageEvent, ...]) -> EventBatch:
    return EventBatch(EventBatch.make_id(DEVICE, 1, len(events)), DEVICE, events)


def _pull_all(hub: PostgresHub) -> list[UsageEvent]:
    pulled = hub.pull_events(None)
    assert not pulled.more and not pulled.quarantined
    return list(pulled.events)


def _catalog(serial: int, manifest: bytes = b'{"assets": []}') -> SignedCatalog:
    return SignedCatalog(
        manifest=manifest,
        signature=bytes(range(64)),
        serial=serial,
        published_at=START + dt.timedelta(days=serial),
    )


# -- schema ------------------------------------------------------------------------------------------


def test_migrations_build_exactly_the_tables_the_backend_uses(
    postgres_hub_database: PostgresHubDatabase,
) -> None:
    engine = create_engine(postgres_hub_database.admin_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"version_table": "hub_alembic_version"})
            assert compare_metadata(context, metadata) == []
            assert connection.execute(text("SELECT version_num FROM hub_alembic_version")).scalar() == "0004"
    finally:
        engine.dispose()


def test_setting_up_twice_changes_nothing(postgres_hub_database: PostgresHubDatabase) -> None:
    with postgres_hub_database.open("rep_ann") as rep:
        rep.push(_batch(_events(0, 2)))
    setup_postgres_hub(postgres_hub_database.admin_url)
    with postgres_hub_database.open("marketing_mia") as marketing:
        assert _pull_all(marketing) == list(_events(0, 2))


# -- events --------------------------------------------------------------------------------------------


def test_every_field_of_every_kind_survives_the_round_trip(postgres_hub: PostgresHub) -> None:
    events = (
        _event(
            0,
            kind="search",
            asset_id=None,
            asset_version=None,
            details={"query": "prix réduit 🙂", "results": 0},
        ),
        _event(1, kind="open", details={"target": "preview", "from": {"playlist": "q4", "position": 3}}),
        _event(2, kind="page_view", details={"page": 12, "seconds": 0.5, "pages": [1, 2, None, True]}),
        _event(3, kind="share", details={"channel": "email", "to_domain": "acme.example"}),
        _event(
            4, kind="rate", details={"stars": 5, "used_in_deal": True, "comment": 'tab\there "quoted" \\'}
        ),
        _event(5, kind="playlist_progress", details={}, rep_team="", rep_region="", rep_role=""),
        _event(6, occurred_at=dt.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=dt.UTC)),
    )
    postgres_hub.push(_batch(events))

    pulled = _pull_all(postgres_hub)

    assert pulled == list(events)
    assert [event.to_dict() for event in pulled] == [event.to_dict() for event in events]
    assert all(event.occurred_at.utcoffset() == dt.timedelta(0) for event in pulled)


def test_a_nul_character_does_not_block_the_outbox(postgres_hub: PostgresHub) -> None:
    """PostgreSQL text and jsonb cannot hold NUL: the event is stored with U+FFFD instead of refused forever."""
    postgres_hub.push(_batch((_event(0, kind="search", details={"query": "a\x00b", "k\x00": ["\x00"]}),)))

    (pulled,) = _pull_all(postgres_hub)

    assert dict(pulled.details) == {"query": "a\ufffdb", "k\ufffd": ["\ufffd"]}


def test_resending_a_batch_or_overlapping_batches_stores_each_event_once(postgres_hub: PostgresHub) -> None:
    postgres_hub.push(_batch(_events(0, 49)))
    postgres_hub.push(_batch(_events(0, 49)))  # killed before noting the first push: sent again
    postgres_hub.push(_batch(_events(25, 74)))  # a later range that overlaps
    postgres_hub.push(_batch((*_events(75, 79), *_events(75, 79))))  # the same event twice in one batch

    assert _pull_all(postgres_hub) == list(_events(0, 79))


def test_an_empty_batch_is_nothing_to_do(postgres_hub: PostgresHub) -> None:
    postgres_hub.push(EventBatch("empty", DEVICE, ()))

    assert postgres_hub.pull_events(None).events == ()


def test_pulling_with_a_cursor_hands_each_event_out_once(postgres_hub: PostgresHub) -> None:
    postgres_hub.push(_batch(_events(0, 24)))

    first = postgres_hub.pull_events(None, limit=10)
    second = postgres_hub.pull_events(first.cursor, limit=10)
    third = postgres_hub.pull_events(second.cursor, limit=10)
    nothing_new = postgres_hub.pull_events(third.cursor, limit=10)

    assert (first.events, first.more) == (_events(0, 9), True)
    assert (second.events, second.more) == (_events(10, 19), True)
    assert (third.events, third.more) == (_events(20, 24), False)
    assert (nothing_new.events, nothing_new.more, nothing_new.cursor) == ((), False, third.cursor)

    postgres_hub.push(_batch(_events(20, 29)))  # 20-24 again, 25-29 new
    assert postgres_hub.pull_events(third.cursor).events == _events(25, 29)


def test_an_unreadable_row_is_quarantined_and_the_pull_goes_on(
    postgres_hub: PostgresHub, postgres_hub_database: PostgresHubDatabase
) -> None:
    postgres_hub.push(_batch(_events(0, 0)))
    with psycopg.connect(postgres_hub_database.admin_url) as admin:
        admin.execute(
            "INSERT INTO hub_events (id, kind, occurred_at, rep_id, device_id, details, batch_id) "
            "VALUES (%s, 'teleport', now(), 'r', 'd', '{}', 'hostile')",
            (str(uuid.uuid4()),),
        )
    postgres_hub.push(_batch(_events(1, 1)))

    pulled = postgres_hub.pull_events(None)

    assert pulled.events == _events(0, 1)
    assert len(pulled.quarantined) == 1
    assert "teleport" in pulled.quarantined[0].reason
    assert postgres_hub.pull_events(pulled.cursor).events == ()


def test_a_cursor_from_elsewhere_is_refused(postgres_hub: PostgresHub) -> None:
    with pytest.raises(HubRefusedError, match="not a position"):
        postgres_hub.pull_events("events-0001.jsonl")


def test_pushes_wait_for_each_other_so_seq_follows_commit_order(
    postgres_hub: PostgresHub, postgres_hub_database: PostgresHubDatabase
) -> None:
    """A push that commits after a pull must not have taken a seq the pull already went past."""
    finished = threading.Event()
    with psycopg.connect(postgres_hub_database.admin_url) as other_push:
        other_push.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK_KEY,))  # a push in progress
        pusher = threading.Thread(target=lambda: (postgres_hub.push(_batch(_events(0, 0))), finished.set()))
        pusher.start()
        assert not finished.wait(0.5)
        other_push.rollback()
    pusher.join(10)

    assert finished.is_set()
    assert _pull_all(postgres_hub) == [_event(0)]


# -- catalog and aggregates ----------------------------------------------------------------------------


def test_the_newest_catalog_serial_wins(postgres_hub_database: PostgresHubDatabase) -> None:
    with (
        postgres_hub_database.open("marketing_mia") as marketing,
        postgres_hub_database.open("rep_ann") as rep,
    ):
        assert rep.catalog() is None
        marketing.publish_catalog(_catalog(1))
        marketing.publish_catalog(_catalog(3, b'{"assets": ["new"]}'))
        marketing.publish_catalog(_catalog(2))  # an older one published late
        marketing.publish_catalog(_catalog(3, b'{"assets": ["new"]}'))  # a retry: nothing changes

        assert rep.catalog() == _catalog(3, b'{"assets": ["new"]}')
        with pytest.raises(HubRefusedError, match="serial 3"):
            marketing.publish_catalog(_catalog(3, b'{"assets": ["other"]}'))


def test_the_last_published_aggregates_are_what_reps_read(postgres_hub_database: PostgresHubDatabase) -> None:
    older = Aggregates(generated_at=START, assets={"a" * 32: AssetFigures("a" * 32, opens=1)})
    newer = Aggregates(
        generated_at=START + dt.timedelta(hours=1),
        assets={
            "a" * 32: AssetFigures(
                "a" * 32, opens=12, shares=3, ratings=2, average_rating=4.5, used_in_deal=1
            ),
            "b" * 32: AssetFigures("b" * 32, opens=1, top_rep_opens=1),
        },
    )
    with (
        postgres_hub_database.open("marketing_mia") as marketing,
        postgres_hub_database.open("rep_ann") as rep,
    ):
        assert rep.aggregates() is None
        marketing.publish_aggregates(older)
        marketing.publish_aggregates(newer)

        assert rep.aggregates() == newer


# -- roles ---------------------------------------------------------------------------------------------


def test_a_rep_can_push_and_read_the_catalog_and_nothing_more(
    postgres_hub_database: PostgresHubDatabase,
) -> None:
    with postgres_hub_database.open("marketing_mia") as marketing:
        marketing.publish_catalog(_catalog(1))
        marketing.publish_aggregates(Aggregates(generated_at=START))
    with postgres_hub_database.open("rep_bo") as bo:  # from Bo's own computer
        bo_device = "0d1e2f30-0000-4000-8000-0000000000b0"
        bo.push(EventBatch("bo", bo_device, (_event(100, rep_id="rep-bo", device_id=bo_device),)))

    with postgres_hub_database.open("rep_ann") as ann:
        ann.push(_batch(_events(0, 4)))
        assert ann.catalog() == _catalog(1)
        assert ann.aggregates() == Aggregates(generated_at=START)
        for attempt in (
            lambda: ann.pull_events(None),
            lambda: ann.publish_catalog(_catalog(2)),
            lambda: ann.publish_aggregates(Aggregates(generated_at=START)),
        ):
            with pytest.raises(HubRefusedError, match="rep_ann is not allowed"):
                attempt()

    with psycopg.connect(postgres_hub_database.url("rep_ann"), password=LOGIN_PASSWORDS["rep_ann"]) as raw:
        for statement in (
            "SELECT id FROM hub_events",  # not even their own, let alone Bo's
            "UPDATE hub_events SET kind = 'open'",
            "DELETE FROM hub_events",
            "TRUNCATE hub_events",
            "DELETE FROM hub_catalog",
            "UPDATE hub_aggregates SET figures = '{}'",
            # seq, received_at and pushed_by are the server's to give
            (
                "INSERT INTO hub_events (received_at, id, kind, occurred_at, rep_id, device_id, details, batch_id) "
                "VALUES (now(), gen_random_uuid(), 'open', now(), 'r', 'd', '{}', 'b')"
            ),
            (
                "INSERT INTO hub_events (pushed_by, id, kind, occurred_at, rep_id, device_id, details, batch_id) "
                "VALUES ('rep_bo', gen_random_uuid(), 'open', now(), 'r', 'd', '{}', 'b')"
            ),
            # which login a device belongs to is the server's to keep
            "SELECT * FROM hub_devices",
            "INSERT INTO hub_devices (device_id, login) VALUES ('d', 'rep_ann')",
            "DELETE FROM hub_devices",
            "SELECT public.hub_bind_event_devices()",
            "SELECT * FROM hub_alembic_version",
            "CREATE TABLE public.mine (x int)",
            "DROP TABLE hub_events",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw.execute(statement)
            raw.rollback()
        with pytest.raises(psycopg.errors.GeneratedAlways):
            raw.execute(
                "INSERT INTO hub_events (seq, id, kind, occurred_at, rep_id, device_id, details, batch_id) "
                "VALUES (1000000, gen_random_uuid(), 'open', now(), 'r', 'd', '{}', 'b')"
            )

    with postgres_hub_database.open("marketing_mia") as marketing:
        assert {event.rep_id for event in _pull_all(marketing)} == {"rep-ann", "rep-bo"}


def test_marketing_can_pull_and_publish_but_not_change_events(
    postgres_hub_database: PostgresHubDatabase,
) -> None:
    with postgres_hub_database.open("rep_ann") as ann:
        ann.push(_batch(_events(0, 2)))

    with postgres_hub_database.open("marketing_mia") as marketing:
        assert _pull_all(marketing) == list(_events(0, 2))
        marketing.publish_catalog(_catalog(1))
        marketing.publish_aggregates(Aggregates(generated_at=START))
        assert marketing.catalog() == _catalog(1)

    password = LOGIN_PASSWORDS["marketing_mia"]
    with psycopg.connect(postgres_hub_database.url("marketing_mia"), password=password) as raw:
        for statement in (
            "DELETE FROM hub_events",
            "UPDATE hub_events SET kind = 'open'",
            "DELETE FROM hub_catalog",
            "DELETE FROM hub_devices",  # only the hub's administrator releases a device
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw.execute(statement)
            raw.rollback()


# -- errors and credentials ----------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_an_unreachable_hub_is_unavailable_at_once() -> None:
    with PostgresHub(f"postgresql://rep_ann@127.0.0.1:{_closed_port()}/hub", password="x") as hub:
        for attempt in (hub.catalog, hub.aggregates, lambda: hub.push(_batch(_events(0, 0)))):
            started = time.monotonic()
            with pytest.raises(HubUnavailableError, match="Connection refused"):
                attempt()
            assert time.monotonic() - started < 2


def test_a_wrong_or_missing_password_is_refused(postgres_hub_database: PostgresHubDatabase) -> None:
    with PostgresHub(postgres_hub_database.url("rep_ann"), password="not-it") as hub:
        with pytest.raises(HubRefusedError, match="password authentication failed") as refused:
            hub.push(_batch(_events(0, 0)))
        assert "not-it" not in str(refused.value)
    with PostgresHub(postgres_hub_database.url("rep_ann")) as hub, pytest.raises(HubRefusedError):
        hub.catalog()
    with (
        PostgresHub(postgres_hub_database.url("nobody_here"), password="x") as hub,
        pytest.raises(HubRefusedError),
    ):
        hub.catalog()


def test_a_database_that_is_not_a_hub_is_refused_with_what_to_do(postgres_database: str) -> None:
    with PostgresHub(postgres_database) as hub, pytest.raises(HubRefusedError, match="setup-postgres"):
        hub.catalog()


def test_nothing_but_hub_errors_leave_the_backend(postgres_server: PostgresServer) -> None:
    with PostgresHub(postgres_server.url(database="no_such_database")) as hub:
        with pytest.raises(HubRefusedError, match="does not exist"):
            hub.pull_events(None)
        with pytest.raises(HubError):
            hub.push(_batch(_events(0, 0)))


def test_the_password_comes_from_the_environment_and_never_shows(
    postgres_hub_database: PostgresHubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HUB_PASSWORD_ENV, LOGIN_PASSWORDS["rep_ann"])
    url = postgres_hub_database.url("rep_ann")

    hub = open_hub(url)
    try:
        assert isinstance(hub, PostgresHub)
        assert hub.url == url
        hub.push(_batch(_events(0, 0)))
    finally:
        hub.close()

    monkeypatch.delenv(HUB_PASSWORD_ENV)
    typed = url.replace("rep_ann@", f"rep_ann:{LOGIN_PASSWORDS['rep_ann']}@")
    with PostgresHub.from_url(typed) as hub:
        assert LOGIN_PASSWORDS["rep_ann"] not in hub.url
        assert hub.catalog() is None


def test_split_password_keeps_the_url_and_returns_the_secret() -> None:
    assert split_password("postgresql://rep:s%40cret@db.example:5433/hub?sslmode=require") == (
        "postgresql://rep@db.example:5433/hub?sslmode=require",
        "s@cret",
    )
    assert split_password("postgresql://rep@db.example/hub") == ("postgresql://rep@db.example/hub", None)
    assert split_password("file:///srv/hub") == ("file:///srv/hub", None)


def test_without_a_keyring_backend_the_password_is_simply_not_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv(HUB_PASSWORD_ENV, raising=False)
    import keyring.core

    keyring.core.init_backend()
    try:
        assert remember_password("postgresql://rep@db.example/hub", "secret") is False
        assert hub_password("postgresql://rep@db.example/hub") is None
    finally:
        monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
        keyring.core.init_backend()


class _MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps its secrets in a dict, as the OS keyring would keep them."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def test_a_password_kept_in_the_keyring_opens_the_hub(
    postgres_hub_database: PostgresHubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(HUB_PASSWORD_ENV, raising=False)
    memory = _MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        typed = postgres_hub_database.url("rep_ann").replace("rep_ann@", "rep_ann:ann-secret@")
        bare, password = split_password(typed)
        assert password is not None and remember_password(bare, password)
        assert list(memory.secrets) == [("enablement-hub", bare)]

        with PostgresHub.from_url(bare) as hub:
            hub.push(_batch(_events(0, 0)))
    finally:
        keyring.set_keyring(previous)


def test_missing_server_binaries_fail_the_tests_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tests.postgres, "DEBIAN_BINDIRS", tmp_path / "no-postgresql")
    monkeypatch.delenv(tests.postgres.BINDIR_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(pytest.fail.Exception, match="scripts/setup"):
        tests.postgres.find_bindir()


# -- volume --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_hundred_thousand_events_arrive_once(postgres_hub_database: PostgresHubDatabase) -> None:
    """The volume target (100,000 in under 5 s with the outbox read) is measured by bench/bench_postgres_hub.py;
    this guards against a push that is an order of magnitude slower, or that loses or doubles events."""
    events = tuple(_event(number) for number in range(100_000))
    with postgres_hub_database.open("rep_ann") as rep:
        started = time.perf_counter()
        rep.push(EventBatch("big", DEVICE, events))
        elapsed = time.perf_counter() - started
        rep.push(EventBatch("big", DEVICE, events[50_000:]))
    with postgres_hub_database.open("marketing_mia") as marketing:
        pulled = marketing.pull_events(None, limit=200_000)
    assert len(pulled.events) == 100_000 and len({event.id for event in pulled.events}) == 100_000
    assert elapsed < 15, f"pushing 100,000 events took {elapsed:.1f} s"


# -- setting a hub up ----------------------------------------------------------------------------------


def test_setup_postgres_makes_a_hub_with_logins_reps_can_use(postgres_database: str) -> None:
    result = CliRunner().invoke(
        setup_postgres,
        [postgres_database, "--rep", "rep_cy", "--marketing", "marketing_max"],
        input="cy-secret\ncy-secret\nmax-secret\nmax-secret\n",
    )

    assert result.exit_code == 0, result.output
    assert "rep_cy can log in" in result.output and "marketing_max can log in" in result.output
    admin_password = split_password(postgres_database)[1]
    assert admin_password and admin_password not in result.output
    database_url = split_password(postgres_database)[0]
    with PostgresHub(database_url.replace("hub_admin@", "rep_cy@"), password="cy-secret") as rep:
        rep.push(_batch(_events(0, 1)))
    with PostgresHub(
        database_url.replace("hub_admin@", "marketing_max@"), password="max-secret"
    ) as marketing:
        assert _pull_all(marketing) == list(_events(0, 1))


def test_setup_postgres_says_why_it_cannot(postgres_database: str) -> None:
    wrong = postgres_database.replace(split_password(postgres_database)[1] or "", "not-the-password")
    refused = CliRunner().invoke(setup_postgres, [wrong])
    unreachable = CliRunner().invoke(setup_postgres, [f"postgresql://admin:x@127.0.0.1:{_closed_port()}/hub"])

    assert refused.exit_code == 7 and "password authentication failed" in refused.output
    assert "not-the-password" not in refused.output
    assert unreachable.exit_code == 6 and "cannot reach" in unreachable.output


def test_creating_a_postgres_hub_sets_the_database_up(postgres_database: str) -> None:
    with PostgresHub.create(postgres_database) as hub:
        hub.publish_catalog(_catalog(1))
        assert hub.catalog() == _catalog(1)
    with PostgresHub.create(postgres_database) as again:  # an existing hub is left as it is
        assert again.catalog() == _catalog(1)


def test_connecting_with_a_typed_password_saves_the_address_without_it(
    postgres_hub_database: PostgresHubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(HUB_PASSWORD_ENV, raising=False)
    memory = _MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        bare = postgres_hub_database.url("rep_ann")
        typed = bare.replace("rep_ann@", "rep_ann:ann-secret@")
        data = tmp_path / "data"

        connected = CliRunner().invoke(cli, ["--data-dir", str(data), "hub", "connect", typed])
        assert connected.exit_code == 0, connected.output
        assert "ann-secret" not in connected.output

        store = open_store(data / "library.sqlite3")
        try:
            assert store.get_setting(HUB_URL_SETTING) == bare
        finally:
            store.close()
        assert memory.secrets == {("enablement-hub", bare): "ann-secret"}
        assert "ann-secret" not in b"".join(
            path.read_bytes() for path in data.rglob("*") if path.is_file()
        ).decode(errors="replace")
    finally:
        keyring.set_keyring(previous)
