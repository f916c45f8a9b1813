"""Importing reps' results from a CRM export: pick the CSV, check its first rows and which column holds
what, import, and see who was matched to the app's reps.

The file is read and imported in the background (a big export or a slow share must not freeze the
window); the column choices start from the guesses ``crm_import`` makes from Salesforce's column names,
and the Import button stays off, with the reason shown, until an e-mail column, a metric and a period
are known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enablement_app.analytics.crm_import import (
    FIELD_LABELS,
    FIELDS,
    CrmImport,
    CrmImportError,
    CrmTable,
    check_mapping,
    guess_mapping,
)
from enablement_app.disk_full import disk_full_sentence
from enablement_app.store import Store
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
NOT_IN_FILE = "(not in the file)"
UNMATCHED_SHOWN = 50


def _choose_file(parent: QWidget | None) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Choose a CRM report saved as CSV", "", "CSV files (*.csv *.txt);;All files (*)"
    )
    return Path(chosen) if chosen else None


class CrmPreviewModel(QAbstractTableModel):
    """The export's first rows under its column names; a column read for a field says which."""

    def __init__(self) -> None:
        super().__init__()
        self._headers: tuple[str, ...] = ()
        self._rows: list[tuple[str, ...]] = []
        self._fields: dict[str, str] = {}  # column name -> field label

    def set_table(self, table: CrmTable | None) -> None:
        self.beginResetModel()
        self._headers = table.headers if table is not None else ()
        self._rows = table.preview() if table is not None else []
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, str]) -> None:
        self._fields = {header: FIELD_LABELS[field] for field, header in mapping.items()}
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self._headers):
            return None
        header = self._headers[section]
        field = self._fields.get(header)
        return f"{header}\n→ {field}" if field else header


