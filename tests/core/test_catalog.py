"""The catalog manifest: parsing, validation and safe writing."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from enablement_app.catalog import Catalog, CatalogEntry, CatalogError, load_catalog, save_catalog
from enablement_app.catalog.manifest import parse_catalog


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
