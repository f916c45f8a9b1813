"""Asset ids are the same on every computer that indexes the shared folder, so usage adds up per asset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from enablement_app.catalog import Catalog, CatalogError, load_catalog
from enablement_app.catalog.manifest import parse_catalog
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset
from tests.builders import make_pdf
from tests.conftest import Clock


def ids_by_path(workspace: Workspace) -> dict[str, str]:
    with workspace.store.sessions() as session:
        return {
            asset.path: asset.id for asset in session.scalars(select(Asset).where(Asset.removed_at.is_(None)))
        }


def indexed(tmp_path: Path, name: str, library: Path, clock: Clock) -> dict[str, str]:
    with Workspace(DataPaths(tmp_path / name), clock=clock, workers=1) as workspace:
        workspace.index(library)
        return ids_by_path(workspace)


def test_two_reps_indexing_the_same_folder_give_every_asset_the_same_id(
    tmp_path: Path, library: Path, clock: Clock
) -> None:
    ana, ben = indexed(tmp_path, "ana", library, clock), indexed(tmp_path, "ben", library, clock)
    assert ana == ben
    assert len(set(ana.values())) == len(ana) >= 5


def test_a_rep_who_first_sees_a_newer_version_takes_the_id_marketing_approved(
    tmp_path: Path, library: Path, clock: Clock
) -> None:
    with Workspace(DataPaths(tmp_path / "marketing"), clock=clock, workers=1) as marketing:
        marketing.index(library)
        marketing.approve("Pricing/pricing-2026.pdf")
        approved_id = ids_by_path(marketing)["Pricing/pricing-2026.pdf"]
    catalog = load_catalog(library)
    assert catalog is not None and catalog.entries["Pricing/pricing-2026.pdf"].asset_id == approved_id

    make_pdf(library / "Pricing" / "pricing-2026.pdf", ["Pricing 2026, revised: the sandbox is now free."])
    assert indexed(tmp_path, "late-rep", library, clock)["Pricing/pricing-2026.pdf"] == approved_id


def test_copies_of_one_file_at_two_paths_are_two_assets(tmp_path: Path, library: Path, clock: Clock) -> None:
    shutil.copy(library / "Pricing" / "pricing-2026.pdf", library / "Pricing" / "pricing-2026-copy.pdf")
    ids = indexed(tmp_path, "rep", library, clock)
    assert ids["Pricing/pricing-2026.pdf"] != ids["Pricing/pricing-2026-copy.pdf"]


def test_a_catalog_id_that_is_not_an_asset_id_is_refused_with_the_entry_named() -> None:
    text = json.dumps(
        {"format": 1, "library": "Lumora", "assets": {"a.pdf": {"status": "approved", "id": "../x"}}}
    )
    with pytest.raises(CatalogError, match=r"'a\.pdf': id must be 32 lowercase hexadecimal"):
        parse_catalog(text)


def test_an_index_run_reads_the_catalog_once_for_new_ids_and_governance(
    tmp_path: Path, library: Path, clock: Clock
) -> None:
    with Workspace(DataPaths(tmp_path / "marketing"), clock=clock, workers=1) as marketing:
        marketing.index(library)
        marketing.approve("Pricing/pricing-2026.pdf")
    reads: list[Path] = []

    def counting_load(root: Path) -> Catalog | None:
        reads.append(root)
        return load_catalog(root)

    with Workspace(DataPaths(tmp_path / "rep"), clock=clock, workers=1) as rep:
        rep.indexer.catalog_loader = counting_load
        rep.index(library)
        assert len(reads) == 1
        assert rep.library_search.search("pricing").hits  # the approval was applied from that one read