class CrmImportDialog(QDialog):
    file_read = Signal()  # the chosen file was read, or could not be: the dialog says which
    import_finished = Signal(object)  # CrmImport
    import_failed = Signal(str)

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        *,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        choose_file: Callable[[QWidget | None], Path | None] = _choose_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._clock = clock
        self._choose_file = choose_file
        self._path: Path | None = None
        self.crm_table: CrmTable | None = None
        self.setWindowTitle("Import reps' results from the CRM")
        self.setMinimumSize(760, 560)

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Save a CRM report as CSV with one row per rep: their e-mail, the period, and their quota "
            "attainment or win rate (in Salesforce: a report by owner, exported as <i>Details Only</i>, "
            "CSV). The top reps are chosen from the period imported last."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.file_label = QLabel("No file chosen")
        self.choose_button = QPushButton("Choose file…")
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose_button)
        layout.addLayout(row)

        self.preview_model = CrmPreviewModel()
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview.setMinimumHeight(150)
        layout.addWidget(self.preview, 1)

        form = QFormLayout()
        self.columns: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox()
            combo.setAccessibleName(FIELD_LABELS[field])
            self.columns[field] = combo
            form.addRow(FIELD_LABELS[field], combo)
        self.period = QLineEdit()
        self.period.setPlaceholderText("e.g. 2026-Q3: the period every row is for, when no column says")
        form.addRow("Period of every row", self.period)
        layout.addLayout(form)

        self.check = QLabel()
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setVisible(False)
        self.outcome.setMaximumHeight(140)
        layout.addWidget(self.outcome)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)

        self.choose_button.clicked.connect(self.choose_file)
        for combo in self.columns.values():
            combo.currentIndexChanged.connect(self.on_mapping_changed)
        self.period.textChanged.connect(self.on_mapping_changed)
        self.import_button.clicked.connect(self.on_import_button_clicked)
        self.buttons.rejected.connect(self.reject)

    # -- choosing and reading a file ---------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = self._choose_file(self)
        if chosen is not None:
            self.open_file(chosen)

    def open_file(self, path: Path) -> None:
        """Read ``path`` in the background, then preview it with the guessed columns."""
        self._path = path
        self.file_label.setText(f"Reading {path.name}…")
        self.import_button.setEnabled(False)
        self.outcome.setVisible(False)

        def work() -> CrmTable:
            from enablement_app.analytics.crm_import import read_crm_export

            return read_crm_export(path)

        self._tasks.run(
            work,
            on_success=lambda table: self._on_read(path, table),
            on_failure=lambda error: self._on_read_failed(path, error),
        )

    def _on_read(self, path: Path, table: CrmTable) -> None:
        if path != self._path:
            return  # another file was chosen meanwhile
        self.crm_table = table
        self.file_label.setText(
            f"{path.name}: {len(table.rows):,} lines under its column names ({table.encoding}, "
            f"{'tab' if table.delimiter == chr(9) else repr(table.delimiter)}-separated)"
        )
        guesses = guess_mapping(table.headers)
        for field, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, "")
            for header in table.headers:
                if header:
                    combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(guesses.get(field, ""))))
            combo.blockSignals(False)
        self.preview_model.set_table(table)
        self.on_mapping_changed()
        self.file_read.emit()

    def _on_read_failed(self, path: Path, error: BaseException) -> None:
        if path != self._path:
            return
        self.crm_table = None
        self.preview_model.set_table(None)
        self.file_label.setText(path.name)
        self._say_problem(str(error) if isinstance(error, CrmImportError | OSError) else f"{error!r}")
        self.import_button.setEnabled(False)
        self.file_read.emit()

    # -- mapping -----------------------------------------------------------------------------------

    def mapping(self) -> dict[str, str]:
        return {
            field: str(combo.currentData()) for field, combo in self.columns.items() if combo.currentData()
        }

    def on_mapping_changed(self) -> None:
        table = self.crm_table
        if table is None:
            return
        mapping = self.mapping()
        self.preview_model.set_mapping(mapping)
        period = self.period.text().strip() or None
        try:
            check_mapping(mapping, period=period)
        except CrmImportError as error:
            self._say_problem(str(error).replace("--map ", "").replace("--period ", ""))
            self.import_button.setEnabled(False)
            return
        read_from = "the period typed above" if period else f"the column {mapping['period']!r}"
        self.check.setText(f"Ready to import {len(table.rows):,} rows, each for {read_from}.")
        self.import_button.setEnabled(True)

    def _say_problem(self, text: str) -> None:
        self.check.setText(f"<span style='color:#dc2626'>{escape(text[:1].upper() + text[1:])}.</span>")

    # -- importing ---------------------------------------------------------------------------------

    def on_import_button_clicked(self) -> None:
        table = self.crm_table
        if table is None:
            return
        mapping, period = self.mapping(), self.period.text().strip() or None
        store, clock = self._store, self._clock
        self.import_button.setEnabled(False)
        self.check.setText("Importing…")

        def work() -> CrmImport:
            from enablement_app.analytics.crm_import import import_results, parse_rows

            return import_results(
                store, parse_rows(table, mapping, period=period), clock=clock, mapping=mapping
            )

        self._tasks.run(work, on_success=self._on_imported, on_failure=self._on_import_failed, lane="writer")

    def _on_imported(self, imported: CrmImport) -> None:
        self.import_button.setEnabled(True)
        if imported.imported:
            periods = ", ".join(imported.periods)
            replaced = f", replacing {imported.replaced:,} imported before" if imported.replaced else ""
            reps = "rep" if imported.imported == 1 else "reps"
            self.check.setText(
                f"<b>Imported the results of {imported.imported:,} {reps} for {escape(periods)}{replaced}.</b> "
                f"{imported.matched:,} of them use the app."
            )
        else:
            self._say_problem("no row could be imported: see why below")
        lines = []
        if imported.unmatched:
            count = len(imported.unmatched)
            these = "this e-mail" if count == 1 else f"these {count:,} e-mails"
            lines.append(f"Not matched: no rep of the app announced {these}")
            lines.extend(f"  {email}" for email in imported.unmatched[:UNMATCHED_SHOWN])
            if len(imported.unmatched) > UNMATCHED_SHOWN:
                lines.append(f"  … and {len(imported.unmatched) - UNMATCHED_SHOWN:,} more")
        if imported.problems:
            lines.append(f"Rows not imported ({len(imported.problems):,}):")
            lines.extend(f"  {problem}" for problem in imported.problems)
        self.outcome.setPlainText("\n".join(lines))
        self.outcome.setVisible(bool(lines))
        if imported.imported:
            self.import_finished.emit(imported)
        else:
            self.import_failed.emit("no row could be imported")

    def _on_import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(error, CrmImportError):
            message = str(error)
        else:  # one transaction: on a full disk the periods keep their earlier results
            full = disk_full_sentence(error, self._store.folder, "the import stopped", "nothing was imported")
            message = full or f"the import failed: {error}"
        self._say_problem(message)
        self.import_failed.emit(message)
