"""The PostgreSQL hub (``postgresql://rep@host/db``): the scale-up backend behind the ``Hub`` interface.

A batch is copied (binary COPY) into a session's staging table and moved into ``hub_events`` by one
``INSERT ... SELECT ... ON CONFLICT DO NOTHING``: a few round trips whatever the batch size, and a resent
batch stores nothing twice. Marketing pulls events by the server's ``seq``. A ``seq`` is handed out when a
row is inserted but becomes visible when its transaction commits, so two pushes committing out of order
could let a pull skip the earlier one for good; every push therefore holds one transaction-scoped advisory
lock, which makes commit order and ``seq`` order the same. Pushes from many reps queue on that lock for as
long as each insert takes (milliseconds for a usual batch, 2-3 s for 100,000 events).

The schema is made by ``postgres_admin.setup_postgres_hub`` (Alembic); a rep's role cannot change it, so
opening a hub never migrates. Every database error leaves as ``HubUnavailableError`` (try later) or
``HubRefusedError`` (fix the credentials, the role or the set-up), never as a driver exception.

The server, not this module, keeps a rep login to its own devices: a trigger on ``hub_events`` fails the
push's INSERT when an event names a device bound to another login, so nothing of the batch is stored and
the rep is told which device and whose it is (``DEVICE_TAKEN_SQLSTATE``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import orjson
import psycopg
from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from enablement_app.sync.hub import (
    Aggregates,
    AssetFigures,
    EventBatch,
    HubError,
    HubRefusedError,
    HubUnavailableError,
    PulledEvents,
    Quarantined,
    SignedCatalog,
    redact,
)
from enablement_app.sync.hub_credentials import hub_password, split_password
from enablement_app.sync.postgres_schema import (
    DEVICE_TAKEN_SQLSTATE,
    hub_aggregates,
    hub_catalog,
    hub_onboarding,
    hub_playlist_proposals,
)
from enablement_app.usage.events import EventFormatError, UsageEvent

if TYPE_CHECKING:
    from enablement_app.onboarding.proposals import PlaylistProposal
    from enablement_app.onboarding.team_progress import OnboardingProgress

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key that serializes pushes ("enableme" in ASCII, fits a signed bigint)
PUSH_LOCK_KEY = 0x656E61626C656D65
DEFAULT_CONNECT_TIMEOUT = 5  # seconds; libpq's minimum is 2

# Events arrive by binary COPY into a per-session temporary table, then move into hub_events in one
# statement; measured on the 2-core reference machine this is 3-4 times faster than an INSERT with one array
# per column and 10 times faster than executemany. The staging columns are text so no value is parsed
# twice; the casts happen once, in the INSERT.
_STAGING_COLUMNS = (
    ("id", "text"),
    ("kind", "text"),
    ("occurred_at", "timestamptz"),
    ("rep_id", "text"),
    ("device_id", "text"),
    ("rep_team", "text"),
    ("rep_region", "text"),
    ("rep_role", "text"),
    ("asset_id", "text"),
    ("asset_version", "int4"),
    ("details", "text"),
)
_STAGING_NAMES = ", ".join(name for name, _ in _STAGING_COLUMNS)
# IF NOT EXISTS inside the push's own transaction: works on a fresh session and behind a pooler alike, and
# a session's table is made once, not once per push (ON COMMIT DELETE ROWS empties it).
_CREATE_STAGING = (
    "CREATE TEMPORARY TABLE IF NOT EXISTS hub_incoming_events ("
    + ", ".join(f"{name} {kind}" for name, kind in _STAGING_COLUMNS)
    + ") ON COMMIT DELETE ROWS"
)
_COPY_STAGING = f"COPY hub_incoming_events ({_STAGING_NAMES}) FROM STDIN (FORMAT BINARY)"
# No conflict target on purpose: naming one needs SELECT on hub_events, which a rep's role does not have.
# The event id is the only unique key a rep can collide on (seq is the server's own).
_INSERT_EVENTS = (
    f"INSERT INTO hub_events ({_STAGING_NAMES}, batch_id) "
    "SELECT CAST(id AS uuid), kind, occurred_at, rep_id, device_id, rep_team, rep_region, rep_role, "
    "asset_id, asset_version, CAST(details AS jsonb), %s FROM hub_incoming_events "
    "ON CONFLICT DO NOTHING"
)

# Pulled through the driver as plain tuples, ids and details as text: a third faster than SQLAlchemy rows
# with per-value conversions, for the 100,000 events a pull may hand out.
_SELECT_EVENTS = (
    "SELECT seq, CAST(id AS text), kind, occurred_at, rep_id, device_id, rep_team, rep_region, rep_role, "
    "asset_id, asset_version, CAST(details AS text) FROM hub_events WHERE seq > %s ORDER BY seq LIMIT %s"
)

# Messages libpq gives for a connection the server refused to authenticate (no SQLSTATE is attached).
_REFUSED_CONNECTION = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "does not exist",
    "no pg_hba.conf entry",
    "permission denied",
)


class PostgresHub:
    """A hub in a PostgreSQL database. ``url`` carries no password; pass it as ``password``."""

    def __init__(
        self, url: str, *, password: str | None = None, connect_timeout: int = DEFAULT_CONNECT_TIMEOUT
    ) -> None:
        bare, in_url = split_password(url)
        self._url = bare
        try:
            sa_url = make_url(bare).set(drivername="postgresql+psycopg", password=password or in_url)
        except (ValueError, SQLAlchemyError) as error:
            raise HubRefusedError(f"{bare!r} is not a PostgreSQL hub address ({error})") from error
        self._user = sa_url.username or "(the login name)"
        # A laptop drops off networks mid-call: notice a dead connection in about a minute rather than the
        # OS's two hours, and never wait forever for a push that holds the push lock. What the URL's query
        # sets (``?connect_timeout=10``) wins.
        connect_args: dict[str, Any] = {
            "application_name": "enablement",
            "connect_timeout": max(2, connect_timeout),
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            "options": "-c lock_timeout=60s -c statement_timeout=10min",
        }
        for name in sa_url.query:
            connect_args.pop(name, None)
        self._engine: Engine = create_engine(
            sa_url, pool_size=2, max_overflow=2, pool_pre_ping=True, connect_args=connect_args
        )

    @classmethod
    def from_url(cls, url: str) -> PostgresHub:
        """The hub at ``url``, its password from the URL, else ``$ENABLEMENT_HUB_PASSWORD``, else the keyring."""
        bare, password = split_password(url)
        return cls(bare, password=password if password is not None else hub_password(bare))

    @classmethod
    def create(cls, url: str) -> PostgresHub:
        """Set up the database at ``url`` as a hub (``create_hub``): needs its owner's or a superuser's login."""
        from enablement_app.sync.postgres_admin import setup_postgres_hub

        bare, password = split_password(url)
        password = password if password is not None else hub_password(bare)
        setup_postgres_hub(bare, password=password)
        return cls(bare, password=password)

    @property
    def url(self) -> str:
        return redact(self._url)

    # -- rep side ------------------------------------------------------------------------------
    def push(self, batch: EventBatch) -> None:
        if not batch.events:
            return
        with self._translated("send usage events"), self._engine.begin() as connection:
            driver = connection.connection.driver_connection
            assert isinstance(driver, psycopg.Connection)
            with driver.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK_KEY,))
                cursor.execute(_CREATE_STAGING)
                with cursor.copy(_COPY_STAGING) as copy:
                    copy.set_types([kind for _, kind in _STAGING_COLUMNS])
                    for event in batch.events:
                        copy.write_row(_staging_row(event))
                cursor.execute(_INSERT_EVENTS, (_text(batch.batch_id),))
        log.debug("pushed batch %s (%d events) to %s", batch.batch_id, len(batch.events), self.url)

    def catalog(self) -> SignedCatalog | None:
        query = select(hub_catalog).order_by(hub_catalog.c.serial.desc()).limit(1)
        with self._translated("read the catalog"), self._engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None:
            return None
        return SignedCatalog(
            manifest=bytes(row.manifest),
            signature=bytes(row.signature),
            serial=row.serial,
            published_at=row.published_at.astimezone(dt.UTC),
            public_key=row.public_key or "",
        )

    def aggregates(self) -> Aggregates | None:
        query = select(hub_aggregates).order_by(hub_aggregates.c.id.desc()).limit(1)
        with self._translated("read the usage figures"), self._engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None:
            return None
        try:
            assets = {
                str(asset_id): AssetFigures.from_json(str(asset_id), figures)
                for asset_id, figures in row.figures.items()
            }
        except (AttributeError, TypeError, ValueError) as error:
            raise HubError(
                f"the usage figures on {self.url} cannot be read ({error}): ask marketing"
            ) from error
        return Aggregates(generated_at=row.generated_at.astimezone(dt.UTC), assets=assets)

    # -- marketing side ------------------------------------------------------------------------
    def pull_events(self, cursor: str | None, *, limit: int = 100_000) -> PulledEvents:
        try:
            after = 0 if cursor is None else int(cursor)
        except ValueError as error:
            raise HubRefusedError(f"{cursor!r} is not a position in the events of {self.url}") from error
        limit = max(1, limit)
        with self._translated("read the usage events"), self._engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert isinstance(driver, psycopg.Connection)
            with driver.cursor() as rows_cursor:
                rows = rows_cursor.execute(_SELECT_EVENTS, (after, limit + 1)).fetchall()
            connection.rollback()
        more = len(rows) > limit
        rows = rows[:limit]
        events: list[UsageEvent] = []
        quarantined: list[Quarantined] = []
        for row in rows:
            try:
                events.append(_event_from_row(row))
            except (EventFormatError, TypeError, ValueError) as error:
                quarantined.append(
                    Quarantined(name=f"hub_events seq {row[0]} (id {row[1]})", reason=str(error))
                )
        return PulledEvents(
            events=tuple(events),
            cursor=str(rows[-1][0]) if rows else cursor,
            quarantined=tuple(quarantined),
            more=more,
        )

    def publish_catalog(self, catalog: SignedCatalog) -> None:
        """Store ``catalog``; publishing the same serial again is a no-op, with other content a refusal."""
        row = {
            "serial": catalog.serial,
            "manifest": catalog.manifest,
            "signature": catalog.signature,
            "published_at": catalog.published_at,
            "public_key": catalog.public_key,
        }
        statement = (
            pg_insert(hub_catalog)
            .values(row)
            .on_conflict_do_nothing(index_elements=["serial"])
            .returning(hub_catalog.c.serial)
        )
        with self._translated("publish the catalog"), self._engine.begin() as connection:
            if connection.execute(statement).scalar_one_or_none() is not None:
                return
            stored = connection.execute(
                select(hub_catalog.c.manifest, hub_catalog.c.signature).where(
                    hub_catalog.c.serial == catalog.serial
                )
            ).one()
        if (bytes(stored.manifest), bytes(stored.signature)) != (catalog.manifest, catalog.signature):
            raise HubRefusedError(
                f"a different catalog with serial {catalog.serial} is already on {self.url}: "
                "publish with a higher serial"
            )

    def publish_aggregates(self, aggregates: Aggregates) -> None:
        figures = {asset_id: figure.to_json() for asset_id, figure in aggregates.assets.items()}
        statement = insert(hub_aggregates).values(generated_at=aggregates.generated_at, figures=figures)
        with self._translated("publish the usage figures"), self._engine.begin() as connection:
            connection.execute(statement)

    def onboarding(self) -> OnboardingProgress | None:
        from enablement_app.onboarding.team_progress import OnboardingProgress

        query = select(hub_onboarding.c.progress).order_by(hub_onboarding.c.id.desc()).limit(1)
        with self._translated("read the onboarding progress"), self._engine.connect() as connection:
            document = connection.execute(query).scalar_one_or_none()
        if document is None:
            return None
        try:
            return OnboardingProgress.from_json(document)
        except (KeyError, TypeError, ValueError) as error:
            raise HubError(
                f"the onboarding progress on {self.url} cannot be read ({error}): ask marketing"
            ) from error

    def publish_onboarding(self, progress: OnboardingProgress) -> None:
        statement = insert(hub_onboarding).values(
            generated_at=progress.generated_at, progress=progress.to_json()
        )
        with self._translated("publish the onboarding progress"), self._engine.begin() as connection:
            connection.execute(statement)

    def propose_playlist(self, proposal: PlaylistProposal) -> None:
        # plain SQL: a rep login may insert but not read the table back, so no INSERT ... RETURNING
        statement = text(
            "INSERT INTO hub_playlist_proposals (proposed_at, device_id, playlist_id, proposal) "
            "VALUES (:proposed_at, :device_id, :playlist_id, CAST(:proposal AS jsonb))"
        )
        values = {
            "proposed_at": proposal.proposed_at,
            "device_id": proposal.device_id,
            "playlist_id": proposal.playlist.id,
            "proposal": json.dumps(_without_nul(proposal.to_json()), ensure_ascii=False),
        }
        with self._translated("send the playlist to marketing"), self._engine.begin() as connection:
            connection.execute(statement, values)

    def playlist_proposals(self) -> tuple[PlaylistProposal, ...]:
        from enablement_app.catalog.playlists import PlaylistError
        from enablement_app.onboarding.proposals import PlaylistProposal, newest_proposals

        query = select(hub_playlist_proposals.c.id, hub_playlist_proposals.c.proposal).order_by(
            hub_playlist_proposals.c.id
        )
        with self._translated("read the playlists managers proposed"), self._engine.connect() as connection:
            rows = connection.execute(query).all()
        found = []
        for row_id, document in rows:
            try:
                found.append(PlaylistProposal.from_json(document, f"proposal {row_id}"))
            except (PlaylistError, KeyError, TypeError, ValueError) as error:
                log.info("skipping the playlist proposal %s: %s", row_id, error)
        return newest_proposals(found)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> PostgresHub:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- errors --------------------------------------------------------------------------------
    @contextmanager
    def _translated(self, doing: str) -> Iterator[None]:
        """Turn whatever the database or the network raised into the hub's two kinds of error."""
        try:
            yield
        except HubError:
            raise
        except DBAPIError as error:
            raise self._hub_error(
                doing, error.orig, connection_failed=error.connection_invalidated
            ) from error
        except psycopg.Error as error:
            raise self._hub_error(doing, error, connection_failed=False) from error
        except (SQLAlchemyError, OSError) as error:
            raise HubUnavailableError(
                f"cannot {doing} on {self.url} ({error.__class__.__name__}: {error})"
            ) from error

    def _hub_error(self, doing: str, error: BaseException | None, *, connection_failed: bool) -> HubError:
        sqlstate = str(getattr(error, "sqlstate", None) or "")
        message = " ".join(str(error).split()) if error is not None else "no reason given"
        where = f"cannot {doing} on {self.url}"
        if sqlstate == DEVICE_TAKEN_SQLSTATE:
            # the server's sentence names the device and both logins; its hint and context are not for a rep
            taken = getattr(getattr(error, "diag", None), "message_primary", None) or message
            return HubRefusedError(
                f"the hub {self.url} refused these events: {taken}; if this computer is yours, ask "
                "marketing to release the device on the hub (`enablement hub release-device`). "
                "The events wait here until then"
            )
        if sqlstate.startswith("28") or sqlstate in ("3D000", "42704"):
            return HubRefusedError(f"{where}: {message}. Check the user name and the hub password")
        if sqlstate == "42501":
            return HubRefusedError(f"{where}: user {self._user} is not allowed to ({message})")
        if sqlstate in ("42P01", "42703", "42883"):
            return HubRefusedError(
                f"{where}: this database is not set up as a hub, or is an older version ({message}); "
                "ask the hub's administrator to run `enablement hub setup-postgres`"
            )
        if not sqlstate and any(words in message for words in _REFUSED_CONNECTION):
            return HubRefusedError(f"{where}: {message}. Check the user name and the hub password")
        if connection_failed or not sqlstate or isinstance(error, psycopg.OperationalError):
            return HubUnavailableError(f"{where}: {message}")
        if sqlstate[:2] in ("08", "40", "53", "55", "57", "58"):
            return HubUnavailableError(f"{where}: {message}")
        return HubError(f"{where}: {message}")


