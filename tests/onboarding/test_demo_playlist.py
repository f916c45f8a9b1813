"""The demo library's "Your first week": every item names an approved asset of the shipped library by the
id the catalog gives it, so a new hire on the demo finds each one."""

from __future__ import annotations

from pathlib import Path

from enablement_app.catalog import load_catalog
from enablement_app.library.workspace import Workspace

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo-library"


def test_the_demo_playlist_names_approved_assets_of_the_demo_library(workspace: Workspace) -> None:
    catalog = load_catalog(DEMO)
    assert catalog is not None
    (playlist,) = catalog.playlists
    assert (playlist.id, playlist.title, playlist.role, playlist.team) == (
        "your-first-week",
        "Your first week",
        "new_hire",
        "",
    )
    assert 5 <= len(playlist.items) <= 7 and playlist.days == 5
    assert all(item.note for item in playlist.items)
    assert sum(1 for item in playlist.items if item.has_page_range) == 1

    workspace.index(DEMO)
    cards = workspace.library_search.cards()
    visible = workspace.library_search.visible_ids()
    for item in playlist.items:
        card = cards[item.asset_id]  # the catalog's id became the asset's id
        assert item.asset_id in visible, card.path
        assert len(item.pages(card.page_count)) >= 1, card.path
    deck = next(item for item in playlist.items if item.has_page_range)
    assert cards[deck.asset_id].kind == "pptx" and cards[deck.asset_id].page_count >= deck.pages(99).stop - 1
