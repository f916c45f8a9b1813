"""Brings the store and the search index in line with a collateral folder.

A run touches only what changed: files are compared by size and modification time, then by content hash, so
a renamed or moved file keeps its asset id (and the usage recorded against it) without being re-read.

Crash safety: index batches are committed before the store rows that describe them, and every run starts by
reconciling the two (documents of assets the store does not know are dropped, assets the index lacks are
re-extracted). Killing the process at any point therefore leaves a searchable index and a consistent store,
and the next run finishes the work.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from enablement_app.catalog import Catalog, CatalogError, load_catalog
from enablement_app.disk_full import NOTHING_LOST, DiskFullError, disk_full_sentence
from enablement_app.library.asset_ids import AssetIds
from enablement_app.library.governance import CatalogLoader, GovernanceOutcome, apply_catalog
from enablement_app.library.library_settings import LIBRARY_ROOT, bump_generation
from enablement_app.library.thumbnails import Thumbnails
from enablement_app.store import Store
from enablement_app.store.models import Asset, AssetVersion, IndexProblem
from indexer.extract import KINDS_WITH_THUMBNAILS
from indexer.extraction_pool import IndexedFile, IndexJob, file_sha256, open_pool
from indexer.scanner import DEFAULT_MAX_FILE_BYTES, FileInfo, scan_library
from indexer.search_index import IndexBatch, SearchIndex

log = logging.getLogger(__name__)

REBUILD_GOES_ON = "searches find what the rebuild had re-read, and the next run rebuilds the rest"

Clock = Callable[[], dt.datetime]
# Pages held in one index batch before it is committed; bounds the work a kill can throw away.
PAGES_PER_COMMIT = 15_000
SMALL_UPDATE_FILES = 20


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class LibraryFolderError(Exception):
    """The collateral folder is missing or not a folder."""


@dataclass(frozen=True, slots=True)
class IndexProgress:
    phase: str  # "scanning", "extracting", "finishing"
    done: int
    total: int
    current: str = ""


@dataclass(slots=True)
class IndexSummary:
    scanned: int = 0
    added: int = 0
    updated: int = 0
    moved: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    pages: int = 0
    cancelled: bool = False
    problems: dict[str, str] = field(default_factory=dict)
    catalog_error: str | None = None
    governance_changed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.moved or self.removed or self.governance_changed)


@dataclass(slots=True)
class _Pending:
    """An extracted file waiting for its index batch to commit before the store learns about it."""

    info: FileInfo
    content_hash: str
    indexed: IndexedFile


class LibraryIndexer:
    """Indexes one collateral folder into one store and one search index."""

    def __init__(
        self,
        store: Store,
        search_index: SearchIndex,
        thumbnails: Thumbnails,
        *,
        clock: Clock = utc_now,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        workers: int | None = None,
        pages_per_commit: int = PAGES_PER_COMMIT,
    ) -> None:
        self.store = store
        self.pages_per_commit = pages_per_commit
        self.search_index = search_index
        self.thumbnails = thumbnails
        self.clock = clock
        self.max_file_bytes = max_file_bytes
        self.workers = workers
        # Where governance comes from; a rep on a hub uses marketing's signed catalog instead.
        self.catalog_loader: CatalogLoader = load_catalog

    def run(
        self,
        root: Path,
        *,
        rebuild: bool = False,
        progress: Callable[[IndexProgress], None] = lambda _: None,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> IndexSummary:
        """Bring the index and the store up to date with ``root``.

        A write the disk refuses, in a worker's segment, the index commit or the store, ends the run as a
        ``DiskFullError``: what was committed before stays, and the next run picks up the rest.
        """
        rebuilding = rebuild or self.search_index.needs_rebuild
        try:
            return self._run(root, rebuild=rebuild, progress=progress, should_stop=should_stop)
        except Exception as error:
            self._remove_unfinished_files()
            # A rebuild starts from an empty index: what it had re-read so far is what is found.
            kept = REBUILD_GOES_ON if rebuilding else NOTHING_LOST
            sentence = disk_full_sentence(error, self.search_index.folder.parent, "indexing stopped", kept)
            if sentence is not None and not isinstance(error, DiskFullError):
                log.info("indexing stopped, the disk refused a write: %s", error, exc_info=True)
                raise DiskFullError(sentence) from error
            raise

    def _remove_unfinished_files(self) -> None:
        """What a failed batch wrote into the index folder goes now, not at the next commit: on a full disk
        it is the space the rep has to find."""
        try:
            self.search_index.remove_unfinished_files()
        except Exception:
            log.warning("could not remove the files of a failed index batch", exc_info=True)

    def _run(
        self,
        root: Path,
        *,
        rebuild: bool,
        progress: Callable[[IndexProgress], None],
        should_stop: Callable[[], bool],
    ) -> IndexSummary:
        root = root.expanduser().resolve()
        if not root.is_dir():
            raise LibraryFolderError(
                f"the collateral folder {root} does not exist"
                if not root.exists()
                else f"{root} is not a folder"
            )
        summary = IndexSummary()
        previous_root = self.store.get_setting(LIBRARY_ROOT)
        if previous_root != str(root):
            self.store.set_setting(LIBRARY_ROOT, str(root))
        if rebuild or self.search_index.needs_rebuild:
            self.search_index.clear()
            rebuild = True

        progress(IndexProgress("scanning", 0, 0))
        scan = scan_library(root, max_bytes=self.max_file_bytes)
        summary.scanned = len(scan.files)
        summary.problems.update(scan.problems)

        with self.store.sessions() as session:
            assets = list(session.scalars(select(Asset)))
            known_problems = {problem.path: problem for problem in session.scalars(select(IndexProblem))}
        present = {asset.path: asset for asset in assets if asset.removed_at is None}
        indexed_ids = self.search_index.asset_ids()

        # Reconcile after a crash: drop documents the store never heard of, re-read assets the index lacks.
        orphans = indexed_ids - {asset.id for asset in present.values()}
        missing_from_index = {asset.id for asset in present.values()} - indexed_ids

        to_read: list[FileInfo] = []
        for key, info in scan.files.items():
            asset = present.get(key)
            problem = known_problems.get(key)
            if asset is None or asset.size != info.size or asset.mtime_ns != info.mtime_ns:
                if (
                    asset is None
                    and problem is not None
                    and (problem.size, problem.mtime_ns) == (info.size, info.mtime_ns)
                    and not rebuild
                ):
                    summary.problems[key] = problem.reason  # unchanged broken file: not retried
                    continue
                to_read.append(info)
            elif rebuild or asset.id in missing_from_index:
                to_read.append(info)
            else:
                summary.unchanged += 1
        vanished = {key: asset for key, asset in present.items() if key not in scan.files}

        # Hash what changed; a new path whose content matches a vanished or removed asset is that asset moved.
        hashes: dict[str, str] = {}
        for info in to_read:
            if should_stop():
                summary.cancelled = True
                break
            try:
                hashes[info.relative] = file_sha256(info.path)
            except OSError as error:
                summary.problems[info.relative] = _read_error(error)
        vanished_by_hash = {asset.content_hash: asset for asset in vanished.values()}
        removed_by_hash = {asset.content_hash: asset for asset in assets if asset.removed_at is not None}
        removed_by_path = {asset.path: asset for asset in assets if asset.removed_at is not None}
        now = self.clock()

        extract_jobs: list[tuple[FileInfo, str, Asset | None]] = []
        with self.store.sessions.begin() as session:
            for info in to_read:
                content_hash = hashes.get(info.relative)
                if content_hash is None:
                    continue
                asset = present.get(info.relative)
                if asset is not None:
                    if (
                        asset.content_hash == content_hash
                        and not rebuild
                        and asset.id not in missing_from_index
                    ):
                        _touch(session, asset, info)
                        summary.unchanged += 1
                    else:
                        extract_jobs.append((info, content_hash, asset))
                    continue
                moved = vanished_by_hash.pop(content_hash, None)
                if moved is not None and moved.path in vanished:
                    del vanished[moved.path]
                    _move(session, moved, info)
                    summary.moved += 1
                    if moved.id in missing_from_index or rebuild:
                        extract_jobs.append((info, content_hash, moved))
                    continue
                revived = removed_by_hash.get(content_hash) or removed_by_path.get(info.relative)
                extract_jobs.append((info, content_hash, revived))
            if orphans:
                with self.search_index.writing(merge=False) as batch:
                    batch.delete_assets(orphans)

        total = len(extract_jobs)
        catalog = _CatalogOfRun(self.catalog_loader)
        ids = AssetIds((asset.id for asset in assets), lambda: catalog.or_none(root))
        progress(IndexProgress("extracting", 0, total))
        jobs = iter(extract_jobs)
        submitted: dict[str, tuple[FileInfo, str, Asset | None]] = {}
        done = 0
        # Small updates (the watcher's) skip segment merging so a change is searchable at once.
        merge = total > SMALL_UPDATE_FILES
        pool = open_pool(self.search_index.folder, count=total, workers=self.workers)
        try:
            exhausted = False
            while True:
                pending: list[_Pending] = []
                pending_pages = 0
                with self.search_index.writing(merge=merge) as batch:
                    pool.begin(batch)
                    while True:
                        # Keep every worker busy until the batch has its pages, then let it drain.
                        while not exhausted and pending_pages < self.pages_per_commit and pool.has_room():
                            job = None if should_stop() else next(jobs, None)
                            if job is None:
                                exhausted = True
                                break
                            info, content_hash, asset = job
                            submitted[info.relative] = job
                            asset_id = (
                                asset.id if asset is not None else ids.new_id(info.relative, content_hash)
                            )
                            pool.submit(IndexJob(info.relative, info.path, asset_id))
                        if not pool.in_flight:
                            break
                        outcome = pool.next_outcome()
                        done += 1
                        progress(IndexProgress("extracting", done, total, outcome.key))
                        info, content_hash, asset = submitted.pop(outcome.key)
                        item = self._index_outcome(batch, outcome, info, content_hash, asset, summary)
                        if item is not None:
                            pending.append(item)
                            pending_pages += item.indexed.pages
                    pool.finish()
                    if exhausted and vanished and not should_stop():
                        batch.delete_assets(asset.id for asset in vanished.values())
                # The store learns about a batch only once the index has committed it (see the module docstring).
                self._record(pending, summary)
                if exhausted:
                    break
        finally:
            pool.close()
        if should_stop():
            summary.cancelled = True

        progress(IndexProgress("finishing", total, total))
        with self.store.sessions.begin() as session:
            if vanished and not summary.cancelled:
                for asset in vanished.values():
                    row = session.get(Asset, asset.id)
                    if row is not None and row.removed_at is None:
                        row.removed_at = now
                        summary.removed += 1
            governance = apply_catalog(session, root, now, catalog.load)
            summary.governance_changed = governance.changed
            summary.catalog_error = governance.error
            self._save_problems(session, summary, scan.files, governance, now)
            if summary.changed:
                bump_generation(session)
        return summary

    def _index_outcome(
        self,
        batch: IndexBatch,
        outcome: IndexedFile,
        info: FileInfo,
        content_hash: str,
        asset: Asset | None,
        summary: IndexSummary,
    ) -> _Pending | None:
        if outcome.error is not None:
            summary.failed += 1
            summary.problems[info.relative] = outcome.error
            return None
        if asset is not None:
            # Its new pages are in this batch already; this drops only the committed old ones.
            batch.delete_asset(outcome.asset_id)
        summary.pages += outcome.pages
        return _Pending(info, content_hash, outcome)

    def _record(self, pending: list[_Pending], summary: IndexSummary) -> None:
        """Store rows for extracted files whose index batch has just been committed."""
        if not pending:
            return
        now = self.clock()
        with self.store.sessions.begin() as session:
            for item in pending:
                document, info = item.indexed, item.info
                row = session.get(Asset, document.asset_id)
                if row is None:
                    row = Asset(
                        id=document.asset_id,
                        path=info.relative,
                        title=document.title,
                        kind=document.kind,
                        size=info.size,
                        mtime_ns=info.mtime_ns,
                        page_count=document.page_count,
                        content_hash=item.content_hash,
                        version=1,
                        status="draft",
                        first_seen_at=now,
                        content_changed_at=now,
                    )
                    session.add(row)
                    summary.added += 1
                else:
                    content_changed = row.content_hash != item.content_hash
                    if content_changed:
                        row.version += 1
                        row.content_changed_at = now
                        # Before the store commits: a kill in between costs a re-render, never a stale picture.
                        self.thumbnails.forget(row.id)
                    if row.removed_at is not None:
                        row.removed_at = None
                        summary.added += 1
                    elif content_changed:
                        summary.updated += 1
                    row.path = info.relative
                    row.title = document.title
                    row.kind = document.kind
                    row.size = info.size
                    row.mtime_ns = info.mtime_ns
                    row.page_count = document.page_count
                    row.content_hash = item.content_hash
                row.author = document.metadata.get("author") or None
                row.has_thumbnail = document.kind in KINDS_WITH_THUMBNAILS  # rendered when first asked for
                if not row.versions or row.versions[-1].content_hash != item.content_hash:
                    row.versions.append(
                        AssetVersion(
                            version=row.version,
                            content_hash=item.content_hash,
                            path=info.relative,
                            size=info.size,
                            page_count=document.page_count,
                            recorded_at=now,
                        )
                    )

    def _save_problems(
        self,
        session: Session,
        summary: IndexSummary,
        files: dict[str, FileInfo],
        governance: GovernanceOutcome,
        now: dt.datetime,
    ) -> None:
        problems = dict(summary.problems)
        if governance.error:
            problems[governance.manifest_key] = governance.error
        existing = {problem.path: problem for problem in session.scalars(select(IndexProblem))}
        for path, reason in problems.items():
            info = files.get(path)
            problem = existing.pop(path, None)
            if problem is None:
                session.add(
                    IndexProblem(
                        path=path,
                        reason=reason,
                        occurred_at=now,
                        size=info.size if info else None,
                        mtime_ns=info.mtime_ns if info else None,
                    )
                )
            elif problem.reason != reason or (info and problem.mtime_ns != info.mtime_ns):
                problem.reason = reason
                problem.occurred_at = now
                problem.size = info.size if info else None
                problem.mtime_ns = info.mtime_ns if info else None
        if existing and not summary.cancelled:
            session.execute(delete(IndexProblem).where(IndexProblem.path.in_(list(existing))))


class _CatalogOfRun:
    """The catalog as one index run reads it: once, for both new assets' ids and governance (reading and
    checking a thousand-entry manifest took 20 ms, twice in each run that added an asset)."""

    def __init__(self, loader: CatalogLoader) -> None:
        self._loader = loader
        self._read: tuple[Catalog | None, CatalogError | OSError | None] | None = None

    def load(self, root: Path) -> Catalog | None:
        if self._read is None:
            try:
                self._read = (self._loader(root), None)
            except (CatalogError, OSError) as unreadable:
                self._read = (None, unreadable)
        catalog, failure = self._read
        if failure is not None:
            raise failure
        return catalog

    def or_none(self, root: Path) -> Catalog | None:
        """The catalog new assets take their ids from; a damaged one gives none (governance reports it)."""
        try:
            return self.load(root)
        except (CatalogError, OSError):
            return None


def _read_error(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "the file disappeared before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    return f"cannot be read: {error.strerror or error}"


def _touch(session: Session, asset: Asset, info: FileInfo) -> None:
    row = session.get(Asset, asset.id)
    if row is not None:
        row.size = info.size
        row.mtime_ns = info.mtime_ns


def _move(session: Session, asset: Asset, info: FileInfo) -> None:
    row = session.get(Asset, asset.id)
    if row is None:
        return
    row.path = info.relative
    row.size = info.size
    row.mtime_ns = info.mtime_ns
    asset.path = info.relative
