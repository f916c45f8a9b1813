"""The CRM import dialog on real exports: it previews the file with the guessed columns, refuses to import
until it knows enough, imports in the background and says who was matched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.store import Store
from enablement_app.store.models import RepPerformance
from tests.analytics.team_usage import ANA, BEN, CRM_EXPORT
from tests.analytics.usage_events import ingest
from tests.conftest import Clock
from tests.disk_full import disk_full_after
from ui.marketing.crm_import_dialog import NOT_IN_FILE, CrmImportDialog
from ui.tasks import TaskRunner

WAIT = 15_000


@pytest.fixture
def store(store: Store) -> Store:
    ingest(store, [ANA.profile(), BEN.profile()])  # two of the eight reps use the app
    refresh_rollups(store)
    return store


def open_dialog(qtbot: QtBot, store: Store, tasks: TaskRunner, path: Path) -> CrmImportDialog:
    dialog = CrmImportDialog(store, tasks, clock=Clock(), choose_file=lambda _parent: path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.file_read, timeout=WAIT):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    return dialog


def results(store: Store) -> list[tuple[str, str, float | None]]:
    with store.sessions() as session:
        rows = session.scalars(select(RepPerformance).order_by(RepPerformance.email))
        return [(row.email, row.period, row.quota_attainment) for row in rows]


def test_a_salesforce_export_is_previewed_mapped_and_imported(
    qtbot: QtBot, qtmodeltester: object, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    export = tmp_path / "salesforce.csv"
    export.write_bytes(CRM_EXPORT.replace("\n", "\r\n").encode("utf-16"))  # Excel's "Unicode text" encoding
    dialog = open_dialog(qtbot, store, tasks, export)
    assert (
        dialog.file_label.text() == "salesforce.csv: 8 lines under its column names (utf-16, ','-separated)"
    )
    model = dialog.preview_model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 8
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Owner Email\n→ Rep e-mail"
    assert model.index(0, 1).data() == ANA.email
    assert {field: combo.currentText() for field, combo in dialog.columns.items()} == {
        "email": "Owner Email",
        "name": "Opportunity Owner",
        "period": "Fiscal Period",
        "quota_attainment": "% of Quota",
        "win_rate": "Win Rate",
    }
    assert dialog.check.text() == "Ready to import 8 rows, each for the column 'Fiscal Period'."
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert finished.args is not None and finished.args[0].matched == 2
    assert dialog.check.text() == "<b>Imported the results of 8 reps for 2026-Q3.</b> 2 of them use the app."
    outcome = dialog.outcome.toPlainText().splitlines()
    assert outcome[0] == "Not matched: no rep of the app announced these 6 e-mails"
    assert "  cleo@lumora.example" in outcome
    assert results(store)[0] == (ANA.email, "2026-Q3", 1.4)


def test_import_waits_for_a_period_and_the_marketers_columns(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    export = tmp_path / "custom.csv"
    export.write_text(
        "Rep;Mail;Score;Backup\nAna;ana@lumora.example;0,9;x\nBob;bob;1,1;y\n", encoding="cp1252"
    )
    dialog = open_dialog(qtbot, store, tasks, export)
    assert dialog.columns["email"].currentText() == "Mail"
    assert dialog.columns["quota_attainment"].currentText() == NOT_IN_FILE
    assert not dialog.import_button.isEnabled()
    assert "No column of quota attainment or win rate was found" in dialog.check.text()

    dialog.columns["quota_attainment"].setCurrentText("Score")
    assert not dialog.import_button.isEnabled()
    assert "No period column was found: give the period the file is for" in dialog.check.text()
    qtbot.keyClicks(dialog.period, "Q4 2026")
    assert dialog.import_button.isEnabled()
    assert dialog.check.text() == "Ready to import 2 rows, each for the period typed above."
    assert dialog.preview_model.headerData(2, Qt.Orientation.Horizontal) == "Score\n→ Quota attainment"

    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert results(store) == [(ANA.email, "2026-Q4", 0.9)]
    assert dialog.outcome.toPlainText().splitlines()[-2:] == [
        "Rows not imported (1):",
        "  line 3: 'bob' is not an e-mail address",
    ]


def test_a_file_that_cannot_be_read_says_why(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    workbook = tmp_path / "report.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + bytes(200))
    dialog = open_dialog(qtbot, store, tasks, workbook)
    assert "Report.xlsx is an Excel workbook, not a CSV file: save it as CSV" in dialog.check.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.preview_model.rowCount() == 0

    only_bad = tmp_path / "bad.csv"
    only_bad.write_text("Email,Period,Win Rate\nnobody,2026-Q3,40%\n", encoding="utf-8")
    dialog.open_file(only_bad)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(dialog.import_failed, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "No row could be imported: see why below" in dialog.check.text()
    assert results(store) == []


def test_an_import_onto_a_full_disk_says_so_and_changes_nothing(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    export = tmp_path / "salesforce.csv"
    export.write_text(CRM_EXPORT, encoding="utf-8")
    dialog = open_dialog(qtbot, store, tasks, export)

    with disk_full_after(0), qtbot.waitSignal(dialog.import_failed, timeout=WAIT) as failed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert failed.args[0].startswith(f"the import stopped: the disk holding {store.folder} is full")
    assert failed.args[0].endswith("nothing was imported")
    assert results(store) == []
    assert dialog.import_button.isEnabled()  # room again: the same click imports
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(results(store)) == 8
