"""Marketing's Onboarding page: build the playlists new hires work through, export them, and follow how
far each new hire got (from the usage pulled from the hub) and how long new hires take to finish.

Playlists live in the collateral folder's ``catalog.json`` (marketing's draft) and reach reps with the next
publish, like every other catalog change. Edits stay on the page until "Save", which writes every playlist
at once; the catalog's assets are never touched. Reading and writing the catalog runs off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from enablement_app.catalog.playlists import Playlist, PlaylistItem, new_playlist_id
from ui.marketing.chart_export import CSV_FILTER, ask_save_path
from ui.onboarding.editor_models import NOTE_COLUMN, PlaylistItemsTableModel, PlaylistsModel, ProposalsModel
from ui.onboarding.new_hires_model import NewHiresModel, summary_text
from ui.onboarding.team_view import NewHiresTable

if TYPE_CHECKING:
    from enablement_app.onboarding.playlist_editing import AssetChoice
    from enablement_app.onboarding.playlist_targets import PlaylistTarget
    from enablement_app.onboarding.proposals import PlaylistProposal
    from enablement_app.onboarding.team_progress import OnboardingProgress
    from enablement_app.store import Store
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

ROLE_CHOICES = (("new_hire", "New hires"), ("rep", "Sales reps"), ("manager", "Managers"))


def _choose_csv(parent: QWidget | None, suggested: str) -> Path | None:
    return ask_save_path(parent or QWidget(), "Export as CSV", Path(suggested), CSV_FILTER)


class OnboardingPage(QWidget):
    playlists_loaded = Signal()
    playlists_saved = Signal(int)  # how many playlists the catalog now has
    csv_exported = Signal(str)  # the file written
    progress_loaded = Signal()
    proposals_loaded = Signal()

    def __init__(
        self,
        store: Store,
        library_root: Callable[[], Path | None],
        tasks: TaskRunner,
        *,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        choose_csv: Callable[[QWidget | None, str], Path | None] = _choose_csv,
        target: PlaylistTarget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from enablement_app.onboarding.playlist_targets import CatalogPlaylists

        self.store = store
        self.library_root = library_root
        # where playlists are read and saved: the catalog for marketing, proposals for a manager
        self.target: PlaylistTarget = target or CatalogPlaylists(library_root)
        self.tasks = tasks
        self.clock = clock
        self._choose_csv = choose_csv
        self.new_hires = NewHiresModel()
        self.proposals = ProposalsModel()
        self.progress: OnboardingProgress | None = None
        self.playlists = PlaylistsModel()
        self.items = PlaylistItemsTableModel()
        self.assets: dict[str, AssetChoice] = {}
        self._by_title: dict[str, str] = {}  # completer text -> asset id
        self._loading = False
        self._loaded = False
        self.dirty = False
        self._build()
        self._connect()
        self._show_editor(None)

    # -- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)

        left = QVBoxLayout()
        heading = QLabel("PLAYLISTS")
        heading.setObjectName("sectionTitle")
        left.addWidget(heading)
        self.playlist_view = QListView()
        self.playlist_view.setModel(self.playlists)
        self.playlist_view.setAccessibleName("Playlists")
        self.playlist_view.setFixedWidth(230)
        left.addWidget(self.playlist_view, 1)
        left_buttons = QHBoxLayout()
        self.new_button = QPushButton("New playlist")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Remove the playlist from the catalog when you save")
        left_buttons.addWidget(self.new_button)
        left_buttons.addWidget(self.delete_button)
        left.addLayout(left_buttons)
        # playlists managers proposed through the hub, for marketing to take into the catalog
        self.proposals_box = QWidget()
        proposals = QVBoxLayout(self.proposals_box)
        proposals.setContentsMargins(0, 12, 0, 0)
        proposals_title = QLabel("PROPOSED BY MANAGERS")
        proposals_title.setObjectName("sectionTitle")
        proposals.addWidget(proposals_title)
        self.proposals_view = QListView()
        self.proposals_view.setModel(self.proposals)
        self.proposals_view.setAccessibleName("Playlists proposed by managers")
        self.proposals_view.setFixedWidth(230)
        self.proposals_view.setMaximumHeight(150)
        proposals.addWidget(self.proposals_view)
        self.take_button = QPushButton("Add to catalog")
        self.take_button.setToolTip("Add the proposed playlist to catalog.json as it is; edit it after")
        proposals.addWidget(self.take_button)
        self.proposals_box.hide()
        left.addWidget(self.proposals_box)
        layout.addLayout(left)

        self.editor = QWidget()
        editor = QVBoxLayout(self.editor)
        editor.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Your first week")
        self.title_edit.setAccessibleName("Playlist title")
        audience = QHBoxLayout()
        self.role_box = QComboBox()
        for role, label in ROLE_CHOICES:
            self.role_box.addItem(label, role)
        self.team_edit = QLineEdit()
        self.team_edit.setPlaceholderText("every team")
        self.team_edit.setAccessibleName("Team")
        audience.addWidget(self.role_box)
        audience.addWidget(QLabel("in team"))
        audience.addWidget(self.team_edit, 1)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("What this playlist prepares a new hire for, in a sentence")
        form.addRow("Title", self.title_edit)
        form.addRow("For", audience)
        form.addRow("Description", self.description_edit)
        editor.addLayout(form)

        self.table = QTableView()
        self.table.setModel(self.items)
        self.table.setObjectName("libraryTable")  # the look of the Library page's table
        self.table.setAccessibleName("Playlist items")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 260)
        editor.addWidget(self.table, 1)

        add_row = QHBoxLayout()
        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText("Add an asset: type its title…")
        self.add_edit.setAccessibleName("Add an asset by title")
        self.completer = QCompleter(QStringListModel(self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.add_edit.setCompleter(self.completer)
        self.add_button = QPushButton("Add")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove")
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.add_button)
        add_row.addSpacing(16)
        for button in (self.up_button, self.down_button, self.remove_button):
            add_row.addWidget(button)
        editor.addLayout(add_row)

        footer = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("muted")
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("The playlist as a CSV file: one row per item, in order")
        self.save_button = QPushButton(self.target.save_label)
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.target.save_tip)
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.export_button)
        footer.addWidget(self.save_button)
        editor.addLayout(footer)

        self.progress_tab = QWidget()
        progress = QVBoxLayout(self.progress_tab)
        self.progress_label = QLabel("Pull reps' usage to see how far new hires got.")
        self.progress_label.setWordWrap(True)
        progress.addWidget(self.progress_label)
        self.new_hires_table = NewHiresTable(self.new_hires)
        self.new_hires_table.setColumnHidden(2, True)  # the playlist: the one chosen on the left
        progress.addWidget(self.new_hires_table, 1)
        progress_footer = QHBoxLayout()
        hint = QLabel("From the usage pulled from the hub; managers see it after the next publish.")
        hint.setObjectName("muted")
        self.export_progress_button = QPushButton("Export progress CSV…")
        self.export_progress_button.setToolTip(
            "One row per new hire: done, overdue, started, finished, days taken"
        )
        progress_footer.addWidget(hint, 1)
        progress_footer.addWidget(self.export_progress_button)
        progress.addLayout(progress_footer)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.editor, "Playlist")
        self.tabs.addTab(self.progress_tab, "New hires")
        self.tabs.setTabVisible(1, self.target.for_marketing)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.playlist_view.selectionModel().currentChanged.connect(self.on_playlist_view_current_changed)
        self.new_button.clicked.connect(self.on_new_button_clicked)
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        for edit in (self.title_edit, self.team_edit, self.description_edit):
            edit.textEdited.connect(lambda _text: self._apply_editor())
        self.role_box.currentIndexChanged.connect(lambda _index: self._apply_editor())
        self.items.items_edited.connect(self._apply_editor)
        self.items.edit_refused.connect(self.status_label.setText)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.add_edit.returnPressed.connect(self.on_add_button_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        self.save_button.clicked.connect(self.save)
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.export_progress_button.clicked.connect(self.on_export_progress_button_clicked)
        self.take_button.clicked.connect(self.on_take_button_clicked)

    # -- loading -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        """Read the playlists and the library's assets again (unsaved edits are dropped)."""
        from enablement_app.onboarding.playlist_editing import library_assets

        self._loaded = True
        target, store = self.target, self.store

        def work() -> tuple[tuple[Playlist, ...], dict[str, AssetChoice]]:
            return target.load(), library_assets(store)

        self.tasks.run(work, on_success=self._on_loaded, on_failure=self._on_load_failed)

    def _on_loaded(self, loaded: tuple[tuple[Playlist, ...], dict[str, AssetChoice]]) -> None:
        playlists, self.assets = loaded
        titles: dict[str, str] = {}
        for asset in self.assets.values():
            titles[asset.title if asset.title not in titles else f"{asset.title} ({asset.path})"] = asset.id
        self._by_title = titles
        model = self.completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(sorted(titles, key=str.casefold))
        self.playlists.set_playlists(playlists)
        self.dirty = False
        self._update_buttons()
        if playlists:
            self.playlist_view.setCurrentIndex(self.playlists.index(0))
            self.status_label.setText("")
        else:
            self._show_editor(None)
            self.status_label.setText("No playlists yet: “New playlist” starts one.")
        self.playlists_loaded.emit()
        if self.target.for_marketing:
            self.reload_progress()
            self.reload_proposals()

    def reload_proposals(self) -> None:
        """Read what managers proposed from the hub (none when no hub is set up or it cannot be reached)."""
        from enablement_app.sync.hub import HubError
        from enablement_app.sync.rep_sync import hub_from_settings

        store = self.store

        def work() -> tuple[PlaylistProposal, ...]:
            try:
                hub = hub_from_settings(store)
                try:
                    return hub.playlist_proposals()
                finally:
                    hub.close()
            except HubError as error:
                log.info("no playlist proposals: %s", error)
                return ()

        self.tasks.run(work, on_success=self._on_proposals_loaded, lane="sync")

    def _on_proposals_loaded(self, proposals: tuple[PlaylistProposal, ...]) -> None:
        """Show the proposals the catalog does not have as they are (one taken and kept is not listed)."""
        in_catalog = {json.dumps(playlist.to_json()) for playlist in self.playlists.playlists()}
        waiting = [item for item in proposals if json.dumps(item.playlist.to_json()) not in in_catalog]
        self.proposals.set_proposals(waiting)
        self.proposals_box.setVisible(bool(waiting))
        if waiting:
            self.proposals_view.setCurrentIndex(self.proposals.index(0))
        self.proposals_loaded.emit()

    def on_take_button_clicked(self) -> None:
        """Add the chosen proposal to the catalog in one click (saved at once, published as usual)."""
        index = self.proposals_view.currentIndex()
        proposal = self.proposals.proposal_at(index.row()) if index.isValid() else None
        if proposal is None:
            return
        playlist = proposal.playlist
        taken = {existing.id: existing for existing in self.playlists.playlists()}
        if playlist.id in taken:
            playlist = replace(playlist, id=new_playlist_id(playlist.title, taken))
        row = self.playlists.append(playlist)
        self.playlist_view.setCurrentIndex(self.playlists.index(row))
        self.proposals.set_proposals(
            [
                item
                for item in (self.proposals.proposal_at(n) for n in range(self.proposals.rowCount()))
                if item is not None and item is not proposal
            ]
        )
        self.proposals_box.setVisible(self.proposals.rowCount() > 0)
        self._set_dirty()
        self.save()

    def reload_progress(self) -> None:
        """Count new hires' progress again from the ingested usage (after a pull), off the UI thread. Not
        before the page first loaded its playlists: there is nothing to count them against yet, and the
        load counts them."""
        from enablement_app.onboarding.team_progress import onboarding_progress

        if not self._loaded:
            return
        store, playlists, now = self.store, self.playlists.playlists(), self.clock()
        self.tasks.run(
            lambda: onboarding_progress(store, playlists, now=now),
            on_success=self._on_progress_loaded,
            on_failure=lambda error: log.error("could not count new hires' progress: %s", error),
            lane="sync",
        )

    def _on_progress_loaded(self, progress: OnboardingProgress) -> None:
        self.progress = progress
        self._show_progress()
        self.progress_loaded.emit()

    def _show_progress(self) -> None:
        progress, playlist = self.progress, self.current_playlist()
        rows = progress.for_playlist(playlist.id) if progress is not None and playlist is not None else ()
        self.new_hires.set_rows(rows, self.clock().date())
        median = progress.median_days_to_finish(playlist.id) if progress and playlist else None
        if playlist is None:
            self.progress_label.setText("Choose a playlist to see its new hires.")
        elif progress is not None:
            self.progress_label.setText(
                f"{playlist.title}: {summary_text(rows, median, self.clock().date())}"
            )
        self.export_progress_button.setEnabled(bool(rows))
        self.tabs.setTabText(1, f"New hires ({len(rows)})" if rows else "New hires")

    def _on_load_failed(self, error: BaseException) -> None:
        from enablement_app.catalog import CatalogError

        if not isinstance(error, CatalogError):
            log.error("could not read the playlists: %s", error)
        self.status_label.setText(f"The playlists cannot be read: {error}")

    # -- editing ---------------------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.playlist_view.currentIndex()
        return index.row() if index.isValid() else -1

    def current_playlist(self) -> Playlist | None:
        return self.playlists.playlist_at(self.current_row())

    def on_playlist_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_editor(self.playlists.playlist_at(current.row()) if current.isValid() else None)

    def _show_editor(self, playlist: Playlist | None) -> None:
        self._loading = True
        try:
            self.editor.setEnabled(playlist is not None)
            self.title_edit.setText(playlist.title if playlist else "")
            self.team_edit.setText(playlist.team if playlist else "")
            self.description_edit.setText(playlist.description if playlist else "")
            role = playlist.role if playlist else "new_hire"
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(role)))
            self.items.set_items(playlist.items if playlist else (), self.assets)
        finally:
            self._loading = False
        self._update_buttons()
        self._show_progress()

    def _apply_editor(self) -> None:
        """Keep the edited fields in the playlist being edited; Save writes them."""
        row = self.current_row()
        playlist = self.playlists.playlist_at(row)
        if self._loading or playlist is None:
            return
        edited = Playlist(
            id=playlist.id,
            title=" ".join(self.title_edit.text().split()),
            items=self.items.items(),
            role=str(self.role_box.currentData()),
            team=" ".join(self.team_edit.text().split()),
            description=" ".join(self.description_edit.text().split()),
        )
        if edited != playlist:
            self.playlists.replace_playlist(row, edited)
            self._set_dirty()

    def _set_dirty(self) -> None:
        self.dirty = True
        self.status_label.setText("Unsaved changes")
        self._update_buttons()

    def on_new_button_clicked(self) -> None:
        taken = [playlist.id for playlist in self.playlists.playlists()]
        title = "New playlist"
        row = self.playlists.append(Playlist(id=new_playlist_id(title, taken), title=title))
        self.playlist_view.setCurrentIndex(self.playlists.index(row))
        self._set_dirty()
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def on_delete_button_clicked(self) -> None:
        row = self.current_row()
        playlist = self.playlists.playlist_at(row)
        if playlist is None:
            return
        self.playlists.remove(row)
        self._set_dirty()
        self.status_label.setText(f"{playlist.title} removed: Save to take it out of the catalog")
        if self.playlists.rowCount():
            self.playlist_view.setCurrentIndex(self.playlists.index(min(row, self.playlists.rowCount() - 1)))
        else:
            self._show_editor(None)

    def on_add_button_clicked(self) -> None:
        from enablement_app.onboarding.playlist_editing import AssetLookupError, find_asset

        text = self.add_edit.text().strip()
        if not text or self.current_playlist() is None:
            return
        asset_id = self._by_title.get(text)
        try:
            asset = self.assets[asset_id] if asset_id else find_asset(self.assets, text)
        except AssetLookupError as error:
            self.status_label.setText(str(error)[:1].upper() + str(error)[1:] + ".")
            return
        last_day = max((item.due_day for item in self.items.items()), default=1)
        row = self.items.add(PlaylistItem(asset.id, due_day=last_day, title=asset.title))
        self.table.selectRow(row)
        self.add_edit.clear()
        self.status_label.setText(
            f"Added {asset.title}, due day {last_day}: double-click a cell to change it"
        )

    def _move(self, step: int) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.selectRow(self.items.move(index.row(), step))

    def on_remove_button_clicked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.items.remove(index.row())

    def _update_buttons(self) -> None:
        has_playlist = self.current_playlist() is not None
        self.delete_button.setEnabled(has_playlist)
        self.save_button.setEnabled(self.dirty)
        self.export_button.setEnabled(has_playlist and bool(self.items.rowCount()))

    # -- saving and exporting ------------------------------------------------------------------------

    def save(self) -> None:
        """Save every playlist where they go (the catalog, or to marketing); an untitled one is refused."""
        playlists = self.playlists.playlists()
        untitled = [n for n, playlist in enumerate(playlists) if not playlist.title]
        if untitled:
            self.playlist_view.setCurrentIndex(self.playlists.index(untitled[0]))
            self.status_label.setText("Give the playlist a title before saving.")
            return
        self.save_button.setEnabled(False)
        self.status_label.setText("Saving…")

        def saved(_: object) -> None:
            # what was written is what the editor held when Save was clicked: edits made meanwhile wait
            self.dirty = self.playlists.playlists() != playlists
            self._update_buttons()
            text = self.target.saved_text(len(playlists))
            self.status_label.setText(f"{text}. Changes made since: unsaved" if self.dirty else text)
            self.playlists_saved.emit(len(playlists))

        def failed(error: BaseException) -> None:
            from enablement_app.catalog import CatalogError
            from enablement_app.sync.hub import HubError

            if not isinstance(error, CatalogError | HubError | OSError):
                log.error("could not save the playlists: %s", error)
            self.save_button.setEnabled(True)
            self.status_label.setText(f"Not saved: {error}")

        target = self.target
        self.tasks.run(lambda: target.save(playlists), on_success=saved, on_failure=failed, lane="writer")

    def on_export_progress_button_clicked(self) -> None:
        from enablement_app.onboarding.team_progress import write_progress_csv

        playlist, progress = self.current_playlist(), self.progress
        if playlist is None or progress is None:
            return
        rows = progress.for_playlist(playlist.id)
        self._export(
            f"{playlist.id}-progress.csv",
            lambda file: write_progress_csv(rows, file),
            self.progress_label,
            lambda path, count: f"Exported {count} new hires' progress to {path}",
        )

    def on_export_button_clicked(self) -> None:
        from enablement_app.onboarding.playlist_editing import write_playlist_csv

        playlist, assets = self.current_playlist(), self.assets
        if playlist is None:
            return
        self._export(
            f"{playlist.id}.csv",
            lambda file: write_playlist_csv(playlist, assets, file),
            self.status_label,
            lambda path, _count: f"Exported {playlist.title} to {path}",
        )

    def _export(
        self,
        suggested: str,
        write: Callable[[TextIO], int],
        label: QLabel,
        exported: Callable[[Path, int], str],
    ) -> None:
        """Ask where, then write the CSV off the UI thread (a network folder may take its time), whole and
        with a byte-order mark so Excel reads accents right; ``label`` says how it went."""
        path = self._choose_csv(self, suggested)
        if path is None:
            return

        def work() -> int:
            from enablement_app.atomic_files import write_atomically

            buffer = io.StringIO(newline="")
            count = write(buffer)
            write_atomically(path, buffer.getvalue().encode("utf-8-sig"))
            return count

        def done(count: int) -> None:
            label.setText(exported(path, count))
            self.csv_exported.emit(str(path))

        def failed(error: BaseException) -> None:
            if not isinstance(error, OSError):
                log.error("could not export %s: %s", path, error)
            label.setText(f"{path.name} cannot be written: {getattr(error, 'strerror', None) or error}")

        self.tasks.run(work, on_success=done, on_failure=failed)
