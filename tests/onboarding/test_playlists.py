"""Playlists in catalog.json: round trip, refusals that name the playlist and the item, and what a publish
would bring reps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enablement_app.catalog import Catalog, CatalogError, load_catalog, save_catalog
from enablement_app.catalog.manifest import parse_catalog
from enablement_app.catalog.playlists import (
    Playlist,
    PlaylistError,
    PlaylistItem,
    new_playlist_id,
    parse_due_day,
    parse_page_range,
)
from enablement_app.library.workspace import Workspace
from enablement_app.onboarding.playlist_catalog import draft_playlists, remove_playlist, save_playlist
from enablement_app.sync.catalog_signing import generate_signing_key
from enablement_app.sync.hub import create_hub
from enablement_app.sync.marketing_sync import publish, unpublished_changes
from tests.conftest import Clock

DECK = "a" * 32
GUIDE = "b" * 32

FIRST_WEEK = Playlist(
    id="your-first-week",
    title="Your first week",
    description="What every new rep reads before their first call.",
    team="Mid-market",
    items=(
        PlaylistItem(GUIDE, due_day=1, note="Start here", title="Onboarding guide"),
        PlaylistItem(DECK, due_day=3, first_page=2, last_page=3, note="The story we tell CROs"),
    ),
)


def catalog_text(playlists: object) -> str:
    return json.dumps({"format": 1, "library": "Demo", "assets": {}, "playlists": playlists})


def test_playlists_round_trip_through_catalog_json(tmp_path: Path) -> None:
    save_catalog(tmp_path, Catalog(library="Demo", playlists=(FIRST_WEEK,)))
    loaded = load_catalog(tmp_path)
    assert loaded is not None and loaded.playlists == (FIRST_WEEK,)
    raw = json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))
    assert raw["format"] == 1
    assert raw["playlists"][0]["for"] == {"role": "new_hire", "team": "Mid-market"}
    assert raw["playlists"][0]["items"][1]["pages"] == [2, 3]


def test_a_catalog_without_playlists_writes_no_key_and_reads_none(tmp_path: Path) -> None:
    save_catalog(tmp_path, Catalog(library="Demo"))
    assert "playlists" not in json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))
    assert parse_catalog(json.dumps({"assets": {}})).playlists == ()


@pytest.mark.parametrize(
    ("playlists", "words"),
    [
        ({"id": "x"}, '"playlists" must be a list'),
        ([{"id": "week", "items": []}], "playlist 1 needs a title"),
        ([{"id": "Week One", "title": "Week"}], "playlist 1 ('Week'): id 'Week One'"),
        ([{"id": "week", "title": "Week", "for": {"role": "ceo"}}], "role 'ceo' is not one of"),
        (
            [{"id": "week", "title": "Week", "items": [{"asset": DECK}, {"asset": "deck.pdf"}]}],
            "playlist 1 ('Week'), item 2: asset must be an asset id",
        ),
        (
            [{"id": "week", "title": "Week", "items": [{"asset": DECK, "due_day": 0}]}],
            "item 1: due_day must be a day from 1",
        ),
        (
            [{"id": "week", "title": "Week", "items": [{"asset": DECK, "pages": [5, 2]}]}],
            "item 1: pages must be [first, last]",
        ),
        (
            [{"id": "w", "title": "A", "items": []}, {"id": "w", "title": "B", "items": []}],
            "two playlists have the id 'w'",
        ),
    ],
)
def test_a_malformed_playlist_is_refused_with_a_sentence(playlists: object, words: str) -> None:
    with pytest.raises(CatalogError) as raised:
        parse_catalog(catalog_text(playlists))
    assert words in str(raised.value)
    assert str(raised.value).startswith("catalog.json: ")


def test_page_ranges_due_days_and_ids_from_what_marketing_types() -> None:
    assert parse_page_range("") == (None, None)
    assert parse_page_range("4") == (4, 4)
    assert parse_page_range(" 4 – 7 ") == (4, 7)
    assert parse_due_day("day 3") == 3 == parse_due_day("3")
    for bad in ("7-4", "0", "four"):
        with pytest.raises(PlaylistError, match="is not a page range"):
            parse_page_range(bad)
    with pytest.raises(PlaylistError, match="is not a due day"):
        parse_due_day("tomorrow")
    assert new_playlist_id("Your first week!", ["your-first-week"]) == "your-first-week-2"
    assert PlaylistItem(DECK, first_page=2, last_page=9).pages(5) == range(2, 6)
    assert PlaylistItem(DECK).pages(3) == range(1, 4)


def test_saving_a_playlist_keeps_the_assets_and_the_order(library: Path) -> None:
    before = load_catalog(library)
    assert before is not None
    save_playlist(library, FIRST_WEEK)
    second = Playlist(id="managers", title="For managers", role="manager")
    save_playlist(library, second)
    edited = FIRST_WEEK.with_items(FIRST_WEEK.items[::-1])
    save_playlist(library, edited)
    assert draft_playlists(library) == (edited, second)
    after = load_catalog(library)
    assert after is not None and after.entries == before.entries
    remove_playlist(library, "managers")
    assert draft_playlists(library) == (edited,)


def test_playlist_changes_count_as_unpublished(
    workspace: Workspace, library: Path, tmp_path: Path, clock: Clock
) -> None:
    workspace.index(library)
    hub = create_hub((tmp_path / "hub").as_uri())
    try:
        publish(workspace.store, hub, generate_signing_key(), library, clock=clock)
        assert unpublished_changes(hub, library) == 0
        save_playlist(library, FIRST_WEEK)
        save_playlist(library, Playlist(id="managers", title="For managers", role="manager"))
        assert unpublished_changes(hub, library) == 2
        publish(workspace.store, hub, generate_signing_key(), library, clock=clock)
        assert unpublished_changes(hub, library) == 0
        save_playlist(library, FIRST_WEEK.with_items(FIRST_WEEK.items[:1]))
        assert unpublished_changes(hub, library) == 1
    finally:
        hub.close()
