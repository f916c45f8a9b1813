"""Marketing's Library page: every asset with its status as reps meet it, filtered by status and text, and
the actions that govern a selection (approve, retire, supersede, bulk edit).

Each action edits ``catalog.json`` through the workspace on the writer lane (serialized with indexing),
then reads the library again and says in one line what happened; a catalog that cannot be read or written
gives that sentence instead and changes nothing. The publish bar says whether reps have the changes yet.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from enablement_app.catalog import UNCHANGED, CatalogError, EntryEdit, Unchanged
from enablement_app.disk_full import disk_full_sentence
from enablement_app.library.governed_assets import EXPIRING_WITHIN_DAYS, GovernedAsset, GovernedLibrary
from enablement_app.library.workspace import AssetNotFoundError, NoLibraryError
from ui import theme
from ui.controls import open_dialog
from ui.library_session import LibrarySession
from ui.marketing.asset_dialogs import BulkEditDialog, RenewDialog, SupersedeDialog, edit_summary
from ui.marketing.library_model import COLUMN, STANDING_FILTERS, LibraryFilter, LibraryModel, LibraryRole
from ui.marketing.publish_bar import PublishBar
from ui.marketing_sync_controller import MarketingSyncController
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from enablement_app.library.workspace import Workspace

log = logging.getLogger(__name__)

EMPTY_FILTERS = {
    "draft": ("No drafts", "Every asset in the folder has been approved or retired."),
    "approved": ("No approved assets", "Select drafts and approve them: reps find only approved assets."),
    "expiring": (
        f"Nothing expires within {EXPIRING_WITHIN_DAYS} days",
        "Approved assets with an expiry date show here a month before it.",
    ),
    "expired": ("No expired assets", "Assets past their expiry date show here; reps no longer find them."),
    "retired": ("No retired assets", "Retired and superseded assets show here, with their history kept."),
}

# Wide enough for what the columns usually hold; the path takes the rest.
COLUMN_WIDTHS = {
    "title": 290,
    "kind": 50,
    "standing": 170,
    "stage": 110,
    "product": 130,
    "persona": 110,
    "expires": 92,
    "approved_by": 160,
    "approved_at": 96,
}


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _named(assets: Sequence[GovernedAsset]) -> str:
    return f"“{assets[0].title}”" if len(assets) == 1 else _count(len(assets), "asset", "assets")


class LibraryPage(QWidget):
    assets_shown = Signal()  # the table shows the library as just read
    catalog_edited = Signal(str)  # the line saying what changed, once the table shows it
    edit_failed = Signal(str)  # the sentence saying why nothing changed

    def __init__(
        self,
        session: LibrarySession,
        tasks: TaskRunner,
        marketing: MarketingSyncController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self.library: GovernedLibrary | None = None
        self._reading = False
        self._read_again = False
        self._after_read: list[Callable[[], None]] = []
        self._stale = True
        self._busy = False
        self.dialog: BulkEditDialog | SupersedeDialog | RenewDialog | None = None
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._marketing = marketing
        self.publish_bar = PublishBar(session, tasks, marketing)
        self._build()
        self._connect()

    # -- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        header = QHBoxLayout()
        header.setSpacing(12)
        title = QLabel("Library")
        title.setObjectName("paneTitle")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("resultSummary")
        self.expiring_label = QLabel()
        self.expiring_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        header.addWidget(title)
        header.addWidget(self.summary_label)
        header.addWidget(self.expiring_label)
        header.addStretch(1)
        header.addWidget(self.publish_bar)
        layout.addLayout(header)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("banner")
        self.problem_label.setWordWrap(True)
        self.problem_label.setContentsMargins(10, 6, 10, 6)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.controls = QWidget()
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(8)
        chips = QHBoxLayout()
        chips.setSpacing(6)
        self._chip_group = QButtonGroup(self)
        self._chip_group.setExclusive(True)
        self.chips: dict[str, QToolButton] = {}
        for name, (label, _standings) in STANDING_FILTERS.items():
            chip = QToolButton()
            chip.setObjectName("chip")
            chip.setText(label)
            chip.setCheckable(True)
            chip.setAccessibleName(f"Show {label.lower()}")
            chip.clicked.connect(lambda _=False, name=name: self.show_standing(name))
            self._chip_group.addButton(chip)
            chips.addWidget(chip)
            self.chips[name] = chip
        self.chips["all"].setChecked(True)
        self.chips["expiring"].setToolTip(f"Approved assets that expire within {EXPIRING_WITHIN_DAYS} days")
        self.chips["approved"].setToolTip("Every asset reps find, those expiring soon included")
        self.chips["retired"].setToolTip("Retired and superseded assets: reps no longer find them")
        chips.addStretch(1)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by title, path, tag or approver")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter the library")
        self.filter_box.setMinimumWidth(260)
        chips.addWidget(self.filter_box)
        controls.addLayout(chips)

        actions = QHBoxLayout()
        actions.setSpacing(6)
        self.approve_button = QPushButton("Approve")
        self.approve_button.setToolTip("Approve the selected assets: reps find them")
        self.retire_button = QPushButton("Retire")
        self.retire_button.setToolTip("Retire the selected assets: reps no longer find them; history is kept")
        self.supersede_button = QPushButton("Supersede…")
        self.supersede_button.setToolTip(
            "Choose the newer asset that replaces the selected one: it is approved, the older one retired"
        )
        self.edit_button = QPushButton("Edit tags, stage, expiry…")
        self.edit_button.setToolTip("Set stage, persona, product, industry, region, tags or expiry at once")
        for button in (self.approve_button, self.retire_button, self.supersede_button, self.edit_button):
            actions.addWidget(button)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("muted")
        actions.addSpacing(8)
        actions.addWidget(self.selection_label)
        actions.addSpacing(16)
        # What the last action did, in one line; cut at the window's edge rather than widening it.
        self.message_label = QLabel()
        self.message_label.setObjectName("pageMessage")
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        actions.addWidget(self.message_label, 1)
        controls.addLayout(actions)
        layout.addWidget(self.controls)

        self.stack = QStackedWidget()
        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN["standing"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setAccessibleName("Library")
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header_view = self.table.horizontalHeader()
        header_view.setHighlightSections(False)
        header_view.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header_view.setStretchLastSection(True)
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(COLUMN[column], width)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setMargin(32)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)
        self._show_empty("<h3>Opening the library…</h3>")
        self._update_actions()

    def _connect(self) -> None:
        session = self._session
        session.opened.connect(self.on_session_changed)
        session.library_changed.connect(self.on_session_changed)
        session.index_finished.connect(self.on_session_changed)
        self.filter_box.textChanged.connect(self.on_filter_box_text_changed)
        self.expiring_label.linkActivated.connect(self.on_link_activated)
        self.empty_label.linkActivated.connect(self.on_link_activated)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self.table.customContextMenuRequested.connect(self.on_table_context_menu)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.approve_button.clicked.connect(self.approve_selected)
        self.retire_button.clicked.connect(self.retire_selected)
        self.supersede_button.clicked.connect(self.supersede_selected)
        self.edit_button.clicked.connect(self.edit_selected)

    # -- reading the library ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
            self.publish_bar.recount()

    def on_session_changed(self, *_: object) -> None:
        """The library or its governance changed (indexing, a catalog from the hub): read it again now if
        shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the library again in the background and show it; ``then`` runs once it is shown."""
        workspace = self._session.workspace
        if then is not None:
            self._after_read.append(then)
        if workspace is None:
            return
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        self._stale = False
        self._tasks.run(workspace.governed_assets, on_success=self._on_read, on_failure=self._on_read_failed)

    def _on_read(self, library: GovernedLibrary) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self.refresh()
            return
        self._show_library(library)
        waiting, self._after_read = self._after_read, []
        for then in waiting:
            then()
        self.assets_shown.emit()

    def _on_read_failed(self, error: BaseException) -> None:
        self._reading = False
        self._after_read = []  # they wait for a library shown; the next read shows one
        log.error("reading the library failed: %s\n%s", error, getattr(error, "__traceback_text__", ""))
        self._show_empty(
            "<h3>The library could not be read</h3>"
            f"<p>{html.escape(str(error))}</p><p>The log has the details: {self._session.paths.log_dir}</p>"
        )

    def _show_library(self, library: GovernedLibrary) -> None:
        selected = {asset.path for asset in self.selected_assets()}
        self.library = library
        self.model.set_assets(library.assets)
        self._select_paths(selected)
        assets = library.assets
        counts = {
            name: len(assets)
            if standings is None
            else sum(1 for asset in assets if asset.standing in standings)
            for name, (_label, standings) in STANDING_FILTERS.items()
        }
        for name, chip in self.chips.items():
            chip.setText(f"{STANDING_FILTERS[name][0]}  {counts[name]}")
        found = counts["approved"]
        self.summary_label.setText(
            f"{_count(len(assets), 'asset', 'assets')} · {found} found by reps" if assets else ""
        )
        expiring = library.expiring
        if expiring:
            soonest = min(asset.days_left or 0 for asset in expiring)
            colour = theme.standing_colour("expiring", self.palette()).name()
            self.expiring_label.setText(
                f'<a href="standing:expiring" style="color: {colour}; font-weight: 600">⚠ '
                f"{_count(len(expiring), 'asset expires', 'assets expire')} within {EXPIRING_WITHIN_DAYS} days</a>"
            )
            self.expiring_label.setToolTip(
                "\n".join(
                    f"{asset.title}: {asset.expires_at} ({asset.days_left} days)"
                    for asset in sorted(expiring, key=lambda asset: asset.days_left or 0)
                )
                + ("" if soonest > 0 else "\nSome expire today: approve them for longer to keep them found")
            )
        else:
            self.expiring_label.setText(
                f"Nothing expires within {EXPIRING_WITHIN_DAYS} days" if assets else ""
            )
            self.expiring_label.setToolTip("")
        if library.catalog_problem:
            self.problem_label.setText(
                f"{library.catalog_problem[:1].upper()}{library.catalog_problem[1:]}. The statuses shown are "
                "the ones last read; fix the file, or put back a good copy, before changing anything."
            )
            self.problem_label.show()
        else:
            self.problem_label.hide()
        self.controls.setVisible(bool(assets))
        self._update_view()

    def _update_view(self) -> None:
        """The table, or a sentence saying why it is empty and what to do."""
        library = self.library
        if library is None:
            return
        if not library.assets:
            root = self._session.library_root()
            if self._session.indexing:
                self._show_empty(
                    "<h3>Reading the library…</h3><p>Assets appear here as soon as they are indexed.</p>"
                )
            else:
                where = f" <b>{root}</b>" if root is not None else ""
                self._show_empty(
                    "<h3>No assets in the library yet</h3>"
                    f"<p>Put PDF, PowerPoint, Word, Markdown, HTML or text files in the collateral folder{where}. "
                    "They show here as drafts; approve them and reps find them.</p>"
                )
            return
        if self.proxy.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        text = self.filter_box.text().strip()
        standing = self.standing_filter()
        if text:
            self._show_empty(
                f"<h3>No asset matches “{html.escape(text)}”</h3>"
                '<p><a href="clear-filter">Clear the filter</a> to see them all.</p>'
            )
        else:
            heading, advice = EMPTY_FILTERS.get(standing, ("Nothing here", ""))
            self._show_empty(f'<h3>{heading}</h3><p>{advice}</p><p><a href="standing:all">Show all</a></p>')

    def _show_empty(self, html_text: str) -> None:
        self.empty_label.setText(html_text)
        self.stack.setCurrentWidget(self.empty_label)

    # -- filtering and selecting --------------------------------------------------------------------

    def standing_filter(self) -> str:
        return next(name for name, chip in self.chips.items() if chip.isChecked())

    def show_standing(self, name: str) -> None:
        self.chips[name].setChecked(True)
        self.proxy.set_standing_filter(name)
        self._update_view()
        self._update_actions()

    def on_filter_box_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_view()
        self._update_actions()

    def on_link_activated(self, link: str) -> None:
        if link.startswith("standing:"):
            self.show_standing(link.removeprefix("standing:"))
        elif link == "clear-filter":
            self.filter_box.clear()

    def rows(self) -> list[GovernedAsset]:
        """The assets the table shows, in its order."""
        found = []
        for row in range(self.proxy.rowCount()):
            asset = self.proxy.index(row, 0).data(LibraryRole.ASSET)
            if isinstance(asset, GovernedAsset):
                found.append(asset)
        return found

    def selected_assets(self) -> list[GovernedAsset]:
        assets = []
        for index in sorted(self.table.selectionModel().selectedRows(), key=QModelIndex.row):
            asset = index.data(LibraryRole.ASSET)
            if isinstance(asset, GovernedAsset):
                assets.append(asset)
        return assets

    def select_paths(self, paths: Sequence[str]) -> None:
        """Select the listed assets at ``paths`` (what a marketer's clicks would)."""
        self._select_paths(set(paths))

    def _select_paths(self, paths: set[str]) -> None:
        selection = QItemSelection()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(LibraryRole.PATH) in paths:
                selection.select(index, index)
        self.table.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def on_table_selection_changed(self, *_: object) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        for button in (self.approve_button, self.retire_button, self.edit_button):
            button.setEnabled(bool(selected) and not self._busy)
        self.supersede_button.setEnabled(selected == 1 and not self._busy)
        self.supersede_button.setToolTip(
            "Choose the newer asset that replaces the selected one: it is approved, the older one retired"
            if selected <= 1
            else "Select the one asset that a newer one replaces"
        )
        self.selection_label.setText(f"{selected} selected" if selected else "Select assets to change them")

    def on_table_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        for button in (self.approve_button, self.retire_button, self.supersede_button, self.edit_button):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def on_table_double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.edit_selected()

    # -- actions --------------------------------------------------------------------------------------

    def approve_selected(self) -> None:
        """Approve the selection in one click; when some of it expired, first ask until when."""
        assets = self.selected_assets()
        library = self.library
        if not assets or library is None:
            return
        expired = sum(1 for asset in assets if asset.days_left is not None and asset.days_left < 0)
        if not expired:
            self.approve(assets, UNCHANGED)
            return
        dialog = RenewDialog(assets, expired, library.today, self)
        dialog.accepted.connect(lambda: self.approve(assets, dialog.expires_at()))
        self._open(dialog)

    def approve(
        self, assets: Sequence[GovernedAsset], expires_at: dt.date | Unchanged | None = UNCHANGED
    ) -> None:
        """Approve ``assets``, keeping their facets; ``expires_at`` sets or clears their expiry date."""
        approver = self._approver()
        paths = [asset.path for asset in assets]
        self._edit(
            "approve",
            lambda workspace: workspace.approve_many(paths, approved_by=approver, expires_at=expires_at),
            f"Approved {_named(assets)}",
        )

    def retire_selected(self) -> None:
        assets = self.selected_assets()
        if assets:
            paths = [asset.path for asset in assets]
            self._edit(
                "retire",
                lambda workspace: workspace.retire_many(paths),
                f"Retired {_named(assets)}: reps no longer find {'it' if len(assets) == 1 else 'them'}",
            )

    def supersede_selected(self) -> None:
        assets = self.selected_assets()
        if len(assets) != 1:
            return
        dialog = SupersedeDialog(assets[0], self.model, self)
        dialog.accepted.connect(lambda: self._on_supersede_dialog_accepted(dialog))
        self._open(dialog)

    def _on_supersede_dialog_accepted(self, dialog: SupersedeDialog) -> None:
        newer = dialog.newer()
        if newer is not None:
            self.supersede(dialog.older, newer)

    def supersede(self, older: GovernedAsset, newer: GovernedAsset) -> None:
        approver = self._approver()
        self._edit(
            "supersede",
            lambda workspace: workspace.approve(newer.path, supersedes=older.path, approved_by=approver),
            f"Approved “{newer.title}” in place of “{older.title}”, now retired",
        )

    def edit_selected(self) -> None:
        assets = self.selected_assets()
        library = self.library
        if not assets or library is None:
            return
        known: dict[str, set[str]] = {}
        for asset in library.assets:
            for facet, values in asset.facets.items():
                known.setdefault(facet, set()).update(values)
        dialog = BulkEditDialog(
            assets, {facet: sorted(values) for facet, values in known.items()}, library.today, self
        )
        dialog.accepted.connect(lambda: self.edit(assets, dialog.edit()))
        self._open(dialog)

    def edit(self, assets: Sequence[GovernedAsset], edit: EntryEdit) -> None:
        if edit.empty:
            self._say("Nothing to change: no field was edited")
            return
        paths = [asset.path for asset in assets]
        self._edit(
            "edit",
            lambda workspace: workspace.edit_many(paths, edit),
            f"Changed the {edit_summary(edit)} of {_named(assets)}",
        )

    def _open(self, dialog: BulkEditDialog | SupersedeDialog | RenewDialog) -> None:
        self.dialog = dialog
        open_dialog(dialog, lambda: setattr(self, "dialog", None))

    def _approver(self) -> str | None:
        profile = self._session.profile
        return (profile.email or profile.name) if profile is not None else None

    def _edit(self, verb: str, work: Callable[[Workspace], object], done: str) -> None:
        """Run one change of the catalog on the writer lane, then show the library as it now is."""
        workspace = self._session.workspace
        if workspace is None or self._busy:
            return
        self._set_busy(True)
        self._say("Saving the catalog…")

        def succeeded(_result: object) -> None:
            self._set_busy(False)
            self.refresh(then=lambda: self._edited(done))

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            message = self._failure(verb, error)
            self._say(message, failed=True)
            self.refresh(then=lambda: self.edit_failed.emit(message))

        self._tasks.run(lambda: work(workspace), on_success=succeeded, on_failure=failed, lane="writer")

    def _edited(self, message: str) -> None:
        self._say(message)
        self._marketing.catalog_edited.emit()
        self.catalog_edited.emit(message)

    def _failure(self, verb: str, error: BaseException) -> str:
        if isinstance(error, CatalogError | AssetNotFoundError | NoLibraryError):
            log.info("could not %s: %s", verb, error)
            text = str(error)
            if "nothing was changed" not in text:
                text += "; nothing was changed"
            return f"Could not {verb}: {text}"
        full = disk_full_sentence(error, self._session.paths.root, f"Could not {verb}", "nothing was changed")
        if full is not None:  # the store's edit is one transaction
            log.info("could not %s, the disk refused a write: %s", verb, error)
            return full
        log.error("%s failed unexpectedly: %s\n%s", verb, error, getattr(error, "__traceback_text__", ""))
        return f"Could not {verb}: something went wrong (see the log in {self._session.paths.log_dir})"

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_actions()

    def _say(self, message: str, *, failed: bool = False) -> None:
        self.message_label.setText(message)
        self.message_label.setToolTip(message)
        colour = theme.standing_colour("expired", self.palette()).name() if failed else ""
        self.message_label.setStyleSheet(f"color: {colour}" if colour else "")
