"""Setting up a PostgreSQL database as a hub: the schema (Alembic) and the two roles reps and marketing use.

Run by the hub's administrator with an owner's or superuser's URL, again after every upgrade; it is safe
to run twice. What must stay true: ``enablement_rep`` can add events and read the catalog and the figures,
nothing else (it cannot read another rep's events, publish, change or delete anything);
``enablement_marketing`` can read the events and publish the catalog and the figures. Both are group roles
without login: each person logs in as their own role, a member of one of them (``create_hub_login``).
A rep login may only add events of its own devices (the first it sent events for, kept in
``hub_devices``, which neither role may touch); ``release_hub_device`` frees a device for another login.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from enablement_app.sync.hub import HubRefusedError, HubUnavailableError, redact
from enablement_app.sync.hub_credentials import split_password
from enablement_app.sync.postgres_schema import PROPOSAL_COLUMNS, REP_EVENT_COLUMNS

DEFAULT_CONNECT_TIMEOUT = 5  # seconds

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "hub_migrations"
REP_ROLE = "enablement_rep"
MARKETING_ROLE = "enablement_marketing"
HUB_TABLES = (
    "hub_events",
    "hub_devices",
    "hub_catalog",
    "hub_aggregates",
    "hub_onboarding",
    "hub_playlist_proposals",
    "hub_alembic_version",
)
# SECURITY DEFINER (revision 0003): runs only as the trigger on hub_events, nobody calls it
HUB_FUNCTIONS = ("hub_bind_event_devices()",)

_GRANTS = (
    # start from nothing, so running this again also takes back anything granted by hand
    f"REVOKE ALL ON {', '.join(HUB_TABLES)} FROM PUBLIC, {REP_ROLE}, {MARKETING_ROLE}",
    f"REVOKE ALL ON FUNCTION {', '.join(HUB_FUNCTIONS)} FROM PUBLIC, {REP_ROLE}, {MARKETING_ROLE}",
    # before PostgreSQL 15 everyone may create tables in public: a hub's logins may not
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    f"GRANT USAGE ON SCHEMA public TO {REP_ROLE}, {MARKETING_ROLE}",
    # reps: add events (not the server's seq, received_at and pushed_by), read what marketing publishes
    f"GRANT INSERT ({', '.join(REP_EVENT_COLUMNS)}) ON hub_events TO {REP_ROLE}",
    f"GRANT SELECT ON hub_catalog, hub_aggregates, hub_onboarding TO {REP_ROLE}",
    f"GRANT INSERT ({', '.join(PROPOSAL_COLUMNS)}) ON hub_playlist_proposals TO {REP_ROLE}",
    f"GRANT SELECT ON hub_playlist_proposals TO {MARKETING_ROLE}",
    # marketing: read every event, publish catalogs and figures (and read them back)
    f"GRANT SELECT ON hub_events TO {MARKETING_ROLE}",
    f"GRANT SELECT, INSERT ON hub_catalog, hub_aggregates, hub_onboarding TO {MARKETING_ROLE}",
)


def _engine(admin_url: str, password: str | None) -> Engine:
    bare, in_url = split_password(admin_url)
    url = make_url(bare).set(drivername="postgresql+psycopg", password=password or in_url)
    return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": DEFAULT_CONNECT_TIMEOUT})


def setup_postgres_hub(admin_url: str, *, password: str | None = None) -> None:
    """Bring the hub schema at ``admin_url`` up to date and (re)grant the rep and marketing roles."""
    engine = _engine(admin_url, password)
    try:
        with engine.begin() as connection:
            migrate_hub(connection)
            _ensure_group_roles(connection)
            database = connection.execute(text("SELECT current_database()")).scalar_one()
            connection.execute(
                text(f'GRANT CONNECT ON DATABASE "{database}" TO {REP_ROLE}, {MARKETING_ROLE}')
            )
            for statement in _GRANTS:
                connection.execute(text(statement))
    except SQLAlchemyError as error:
        raise _admin_error(admin_url, error) from error
    finally:
        engine.dispose()
    log.info("set up the hub at %s", redact(admin_url))


def migrate_hub(connection: Connection, revision: str = "head") -> None:
    """Run the hub's Alembic revisions up to ``revision`` on ``connection`` (its owner's or a superuser's)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def release_hub_device(admin_url: str, device_id: str, *, password: str | None = None) -> str | None:
    """Forget which login ``device_id`` belongs to, so the next rep login that sends its events takes it
    (a laptop handed to another rep, a login renamed, or a device someone else claimed first). Returns the
    login it belonged to, None when it belonged to none. Its events already on the hub stay as they are."""
    engine = _engine(admin_url, password)
    try:
        with engine.begin() as connection:
            login: str | None = connection.execute(
                text("DELETE FROM hub_devices WHERE device_id = :device RETURNING login"),
                {"device": device_id},
            ).scalar_one_or_none()
    except SQLAlchemyError as error:
        raise _admin_error(admin_url, error, f"release device {device_id} on") from error
    finally:
        engine.dispose()
    if login is not None:
        log.info("released device %s from %s on %s", device_id, login, redact(admin_url))
    return login


def create_hub_login(
    admin_url: str,
    name: str,
    login_password: str,
    side: Literal["rep", "marketing"],
    *,
    password: str | None = None,
) -> None:
    """Create (or reset the password of) the login role ``name`` as a member of the rep or marketing role."""
    group = REP_ROLE if side == "rep" else MARKETING_ROLE
    engine = _engine(admin_url, password)
    try:
        with engine.begin() as connection:
            _ensure_group_roles(connection)
            quoted = connection.dialect.identifier_preparer.quote(name)
            exists = connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
            ).scalar()
            verb = "ALTER" if exists else "CREATE"
            # a password cannot be a bound parameter in DDL: quote it as a literal
            literal = connection.execute(text("SELECT quote_literal(:p)"), {"p": login_password}).scalar_one()
            connection.execute(text(f"{verb} ROLE {quoted} LOGIN PASSWORD {literal}"))
            connection.execute(text(f"GRANT {group} TO {quoted}"))
    except SQLAlchemyError as error:
        raise _admin_error(admin_url, error) from error
    finally:
        engine.dispose()


def _ensure_group_roles(connection: Connection) -> None:
    for role in (REP_ROLE, MARKETING_ROLE):
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
        if not exists:
            connection.execute(text(f"CREATE ROLE {role} NOLOGIN"))


def _admin_error(admin_url: str, error: SQLAlchemyError, doing: str = "set up the hub at") -> Exception:
    """Unreachable or timed out: try later; anything else (credentials, rights) needs the admin to act."""
    message = " ".join(str(getattr(error, "orig", None) or error).split())
    if any(
        words in message.lower() for words in ("connection refused", "timeout expired", "could not translate")
    ):
        return HubUnavailableError(f"cannot reach {redact(admin_url)}: {message}")
    return HubRefusedError(f"cannot {doing} {redact(admin_url)}: {message}")
