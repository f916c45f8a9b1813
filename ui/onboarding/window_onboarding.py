"""The onboarding side of the rep's window, kept out of ``main_window``: "My onboarding" for a rep with a
playlist meant for them, "Team onboarding" for a manager, and the window's switch segments for both.

The window hands over its view stack and switch, tells this object what happened (the profile changed, a
page was viewed, the preview closed, a sync finished) and asks it which view a switch segment shows.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ui.controls import open_dialog
from ui.marketing.onboarding_page import OnboardingPage
from ui.marketing.workspace_view import MARKETING_VIEW, ONBOARDING_VIEW, SEARCH_VIEW, TEAM_ONBOARDING_VIEW
from ui.onboarding.onboarding_controller import MyOnboarding, OnboardingController
from ui.onboarding.onboarding_view import OnboardingView
from ui.onboarding.team_view import TeamOnboardingController, TeamOnboardingView

if TYPE_CHECKING:
    from enablement_app.onboarding.progress import ItemProgress
    from enablement_app.onboarding.team_progress import OnboardingProgress
    from ui.main_window import MainWindow


class ProposePlaylistDialog(QDialog):
    """Marketing's playlist editor in a manager's app, whose "Send to marketing" proposes the playlists."""

    def __init__(self, page: OnboardingPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setWindowTitle("Propose a playlist to marketing")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Build the playlist your new hires should work through. “Send to marketing” sends it through "
            "the hub; marketing adds it to the catalog, and it reaches your new hires with the next publish."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(page, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1040, 620)


class WindowOnboarding(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = OnboardingController(window.session, window.tasks)
        self.team = TeamOnboardingController(window.session, window.tasks)
        self.view = OnboardingView()  # shown to a rep with a playlist meant for them
        self.team_view = TeamOnboardingView()  # shown to a manager
        self._preview_from_onboarding = False
        self.propose_dialog: ProposePlaylistDialog | None = None

    def add_views(self, views: QStackedWidget) -> None:
        views.addWidget(self.view)
        views.addWidget(self.team_view)

    def wire(self) -> None:
        window = self.window
        self.controller.progress_read.connect(self.on_controller_progress_read)
        self.controller.mark_failed.connect(window.tell)
        self.view.item_open_requested.connect(self.open_item)
        self.view.mark_done_requested.connect(self.controller.mark_done)
        self.team.progress_read.connect(self.on_team_progress_read)
        self.team_view.propose_requested.connect(self.propose_playlist)

    # -- what the window tells ---------------------------------------------------------------------

    def on_profile_changed(self) -> None:
        self.update_switch()
        self.controller.refresh()
        if self.is_manager():
            self.team.refresh()

    def on_library_changed(self) -> None:
        self.controller.refresh()  # a new catalog may bring a playlist, or new assets its items

    def on_page_viewed(self) -> None:
        if self.controller.current is not None:
            self.controller.refresh()  # the page may complete a playlist item

    def on_synced(self) -> None:
        if self.is_manager():
            self.team.refresh()  # marketing may have published new hires' progress

    def on_result_previewed(self) -> None:
        self._preview_from_onboarding = False

    def on_preview_closed(self) -> None:
        """Closing an item opened from My onboarding comes back to it."""
        if self._preview_from_onboarding:
            self._preview_from_onboarding = False
            self.window.show_view(ONBOARDING_VIEW)

    def stop(self) -> None:
        self.controller.stop()
        self.team.stop()

    # -- the switch ----------------------------------------------------------------------------------

    def is_manager(self) -> bool:
        profile = self.window.session.profile
        return profile is not None and profile.role == "manager"

    def view_for(self, name: str) -> QWidget | None:
        """The view a switch segment shows, None when it is not this object's or not for this profile."""
        if name == ONBOARDING_VIEW and self.controller.current is not None:
            return self.view
        if name == TEAM_ONBOARDING_VIEW and self.is_manager():
            return self.team_view
        return None

    def update_switch(self) -> None:
        """Marketers see "Search | Marketing"; a rep with a playlist meant for them "Search | My
        onboarding"; a manager "Search | Team onboarding"; everyone else no switch."""
        window = self.window
        marketer = window.marketing.available
        onboarding = not marketer and self.controller.current is not None
        manager = self.is_manager()
        switch = window.view_switch
        switch.set_segment_visible(MARKETING_VIEW, marketer)
        switch.set_segment_visible(ONBOARDING_VIEW, onboarding)
        switch.set_segment_visible(TEAM_ONBOARDING_VIEW, manager)
        switch.setVisible(marketer or onboarding or manager)
        shown = window.views.currentWidget()
        if (shown is self.view and not onboarding) or (shown is self.team_view and not manager):
            window.show_view(SEARCH_VIEW)

    # -- answers ----------------------------------------------------------------------------------------

    def on_controller_progress_read(self, onboarding: MyOnboarding | None) -> None:
        self.view.set_onboarding(onboarding)
        self.update_switch()
        if onboarding is not None:
            steps = onboarding.progress.recorded
            if "finished" in steps:
                self.window.tell(f"You finished {onboarding.playlist.title}: well done!")
            elif "item_completed" in steps:
                self.window.tell(f"Onboarding: {onboarding.progress.summary()}")

    def on_team_progress_read(self, progress: OnboardingProgress | None) -> None:
        workspace, profile = self.window.session.workspace, self.window.session.profile
        today = workspace.clock().date() if workspace is not None else dt.date.today()
        self.team_view.set_progress(progress, today, profile.team if profile is not None else "")

    def propose_playlist(self) -> None:
        """A manager builds playlists in marketing's editor; saving sends them to marketing as proposals."""
        from enablement_app.onboarding.playlist_targets import ProposedPlaylists
        from enablement_app.sync.rep_sync import hub_from_settings

        session = self.window.session
        workspace, recorder = session.workspace, session.recorder
        if workspace is None or recorder is None:
            return
        store = workspace.store
        target = ProposedPlaylists(
            data_root=workspace.paths.root,
            hub_factory=lambda: hub_from_settings(store),
            profile=lambda: recorder.profile,
            device_id=recorder.device_id,
            clock=workspace.clock,
        )
        page = OnboardingPage(
            store, lambda: workspace.library_root, self.window.tasks, clock=workspace.clock, target=target
        )
        dialog = ProposePlaylistDialog(page, self.window)
        self.propose_dialog = dialog
        open_dialog(dialog, lambda: setattr(self, "propose_dialog", None))

    def open_item(self, item: ItemProgress) -> None:
        """Open a playlist item in the window's preview at its first page."""
        window = self.window
        current = self.controller.current
        card = current.cards.get(item.item.asset_id) if current is not None else None
        if card is None:
            window.tell(f"{item.title} is not in your library yet: try again after the next sync")
            return
        if window.preview_asset(card, item.pages[0] if item.pages else None):
            self._preview_from_onboarding = True
