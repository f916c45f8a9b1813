"""Create the usage outbox (append-only events waiting for sync) and the ratings derived from them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:05:00.000000

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table(
        "usage_outbox",
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
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_usage_outbox")),
        sa.UniqueConstraint("id", name=op.f("uq_usage_outbox_id")),
    )
    with op.batch_alter_table("usage_outbox", schema=None) as batch_op:
        batch_op.create_index("ix_usage_outbox_occurred_at", ["occurred_at"], unique=False)
        batch_op.create_index("ix_usage_outbox_asset_id", ["asset_id"], unique=False)
        batch_op.create_index(
            "ix_usage_outbox_rep_kind_time", ["rep_id", "kind", "occurred_at"], unique=False
        )

    op.create_table(
        "ratings",
        sa.Column("asset_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=36), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("used_in_deal", sa.Boolean(), nullable=False),
        sa.Column("asset_version", sa.Integer(), nullable=True),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("asset_id", "rep_id", name=op.f("pk_ratings")),
    )


def downgrade() -> None:
    """Downgrade schema."""

    op.drop_table("ratings")
    with op.batch_alter_table("usage_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_usage_outbox_rep_kind_time")
        batch_op.drop_index("ix_usage_outbox_asset_id")
        batch_op.drop_index("ix_usage_outbox_occurred_at")

    op.drop_table("usage_outbox")
