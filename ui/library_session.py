"""The window's link to the headless core: one opened data folder, its indexing, watching and recording.

Everything slow happens on the TaskRunner's lanes: opening the store (which imports SQLAlchemy and Whoosh,
kept off the start-up path so the window paints first), indexing and watcher updates (the writer lane, so
store and index writes are serialized), and searches (the search lane). Results come back as signals on
the UI thread. Nothing here builds a widget.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from enablement_app.paths import DataPaths, demo_library_path
from ui.search.results_model import CardFigures, Rating, ResultRow
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from enablement_app.library.indexing import IndexProgress, IndexSummary
    from enablement_app.library.search import AssetCard, SearchResults
    from enablement_app.library.workspace import Workspace
    from enablement_app.sync.hub import AssetFigures
    from enablement_app.usage.profile import RepProfile
    from enablement_app.usage.recorder import UsageRecorder

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1
BUSY_RETRY_MS = 5_000
HOME_GROUP_SIZE = 5
RESULT_LIMIT = 30
BROWSE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class SearchView:
    """What the results list shows for one query (or for filters alone): the hits with their figures."""

    results: SearchResults
    rows: tuple[ResultRow, ...]
    sort: str = "relevance"  # enablement_app.recommendations.rep_choices.SORTS
    sort_note: str = ""  # why the sort asked for is not the one shown, in a sentence


@dataclass(frozen=True, slots=True)
class HomeView:
    """The empty state: this rep's recent assets, the team's most used, and what is new."""

    rows: tuple[ResultRow, ...]
    visible_assets: int
    facet_counts: Mapping[str, Mapping[str, int]]
    stages: tuple[str, ...] = ()  # the library's stages, for the shelf of top reps' picks per stage
    stage: str | None = None  # the stage the shelf shows
    shelf_size: int = 0  # how many of the rows are that shelf (the first ones)
    top_rep_figures: bool = False  # whether marketing published any top-rep figure


def stage_label(stage: str) -> str:
    """ "the decision stage": how a stage facet value reads in a sentence."""
    return f"the {stage} stage"


class LibrarySession(QObject):
    opened = Signal()
    upgrading = Signal(str)  # what to say while the store is migrated after an update: it may take a minute
    open_failed = Signal(str)
    profile_needed = Signal()
    profile_changed = Signal()
    index_started = Signal()
    index_progressed = Signal(object)  # IndexProgress
    index_finished = Signal(object)  # IndexSummary
    index_failed = Signal(str)
    library_changed = Signal()
    folder_missing = Signal(str)
    _folder_settled = Signal()

    def __init__(
        self,
        paths: DataPaths,
        tasks: TaskRunner,
        *,
        library: Path | None = None,
        watch: bool = True,
        debounce: float = 0.3,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self._clock = clock  # the workspace's (tests fix it); None: the real time
        self.tasks = tasks
        self.workspace: Workspace | None = None
        self.profile: RepProfile | None = None
        self.recorder: UsageRecorder | None = None
        self._requested_library = library
        self._watch = watch
        self._debounce = debounce
        self._watcher: object | None = None
        self._indexing = False
        self._index_again = False
        self._stop = threading.Event()
        self._closed = False
        self._folder_settled.connect(self.start_indexing)

    # -- opening -------------------------------------------------------------------------------

    def open(self) -> None:
        self.tasks.run(
            self._open_workspace,
            on_success=self._on_workspace_opened,
            on_failure=self._on_open_failed,
            lane="writer",
        )

    def _open_workspace(self) -> tuple[Workspace, UsageRecorder | None]:
        from enablement_app.library.indexing import utc_now
        from enablement_app.library.workspace import Workspace
        from enablement_app.usage.profile import load_profile

        workspace = Workspace(
            self.paths, workers=None, clock=self._clock or utc_now, on_store_upgrade=self.upgrading.emit
        )
        try:
            profile = load_profile(workspace.store)
            return workspace, workspace.open_recorder(profile) if profile is not None else None
        except BaseException:
            workspace.close()
            raise

    def _on_workspace_opened(self, opened: tuple[Workspace, UsageRecorder | None]) -> None:
        workspace, recorder = opened
        if self._closed:
            workspace.close()
            return
        self.workspace = workspace
        if recorder is None:
            self.profile_needed.emit()
            return
        self._start(recorder)

    def _on_open_failed(self, error: BaseException) -> None:
        log.error("cannot open the data folder %s: %s", self.paths.root, error)
        self.open_failed.emit(str(error))

    def library_root(self) -> Path | None:
        return self.workspace.library_root if self.workspace else None

    def set_library_root(self, root: Path) -> None:
        """Chosen on first run or from the menu; indexing the folder makes it the library."""
        self._requested_library = root.expanduser().resolve()

    def complete_first_run(self, profile: RepProfile, library: Path) -> None:
        """Saves the first-run profile (on the writer lane: the store may be busy) and starts the library."""
        workspace = self.workspace
        assert workspace is not None
        self.set_library_root(library)

        def save() -> UsageRecorder:
            from enablement_app.usage.profile import save_profile

            return workspace.open_recorder(save_profile(workspace.store, profile))

        self.tasks.run(save, on_success=self._start, on_failure=self._on_open_failed, lane="writer")

    def update_profile(self, profile: RepProfile) -> None:
        workspace, recorder = self.workspace, self.recorder
        assert workspace is not None and recorder is not None

        def save() -> RepProfile:
            from enablement_app.usage.profile import save_profile

            return save_profile(workspace.store, profile)

        def saved(stored: RepProfile) -> None:
            recorder.set_profile(stored)
            self.profile = stored
            self.profile_changed.emit()

        self.tasks.run(save, on_success=saved, lane="writer")

    def _start(self, recorder: UsageRecorder) -> None:
        self.recorder = recorder
        self.profile = recorder.profile
        self.opened.emit()
        self.start_indexing()

    # -- indexing and watching -------------------------------------------------------------------

    def target_root(self) -> Path:
        if self._requested_library is not None:
            return self._requested_library
        current = self.library_root()
        return current if current is not None else demo_library_path()

    def start_indexing(self, *, rebuild: bool = False) -> None:
        """Index the library in the background; a request while a run is going starts one more after it."""
        if self.workspace is None or self._closed:
            return
        if self._indexing:
            self._index_again = True
            return
        root = self.target_root()
        if not root.is_dir():
            self.folder_missing.emit(str(root))
            return
        self._indexing = True
        self._index_again = False
        self._stop.clear()
        workspace = self.workspace
        last_report = [0.0]

        def report(progress: IndexProgress) -> None:
            now = time.monotonic()
            if now - last_report[0] >= PROGRESS_INTERVAL or progress.done == progress.total:
                last_report[0] = now
                self.index_progressed.emit(progress)

        def work() -> IndexSummary:
            return workspace.index(root, rebuild=rebuild, progress=report, should_stop=self._stop.is_set)

        self.index_started.emit()
        self.tasks.run(work, on_success=self._on_indexed, on_failure=self._on_index_failed, lane="writer")

    def cancel_indexing(self) -> None:
        self._stop.set()
        self._index_again = False

    @property
    def indexing(self) -> bool:
        return self._indexing

    @property
    def watching(self) -> bool:
        """Whether changes in the collateral folder are indexed as they happen (not with ``--no-watch``)."""
        return self._watch

    def _on_indexed(self, summary: IndexSummary) -> None:
        self._indexing = False
        self._requested_library = None
        self.index_finished.emit(summary)
        if summary.changed:
            self.library_changed.emit()
        if self._watch and self._watcher is None and not self._closed:
            self._start_watching()
        if self._index_again:
            self.start_indexing()

    def _on_index_failed(self, error: BaseException) -> None:
        from enablement_app.disk_full import DiskFullError
        from enablement_app.library.indexing import LibraryFolderError
        from indexer.search_index import IndexBusyError

        self._indexing = False
        if isinstance(error, IndexBusyError):
            self.index_failed.emit(f"{error}; retrying in {BUSY_RETRY_MS // 1000} s")
            QTimer.singleShot(BUSY_RETRY_MS, self.start_indexing)
            return
        if isinstance(error, LibraryFolderError):
            self.folder_missing.emit(str(self.target_root()))
            return
        if isinstance(error, DiskFullError):  # the rep's to fix, logged by the indexer: no traceback here
            self.index_failed.emit(str(error))
            return
        log.error("indexing failed: %s\n%s", error, getattr(error, "__traceback_text__", ""))
        self.index_failed.emit(f"indexing stopped: {error}")

    def _start_watching(self) -> None:
        from indexer.watcher import FolderWatcher

        root = self.library_root()
        if root is None or not root.is_dir():
            return
        watcher = FolderWatcher(root, lambda _changed: self._folder_settled.emit(), debounce=self._debounce)
        watcher.start()
        self._watcher = watcher

    def _stop_watching(self) -> None:
        watcher = self._watcher
        self._watcher = None
        if watcher is not None:
            watcher.stop()  # type: ignore[attr-defined]

    def change_library(self, root: Path) -> None:
        self._stop_watching()
        self.set_library_root(root)
        self.start_indexing()

    # -- searching (called on the search lane) ---------------------------------------------------

    def run_search(
        self, text: str, filters: Mapping[str, Sequence[str]], sort: str = "relevance"
    ) -> SearchView:
        """A search, or with no words, every visible asset the filters allow (browsing by facet); with the
        "top_reps" sort, what top reps used most this quarter first (relevance among equals)."""
        from enablement_app.recommendations.rep_choices import TOP_REPS
        from enablement_app.recommendations.top_rep_picks import has_top_rep_figures, standing, top_reps_first

        assert self.workspace is not None
        search = self.workspace.library_search
        company = self.workspace.hub_publications.figures()
        ranked = sort == TOP_REPS and has_top_rep_figures(company)
        # every match, not only the best shown, is put in top reps' order before the list is cut
        first = top_reps_first(company) if ranked else None
        if text.strip():
            results = search.search(text, filters=filters, limit=RESULT_LIMIT, first=first)
        else:
            results = search.browse(filters=filters, limit=BROWSE_LIMIT, first=first)
        hits = results.hits
        note = ""
        if sort == TOP_REPS and not ranked:
            note = (
                "No top-rep figures are published yet (marketing publishes them from a CRM import), "
                "so results stay in order of relevance"
            )
        elif ranked and not any(standing(company.get(hit.asset.id)) != (0, 0, 0) for hit in hits):
            note = "No top rep used any of these results, so they stay in order of relevance"
        figures = self.figures_of([hit.asset.id for hit in hits], company)
        rows = tuple(ResultRow(hit.asset, hit.pages, figures.get(hit.asset.id)) for hit in hits)
        return SearchView(results, rows, sort, note)

    def run_home(self, stage: str | None = None) -> HomeView:
        """The empty state; ``stage`` is the shelf's (None: the one the rep chose last time)."""
        from enablement_app.recommendations.rep_choices import load_home_stage, pick_stage
        from enablement_app.recommendations.top_rep_picks import (
            has_top_rep_figures,
            stage_shelf,
            stage_values,
        )
        from enablement_app.usage.queries import most_used_assets, recent_assets

        assert self.workspace is not None
        workspace = self.workspace
        search = workspace.library_search
        cards = search.cards()
        visible = search.visible_ids()
        rows: list[ResultRow] = []
        shown: set[str] = set()

        def group(title: str, entries: Sequence[tuple[AssetCard, str]]) -> None:
            first = True
            for card, note in entries:
                if card.id in shown:
                    continue
                shown.add(card.id)
                rows.append(ResultRow(card, (), None, title if first else None, note))
                first = False

        # Top reps' picks for the chosen stage lead: what the best performers send at this point of a deal.
        visible_cards = search.visible_cards()
        stages = stage_values(visible_cards)
        chosen = pick_stage(stages, stage if stage is not None else load_home_stage(workspace.store))
        company = workspace.hub_publications.figures()
        if chosen is not None:
            shelf = stage_shelf(visible_cards, company, chosen)
            group(f"Top reps' picks for {stage_label(chosen)}", [(item.card, item.note) for item in shelf])
        shelf_size = len(rows)
        if self.profile is not None:
            recent = [
                cards[a]
                for a in recent_assets(workspace.store, self.profile.rep_id, limit=20)
                if a in visible
            ]
            group("Recently opened", [(card, "opened recently") for card in recent[:HOME_GROUP_SIZE]])
        since = workspace.clock() - dt.timedelta(days=30)
        used = [
            (cards[asset_id], f"used {count} time{'s' if count != 1 else ''} this month")
            for asset_id, count in most_used_assets(workspace.store, limit=20, since=since)
            if asset_id in visible and asset_id not in shown
        ]
        group("Most used by the team", used[:HOME_GROUP_SIZE])
        newest = sorted(
            (cards[asset_id] for asset_id in visible if asset_id not in shown),
            key=lambda card: (
                max(card.approved_at or card.content_changed_at, card.content_changed_at)
                if card.version > 1
                else card.approved_at or card.content_changed_at
            ),
            reverse=True,
        )
        group("New and updated", [(card, "") for card in newest[: HOME_GROUP_SIZE + 1]])
        figures = self.figures_of([row.card.id for row in rows], company)
        rows = [
            ResultRow(row.card, row.pages, figures.get(row.card.id), row.section, row.note) for row in rows
        ]
        return HomeView(
            tuple(rows),
            len(visible),
            search.facet_counts(visible),
            tuple(stages),
            chosen,
            shelf_size,
            has_top_rep_figures(company),
        )

    def figures_of(
        self, asset_ids: Sequence[str], company: Mapping[str, AssetFigures] | None = None
    ) -> dict[str, CardFigures]:
        """What each asset's card says of its standing: marketing's company-wide figures from the hub
        where it published them, and for an asset the hub has no ratings of, the ratings recorded on this
        computer (with how many of them were used in a deal). Assets with nothing to show are left out.
        ``company``: the figures a search already read, so its ranking and its cards agree."""
        from enablement_app.usage.queries import rating_summaries

        assert self.workspace is not None
        if not asset_ids:
            return {}
        local = rating_summaries(self.workspace.store, asset_ids)
        if company is None:
            company = self.workspace.hub_publications.figures()
        found: dict[str, CardFigures] = {}
        for asset_id in asset_ids:
            hub = company.get(asset_id)
            summary = local.get(asset_id)
            rating, deals = None, 0
            if hub is not None and hub.average_rating is not None and hub.ratings:
                rating, deals = Rating(hub.average_rating, hub.ratings), hub.used_in_deal
            elif summary is not None and summary.count:
                rating, deals = Rating(summary.average, summary.count), summary.used_in_deal
            figures = CardFigures(
                rating=rating,
                opens=hub.opens if hub is not None else 0,
                shares=hub.shares if hub is not None else 0,
                used_in_deals=deals,
                top_reps_pick=hub is not None and hub.top_reps_pick,
                top_reps=hub.top_reps_this_quarter if hub is not None else 0,
            )
            if not figures.empty:
                found[asset_id] = figures
        return found

    # -- closing ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Stops watching and indexing, waits for background work, then closes recorder and store."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._stop_watching()
        if not self.tasks.shutdown():
            log.warning("background work was still running when the window closed")
        if self.recorder is not None:
            # What is not in the outbox yet stays in the spool and is stored on the next start.
            self.recorder.close(timeout=0.5)
        if self.workspace is not None:
            self.workspace.close()
