"""``enablement hub setup-postgres``: make a PostgreSQL database a hub, with logins for reps and marketing;
``enablement hub release-device``: let another login send a device's events.

Commands of their own module so the ``hub`` group adds each with one line (``hub.add_command(...)``).
Exit codes follow the hub commands: 6 the server cannot be reached now, 7 it refused (credentials, rights).
"""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from enablement_app.sync.hub import HubRefusedError, HubUnavailableError
from enablement_app.sync.hub_credentials import hub_password, split_password
from enablement_app.sync.postgres_admin import (
    MARKETING_ROLE,
    REP_ROLE,
    create_hub_login,
    release_hub_device,
    setup_postgres_hub,
)

EXIT_HUB_UNAVAILABLE = 6
EXIT_HUB_REFUSED = 7


@click.command("setup-postgres")
@click.argument("admin_url")
@click.option(
    "--rep", "reps", multiple=True, metavar="LOGIN", help="Create or reset a rep's login (asks its password)."
)
@click.option(
    "--marketing", "marketers", multiple=True, metavar="LOGIN", help="Create or reset a marketer's login."
)
def setup_postgres(admin_url: str, reps: tuple[str, ...], marketers: tuple[str, ...]) -> None:
    """Make the PostgreSQL database at ADMIN_URL a hub: its tables, and the roles reps and marketing use.

    ADMIN_URL is its owner's or a superuser's, e.g. postgresql://admin@db.example/enablement. The password
    comes from the URL, $ENABLEMENT_HUB_PASSWORD or the OS keyring, else it is asked for. Safe to run again,
    and needed again after an upgrade. Reps then connect with postgresql://LOGIN@db.example/enablement.
    """
    bare, password = _admin_password(admin_url)
    try:
        setup_postgres_hub(bare, password=password)
        click.echo(f"{bare} is a hub: reps log in as members of {REP_ROLE}, marketing of {MARKETING_ROLE}")
        for side, logins in (("rep", reps), ("marketing", marketers)):
            for login in logins:
                login_password = click.prompt(
                    f"password for {login}", hide_input=True, confirmation_prompt=True, err=True
                )
                create_hub_login(
                    bare, login, login_password, "rep" if side == "rep" else "marketing", password=password
                )
                click.echo(f"{login} can log in as a {side} login")
    except (HubUnavailableError, HubRefusedError) as error:
        _fail(error)


@click.command("release-device")
@click.argument("admin_url")
@click.argument("device_id")
def release_device(admin_url: str, device_id: str) -> None:
    """Let another login send the events of DEVICE_ID, on the PostgreSQL hub at ADMIN_URL.

    A device belongs to the first rep login that sent its events, and the hub refuses its events from any
    other login (the rep is told the device id and whose it is). Release it when the computer changed
    hands or a login was renamed: the next login to send its events takes it. ADMIN_URL is the hub owner's,
    as for setup-postgres; the events already on the hub are kept.
    """
    bare, password = _admin_password(admin_url)
    try:
        login = release_hub_device(bare, device_id, password=password)
    except (HubUnavailableError, HubRefusedError) as error:
        _fail(error)
    if login is None:
        click.echo(
            f"device {device_id} was registered to no login: the next login to send its events takes it"
        )
    else:
        click.echo(f"released device {device_id} from {login}: the next login to send its events takes it")


def _admin_password(admin_url: str) -> tuple[str, str]:
    """The URL without its password, and the password: from the URL, the environment, the keyring or asked."""
    bare, password = split_password(admin_url)
    if password is None:
        password = hub_password(bare) or click.prompt(f"password for {bare}", hide_input=True)
    return bare, password


def _fail(error: HubUnavailableError | HubRefusedError) -> NoReturn:
    click.secho(f"error: {error}", fg="red", err=True)
    sys.exit(EXIT_HUB_UNAVAILABLE if isinstance(error, HubUnavailableError) else EXIT_HUB_REFUSED)
