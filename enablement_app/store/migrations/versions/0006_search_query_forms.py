"""Count the forms reps typed each search in, so reports show "SOC 2 report" rather than "2 report soc".

``search_weekly`` groups searches by their normalised query (sorted words); ``search_query_forms`` keeps,
per normalised query, each form it was typed in and how often. The events the rollups already count (up to
their watermark) have their forms counted here, in one pass over the stored searches (about 4 s for ten
million events), so an existing store reads well at once without rebuilding every rollup; events after the
watermark are counted by the next refresh, with the other rollups.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 19:30:00.000000

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from enablement_app.analytics.rollups import ROLLUP_WATERMARK, add_functions

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The forms are normalised and tidied by the rollups' own functions, so they group exactly as the
# ``search_weekly`` rows already counted.
_COUNTED_FORMS = """
INSERT INTO search_query_forms (query, form, searches)
SELECT normalise_query(typed) AS normalised, typed_form(typed), sum(searches)
FROM (
    SELECT e.details ->> 'query' AS typed, count(*) AS searches
    FROM analytics_events AS e
    WHERE e.kind = 'search'
          AND e.seq <= (SELECT CAST(value AS INTEGER) FROM settings WHERE key = :watermark)
    GROUP BY 1
)
GROUP BY 1, 2
HAVING normalised != ''
"""


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "search_query_forms",
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("form", sa.Text(), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("query", "form", name=op.f("pk_search_query_forms")),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    add_functions(connection)
    connection.execute(sa.text(_COUNTED_FORMS), {"watermark": ROLLUP_WATERMARK})


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("search_query_forms")
