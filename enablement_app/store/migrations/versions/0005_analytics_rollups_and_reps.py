"""Marketing"s analytics: the reps" announced profiles, CRM performance, and rollups of the events.

Reports and heatmaps must answer in under a second on ten million events, so they read small rollup tables
derived from ``analytics_events`` (by ``enablement_app.analytics.rollups``), never the events themselves.
The rollups start empty: the first refresh derives them from every event already ingested.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:56:01.730038

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "analytics_reps",
        sa.Column("rep_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("region", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("announced_at", sa.DateTime(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("rep_id", name=op.f("pk_analytics_reps")),
    )
    with op.batch_alter_table("analytics_reps", schema=None) as batch_op:
        batch_op.create_index("ix_analytics_reps_email", ["email"], unique=False)

    op.create_table(
        "asset_activity",
        sa.Column("asset_id", sa.String(length=32), nullable=False),
        sa.Column("first_used_at", sa.DateTime(), nullable=False),
        sa.Column("last_opened_at", sa.DateTime(), nullable=True),
        sa.Column("last_shared_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("asset_id", name=op.f("pk_asset_activity")),
    )
    op.create_table(
        "page_attention",
        sa.Column("asset_id", sa.String(length=32), nullable=False),
        sa.Column("asset_version", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("sender", sa.Integer(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("dwell_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "asset_id", "asset_version", "page", "sender", name=op.f("pk_page_attention")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "rating_latest",
        sa.Column("asset_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=36), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("used_in_deal", sa.Boolean(), nullable=False),
        sa.Column("asset_version", sa.Integer(), nullable=True),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("asset_id", "rep_id", name=op.f("pk_rating_latest")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "rating_monthly",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("asset_id", sa.String(length=32), nullable=False),
        sa.Column("ratings", sa.Integer(), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "asset_id", name=op.f("pk_rating_monthly")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "rep_performance",
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("quota_attainment", sa.Double(), nullable=True),
        sa.Column("win_rate", sa.Double(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("email", "period", name=op.f("pk_rep_performance")),
    )
    op.create_table(
        "search_weekly",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("sender", sa.Integer(), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("no_results", sa.Integer(), nullable=False),
        sa.Column("not_opened", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week", "query", "sender", name=op.f("pk_search_weekly")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "usage_weekly",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("asset_id", sa.String(length=32), nullable=False),
        sa.Column("sender", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("shares", sa.Integer(), nullable=False),
        sa.Column("page_views", sa.Integer(), nullable=False),
        sa.Column("dwell_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("week", "asset_id", "sender", name=op.f("pk_usage_weekly")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("usage_weekly", schema=None) as batch_op:
        batch_op.create_index("ix_usage_weekly_asset_id", ["asset_id", "week"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("usage_weekly", schema=None) as batch_op:
        batch_op.drop_index("ix_usage_weekly_asset_id")
    op.drop_table("usage_weekly")
    op.drop_table("search_weekly")
    op.drop_table("rep_performance")
    op.drop_table("rating_monthly")
    op.drop_table("rating_latest")
    op.drop_table("page_attention")
    op.drop_table("asset_activity")
    with op.batch_alter_table("analytics_reps", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_reps_email")

    op.drop_table("analytics_reps")
