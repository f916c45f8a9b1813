"""Bind each device to the hub login that first sent its events, and refuse its events from any other login.

Each event now records the login that pushed it (``pushed_by``, the server's ``session_user``; a rep's role
may not write that column). ``hub_devices`` holds which login a device belongs to: the first one that sent
events naming it. A statement-level trigger on ``hub_events`` (so any INSERT or COPY, not only the app's
push) binds the new devices of each statement and fails the whole statement when one of its events names a
device bound to another login. It runs once per statement over the rows it added (a transition table), not
once per row: a 100,000-event push costs one pass over them. The hub's owner and superusers are not
limited and bind nothing: they can switch the trigger off anyway, and an owner copying events in (from a
folder hub, say) must not take reps' devices. Marketing's roles cannot insert events at all.

Events pushed before this revision keep ``pushed_by`` NULL: PostgreSQL never recorded who inserted a row,
so there is nothing to tell the owner of a device from a rep who posed as it. The devices are therefore
left unbound, and the first push after the upgrade binds each one. Binding from old rows would be no
safer (it would trust whatever the first old row said) and could lock a real rep out of their own device.
The gap this leaves is small: a rep role cannot read ``hub_events``, so taking a device first means
knowing another rep's random device id, and the rep whose push is refused is told to have the device
released (the administrator deletes its row), after which their next push binds it.

The column is added without a default and the default set afterwards: ``ADD COLUMN ... DEFAULT
session_user`` would fill every existing row with the name of the administrator running the upgrade.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00.000000

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

# Kept in step with postgres_schema.DEVICE_TAKEN_SQLSTATE, which the rep's app recognises; a revision is
# frozen once released, so the value is written out here rather than imported.
DEVICE_TAKEN_SQLSTATE = "EH001"

# SECURITY DEFINER: a rep's role has no rights on hub_devices, the function (its owner's) writes it
# (setup_postgres_hub takes EXECUTE from everyone: it only ever runs as the trigger). The
# search_path is pinned to the catalog and pg_temp last, and every hub table is named with its schema, so
# nothing a session puts on its own path (a temporary table or function) can stand in for them.
# session_user, not current_user: SET ROLE cannot change it, and inside the function current_user is the
# owner. Devices are bound in sorted order, so two statements binding the same devices wait rather than
# deadlock; a device another transaction is binding waits for it to commit, then counts as that login's.
_BIND_DEVICES = """
CREATE FUNCTION {schema}.hub_bind_event_devices() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $function$
DECLARE
    devices text[];
    taken record;
BEGIN
    IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN NULL;  -- the hub's owner (or a superuser): not limited, binds nothing
    END IF;
    SELECT array_agg(device_id ORDER BY device_id) INTO devices
        FROM (SELECT DISTINCT device_id FROM new_events) AS named;
    IF devices IS NULL THEN
        RETURN NULL;  -- nothing was added (every event was already on the hub)
    END IF;
    INSERT INTO {schema}.hub_devices (device_id, login)
        SELECT device, session_user FROM unnest(devices) AS device ORDER BY device
        ON CONFLICT (device_id) DO NOTHING;
    SELECT device_id, login INTO taken FROM {schema}.hub_devices
        WHERE device_id = ANY (devices) AND login <> session_user
        ORDER BY device_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING
            ERRCODE = '{sqlstate}',
            MESSAGE = format(
                'device %s is registered to another hub login (%s), not to %s',
                taken.device_id, taken.login, session_user
            ),
            HINT = 'The hub''s administrator can release the device for another login.';
    END IF;
    RETURN NULL;
END
$function$
"""


def upgrade() -> None:
    """Upgrade schema."""
    schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
    op.add_column("hub_events", sa.Column("pushed_by", sa.Text(), nullable=True))
    op.alter_column("hub_events", "pushed_by", server_default=sa.text("session_user"))
    op.create_table(
        "hub_devices",
        sa.Column("device_id", sa.Text(), nullable=False),
        sa.Column("login", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name="pk_hub_devices"),
    )
    op.execute(_BIND_DEVICES.format(schema=schema, sqlstate=DEVICE_TAKEN_SQLSTATE))
    op.execute(
        "CREATE TRIGGER hub_events_bind_devices AFTER INSERT ON hub_events "
        "REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {schema}.hub_bind_event_devices()"
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.execute("DROP TRIGGER hub_events_bind_devices ON hub_events")
    op.execute("DROP FUNCTION hub_bind_event_devices()")
    op.drop_table("hub_devices")
    op.drop_column("hub_events", "pushed_by")
