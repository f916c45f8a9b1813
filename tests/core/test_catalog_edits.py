"""Marketing's edits of the catalog: many assets in one write, bulk edits that keep what they leave out,
and the library as marketing sees it (every asset, its standing, what expires soon)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from enablement_app.catalog import UNCHANGED, CatalogEntry, CatalogError, EntryEdit, load_catalog
from enablement_app.library.workspace import AssetNotFoundError, Workspace
from enablement_app.sync.catalog_signing import generate_signing_key
from enablement_app.sync.hub import create_hub
from enablement_app.sync.marketing_sync import publish, unpublished_changes
from tests.builders import make_pdf
from tests.conftest import Clock
from tests.sync.hubs import unwritable

PRICING = "Pricing/pricing-2026.pdf"
PITCH = "Decks/forecast-pitch.pptx"
ONBOARDING = "Guides/onboarding.docx"
BATTLECARD = "Guides/battlecard-forecastly.md"
OLD_PRICING = "Pricing/pricing-2025.pdf"


@pytest.fixture
def indexed(workspace: Workspace, library: Path) -> Workspace:
    make_pdf(library / "Pricing" / "discount-policy.pdf", ["Discount policy draft"], title="Discount policy")
    workspace.index(library)
    return workspace


def entries(library: Path) -> dict[str, CatalogEntry]:
    catalog = load_catalog(library)
    assert catalog is not None
    return dict(catalog.entries)


def test_the_marketing_library_lists_every_asset_with_its_standing(indexed: Workspace, clock: Clock) -> None:
    clock.now = dt.datetime(2027, 12, 10, 8, 0, tzinfo=dt.UTC)  # the 2026 pricing sheet expires in 21 days
    library = indexed.governed_assets()
    by_path = {asset.path: asset for asset in library.assets}
    assert {path: asset.standing for path, asset in by_path.items()} == {
        PRICING: "expiring",
        OLD_PRICING: "superseded",
        PITCH: "approved",
        ONBOARDING: "approved",
        BATTLECARD: "expired",
        "Pricing/discount-policy.pdf": "draft",
    }
    assert by_path[PRICING].days_left == 21
    assert by_path[OLD_PRICING].superseded_by_title == "Pricing sheet 2026"
    assert [asset.path for asset in library.expiring] == [PRICING]
    assert by_path[PRICING].facets["persona"] == ("CFO",)
    assert library.catalog_problem is None


def test_approve_retire_and_bulk_edit_write_many_assets_at_once(
    indexed: Workspace, library: Path, clock: Clock
) -> None:
    assert indexed.approve_many(
        [BATTLECARD, "Pricing/discount-policy.pdf"], approved_by="maria@lumora.example", expires_at=None
    ) == (BATTLECARD, "Pricing/discount-policy.pdf")
    written = entries(library)
    assert written[BATTLECARD].status == "approved" and written[BATTLECARD].expires_at is None
    assert written[BATTLECARD].facets == {"stage": ("decision",)}  # approval keeps the facets
    assert written["Pricing/discount-policy.pdf"].approved_by == "maria@lumora.example"
    assert written["Pricing/discount-policy.pdf"].approved_at == clock.now
    assert {hit.asset.path for hit in indexed.library_search.search("Forecastly").hits} == {BATTLECARD}

    edit = EntryEdit(
        facets={"stage": ("decision", "negotiation")},
        tags_added=("pricing", "Q4"),
        tags_removed=("old",),
        expires_at=dt.date(2027, 3, 31),
    )
    indexed.edit_many([PRICING, PITCH], edit)
    written = entries(library)
    assert written[PRICING].facets == {
        "product": ("Lumora Forecast",),
        "stage": ("decision", "negotiation"),
        "persona": ("CFO",),  # not edited: each asset keeps its own
        "tag": ("pricing", "Q4"),
    }
    assert written[PITCH].facets["persona"] == ("CRO",)
    assert written[PITCH].expires_at == written[PRICING].expires_at == dt.date(2027, 3, 31)

    indexed.edit_many([PRICING], EntryEdit(tags_removed=("q4",), expires_at=None))
    written = entries(library)
    assert written[PRICING].facets["tag"] == ("pricing",)
    assert written[PRICING].expires_at is None
    assert written[PITCH].facets["tag"] == ("pricing", "Q4")

    assert indexed.retire_many([PRICING, PITCH]) == (PRICING, PITCH)
    assert {entry.status for key, entry in entries(library).items() if key in (PRICING, PITCH)} == {"retired"}
    assert indexed.library_search.search("pricing").hits == ()


def test_an_edit_that_keeps_everything_leaves_the_entries_as_they_are() -> None:
    entry = CatalogEntry(status="approved", expires_at=dt.date(2027, 1, 1), facets={"tag": ("a",)})
    assert EntryEdit().empty
    assert EntryEdit().apply(entry) == entry
    assert EntryEdit(expires_at=UNCHANGED, tags_added=("A",)).apply(entry) == entry
    with pytest.raises(CatalogError, match="add and remove tags"):
        EntryEdit(facets={"tag": ("x",)})


def test_superseding_approves_the_newer_asset_and_retires_the_older_in_one_write(
    indexed: Workspace, library: Path
) -> None:
    indexed.approve("Pricing/discount-policy.pdf", supersedes=ONBOARDING, approved_by="maria@lumora.example")
    written = entries(library)
    assert written["Pricing/discount-policy.pdf"].supersedes == ONBOARDING
    assert written[ONBOARDING].status == "retired"
    standing = {asset.path: asset.standing for asset in indexed.governed_assets().assets}
    assert standing[ONBOARDING] == "superseded"
    with pytest.raises(CatalogError, match="cannot supersede itself"):
        indexed.approve(ONBOARDING, supersedes=ONBOARDING)


def test_a_catalog_that_cannot_be_read_or_written_is_left_as_it_was(
    indexed: Workspace, library: Path
) -> None:
    manifest = library / "catalog.json"
    before = manifest.read_bytes()
    with unwritable(library), pytest.raises(CatalogError, match="cannot be written"):
        indexed.retire_many([PRICING, PITCH])
    assert manifest.read_bytes() == before
    assert not list(library.glob(".catalog.json.*"))
    assert {hit.asset.path for hit in indexed.library_search.search("pricing").hits} == {PRICING}

    manifest.write_text('{"assets": {', encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid JSON"):
        indexed.approve_many([BATTLECARD])
    assert manifest.read_text(encoding="utf-8") == '{"assets": {'
    # the marketing view still lists the library, with the governance last read, and says why
    library_view = indexed.governed_assets()
    assert "not valid JSON" in (library_view.catalog_problem or "")
    assert {asset.path: asset.standing for asset in library_view.assets}[OLD_PRICING] == "superseded"
    with pytest.raises(AssetNotFoundError):
        indexed.retire_many(["Pricing/no-such-file.pdf"])


def test_unpublished_changes_count_what_a_publish_would_bring_reps(
    indexed: Workspace, library: Path, tmp_path: Path, clock: Clock
) -> None:
    hub = create_hub((tmp_path / "hub").as_uri())
    try:
        assert unpublished_changes(hub, library) == 5  # nothing published yet: every entry
        publish(indexed.store, hub, generate_signing_key(), library, clock=clock)
        assert unpublished_changes(hub, library) == 0
        indexed.retire_many([PRICING, PITCH])
        indexed.approve_many([PITCH])
        assert unpublished_changes(hub, library) == 2
        data = json.loads((library / "catalog.json").read_text(encoding="utf-8"))
        data["share_base_url"] = "https://intranet.example/collateral"
        (library / "catalog.json").write_text(json.dumps(data), encoding="utf-8")
        assert unpublished_changes(hub, library) == 3
    finally:
        hub.close()
