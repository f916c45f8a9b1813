"""Keeps the window's "My onboarding" up to date: finds the playlist meant for the rep in the catalog in
force and brings their progress up to date (recording the steps they reached) off the UI thread, after
the library changed and after each page they viewed.

Updates run one at a time: a second request while one runs starts one more after it, so a step is never
recorded twice by two updates racing each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from enablement_app.catalog.playlists import Playlist
    from enablement_app.library.search import AssetCard
    from enablement_app.onboarding.progress import PlaylistProgress
    from ui.library_session import LibrarySession
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MyOnboarding:
    """The rep's playlist and where they stand, with the card of each item's asset on this computer: its
    kind gives the words ("slides"), and opening an item needs no read of the library on the UI thread."""

    progress: PlaylistProgress
    cards: dict[str, AssetCard] = field(default_factory=dict)
    number: int = 1  # which of the rep's playlists this is, in the catalog's order
    playlists: int = 1  # how many playlists are meant for the rep

    @property
    def playlist(self) -> Playlist:
        return self.progress.playlist

    @property
    def kinds(self) -> dict[str, str]:
        return {asset_id: card.kind for asset_id, card in self.cards.items()}


class OnboardingController(QObject):
    progress_read = Signal(object)  # MyOnboarding, or None when no playlist is meant for the rep
    marked_done = Signal(int)  # the item's position
    mark_failed = Signal(str)  # a sentence for the rep

    def __init__(self, session: LibrarySession, tasks: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.tasks = tasks
        self.current: MyOnboarding | None = None
        self._running = False
        self._refresh_wanted = False
        self._marks: list[tuple[int, str]] = []  # marks asked for while an update ran
        self._stopped = False

    def refresh(self) -> None:
        """Read the rep's playlist and progress again, recording the steps they reached."""
        self._refresh_wanted = True
        self._next()

    def stop(self) -> None:
        self._stopped = True

    def _next(self) -> None:
        if self._running or self._stopped or self.session.workspace is None or self.session.recorder is None:
            return
        if self._marks:
            self._running = True
            self._run_mark(*self._marks.pop(0))
        elif self._refresh_wanted:
            self._refresh_wanted = False
            self._running = True
            self.tasks.run(self._update, on_success=self._on_updated, on_failure=self._on_failed)

    def _update(self) -> MyOnboarding | None:
        from enablement_app.onboarding.playlist_catalog import playlists_in_force
        from enablement_app.onboarding.progress import OnboardingTracker, current_playlist, playlists_for

        workspace, recorder = self.session.workspace, self.session.recorder
        if workspace is None or recorder is None:
            return None
        profile = recorder.profile
        mine = playlists_for(
            playlists_in_force(workspace.hub_publications, workspace.library_root), profile.role, profile.team
        )
        tracker = OnboardingTracker(workspace.store, recorder, clock=workspace.clock)
        current = current_playlist(tracker, mine)
        if current is None:
            return None
        number, playlist = current
        progress = tracker.update(playlist)
        library = workspace.library_search.cards()
        cards = {item.asset_id: library[item.asset_id] for item in playlist.items if item.asset_id in library}
        return MyOnboarding(progress, cards, number, len(mine))

    def _on_updated(self, onboarding: MyOnboarding | None) -> None:
        self._running = False
        if self._stopped:
            return
        self.current = onboarding
        self.progress_read.emit(onboarding)
        self._next()

    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        log.error(
            "could not read the onboarding playlist's progress: %s\n%s",
            error,
            getattr(error, "__traceback_text__", ""),
        )
        self._next()

    def mark_done(self, position: int, confirmation: str) -> None:
        """The rep marks item ``position`` done with what they took from it; ``mark_failed`` says why not."""
        self._marks.append((position, confirmation))
        self._next()

    def _run_mark(self, position: int, confirmation: str) -> None:
        from enablement_app.onboarding.progress import OnboardingError, OnboardingTracker

        workspace, recorder, current = self.session.workspace, self.session.recorder, self.current
        if workspace is None or recorder is None or current is None:
            self._running = False
            self._next()
            return
        playlist = current.playlist
        tracker = OnboardingTracker(workspace.store, recorder, clock=workspace.clock)

        def work() -> MyOnboarding:
            return replace(current, progress=tracker.mark_done(playlist, position, confirmation))

        def failed(error: BaseException) -> None:
            self._running = False
            self._next()
            if isinstance(error, OnboardingError):
                self.mark_failed.emit(str(error))
            else:
                log.error("could not mark the item done: %s", error)
                self.mark_failed.emit("The item could not be marked done; try again in a moment.")

        def done(onboarding: MyOnboarding) -> None:
            self._running = False
            self.current = onboarding
            self.progress_read.emit(onboarding)
            self.marked_done.emit(position)
            self._next()

        self.tasks.run(work, on_success=done, on_failure=failed)
