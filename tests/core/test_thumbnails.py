"""PDF thumbnails are rendered when first asked for, kept, and renewed when the file's content changes."""

from __future__ import annotations

import struct
from pathlib import Path

from sqlalchemy import select

from enablement_app.library.workspace import Workspace
from enablement_app.store.models import Asset
from tests.builders import make_pdf
from tests.disk_full import disk_full_after

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _asset_ids(workspace: Workspace) -> dict[str, str]:
    with workspace.store.sessions() as session:
        return {asset.path: asset.id for asset in session.scalars(select(Asset))}


def test_pdf_thumbnail_is_rendered_on_first_request_and_kept(workspace: Workspace, library: Path) -> None:
    workspace.index(library)
    pricing = _asset_ids(workspace)["Pricing/pricing-2026.pdf"]
    assert not list(workspace.paths.thumbnails_dir.glob("*.png"))  # indexing renders nothing

    path = workspace.thumbnails.path(pricing)

    assert path is not None
    png = path.read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    assert 230 <= struct.unpack(">I", png[16:20])[0] <= 250
    assert workspace.thumbnails.path(pricing) == path
    assert [kept.name for kept in workspace.paths.thumbnails_dir.iterdir()] == [f"{pricing}.png"]


def test_changed_pdf_gets_a_new_thumbnail(workspace: Workspace, library: Path) -> None:
    workspace.index(library)
    pricing = _asset_ids(workspace)["Pricing/pricing-2026.pdf"]
    before = workspace.thumbnails.path(pricing)
    assert before is not None
    old_png = before.read_bytes()
    make_pdf(library / "Pricing" / "pricing-2026.pdf", ["A completely different\n\n\ncover page " * 20])

    workspace.index(library)

    after = workspace.thumbnails.path(pricing)
    assert after is not None and after.read_bytes() != old_png


def test_assets_without_a_first_page_picture_have_no_thumbnail(workspace: Workspace, library: Path) -> None:
    workspace.index(library)
    ids = _asset_ids(workspace)
    (library / "Pricing" / "pricing-2025.pdf").unlink()
    workspace.index(library)

    assert workspace.thumbnails.path(ids["Decks/forecast-pitch.pptx"]) is None
    assert workspace.thumbnails.path(ids["Guides/battlecard-forecastly.md"]) is None
    assert workspace.thumbnails.path(ids["Pricing/pricing-2025.pdf"]) is None  # removed from the library
    assert workspace.thumbnails.path("no-such-asset") is None


def test_a_full_disk_gives_no_thumbnail_this_time_and_leaves_no_partial_file(
    workspace: Workspace, library: Path
) -> None:
    workspace.index(library)
    pricing = _asset_ids(workspace)["Pricing/pricing-2026.pdf"]
    workspace.paths.thumbnails_dir.mkdir(parents=True, exist_ok=True)

    with disk_full_after(1024):  # smaller than the picture
        assert workspace.thumbnails.path(pricing) is None

    assert not list(workspace.paths.thumbnails_dir.iterdir())
    path = workspace.thumbnails.path(pricing)  # room again: rendered and kept
    assert path is not None and path.read_bytes().startswith(PNG_SIGNATURE)
