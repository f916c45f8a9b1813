"""``enablement tips``: marketing lists reps' field tips and promotes them for every rep; a rep adds,
lists and withdraws their own.

A group of its own module, added to the command line with one line (``cli.add_command(tips)``). The data
folder is opened through ``main._workspace``, imported when a command runs (``main`` imports this module),
so failures read and exit as every other command's do. Promoting edits the collateral folder's
``catalog.json``; reps on a hub get it with the next ``enablement hub publish``.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from enablement_app.catalog import load_catalog
from enablement_app.library.workspace import Workspace
from enablement_app.tips.marketing_tips import (
    IngestedTip,
    find_tip,
    ingested_tips,
    promote_tip,
    unpromote_tip,
)
from enablement_app.tips.rep_tips import RepTip, TipError, own_tips
from enablement_app.usage.profile import ProfileError, load_profile

if TYPE_CHECKING:
    from enablement_app.cli.main import CliState
    from enablement_app.library.search import AssetCard

EXIT_USAGE = 2
SHOWN_ID = 8  # characters of a tip's id the list shows; as many are enough to promote it


@click.group()
def tips() -> None:
    """Reps' field tips on assets and pages (ingested with `enablement hub ingest`), and promoting them
    into the catalog so every rep sees them in the preview with their author."""


def _tips(workspace: Workspace) -> tuple[list[IngestedTip], Path]:
    root = workspace.require_root()
    return ingested_tips(workspace.store, load_catalog(root)), root


def shown_ids(tip_ids: list[str]) -> dict[str, str]:
    """Each id as the list shows it: its first ``SHOWN_ID`` characters, or more until no other id starts
    the same way, so what is shown is always enough to promote it."""
    shown = {}
    for tip_id in tip_ids:
        length = SHOWN_ID
        while length < len(tip_id) and any(
            other != tip_id and other.startswith(tip_id[:length]) for other in tip_ids
        ):
            length += 1
        shown[tip_id] = tip_id[:length]
    return shown


def _where(tip: IngestedTip) -> str:
    return f"{tip.asset_title}, page {tip.page}" if tip.page else tip.asset_title


@tips.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the tips as JSON.")
@click.pass_obj
def tips_list(state: CliState, as_json: bool) -> None:
    """Every rep's tips, newest first: id, whether promoted or withdrawn, author, asset and page."""
    from enablement_app.cli.main import _workspace

    with _workspace(state) as workspace:
        found, _root = _tips(workspace)
    if as_json:
        rows = [
            {
                "tip_id": tip.tip_id,
                "asset_id": tip.asset_id,
                "asset": tip.asset_title,
                "page": tip.page,
                "text": tip.text,
                "author": tip.author,
                "team": tip.author_team,
                "written_at": tip.written_at.isoformat(),
                "withdrawn": tip.withdrawn,
                "promoted": tip.promoted.to_json() if tip.promoted else None,
            }
            for tip in found
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("No field tips yet: reps' tips arrive with `enablement hub ingest`.")
        return
    promoted = sum(1 for tip in found if tip.promoted)
    ids = shown_ids([tip.tip_id for tip in found])
    width = max(len(shown) for shown in ids.values())
    click.echo(f"{len(found)} field tip{'s' if len(found) != 1 else ''}, {promoted} promoted:\n")
    for tip in found:
        author = ", ".join(part for part in (tip.author, tip.author_team) if part)
        indent = " " * (width + 2)
        click.echo(f"{ids[tip.tip_id]:<{width}}  [{tip.status}]  {author} on {_where(tip)}")
        click.echo(f"{indent}“{tip.text}”")
        if tip.promoted and tip.promoted.text != tip.text:
            click.echo(f"{indent}promoted as “{tip.promoted.text}”")
    click.echo("\nPromote one with `enablement tips promote ID` (the first characters of its id are enough).")


@tips.command("promote")
@click.argument("tip_id")
@click.option("--text", help="Promote it in these words (a light edit of the rep's), at most 280 characters.")
@click.option("--by", "promoted_by", help="Who promotes it (default: your profile's name or your login).")
@click.pass_obj
def tips_promote(state: CliState, tip_id: str, text: str | None, promoted_by: str | None) -> None:
    """Show the tip TIP_ID to every rep, with its author, in the preview of its asset."""
    from enablement_app.cli.main import _fail, _workspace

    with _workspace(state) as workspace:
        found, root = _tips(workspace)
        try:
            tip = find_tip(found, tip_id)
            profile = load_profile(workspace.store)
            by = promoted_by or (profile.name if profile is not None else "") or getpass.getuser()
            promote_tip(root, tip, promoted_by=by, clock=workspace.clock, text=text)
        except TipError as error:
            _fail(str(error), EXIT_USAGE)
    if tip.withdrawn:
        click.echo(f"Note: {tip.author} withdrew this tip; it is promoted all the same.")
    click.echo(f"Promoted {tip.author}'s tip on {_where(tip)} in {root}/catalog.json.")
    click.echo("Reps on a hub see it after `enablement hub publish`.")


@tips.command("unpromote")
@click.argument("tip_id")
@click.pass_obj
def tips_unpromote(state: CliState, tip_id: str) -> None:
    """Stop showing the tip TIP_ID to every rep (its author still has it)."""
    from enablement_app.cli.main import _fail, _workspace

    with _workspace(state) as workspace:
        found, root = _tips(workspace)
        try:
            tip = find_tip([item for item in found if item.promoted], tip_id)
        except TipError:
            _fail(
                f"No promoted field tip has the id {tip_id!r}: `enablement tips list` shows them.", EXIT_USAGE
            )
        unpromote_tip(root, tip.tip_id)
    click.echo(f"{tip.author}'s tip on {_where(tip)} is no longer promoted in {root}/catalog.json.")
    click.echo("Reps on a hub stop seeing it after `enablement hub publish`.")


# -- a rep's own tips -----------------------------------------------------------------------------------


def _card(workspace: Workspace, asset: str) -> AssetCard:
    """The asset ``asset`` names: its path in the library (as `enablement search` shows it) or its id."""
    from enablement_app.cli.main import EXIT_NOT_FOUND, _fail

    wanted = asset.replace("\\", "/").strip("/")
    cards = workspace.library_search.cards()
    card = cards.get(wanted) or next((card for card in cards.values() if card.path == wanted), None)
    if card is None:
        _fail(
            f"No asset {asset!r} in the library: give its path as `enablement search` shows it.",
            EXIT_NOT_FOUND,
        )
    return card


@tips.command("add")
@click.argument("asset")
@click.argument("text")
@click.option("--page", type=click.IntRange(min=1), help="The page (slide, section) the tip is about.")
@click.pass_obj
def tips_add(state: CliState, asset: str, text: str, page: int | None) -> None:
    """Attach your tip TEXT (at most 280 characters) to ASSET, its path in the library, or to one of its
    pages; marketing sees it with your name after your next `enablement sync`."""
    from enablement_app.cli.main import _fail, _workspace

    with _workspace(state) as workspace:
        card = _card(workspace, asset)
        if page is not None and card.page_count and page > card.page_count:
            _fail(f"{card.title} has {card.page_count} pages: there is no page {page}.", EXIT_USAGE)
        recorder = workspace.open_recorder()
        try:
            event = recorder.record_tip(card.id, card.version, text, page=page)
        except TipError as error:
            _fail(str(error), EXIT_USAGE)
    where = f"{card.title}, page {page}" if page is not None else card.title
    click.echo(f"Saved your tip on {where} (id {str(event.details['tip_id'])[:SHOWN_ID]}).")
    click.echo("Marketing sees it with your name after your next `enablement sync`.")


def _own(workspace: Workspace) -> list[RepTip]:
    profile = load_profile(workspace.store)
    if profile is None:
        raise ProfileError("No rep profile yet: fill in your name, email and role first.")
    return own_tips(workspace.store, profile.rep_id)


@tips.command("mine")
@click.pass_obj
def tips_mine(state: CliState) -> None:
    """Your tips that are not withdrawn, with their ids."""
    from enablement_app.cli.main import _workspace

    with _workspace(state) as workspace:
        mine = _own(workspace)
        cards = workspace.library_search.cards()
    if not mine:
        click.echo("You have no field tips: add one with `enablement tips add ASSET TEXT [--page N]`.")
        return
    ids = shown_ids([tip.tip_id for tip in mine])
    width = max(len(shown) for shown in ids.values())
    for tip in mine:
        card = cards.get(tip.asset_id)
        title = card.title if card is not None else "an asset no longer in the library"
        where = f"{title}, page {tip.page}" if tip.page is not None else title
        click.echo(f"{ids[tip.tip_id]:<{width}}  {where}: “{tip.text}”")


@tips.command("withdraw")
@click.argument("tip_id")
@click.pass_obj
def tips_withdraw(state: CliState, tip_id: str) -> None:
    """Withdraw your tip TIP_ID (the first characters of its id are enough): it leaves your preview and
    marketing sees it withdrawn."""
    from enablement_app.cli.main import _fail, _workspace

    with _workspace(state) as workspace:
        try:
            tip = find_tip(_own(workspace), tip_id, listed_by="enablement tips mine")
        except TipError as error:
            _fail(str(error), EXIT_USAGE)
        workspace.open_recorder().record_tip(
            tip.asset_id, tip.asset_version or 1, tip.text, page=tip.page, tip_id=tip.tip_id, withdrawn=True
        )
    click.echo(f"Withdrew your tip “{tip.text}”.")
