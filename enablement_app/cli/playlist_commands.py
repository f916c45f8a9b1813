"""``enablement playlist``: marketing builds onboarding playlists from a terminal, as in the app's editor.

Playlists are written to the collateral folder's ``catalog.json`` (marketing's draft) and reach reps with
the next ``enablement hub publish``. Mistakes get a sentence and exit code 2 (a usage error), 3 (no such
playlist or asset) or 4 (the catalog cannot be read or written), as everywhere in the CLI.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from enablement_app.catalog.playlists import (
    AUDIENCE_ROLES,
    Playlist,
    PlaylistError,
    PlaylistItem,
    check_first_page,
    new_playlist_id,
    parse_due_day,
    parse_page_range,
)

if TYPE_CHECKING:
    from enablement_app.cli.main import CliState

EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_BAD_DATA = 4


def _fail(message: str, code: int) -> NoReturn:
    from enablement_app.cli.main import _fail as fail

    fail(message, code)


def _find(playlists: tuple[Playlist, ...], playlist_id: str) -> Playlist:
    found = next((playlist for playlist in playlists if playlist.id == playlist_id), None)
    if found is None:
        known = ", ".join(playlist.id for playlist in playlists) or "none yet"
        _fail(f"there is no playlist {playlist_id!r} in the catalog (playlists: {known})", EXIT_NOT_FOUND)
    return found


@click.group()
def playlist() -> None:
    """Onboarding playlists: ordered assets new hires work through, with notes and due days."""


@playlist.command("list")
@click.pass_obj
def list_playlists(state: CliState) -> None:
    """List the playlists in the collateral folder's catalog, with their items."""
    from enablement_app.cli.main import _workspace
    from enablement_app.onboarding.playlist_catalog import draft_playlists
    from enablement_app.onboarding.playlist_editing import library_assets

    with _workspace(state) as workspace:
        playlists = draft_playlists(workspace.require_root())
        assets = library_assets(workspace.store)
    if not playlists:
        click.echo("No playlists yet: create one with `enablement playlist create TITLE`.")
        return
    for item_list in playlists:
        days = f", {item_list.days} days" if item_list.items else ""
        click.secho(f"{item_list.id}  {item_list.title}", bold=True)
        click.echo(f"  for {item_list.audience_text()} · {len(item_list.items)} items{days}")
        for position, item in enumerate(item_list.items, start=1):
            asset = assets.get(item.asset_id)
            title = asset.title if asset else (item.title or item.asset_id)
            pages = f" ({item.page_range_text()})" if item.has_page_range else ""
            note = f" · {item.note}" if item.note else ""
            click.echo(f"  {position:>2}. day {item.due_day:<3} {title}{pages}{note}")


@playlist.command("create")
@click.argument("title")
@click.option("--team", default="", help="Only new hires of this team (default: every team).")
@click.option(
    "--role", type=click.Choice(AUDIENCE_ROLES), default="new_hire", show_default=True, help="Who it is for."
)
@click.option("--description", default="", help="A sentence on what the playlist prepares for.")
@click.pass_obj
def create(state: CliState, title: str, team: str, role: str, description: str) -> None:
    """Create an empty playlist called TITLE; prints its id, which `add` and `export` take."""
    from enablement_app.cli.main import _workspace
    from enablement_app.onboarding.playlist_catalog import draft_playlists, save_playlist

    if not title.strip():
        _fail("a playlist needs a title", EXIT_USAGE)
    with _workspace(state) as workspace:
        root = workspace.require_root()
        existing = draft_playlists(root)
        created = Playlist(
            id=new_playlist_id(title, [item.id for item in existing]),
            title=title.strip(),
            role=role,
            team=team.strip(),
            description=description.strip(),
        )
        save_playlist(root, created)
    click.echo(created.id)


@playlist.command("add")
@click.argument("playlist_id")
@click.argument("asset")
@click.option("--due", "due", default="1", show_default=True, help='The day it is due: "3" or "day 3".')
@click.option("--pages", default="", help='Only these pages: "4" or "4-7" (default: the whole asset).')
@click.option("--note", default="", help="Why it matters, in a sentence the new hire reads.")
@click.pass_obj
def add(state: CliState, playlist_id: str, asset: str, due: str, pages: str, note: str) -> None:
    """Add ASSET (its path in the library, its id, or its title) at the end of PLAYLIST_ID."""
    from enablement_app.cli.main import _workspace
    from enablement_app.onboarding.playlist_catalog import draft_playlists, save_playlist
    from enablement_app.onboarding.playlist_editing import (
        AssetLookupError,
        find_asset,
        library_assets,
    )

    try:
        due_day = parse_due_day(due)
        first, last = parse_page_range(pages)
    except PlaylistError as error:
        _fail(str(error), EXIT_USAGE)
    with _workspace(state) as workspace:
        root = workspace.require_root()
        target = _find(draft_playlists(root), playlist_id)
        try:
            chosen = find_asset(library_assets(workspace.store), asset)
        except AssetLookupError as error:
            _fail(str(error), EXIT_NOT_FOUND)
        try:
            check_first_page(first, chosen.title, chosen.page_count)
        except PlaylistError as error:
            _fail(str(error), EXIT_USAGE)
        item = PlaylistItem(
            asset_id=chosen.id,
            due_day=due_day,
            first_page=first,
            last_page=last,
            note=note.strip(),
            title=chosen.title,
        )
        save_playlist(root, replace(target, items=(*target.items, item)))
    click.echo(f"added {chosen.title} to {target.title} as item {len(target.items) + 1}, due day {due_day}")


@playlist.command("export")
@click.argument("playlist_id")
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the CSV to this file (default: standard output).",
)
@click.pass_obj
def export(state: CliState, playlist_id: str, output_file: Path | None) -> None:
    """Export PLAYLIST_ID as CSV: one row per item, in order."""
    from enablement_app.cli.main import _workspace
    from enablement_app.onboarding.playlist_catalog import draft_playlists
    from enablement_app.onboarding.playlist_editing import library_assets, write_playlist_csv

    with _workspace(state) as workspace:
        target = _find(draft_playlists(workspace.require_root()), playlist_id)
        assets = library_assets(workspace.store)
    if output_file is None:
        write_playlist_csv(target, assets, sys.stdout)
        return
    try:
        with output_file.open("w", encoding="utf-8-sig", newline="") as file:
            rows = write_playlist_csv(target, assets, file)
    except OSError as error:
        _fail(f"{output_file} cannot be written: {error.strerror or error}", EXIT_BAD_DATA)
    click.echo(f"Wrote {rows} items of {target.title} to {output_file}", err=True)
