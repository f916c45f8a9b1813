"""``enablement hub setup-postgres``: make a PostgreSQL database a hub, with logins for reps and marketing.

A command of its own module so the ``hub`` group adds it with one line (``hub.add_command(setup_postgres)``).
Exit codes follow the hub commands: 6 the server cannot be reached now, 7 it refused (credentials, rights).
"""

from __future__ import annotations

import sys

import click

from enablement_app.sync.hub import HubRefusedError, HubUnavailableError
from enablement_app.sync.hub_credentials import hub_password, split_password
from enablement_app.sync.postgres_admin import MARKETING_ROLE, REP_ROLE, create_hub_login, setup_postgres_hub

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
    bare, password = split_password(admin_url)
    if password is None:
        password = hub_password(bare) or click.prompt(f"password for {bare}", hide_input=True)
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
    except HubUnavailableError as error:
        click.secho(f"error: {error}", fg="red", err=True)
        sys.exit(EXIT_HUB_UNAVAILABLE)
    except HubRefusedError as error:
        click.secho(f"error: {error}", fg="red", err=True)
        sys.exit(EXIT_HUB_REFUSED)
