"""Marketing's cockpit: a slim navigation down the left and one page at a time (Library, Usage, Reports),
and the "Search | Marketing" switch the window shows to a marketer's profile only, with a reminder on it
when approved assets expire soon.

A page is any widget: ``add_page("Usage", widget)`` adds its navigation entry. This module imports only
Qt, so the window can build the switch at start-up; the pages are built when a marketer first opens the
workspace (``for_window``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from enablement_app.library.governed_assets import GovernedAsset
    from ui.library_session import LibrarySession
    from ui.marketing_sync_controller import MarketingSyncController
    from ui.tasks import TaskRunner

SEARCH_VIEW = "search"
MARKETING_VIEW = "marketing"
ONBOARDING_VIEW = "onboarding"
TEAM_ONBOARDING_VIEW = "team_onboarding"


# The window's two views: (name, text, tooltip)
WINDOW_VIEWS = (
    (SEARCH_VIEW, "Search", "Search the library as reps do (Ctrl+K)"),
    (MARKETING_VIEW, "Marketing", "Publish and govern the library: approve, retire, tag, expire"),
    (ONBOARDING_VIEW, "My onboarding", "Your onboarding playlist: what to read next and what is due"),
    (TEAM_ONBOARDING_VIEW, "Team onboarding", "How far each new hire got, as marketing last published it"),
)


class ViewSwitch(QFrame):
    """Segments, by default "Search" (the reps' view) and "Marketing", of which one is on; ``view_chosen``
    says which was clicked. The first segment starts on."""

    view_chosen = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, segments: Sequence[tuple[str, str, str]] = WINDOW_VIEWS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("viewSwitch")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        for name, text, tip in segments:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setAccessibleName(f"{text} view")
            self._group.addButton(button)
            layout.addWidget(button)
            self.buttons[name] = button
            button.clicked.connect(lambda _=False, name=name: self.view_chosen.emit(name))
        self.buttons[segments[0][0]].setChecked(True)

        self._segments = {name: (text, tip) for name, text, tip in segments}

    @property
    def view(self) -> str:
        return next(name for name, button in self.buttons.items() if button.isChecked())

    def set_reminder(self, name: str, reminder: tuple[str, str] | None) -> None:
        """Show ``reminder`` (a badge after the segment's text, and its tooltip) on a segment, or None to
        take it off."""
        text, tip = self._segments[name]
        button = self.buttons[name]
        button.setText(f"{text}  {reminder[0]}" if reminder else text)
        button.setToolTip(reminder[1] if reminder else tip)

    def set_view(self, name: str) -> None:
        self.buttons[name].setChecked(True)

    def set_segment_visible(self, name: str, visible: bool) -> None:
        """Show a segment only to the profiles it is for (Marketing to marketers, My onboarding to a rep
        with a playlist meant for them)."""
        self.buttons[name].setVisible(visible)


def expiry_reminder(expiring: Sequence[GovernedAsset]) -> tuple[str, str] | None:
    """The Marketing switch's badge and tooltip for approved assets that expire soon; None for none."""
    if not expiring:
        return None
    from enablement_app.library.governed_assets import EXPIRING_WITHIN_DAYS

    soonest = sorted(expiring, key=lambda asset: (asset.days_left or 0, asset.title))
    lines = [f"{asset.title}: {_days(asset.days_left or 0)}" for asset in soonest[:8]]
    if len(soonest) > 8:
        lines.append(f"and {len(soonest) - 8} more")
    many = len(expiring) != 1
    head = (
        f"{len(expiring)} approved {'assets expire' if many else 'asset expires'} within "
        f"{EXPIRING_WITHIN_DAYS} days; reps stop finding {'them' if many else 'it'} the day after:"
    )
    foot = "Approve for longer on Marketing › Library (Expiring soon)."
    return f"⚠ {len(expiring)}", "\n".join([head, *lines, foot])


def _days(days: int) -> str:
    return "expires today" if days <= 0 else "expires tomorrow" if days == 1 else f"expires in {days} days"


class MarketingWorkspace(QWidget):
    expiring_read = Signal(object)  # tuple[GovernedAsset, ...]: the Library page read what expires soon

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QFrame()
        self.nav.setObjectName("marketingNav")
        self.nav.setFixedWidth(132)
        self._nav_layout = QVBoxLayout(self.nav)
        self._nav_layout.setContentsMargins(0, 4, 12, 0)
        self._nav_layout.setSpacing(2)
        title = QLabel("MARKETING")
        title.setObjectName("sectionTitle")
        title.setContentsMargins(12, 0, 0, 6)
        self._nav_layout.addWidget(title)
        self._nav_layout.addStretch(1)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.nav_buttons: dict[str, QToolButton] = {}
        self.pages = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._release: list[Callable[[], None]] = []
        self._stops: list[Callable[[], None]] = []
        layout.addWidget(self.nav)
        layout.addSpacing(12)
        layout.addWidget(self.pages, 1)

    @classmethod
    def for_window(
        cls, session: LibrarySession, tasks: TaskRunner, marketing: MarketingSyncController
    ) -> MarketingWorkspace:
        """The workspace with every page marketing has today."""
        from enablement_app.analytics.top_reps import top_rep_ids
        from ui.marketing.field_tips_page import FieldTipsPage
        from ui.marketing.library_page import LibraryPage
        from ui.marketing.page_thumbnails import LibraryPageThumbnails
        from ui.marketing.reports_page import ReportsPage
        from ui.marketing.usage_page import UsagePage

        workspace = cls()
        library_page = LibraryPage(session, tasks, marketing)
        library_page.assets_shown.connect(
            lambda: workspace.expiring_read.emit(
                library_page.library.expiring if library_page.library else ()
            )
        )
        workspace.add_page(
            "Library",
            library_page,
            "Every asset with its status: approve, retire, supersede, tag and set expiry dates",
        )
        library = session.workspace
        assert library is not None  # marketing's workspace is built for an opened, marketer's data folder
        clock, store = library.clock, library.store
        # the page map's thumbnails of decks and documents come from the preview's LibreOffice conversions
        thumbnails = LibraryPageThumbnails(store, session.paths.root / "previews")
        workspace._release.append(thumbnails.close)
        usage = UsagePage(
            store, tasks, clock=clock, top_reps=lambda: top_rep_ids(store), thumbnails=thumbnails
        )
        marketing.pull_finished.connect(lambda _report: usage.reload())  # the pull refreshed the rollups
        workspace.add_page(
            "Usage",
            usage,
            "What reps open and share week by week, what they search for, and which pages they read",
            stop=usage.close_page,
        )
        reports = ReportsPage(library.store, tasks, clock=clock)
        workspace.add_page(
            "Reports",
            reports,
            "Top reps' assets, dead content, content gaps, ratings and the monthly alignment dashboard",
            stop=reports.stop,
        )
        workspace.add_page(
            "Field tips",
            FieldTipsPage(session, tasks, marketing),
            "Reps' tips on assets and pages: promote the best for every rep, with their author",
        )
        from ui.marketing.onboarding_page import OnboardingPage

        onboarding = OnboardingPage(store, lambda: library.library_root, tasks, clock=clock)
        marketing.pull_finished.connect(lambda _report: onboarding.reload_progress())
        # saved playlists are catalog changes reps do not have yet: the publish bars count them
        onboarding.playlists_saved.connect(lambda _count: marketing.catalog_edited.emit())
        workspace.add_page(
            "Onboarding",
            onboarding,
            "Playlists new hires work through in their first days, and how far each new hire got",
        )
        return workspace

    def stop(self) -> None:
        """The window is closing: pages with background work stop it and show no more answers. Called
        before the window's task runner shuts down."""
        for stop in self._stops:
            stop()

    def release(self) -> None:
        """Close what the pages held open (PyMuPDF documents): after the task runner shut down, since its
        lanes may still have been using them."""
        while self._release:
            self._release.pop()()

    def add_page(
        self, name: str, widget: QWidget, tip: str = "", *, stop: Callable[[], None] | None = None
    ) -> None:
        """Add ``widget`` as a page with its own entry in the navigation; the first page added shows first.
        ``stop`` is called when the window closes, for a page whose background work must end with it."""
        if name in self._pages:
            raise ValueError(f"the marketing workspace already has a page {name!r}")
        if stop is not None:
            self._stops.append(stop)
        button = QToolButton(self.nav)
        button.setText(name)
        button.setToolTip(tip)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _=False: self.show_page(name))
        self._group.addButton(button)
        self._nav_layout.insertWidget(self._nav_layout.count() - 1, button)
        self.nav_buttons[name] = button
        self._pages[name] = widget
        self.pages.addWidget(widget)
        if len(self._pages) == 1:
            self.show_page(name)

    def page(self, name: str) -> QWidget:
        return self._pages[name]

    def page_names(self) -> list[str]:
        return list(self._pages)

    def current_page(self) -> str | None:
        current = self.pages.currentWidget()
        return next((name for name, widget in self._pages.items() if widget is current), None)

    def show_page(self, name: str) -> None:
        self.nav_buttons[name].setChecked(True)
        self.pages.setCurrentWidget(self._pages[name])
