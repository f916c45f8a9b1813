"""Marketing's side of sync in the window: pull every rep's usage events from the hub into this computer's
analytics store, and publish the signed catalog with the company figures reps see on their cards.

Only a marketer's profile gets these. Both jobs run on the TaskRunner's sync lane, so they never overlap
each other or the rep's own sync; a pull stops between pages when asked (what was stored is kept, and the
hub cursor never passes it). Each job ends in one line for the status bar, with the detail in its tooltip.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ui.library_session import LibrarySession
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from enablement_app.analytics.top_reps import TopReps
    from enablement_app.sync.marketing_sync import IngestReport, Published

log = logging.getLogger(__name__)

MARKETER_ROLE = "marketer"
QUARANTINE_DETAILS = 10


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class MarketingSyncController(QObject):
    busy_changed = Signal(bool)
    status_changed = Signal(str, str)  # the status line, and the detail for its tooltip
    pull_finished = Signal(object)  # IngestReport
    pull_failed = Signal(str)
    publish_finished = Signal(object)  # Published
    publish_failed = Signal(str)
    # the folder's catalog was edited (an approval, a promoted tip, a saved playlist): what a publish would
    # bring reps changed, and every publish bar counts it again
    catalog_edited = Signal()

    def __init__(
        self,
        session: LibrarySession,
        tasks: TaskRunner,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        super().__init__()
        self._session = session
        self._tasks = tasks
        self._now = now
        self._job: str | None = None
        self._stop = threading.Event()
        self._closed = False

    @property
    def available(self) -> bool:
        """Whether this window's profile is a marketer's: reps never see or run these jobs."""
        profile = self._session.profile
        return profile is not None and profile.role == MARKETER_ROLE and self._session.workspace is not None

    @property
    def busy(self) -> bool:
        return self._job is not None

    # -- pulling reps' usage -----------------------------------------------------------------------

    def pull_now(self, *, quiet: bool = False) -> None:
        """Pull every rep's new events. ``quiet`` (the pull after each sync with the hub) speaks only when
        it quarantined something, was stopped or failed: routine news every few minutes would push out
        the line the marketer is reading (a publish that failed, the library's state)."""
        workspace = self._session.workspace
        if not self.available or self.busy or self._closed or workspace is None:
            return
        stop = self._begin("pull", "Pulling reps' usage from the hub…", announce=not quiet)
        store, clock = workspace.store, workspace.clock

        # Progress comes from the sync lane's thread: a signal, which Qt delivers on the window's thread.
        def pulled(events: int) -> None:
            if not quiet and not self._closed:
                self.status_changed.emit(
                    f"Pulling reps' usage from the hub… {_plural(events, 'event', 'events')}", ""
                )

        def added(done: int, total: int) -> None:
            if not quiet and total and not self._closed:
                share = done * 100 // total
                self.status_changed.emit(f"Adding {total:,} new events to the usage figures… {share}%", "")

        def work() -> IngestReport:
            from enablement_app.analytics.rollups import refresh_rollups
            from enablement_app.sync.marketing_sync import IngestReport, ingest
            from enablement_app.sync.rep_sync import hub_from_settings

            if stop.is_set():  # stopped while waiting behind the rep's sync
                return IngestReport(cancelled=True)
            hub = hub_from_settings(store)
            try:
                report = ingest(store, hub, clock=clock, should_stop=stop.is_set, progress=pulled)
            finally:
                hub.close()
            # the reports and heatmaps read rollups: bring them up to date with what was stored
            if refresh_rollups(store, should_stop=stop.is_set, progress=added).cancelled:
                report.cancelled = True
            return report

        self._tasks.run(
            work,
            on_success=lambda report: self._on_pulled(report, quiet=quiet),
            on_failure=self._on_pull_failed,
            lane="sync",
        )

    def _on_pulled(self, report: IngestReport, *, quiet: bool) -> None:
        self._end()
        quarantined = len(report.quarantined)
        if report.cancelled:
            kept = _plural(report.new_events, "event", "events")
            line = f"Stopped pulling: {kept} kept, the rest come next time"
        elif report.new_events:
            line = f"Pulled {_plural(report.new_events, 'event', 'events')} from the hub"
        else:
            line = "No new events on the hub"
        if quarantined:
            line += f" · {_plural(quarantined, 'batch', 'batches')} quarantined"
        detail = [f"Pulled at {self._now().astimezone():%H:%M} into this computer's analytics store"]
        if report.duplicates:
            detail.append(f"{report.duplicates:,} of the events pulled were already here")
        for name, reason in report.quarantined[:QUARANTINE_DETAILS]:
            detail.append(f"Quarantined {name}: {reason}")
        if quarantined > QUARANTINE_DETAILS:
            detail.append(f"…and {quarantined - QUARANTINE_DETAILS} more (see the hub's quarantine folder)")
        if not quiet or quarantined or report.cancelled:
            self.status_changed.emit(line, "\n".join(detail))
        self.pull_finished.emit(report)

    def _on_pull_failed(self, error: BaseException) -> None:
        self._end()
        message = self._failure("Could not pull reps' usage", "Pulling reps' usage", error)
        self.pull_failed.emit(message)

    # -- publishing the catalog and figures --------------------------------------------------------

    def publish_now(self) -> None:
        """Sign the collateral folder's catalog with the next number and publish it with fresh figures from
        the events pulled so far, as `enablement hub publish` does."""
        workspace = self._session.workspace
        if not self.available or self.busy or self._closed or workspace is None:
            return
        stop = self._begin("publish", "Publishing the catalog and figures…", announce=True)
        store, clock, key_path = workspace.store, workspace.clock, workspace.paths.signing_key

        def work() -> tuple[Published, TopReps] | None:
            from enablement_app.analytics.rollups import refresh_rollups
            from enablement_app.analytics.top_reps import select_top_reps
            from enablement_app.sync.catalog_signing import load_signing_key
            from enablement_app.sync.marketing_sync import publish
            from enablement_app.sync.rep_sync import hub_from_settings

            if stop.is_set():
                return None
            key = load_signing_key(key_path)
            root = workspace.require_root()
            # reps who announced their e-mail since the last refresh are matched to the CRM import
            refresh_rollups(store, should_stop=stop.is_set)
            top = select_top_reps(store)
            hub = hub_from_settings(store)
            try:
                return publish(store, hub, key, root, clock=clock, top_reps=top.rep_ids), top
            finally:
                hub.close()

        self._tasks.run(work, on_success=self._on_published, on_failure=self._on_publish_failed, lane="sync")

    def _on_published(self, result: tuple[Published, TopReps] | None) -> None:
        self._end()
        if result is None:
            return
        published, top = result
        in_catalog = _plural(published.assets_in_catalog, "asset", "assets")
        with_figures = _plural(published.assets_with_figures, "asset", "assets")
        if top.period is None:
            picks = 'No CRM results imported yet, so no asset is marked "Top reps\' pick".'
        else:
            marked = _plural(published.top_reps_picks, "asset", "assets")
            used = _plural(published.used_by_top_reps, "asset", "assets")
            picks = (
                f'{top.describe()}; {marked} marked "Top reps\' pick", {used} used by top reps this quarter.'
            )
        self.status_changed.emit(
            f"Published catalog number {published.serial} ({in_catalog}) and figures for {with_figures}",
            f"Reps' apps take the new catalog and figures on their next sync.\n{picks}",
        )
        self.publish_finished.emit(published)

    def _on_publish_failed(self, error: BaseException) -> None:
        self._end()
        from enablement_app.sync.catalog_signing import MissingSigningKeyError

        if isinstance(error, MissingSigningKeyError):
            root = self._session.paths.root
            message = (
                "Cannot publish: no signing key on this computer. Copy catalog-signing-key.pem from "
                "marketing's computer, or run `enablement hub init` if marketing has none"
            )
            self.status_changed.emit(
                message,
                f"Publishing signs the catalog with marketing's key, kept in {error.path}.\n"
                f"Copy that file from the computer where `enablement hub init` was run into {root}.\n"
                f"If marketing never made a key, run `enablement --data-dir {root} hub init`\n"
                "and give reps the public key it prints.",
            )
        else:
            message = self._failure("Could not publish", "Publishing", error)
        self.publish_failed.emit(message)

    # -- both ----------------------------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the running pull after the page in hand; a publish, a few seconds long, finishes."""
        self._stop.set()

    def stop(self) -> None:
        """The window is closing: stop what runs and start nothing more."""
        self._closed = True
        self._stop.set()

    def _begin(self, job: str, line: str, *, announce: bool) -> threading.Event:
        self._job = job
        self._stop = threading.Event()
        if announce:
            self.status_changed.emit(line, "")
        self.busy_changed.emit(True)
        return self._stop

    def _end(self) -> None:
        self._job = None
        self.busy_changed.emit(False)

    def _failure(self, failed: str, doing: str, error: BaseException) -> str:
        """The status line for a failed job: the hub's or the library's own sentence for what a marketer
        can fix, else where the log with the traceback is."""
        from enablement_app.catalog import CatalogError
        from enablement_app.disk_full import disk_full_sentence
        from enablement_app.library.workspace import NoLibraryError
        from enablement_app.sync.catalog_signing import SignatureError
        from enablement_app.sync.hub import HubError

        if isinstance(error, HubError | SignatureError | CatalogError | NoLibraryError):
            log.info("%s failed: %s", doing, error)
            message = f"{failed}: {error}"
            self.status_changed.emit(message, str(error))
            return message
        full = disk_full_sentence(error, self._session.paths.root, failed)
        if full is not None:  # a pull keeps the batches it stored; the marketer frees space and pulls on
            log.info("%s failed, the disk refused a write: %s", doing, error)
            self.status_changed.emit(full, str(error))
            return full
        log.error("%s failed unexpectedly: %s\n%s", doing, error, getattr(error, "__traceback_text__", ""))
        logs = self._session.paths.log_dir
        message = f"{doing} stopped unexpectedly: see the log in {logs}"
        self.status_changed.emit(message, str(error))
        return message
