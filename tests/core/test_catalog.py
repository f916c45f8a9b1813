"""The catalog manifest: parsing, validation and safe writing."""

from __future__ import annotations

import datetime as dt
import stat
import urllib.parse
from pathlib import Path

import pytest

from enablement_app.catalog import Catalog, CatalogEntry, CatalogError, load_catalog, save_catalog
from enablement_app.catalog.manifest import parse_catalog
from enablement_app.sharing import email_draft_url, share_link, unique_copy_path


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    entry = CatalogEntry(
        status="approved",
        approved_by="maria@lumora.example",
        approved_at=dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC),
        expires_at=dt.date(2027, 12, 31),
        title="Pricing sheet",
        facets={"stage": ("decision",), "tag": ("pricing", "discount approval")},
        supersedes="old.pdf",
        sha256="ab" * 32,
    )
    save_catalog(tmp_path, Catalog(library="Demo", entries={"Pricing/sheet.pdf": entry}))
    assert load_catalog(tmp_path) == Catalog(library="Demo", entries={"Pricing/sheet.pdf": entry})


def test_saved_catalog_is_readable_by_everyone_who_can_read_the_folder(tmp_path: Path) -> None:
    save_catalog(tmp_path, Catalog(entries={"a.pdf": CatalogEntry(status="approved")}))
    mode = (tmp_path / "catalog.json").stat().st_mode
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH
    assert not list(tmp_path.glob(".catalog-*"))  # no temporary file left behind


def test_a_moved_file_keeps_its_entry_through_the_content_hash() -> None:
    catalog = Catalog(entries={"old/place.pdf": CatalogEntry(status="approved", sha256="cd" * 32)})
    assert catalog.entry_for("new/place.pdf", "cd" * 32) == (
        "old/place.pdf",
        catalog.entries["old/place.pdf"],
    )
    assert catalog.entry_for("new/place.pdf", "ef" * 32) is None


def test_single_values_and_windows_paths_are_accepted() -> None:
    catalog = parse_catalog(
        '{"assets": {"Decks\\\\pitch.pptx": {"status": "approved", "stage": "decision"}}}'
    )
    assert catalog.entries["Decks/pitch.pptx"].facets == {"stage": ("decision",)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", 'must be an object with an "assets" object'),
        ('{"format": 9, "assets": {}}', "has format 9"),
        ('{"assets": {"a.pdf": {"status": "live"}}}', "'live' is not one of"),
        ('{"assets": {"a.pdf": {"expires_at": "soon"}}}', "expires_at"),
        ('{"assets": {"a.pdf": {"stage": [1, 2]}}}', "stage must be a text or a list of texts"),
        ('{"assets": {"a.pdf": "approved"}}', "must be an object"),
    ],
)
def test_bad_manifests_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_catalog(text)


def test_a_missing_manifest_is_not_an_error(tmp_path: Path) -> None:
    assert load_catalog(tmp_path) is None


def test_a_manifest_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "catalog.json").write_bytes(b'{"assets": {"caf\xe9.pdf": {}}}')
    with pytest.raises(CatalogError, match="not UTF-8"):
        load_catalog(tmp_path)


def test_share_base_url_round_trips_and_makes_links(tmp_path: Path) -> None:
    catalog = Catalog(library="Demo", share_base_url="https://intranet.example/collateral/")
    save_catalog(tmp_path, catalog)
    assert load_catalog(tmp_path) == catalog
    assert share_link(tmp_path, "Pricing/price sheet.pdf", catalog.share_base_url) == (
        "https://intranet.example/collateral/Pricing/price%20sheet.pdf"
    )
    assert (
        share_link(tmp_path, "Pricing/price sheet.pdf") == (tmp_path / "Pricing" / "price sheet.pdf").as_uri()
    )


def test_share_base_url_must_be_an_address(tmp_path: Path) -> None:
    (tmp_path / "catalog.json").write_text(
        '{"format": 1, "share_base_url": "javascript:alert(1)", "assets": {}}'
    )
    with pytest.raises(CatalogError, match="share_base_url"):
        load_catalog(tmp_path)


def test_email_draft_carries_title_and_link() -> None:
    url = email_draft_url(title="Pricing sheet 2026", link="https://x.example/a b.pdf", signature="Sam")
    parsed = urllib.parse.urlsplit(url)
    fields = urllib.parse.parse_qs(parsed.query)
    assert parsed.scheme == "mailto"
    assert fields["subject"] == ["Pricing sheet 2026"]
    assert "https://x.example/a b.pdf" in fields["body"][0]
    assert "Sam" in fields["body"][0]


def test_unique_copy_path_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "deck.pptx").write_bytes(b"x")
    (tmp_path / "deck (2).pptx").write_bytes(b"x")
    assert unique_copy_path(tmp_path, "deck.pptx") == tmp_path / "deck (3).pptx"
    assert unique_copy_path(tmp_path, "new.pdf") == tmp_path / "new.pdf"
