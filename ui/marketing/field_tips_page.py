"""Marketing's "Field tips" page: every rep's tips as ingested, and promoting the good ones for every rep.

Promoting writes the tip (in the rep's words, or lightly edited) into the collateral folder's catalog.json;
the publish bar then counts it among the changes reps do not have yet. A tip whose author withdrew it is
shown as withdrawn; if it is promoted, it stays so until marketing decides, and the page says so.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enablement_app.catalog import CatalogError, load_catalog
from enablement_app.tips.marketing_tips import IngestedTip, ingested_tips, promote_tip, unpromote_tip
from enablement_app.tips.rep_tips import MAX_TIP_CHARS, TipError, clean_tip_text
from ui.marketing.field_tips_model import FieldTipRole, FieldTipsModel
from ui.marketing.publish_bar import PublishBar

if TYPE_CHECKING:
    from ui.library_session import LibrarySession
    from ui.marketing_sync_controller import MarketingSyncController
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class FieldTipsPage(QWidget):
    tips_shown = Signal(int)  # how many tips the table shows, as just read
    tip_promoted = Signal(str)  # tip id, once the table shows it promoted
    tip_unpromoted = Signal(str)  # tip id
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
        self._stale = True
        self._reading = False
        self._read_again = False
        self._after_read: list[Callable[[], None]] = []  # run once the tips being read are shown
        self.model = FieldTipsModel(self)
        self._marketing = marketing
        self.publish_bar = PublishBar(session, tasks, marketing)
        self._build()
        marketing.pull_finished.connect(self.on_marketing_pull_finished)

    # -- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.setSpacing(12)
        title = QLabel("Field tips")
        title.setObjectName("paneTitle")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("resultSummary")
        header.addWidget(title)
        header.addWidget(self.summary_label)
        header.addStretch(1)
        header.addWidget(self.publish_bar)
        layout.addLayout(header)
        intro = QLabel(
            "What reps learned with an asset, written in its preview. Promote a tip to show it to every rep "
            "in the preview, with its author's name: it keeps the know-how when people move on."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setObjectName("fieldTipsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        splitter.addWidget(self.table)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.setSpacing(6)
        self.about_label = QLabel("Select a tip to promote it, or to change how it reads for reps.")
        self.about_label.setObjectName("muted")
        self.about_label.setWordWrap(True)
        self.withdrawn_label = QLabel()
        self.withdrawn_label.setObjectName("banner")
        self.withdrawn_label.setWordWrap(True)
        self.withdrawn_label.setContentsMargins(10, 6, 10, 6)
        self.withdrawn_label.hide()
        self.wording_edit = QPlainTextEdit()
        self.wording_edit.setPlaceholderText("The tip as reps will read it")
        self.wording_edit.setTabChangesFocus(True)
        self.wording_edit.setMaximumHeight(84)
        self.wording_edit.setEnabled(False)
        self.wording_edit.textChanged.connect(self.on_wording_edit_text_changed)
        actions = QHBoxLayout()
        self.counter_label = QLabel()
        self.counter_label.setObjectName("muted")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.unpromote_button = QPushButton("Unpromote")
        self.unpromote_button.setToolTip("Stop showing this tip to every rep (its author keeps it)")
        self.unpromote_button.clicked.connect(self.on_unpromote_button_clicked)
        self.promote_button = QPushButton("Promote")
        self.promote_button.setObjectName("primary")
        self.promote_button.setToolTip("Show this tip to every rep, with its author, in the asset's preview")
        self.promote_button.clicked.connect(self.on_promote_button_clicked)
        actions.addWidget(self.counter_label)
        actions.addWidget(self.message_label, 1)
        actions.addWidget(self.unpromote_button)
        actions.addWidget(self.promote_button)
        for widget in (self.about_label, self.withdrawn_label, self.wording_edit):
            detail_layout.addWidget(widget)
        detail_layout.addLayout(actions)
        detail_layout.addStretch(1)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self._show_selected()

    # -- reading -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
            self.publish_bar.recount()

    def on_marketing_pull_finished(self, _report: object) -> None:
        """New events came in: the tips may have changed. Read them again now if shown, else when shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read every tip in the background and show them; ``then`` runs once they are shown (a read asked
        for while one runs is merged into the one after it, with every ``then`` kept)."""
        workspace = self._session.workspace
        if then is not None:
            self._after_read.append(then)
        if workspace is None:
            return
        if self._reading:
            self._read_again = True
            return
        self._reading, self._stale = True, False
        store, root = workspace.store, workspace.library_root

        def work() -> tuple[list[IngestedTip], str]:
            problem = ""
            catalog = None
            if root is not None:
                try:
                    catalog = load_catalog(root)
                except CatalogError as error:
                    problem = f"Promotions cannot be shown: {error}"
            return ingested_tips(store, catalog), problem

        def shown(read: tuple[list[IngestedTip], str]) -> None:
            self._reading = False
            if self._read_again:
                self._read_again = False
                self.refresh()
                return
            self._show_tips(*read)
            waiting, self._after_read = self._after_read, []
            for then in waiting:
                then()

        self._tasks.run(work, on_success=shown, on_failure=self._on_read_failed)

    def _on_read_failed(self, error: BaseException) -> None:
        self._reading = False
        self._after_read = []  # they wait for tips shown; the next read shows them
        log.error("reading the field tips failed: %s\n%s", error, getattr(error, "__traceback_text__", ""))
        self.summary_label.setText(
            f"The tips could not be read: see the log in {self._session.paths.log_dir}"
        )

    def _show_tips(self, tips: list[IngestedTip], problem: str) -> None:
        current = self.selected_tip()
        keep = current.tip_id if current is not None else None
        self.model.reset(tips)
        count, promoted = len(tips), self.model.promoted_count
        if not count:
            self.summary_label.setText("No tips yet: they arrive with reps' usage when you pull it")
        else:
            self.summary_label.setText(
                f"{count} tip{'s' if count != 1 else ''} from reps, {promoted} promoted"
            )
        if problem:
            self.summary_label.setText(problem)
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self.table.selectRow(row)
        self._show_selected()
        self.tips_shown.emit(count)

    # -- the selected tip --------------------------------------------------------------------------

    def selected_tip(self) -> IngestedTip | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(FieldTipRole.TIP) if rows else None

    def select_tip(self, tip_id: str) -> None:
        row = self.model.row_of(tip_id)
        if row is not None:
            self.table.selectRow(row)

    def on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        tip = self.selected_tip()
        self.message_label.clear()
        self.wording_edit.setEnabled(tip is not None)
        if tip is None:
            self.about_label.setText("Select a tip to promote it, or to change how it reads for reps.")
            self.withdrawn_label.hide()
            self.wording_edit.setPlainText("")
            self.promote_button.setText("Promote")
            self.promote_button.setEnabled(False)
            self.unpromote_button.setEnabled(False)
            self.counter_label.clear()
            return
        where = f"{tip.asset_title}, page {tip.page}" if tip.page else tip.asset_title
        author = ", ".join(part for part in (tip.author, tip.author_team) if part)
        written = f"{tip.written_at.astimezone():%d %b %Y}"
        promoted = tip.promoted
        about = f"{author} on {where}, written {written}."
        if promoted is not None:
            about += f" Promoted by {promoted.promoted_by} on {promoted.promoted_at.astimezone():%d %b %Y}."
        self.about_label.setText(about)
        if tip.withdrawn:
            self.withdrawn_label.setText(
                f"{tip.author} withdrew this tip. "
                + (
                    "It is still promoted, so every rep still sees it: unpromote it unless you stand by it."
                    if promoted is not None
                    else "You may still promote it if it is worth keeping."
                )
            )
            self.withdrawn_label.show()
        else:
            self.withdrawn_label.hide()
        self.wording_edit.blockSignals(True)
        self.wording_edit.setPlainText(promoted.text if promoted is not None else tip.text)
        self.wording_edit.blockSignals(False)
        self.promote_button.setText("Save wording" if promoted is not None else "Promote")
        self.unpromote_button.setEnabled(promoted is not None)
        self.on_wording_edit_text_changed()

    def on_wording_edit_text_changed(self) -> None:
        tip = self.selected_tip()
        text = self.wording_edit.toPlainText()
        length = len(" ".join(text.split()))
        self.counter_label.setText(f"{length} / {MAX_TIP_CHARS}")
        try:
            wording = clean_tip_text(text)
        except TipError as error:
            self.message_label.setText(str(error) if length else "")
            self.promote_button.setEnabled(False)
            return
        self.message_label.clear()
        unchanged = tip is not None and tip.promoted is not None and tip.promoted.text == wording
        self.promote_button.setEnabled(tip is not None and not unchanged)

    # -- promoting ---------------------------------------------------------------------------------

    def on_promote_button_clicked(self) -> None:
        tip, workspace = self.selected_tip(), self._session.workspace
        root = workspace.library_root if workspace is not None else None
        if tip is None or workspace is None or root is None:
            return
        profile = self._session.profile
        promoted_by = profile.name if profile is not None and profile.name else "Marketing"
        text = self.wording_edit.toPlainText()
        clock: dt.datetime = workspace.clock()
        self._edit(
            lambda: promote_tip(root, tip, promoted_by=promoted_by, clock=lambda: clock, text=text), tip, True
        )

    def on_unpromote_button_clicked(self) -> None:
        tip, workspace = self.selected_tip(), self._session.workspace
        root = workspace.library_root if workspace is not None else None
        if tip is None or root is None:
            return
        self._edit(lambda: unpromote_tip(root, tip.tip_id), tip, False)

    def _edit(self, change: Callable[[], object], tip: IngestedTip, promoting: bool) -> None:
        self.promote_button.setEnabled(False)
        self.unpromote_button.setEnabled(False)

        def shown() -> None:
            self.select_tip(tip.tip_id)
            (self.tip_promoted if promoting else self.tip_unpromoted).emit(tip.tip_id)

        def done(_result: object) -> None:
            self._marketing.catalog_edited.emit()
            self.refresh(then=shown)

        def failed(error: BaseException) -> None:
            if isinstance(error, TipError | CatalogError):
                message = str(error)
            else:
                log.error(
                    "editing the field tips failed: %s\n%s", error, getattr(error, "__traceback_text__", "")
                )
                message = f"Nothing was changed: see the log in {self._session.paths.log_dir}"
            self._show_selected()
            self.message_label.setText(message)
            self.edit_failed.emit(message)

        # the catalog is read, changed and written whole: on the writer lane, one edit at a time
        self._tasks.run(change, on_success=done, on_failure=failed, lane="writer")
