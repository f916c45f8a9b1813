"""Turns what the rep types into searches, off the UI thread, and decides which searches are recorded.

Typing is debounced, and only the newest search's results are shown, so a slow answer to "pri" never
replaces the answer to "pricing". A search is recorded once it has *settled* (its results stayed on screen
for ``SETTLE_SECONDS``) or when the rep opens one of its results (with the clicked rank), so marketing sees
what reps looked for, including what found nothing, without every keystroke.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from ui.library_session import HomeView, LibrarySession, SearchView
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

DEBOUNCE_MS = 140
SETTLE_SECONDS = 1.5
# The index reads at most this much of a query; the rep is told when the rest was left out.
MAX_QUERY_CHARS = 500


@dataclass(slots=True)
class _ShownSearch:
    query: str
    result_count: int
    filters: dict[str, list[str]]
    shown_at: float
    recorded: bool = False


class SearchController(QObject):
    results_shown = Signal(object)  # SearchView or HomeView
    search_failed = Signal(str)

    def __init__(
        self,
        session: LibrarySession,
        tasks: TaskRunner,
        filters: Callable[[], Mapping[str, Sequence[str]]],
        *,
        debounce_ms: int = DEBOUNCE_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._session = session
        self._tasks = tasks
        self._filters = filters
        self._clock = clock
        self._text = ""
        self.sort = "relevance"  # of searches: "relevance" or "top_reps" (rep_choices.SORTS)
        self.home_stage: str | None = None  # the empty screen's shelf stage; None: the one saved
        self._sequence = 0
        self._shown: _ShownSearch | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.run_now)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._timer.start()

    def set_sort(self, sort: str) -> None:
        """Sort searches by ``sort`` from now on, showing the results again in it when a search shows
        (the empty screen is not sorted, so it is not run again for nothing)."""
        if sort == self.sort:
            return
        self.sort = sort
        if self._text.strip() or self._filters():
            self.run_now()

    def run_now(self) -> None:
        """Search for the current text and filters now (after typing settles, or when filters change)."""
        self._timer.stop()
        if self._session.workspace is None:
            return
        self._sequence += 1
        sequence = self._sequence
        text = self._text.strip()
        filters = {facet: list(values) for facet, values in self._filters().items()}
        session = self._session
        sort, stage = self.sort, self.home_stage
        if not text and not filters:
            self._tasks.run(
                lambda: session.run_home(stage),
                on_success=lambda view: self._deliver(sequence, view),
                on_failure=self._failed,
                lane="search",
            )
            return
        self._tasks.run(
            lambda: session.run_search(text, filters, sort),
            on_success=lambda view: self._deliver(sequence, view),
            on_failure=self._failed,
            lane="search",
        )

    def _deliver(self, sequence: int, view: SearchView | HomeView) -> None:
        if sequence != self._sequence:
            return  # an older search answered late; the newer one is already on its way
        self._settle_shown()
        if isinstance(view, SearchView):
            self._shown = _ShownSearch(
                view.results.query,
                view.results.total_assets,
                {facet: list(values) for facet, values in view.results.filters.items()},
                self._clock(),
            )
        else:
            self._shown = None
        self.results_shown.emit(view)

    def _failed(self, error: BaseException) -> None:
        log.error("search failed: %s\n%s", error, getattr(error, "__traceback_text__", ""))
        self.search_failed.emit("The search could not run. Try again, or re-index the library.")

    # -- recording ---------------------------------------------------------------------------------

    def _settle_shown(self) -> None:
        shown = self._shown
        recorder = self._session.recorder
        if shown is None or shown.recorded or recorder is None:
            return
        if self._clock() - shown.shown_at >= SETTLE_SECONDS:
            recorder.record_search(shown.query, shown.result_count, filters=shown.filters)
            shown.recorded = True

    def result_opened(self, rank: int, asset_id: str, asset_version: int) -> None:
        """The rep opened the result at ``rank`` (1-based) of the search on screen."""
        shown = self._shown
        recorder = self._session.recorder
        if shown is None or shown.recorded or recorder is None:
            return
        recorder.record_search(
            shown.query,
            shown.result_count,
            clicked_rank=rank,
            asset_id=asset_id,
            asset_version=asset_version,
            filters=shown.filters,
        )
        shown.recorded = True

    def finish(self) -> None:
        """The window is closing: a search that was on screen long enough is recorded now."""
        self._timer.stop()
        self._settle_shown()
