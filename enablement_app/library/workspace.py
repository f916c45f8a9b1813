"""One data folder opened for use: the store, the search index and the services built on them.

The CLI and the app both start here, so they wire the services the same way (one store, one index writer).
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select

from enablement_app.catalog import (
    MANIFEST_NAME,
    UNCHANGED,
    Catalog,
    CatalogEntry,
    CatalogError,
    EntryEdit,
    Unchanged,
    load_catalog,
    save_catalog,
)
from enablement_app.catalog.manifest import merge_facets
from enablement_app.library.governance import apply_catalog_entries
from enablement_app.library.governed_assets import EXPIRING_WITHIN_DAYS, GovernedLibrary, governed_assets
from enablement_app.library.indexing import IndexProgress, IndexSummary, LibraryIndexer, utc_now
from enablement_app.library.library_settings import LIBRARY_ROOT, bump_generation
from enablement_app.library.search import LibrarySearch
from enablement_app.library.thumbnails import Thumbnails
from enablement_app.paths import DataPaths
from enablement_app.sharing import share_link
from enablement_app.store import Store, open_store
from enablement_app.store.models import Asset, IndexProblem
from enablement_app.sync.hub_catalog import HubPublications
from enablement_app.usage.profile import ProfileError, RepProfile, device_id, load_profile, profile_facts
from enablement_app.usage.queries import announced_profile
from enablement_app.usage.recorder import UsageRecorder
from enablement_app.usage.spool import drain_orphaned_spools
from indexer.scanner import DEFAULT_MAX_FILE_BYTES
from indexer.search_index import SearchIndex

log = logging.getLogger(__name__)


class NoLibraryError(Exception):
    """No collateral folder has been indexed into this data folder yet."""


class AssetNotFoundError(Exception):
    """A path given by the user is not a file of the library."""


@dataclass(frozen=True, slots=True)
class ProblemRow:
    path: str
    reason: str
    occurred_at: dt.datetime


@dataclass(frozen=True, slots=True)
class LibraryStatus:
    root: Path | None
    assets_by_status: Mapping[str, int]
    assets_by_kind: Mapping[str, int]
    indexed_pages: int
    expiring_soon: tuple[tuple[str, dt.date], ...]
    problems: tuple[ProblemRow, ...]


class Workspace:
    def __init__(
        self,
        paths: DataPaths,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        workers: int | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        on_store_upgrade: Callable[[str], None] = lambda _notice: None,
    ) -> None:
        self.paths = paths.ensure()
        self.clock = clock
        self.store: Store = open_store(paths.database, on_upgrade=on_store_upgrade)
        self.search_index = SearchIndex(paths.index_dir)
        self.thumbnails = Thumbnails(self.store, paths.thumbnails_dir)
        self.indexer = LibraryIndexer(
            self.store,
            self.search_index,
            self.thumbnails,
            clock=clock,
            max_file_bytes=max_file_bytes,
            workers=workers,
        )
        self.library_search = LibrarySearch(self.store, self.search_index, today=lambda: self.clock().date())
        self.hub_publications = HubPublications(self.paths, self.store, clock=clock)
        self.indexer.catalog_loader = self.hub_publications.load_catalog
        self._recorders: list[UsageRecorder] = []

    def close(self) -> None:
        for recorder in self._recorders:
            recorder.close()
        self.search_index.close()
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- the collateral folder -----------------------------------------------------------------

    @property
    def library_root(self) -> Path | None:
        value = self.store.get_setting(LIBRARY_ROOT)
        return Path(value) if value else None

    def require_root(self, given: Path | None = None) -> Path:
        if given is not None:
            return given.expanduser().resolve()
        root = self.library_root
        if root is None:
            raise NoLibraryError(
                "no collateral folder has been indexed yet: run `enablement index FOLDER` first"
            )
        return root

    def index(
        self,
        root: Path | None = None,
        *,
        rebuild: bool = False,
        progress: Callable[[IndexProgress], None] = lambda _: None,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> IndexSummary:
        return self.indexer.run(
            self.require_root(root), rebuild=rebuild, progress=progress, should_stop=should_stop
        )

    # -- governance ----------------------------------------------------------------------------

    def library_key(self, path: Path | str) -> str:
        """The catalog key of a file given as an absolute path, a path from here, or a library path."""
        root = self.require_root()
        candidate = Path(path).expanduser()
        if candidate.exists():
            resolved = candidate.resolve()
            try:
                return resolved.relative_to(root).as_posix()
            except ValueError as error:
                raise AssetNotFoundError(f"{path} is not inside the collateral folder {root}") from error
        key = Path(path).as_posix().lstrip("/")
        with self.store.sessions() as session:
            exists = session.scalar(select(Asset.id).where(Asset.path == key, Asset.removed_at.is_(None)))
        if exists is None and not (root / key).is_file():
            raise AssetNotFoundError(f"{path} is not a file of the collateral folder {root}")
        return key

    def approve(
        self,
        path: Path | str,
        *,
        expires_at: dt.date | None = None,
        facets: Mapping[str, Iterable[str]] | None = None,
        approved_by: str | None = None,
        title: str | None = None,
        supersedes: Path | str | None = None,
    ) -> tuple[str, CatalogEntry]:
        """Approve one asset (``expires_at`` None keeps its expiry date); an asset it supersedes is retired
        in the same write of the catalog."""
        key = self.library_key(path)
        superseded_key = self.library_key(supersedes) if supersedes is not None else None
        if superseded_key == key:
            raise CatalogError(f"{key} cannot supersede itself: choose the newer asset that replaces it")
        changes = {
            key: self._approval(
                key,
                approved_by,
                UNCHANGED if expires_at is None else expires_at,
                facets=facets,
                title=title,
                supersedes=superseded_key,
            )
        }
        if superseded_key is not None:
            changes[superseded_key] = _retired
        return key, self._edit_catalog(changes)[key]

    def approve_many(
        self,
        paths: Iterable[Path | str],
        *,
        approved_by: str | None = None,
        expires_at: dt.date | Unchanged | None = UNCHANGED,
    ) -> tuple[str, ...]:
        """Approve every asset of ``paths`` in one write of the catalog, keeping their facets; ``expires_at``
        sets or (None) clears their expiry date, or leaves each one's as it is."""
        keys = self._library_keys(paths)
        self._edit_catalog({key: self._approval(key, approved_by, expires_at) for key in keys})
        return keys

    def retire(self, path: Path | str) -> tuple[str, CatalogEntry]:
        key = self.library_key(path)
        return key, self._edit_catalog({key: _retired})[key]

    def retire_many(self, paths: Iterable[Path | str]) -> tuple[str, ...]:
        """Retire every asset of ``paths`` in one write of the catalog: reps no longer find them."""
        keys = self._library_keys(paths)
        self._edit_catalog(dict.fromkeys(keys, _retired))
        return keys

    def edit_many(self, paths: Iterable[Path | str], edit: EntryEdit) -> tuple[str, ...]:
        """Apply marketing's bulk edit to every asset of ``paths`` in one write of the catalog; what the edit
        leaves out keeps each asset's own value."""
        keys = self._library_keys(paths)
        if not edit.empty:
            self._edit_catalog(dict.fromkeys(keys, edit.apply))
        return keys

    def governed_assets(self, *, expiring_within_days: int = EXPIRING_WITHIN_DAYS) -> GovernedLibrary:
        """Every asset with the governance marketing is editing (see ``governed_assets``): drafts, expired,
        retired and superseded ones too."""
        root = self.library_root
        catalog: Catalog | None = Catalog()
        problem = None
        if root is not None:
            try:
                catalog = load_catalog(root) or Catalog()
            except CatalogError as error:
                catalog, problem = None, str(error)
        with self.store.sessions() as session:
            return governed_assets(
                session,
                catalog,
                self.clock().date(),
                expiring_within_days=expiring_within_days,
                catalog_problem=problem,
            )

    def _library_keys(self, paths: Iterable[Path | str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.library_key(path) for path in paths))

    def _approval(
        self,
        key: str,
        approved_by: str | None,
        expires_at: dt.date | Unchanged | None,
        *,
        facets: Mapping[str, Iterable[str]] | None = None,
        title: str | None = None,
        supersedes: str | None = None,
    ) -> Callable[[CatalogEntry], CatalogEntry]:
        def change(entry: CatalogEntry) -> CatalogEntry:
            with self.store.sessions() as session:
                found = session.execute(
                    select(Asset.id, Asset.content_hash).where(Asset.path == key, Asset.removed_at.is_(None))
                ).one_or_none()
            asset_id, content_hash = found if found is not None else (None, None)
            return CatalogEntry(
                status="approved",
                approved_by=approved_by or getpass.getuser(),
                approved_at=self.clock(),
                expires_at=entry.expires_at if expires_at is UNCHANGED else expires_at,
                title=title or entry.title,
                facets=merge_facets(entry.facets, facets or {}),
                supersedes=supersedes or entry.supersedes,
                sha256=content_hash or entry.sha256,
                # the catalog's id stays once given: reps' assets already carry it
                asset_id=entry.asset_id or asset_id,
            )

        return change

    def _edit_catalog(
        self, changes: Mapping[str, Callable[[CatalogEntry], CatalogEntry]]
    ) -> dict[str, CatalogEntry]:
        """The one way the catalog is edited: read it, change the entries of ``changes`` (by key), write it
        once, atomically, and bring the store in line. A catalog that cannot be read or written raises
        ``CatalogError`` and stays as it was."""
        root = self.require_root()
        catalog = load_catalog(root) or Catalog(library=root.name)
        edited = {}
        for key, change in changes.items():
            found = catalog.entry_for(key)
            edited[key] = change(found[1] if found else CatalogEntry())
        catalog = catalog.with_entries(edited)
        save_catalog(root, catalog)
        with self.store.sessions.begin() as session:
            # On a computer that takes governance from the hub, the folder's manifest is only marketing's
            # draft: it reaches reps, this one included, when it is published.
            if not self.hub_publications.has_catalog() and apply_catalog_entries(session, catalog):
                bump_generation(session)
            problem = session.get(IndexProblem, MANIFEST_NAME)
            if problem is not None:
                session.delete(problem)
        return edited

    # -- usage ---------------------------------------------------------------------------------

    def open_recorder(self, profile: RepProfile | None = None) -> UsageRecorder:
        """The usage recorder for this data folder, stamping events with ``profile`` (default: the saved one).

        Closed with the workspace. Its thread also drains spools that a killed app left behind.
        """
        if profile is None:
            profile = load_profile(self.store)
            if profile is None:
                raise ProfileError("No rep profile yet: fill in your name, email and role first.")
        recorder = UsageRecorder(
            self.store, self.paths.usage_spool_dir, profile, device_id(self.store), clock=self.clock
        )
        self._recorders.append(recorder)
        # Marketing learns a rep's name and e-mail once, and again after each change (a spooled announcement
        # not yet in the outbox is announced twice, which is harmless: the newest one counts).
        if announced_profile(self.store, profile.rep_id) != profile_facts(profile):
            recorder.record_profile()
        return recorder

    def drain_usage_spools(self) -> int:
        """Move events a killed app left in its spool into the outbox (spools of running apps are left to
        them); returns how many were new. Raises ``OperationalError`` if the database stays locked."""
        return drain_orphaned_spools(self.store, self.paths.usage_spool_dir)

    def share_link(self, asset_path: str) -> str:
        """The link a rep sends for an asset: under marketing's published address when the catalog has one."""
        root = self.require_root()
        try:
            catalog = load_catalog(root)
        except CatalogError as error:
            log.info("sharing with a file link: %s", error)
            catalog = None
        return share_link(root, asset_path, catalog.share_base_url if catalog else None)

    # -- status --------------------------------------------------------------------------------

    def status(self, *, expiring_within_days: int = EXPIRING_WITHIN_DAYS) -> LibraryStatus:
        today = self.clock().date()
        horizon = today + dt.timedelta(days=expiring_within_days)
        by_status: dict[str, int] = {}
        by_kind: dict[str, int] = {}
        expiring: list[tuple[str, dt.date]] = []
        with self.store.sessions() as session:
            for asset in session.scalars(
                select(Asset).where(Asset.removed_at.is_(None)).order_by(Asset.path)
            ):
                status = asset.effective_status(today)
                by_status[status] = by_status.get(status, 0) + 1
                by_kind[asset.kind] = by_kind.get(asset.kind, 0) + 1
                if status == "approved" and asset.expires_at is not None and asset.expires_at <= horizon:
                    expiring.append((asset.path, asset.expires_at))
            problems = tuple(
                ProblemRow(problem.path, problem.reason, problem.occurred_at)
                for problem in session.scalars(select(IndexProblem).order_by(IndexProblem.path))
            )
        return LibraryStatus(
            root=self.library_root,
            assets_by_status=by_status,
            assets_by_kind=by_kind,
            indexed_pages=self.search_index.page_count(),
            expiring_soon=tuple(expiring),
            problems=problems,
        )

    def asset_count(self) -> int:
        with self.store.sessions() as session:
            return (
                session.scalar(select(func.count()).select_from(Asset).where(Asset.removed_at.is_(None))) or 0
            )


def _retired(entry: CatalogEntry) -> CatalogEntry:
    return replace(entry, status="retired")


__all__ = ["AssetNotFoundError", "CatalogError", "LibraryStatus", "NoLibraryError", "ProblemRow", "Workspace"]
