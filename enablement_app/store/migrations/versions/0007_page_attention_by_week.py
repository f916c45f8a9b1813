"""Keep page views by week, so the page attention map follows the weeks chosen on the Usage page.

``page_attention`` summed every page view of all time; ``page_attention_weekly`` adds the week (Monday,
UTC) to its key. The events the rollups already count (up to their watermark) are grouped again from the
stored page views, in one pass; events after the watermark are added by the next refresh, with the other
rollups. The statement is a copy of the rollup's as it stands at this revision, so that later changes to
the rollups do not change what this upgrade does.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 23:30:00.000000

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WATERMARK = "(SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'analytics_rollup_seq')"
_DWELL = "min(max(coalesce(e.details ->> 'dwell_ms', 0), 0), 600000)"  # ten minutes at most

_ROLLED_UP_PAGE_VIEWS = f"""
INSERT INTO page_attention_weekly (asset_id, week, asset_version, page, sender, views, dwell_ms)
SELECT e.asset_id, date(e.occurred_at, '-6 days', 'weekday 1'), coalesce(e.asset_version, 0),
       e.details ->> 'page', e.sender, count(*), sum({_DWELL})
FROM analytics_events AS e
WHERE e.seq <= coalesce({_WATERMARK}, 0) AND e.kind = 'page_view' AND e.asset_id IS NOT NULL
      AND typeof(e.details ->> 'page') = 'integer' AND (e.details ->> 'page') >= 1
GROUP BY 1, 2, 3, 4, 5
"""

_ALL_TIME = """
INSERT INTO page_attention (asset_id, asset_version, page, sender, views, dwell_ms)
SELECT asset_id, asset_version, page, sender, sum(views), sum(dwell_ms)
FROM page_attention_weekly GROUP BY 1, 2, 3, 4
"""


def _all_time_table() -> None:
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


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "page_attention_weekly",
        sa.Column("asset_id", sa.String(length=32), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("asset_version", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("sender", sa.Integer(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("dwell_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "asset_id", "week", "asset_version", "page", "sender", name=op.f("pk_page_attention_weekly")
        ),
        sqlite_with_rowid=False,
    )
    op.get_bind().execute(sa.text(_ROLLED_UP_PAGE_VIEWS))
    op.drop_table("page_attention")


def downgrade() -> None:
    """Downgrade schema."""
    _all_time_table()
    op.get_bind().execute(sa.text(_ALL_TIME))
    op.drop_table("page_attention_weekly")
