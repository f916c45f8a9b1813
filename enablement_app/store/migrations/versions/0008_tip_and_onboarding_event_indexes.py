"""Find reps' field tips and onboarding steps among marketing's events without reading all of them.

Marketing's Field tips page and its onboarding progress read every ``tip`` and ``playlist_progress`` event;
those are a sliver of ``analytics_events`` (ten million rows and more), so without an index each listing
reads the whole table (about 0.13 s per million events). The indexes are partial: only those two kinds'
rows are in them, so ingesting the page views, opens and searches that make up the table costs nothing
more, which is why the table otherwise keeps no index but the event id's.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 21:30:00.000000

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_analytics_events_tips", "analytics_events", ["seq"], sqlite_where=sa.text("kind = 'tip'")
    )
    op.create_index(
        "ix_analytics_events_playlist_progress",
        "analytics_events",
        ["seq"],
        sqlite_where=sa.text("kind = 'playlist_progress'"),
    )


def downgrade() -> None:
    op.drop_index("ix_analytics_events_playlist_progress", table_name="analytics_events")
    op.drop_index("ix_analytics_events_tips", table_name="analytics_events")
