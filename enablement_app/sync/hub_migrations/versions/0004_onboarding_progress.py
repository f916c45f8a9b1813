"""Onboarding on the hub: the progress marketing publishes for managers (every new hire's, one document per
publish, the newest read whole by a manager's app), and the playlists managers propose to marketing (a row
per proposal, the newest of each manager and playlist wins).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 20:40:00.000000

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "hub_onboarding",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("progress", postgresql.JSONB(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hub_onboarding"),
    )
    op.create_table(
        "hub_playlist_proposals",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.Text(), nullable=False),
        sa.Column("playlist_id", sa.Text(), nullable=False),
        sa.Column("proposal", postgresql.JSONB(), nullable=False),
        sa.Column("pushed_by", sa.Text(), server_default=sa.text("session_user"), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hub_playlist_proposals"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("hub_playlist_proposals")
    op.drop_table("hub_onboarding")
