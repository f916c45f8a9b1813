"""Alembic environment of the PostgreSQL hub: runs on the connection ``migrate_hub`` hands over."""

from __future__ import annotations

from alembic import context

from enablement_app.sync.postgres_schema import VERSION_TABLE, metadata

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
