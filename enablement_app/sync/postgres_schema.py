"""The PostgreSQL hub's tables, as SQLAlchemy Core tables for the backend's statements.

The schema itself is made by the Alembic revisions in ``hub_migrations`` (their own version table,
``hub_alembic_version``, so a hub may share a database with other applications); a test checks that these
tables and the migrated ones agree.

What must stay true: ``hub_events`` is append-only; ``seq`` is given by the server in commit order (pushes
take a transaction lock, see ``postgres_hub``), so marketing can pull with "everything after seq N". A
device belongs to the first rep login that sent its events (``hub_devices``); the server refuses its
events from any other rep login (a trigger, revision 0003).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

VERSION_TABLE = "hub_alembic_version"

metadata = MetaData(
    naming_convention={"pk": "pk_%(table_name)s", "uq": "uq_%(table_name)s_%(column_0_name)s"}
)

hub_events = Table(
    "hub_events",
    metadata,
    Column("seq", BigInteger, Identity(always=True), primary_key=True),
    Column("id", Uuid(as_uuid=False), nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("rep_id", Text, nullable=False),
    Column("device_id", Text, nullable=False),
    Column("rep_team", Text, nullable=False, server_default=""),
    Column("rep_region", Text, nullable=False, server_default=""),
    Column("rep_role", Text, nullable=False, server_default=""),
    Column("asset_id", Text, nullable=True),
    Column("asset_version", Integer, nullable=True),
    Column("details", JSONB, nullable=False),
    Column("batch_id", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # the login that pushed the event, the server's to fill; NULL for events pushed before revision 0003
    Column("pushed_by", Text, nullable=True, server_default=text("session_user")),
)

# What a rep may write into hub_events: everything but the server's own seq, received_at and pushed_by.
REP_EVENT_COLUMNS = (
    "id",
    "kind",
    "occurred_at",
    "rep_id",
    "device_id",
    "rep_team",
    "rep_region",
    "rep_role",
    "asset_id",
    "asset_version",
    "details",
    "batch_id",
)

hub_catalog = Table(
    "hub_catalog",
    metadata,
    Column("serial", BigInteger, primary_key=True, autoincrement=False),
    Column("manifest", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("public_key", Text, nullable=True),  # see SignedCatalog.public_key
)

hub_aggregates = Table(
    "hub_aggregates",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("generated_at", DateTime(timezone=True), nullable=False),
    # {asset_id: {"opens": n, "shares": n, ...}}: one document, read whole by every rep
    Column("figures", JSONB, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Every new hire's onboarding progress as marketing last published it, for managers (revision 0004):
# {"generated_at": ..., "new_hires": [...]}, see enablement_app.onboarding.team_progress.
hub_onboarding = Table(
    "hub_onboarding",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("generated_at", DateTime(timezone=True), nullable=False),
    Column("progress", JSONB, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Playlists managers propose to marketing (revision 0004): a row per proposal, the newest of each manager
# and playlist wins. Rep logins may only insert, naming neither the id nor who pushed.
hub_playlist_proposals = Table(
    "hub_playlist_proposals",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("proposed_at", DateTime(timezone=True), nullable=False),
    Column("device_id", Text, nullable=False),
    Column("playlist_id", Text, nullable=False),
    Column("proposal", JSONB, nullable=False),
    Column("pushed_by", Text, nullable=False, server_default=text("session_user")),
)
PROPOSAL_COLUMNS = ("proposed_at", "device_id", "playlist_id", "proposal")

# Which login a device belongs to: the first rep login that sent events naming it. Written only by the
# trigger on hub_events (its owner's function); no rep or marketing role has any right on it.
hub_devices = Table(
    "hub_devices",
    metadata,
    Column("device_id", Text, primary_key=True),
    Column("login", Text, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# What the trigger raises for an event naming a device of another login (a code of our own, class "EH",
# which PostgreSQL does not use), so the rep's app can say so in words. Revision 0003 spells it out.
DEVICE_TAKEN_SQLSTATE = "EH001"
