"""Create the hub's tables: every rep's usage events, the signed catalogs and the published aggregates.

Revision ID: 0001
Revises:
Create Date: 2026-11-30 12:00:00.000000

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "hub_events",
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rep_id", sa.Text(), nullable=False),
        sa.Column("device_id", sa.Text(), nullable=False),
        sa.Column("rep_team", sa.Text(), server_default="", nullable=False),
        sa.Column("rep_region", sa.Text(), server_default="", nullable=False),
        sa.Column("rep_role", sa.Text(), server_default="", nullable=False),
        sa.Column("asset_id", sa.Text(), nullable=True),
        sa.Column("asset_version", sa.Integer(), nullable=True),
        sa.Column("details", postgresql.JSONB(), nullable=False),
        sa.Column("batch_id", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_hub_events"),
        sa.UniqueConstraint("id", name="uq_hub_events_id"),
    )
    op.create_table(
        "hub_catalog",
        sa.Column("serial", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("manifest", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("serial", name="pk_hub_catalog"),
    )
    op.create_table(
        "hub_aggregates",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("figures", postgresql.JSONB(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hub_aggregates"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("hub_aggregates")
    op.drop_table("hub_catalog")
    op.drop_table("hub_events")