def _text(value: str) -> str:
    """PostgreSQL text cannot hold NUL characters: such a value is stored with U+FFFD in their place."""
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, Mapping):
        return {_text(str(key)): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value


# json's own encoder for what orjson refuses (an integer beyond 64 bits); built once, not per call
_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _details_json(details: Mapping[str, Any]) -> str:
    try:
        encoded = orjson.dumps(dict(details), option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        encoded = _encode_json(dict(details))
    if "\\u0000" in encoded:  # jsonb refuses \u0000 as well
        encoded = _encode_json(_without_nul(details))
    return encoded


def _staging_row(event: UsageEvent) -> tuple[Any, ...]:
    """The event as a row of ``hub_incoming_events``, in ``_STAGING_COLUMNS`` order."""
    return (
        event.id,
        event.kind,
        event.occurred_at,
        _text(event.rep_id),
        _text(event.device_id),
        _text(event.rep_team),
        _text(event.rep_region),
        _text(event.rep_role),
        None if event.asset_id is None else _text(event.asset_id),
        event.asset_version,
        _details_json(event.details),
    )


def _event_from_row(row: tuple[Any, ...]) -> UsageEvent:
    """A row of ``_SELECT_EVENTS`` as a usage event; raises what ``UsageEvent`` raises for a bad one."""
    _seq, event_id, kind, occurred_at, rep_id, device_id, team, region, role, asset_id, version, details = row
    details = orjson.loads(details)
    if not isinstance(details, dict):
        raise EventFormatError(f"details is a {type(details).__name__}, not an object")
    return UsageEvent(
        id=event_id,
        kind=kind,
        occurred_at=occurred_at.astimezone(dt.UTC),
        rep_id=rep_id,
        device_id=device_id,
        asset_id=asset_id,
        asset_version=version,
        details=details,
        rep_team=team,
        rep_region=region,
        rep_role=role,
    )
