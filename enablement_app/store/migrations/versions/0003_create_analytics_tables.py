"""Create marketing's analytics store: every rep's events ingested from the hub, and the quarantine.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:10:00.000000

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table(
        "analytics_events",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("rep_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rep_team", sa.Text(), nullable=False),
        sa.Column("rep_region", sa.Text(), nullable=False),
        sa.Column("rep_role", sa.String(length=16), nullable=False),
        sa.Column("asset_id", sa.String(length=32), nullable=True),
        sa.Column("asset_version", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_analytics_events")),
        sa.UniqueConstraint("id", name=op.f("uq_analytics_events_id")),
    )
    with op.batch_alter_table("analytics_events", schema=None) as batch_op:
        batch_op.create_index("ix_analytics_events_occurred_at", ["occurred_at"], unique=False)
        batch_op.create_index("ix_analytics_events_asset_kind", ["asset_id", "kind"], unique=False)
        batch_op.create_index("ix_analytics_events_kind_time", ["kind", "occurred_at"], unique=False)

    op.create_table(
        "hub_quarantine",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("quarantined_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_hub_quarantine")),
    )


def downgrade() -> None:
    """Downgrade schema."""

    op.drop_table("hub_quarantine")
    with op.batch_alter_table("analytics_events", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_events_kind_time")
        batch_op.drop_index("ix_analytics_events_asset_kind")
        batch_op.drop_index("ix_analytics_events_occurred_at")
    op.drop_table("analytics_events")
