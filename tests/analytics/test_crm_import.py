"""Importing reps' results from CRM exports as Salesforce and Excel write them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from enablement_app.analytics.crm_import import (
    CrmImportError,
    RowProblem,
    guess_mapping,
    import_crm_export,
    imported_periods,
    parse_crm_export,
    parse_number,
    parse_rows,
    resolve_mapping,
)
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.library.workspace import Workspace
from enablement_app.store import Store
from enablement_app.store.models import RepPerformance
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW, Clock

# A Salesforce "Details Only" export: quoted cells, then the footer Salesforce appends under the rows.
SALESFORCE = """\
"Opportunity Owner","Owner Email","Fiscal Period","% of Quota","Win Rate"
"Ana Ruiz","Ana@Lumora.example","Q3-2026","112%","45%"
"Ben Okafor","ben@lumora.example","Q3-2026","87.5%","30%"
"Cleo Park","cleo@lumora.example","Q3-2026","64%",""

"Grand Totals (3 records)"

"Confidential Information - Do Not Distribute"
"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
"""

# Excel in a German locale: semicolons, decimal commas, "87,5 %", dates day-first.
EXCEL_GERMAN = """\
E-Mail;Name;Close Date;Attainment %;Win %
ana@lumora.example;Ana Ruiz;30.09.2026;112 %;0,45
ben@lumora.example;Ben Okafor;15.08.2026;87,5 %;0,3
"""


def _results(store: Store) -> dict[tuple[str, str], tuple[str, float | None, float | None]]:
    with store.sessions() as session:
        return {
            (row.email, row.period): (row.name, row.quota_attainment, row.win_rate)
            for row in session.scalars(select(RepPerformance))
        }


def _write(tmp_path: Path, data: bytes, name: str = "report.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_salesforce_export_is_imported_and_its_footer_ignored(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    store = workspace.store
    ana = Rep("Ana Ruiz")
    ingest(store, [ana.profile(email="ana@lumora.example")])
    refresh_rollups(store)

    report = import_crm_export(store, _write(tmp_path, SALESFORCE.encode()), clock=clock)

    assert (report.imported, report.periods, report.replaced, report.problems) == (3, ("2026-Q3",), 0, ())
    assert report.ignored_lines == 5  # blank lines, the grand total and Salesforce's two footer lines
    assert report.mapping == {
        "email": "Owner Email",
        "name": "Opportunity Owner",
        "period": "Fiscal Period",
        "quota_attainment": "% of Quota",
        "win_rate": "Win Rate",
    }
    assert (report.matched, report.unmatched) == (1, ("ben@lumora.example", "cleo@lumora.example"))
    assert _results(store) == {
        ("ana@lumora.example", "2026-Q3"): ("Ana Ruiz", 1.12, 0.45),
        ("ben@lumora.example", "2026-Q3"): ("Ben Okafor", 0.875, 0.3),
        ("cleo@lumora.example", "2026-Q3"): ("Cleo Park", 0.64, None),
    }
    assert imported_periods(store) == [("2026-Q3", 3, FIXED_NOW)]


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "cp1252"],
)
def test_excels_encodings_and_a_semicolon_locale_read_alike(
    workspace: Workspace, clock: Clock, tmp_path: Path, encoding: str
) -> None:
    text = EXCEL_GERMAN.replace("Ana Ruiz", "Ána Ruíz")
    table = parse_crm_export(text.encode(encoding))
    assert table.delimiter == ";"
    assert table.headers == ("E-Mail", "Name", "Close Date", "Attainment %", "Win %")
    report = import_crm_export(store := workspace.store, _write(tmp_path, text.encode(encoding)), clock=clock)
    assert report.problems == ()
    # close dates become calendar quarters; 30.09 is day-first, so 15.08 is too
    assert _results(store) == {
        ("ana@lumora.example", "2026-Q3"): ("Ána Ruíz", 1.12, 0.45),
        ("ben@lumora.example", "2026-Q3"): ("Ben Okafor", 0.875, 0.3),
    }


def test_tabs_and_utf16_without_a_byte_order_mark(tmp_path: Path) -> None:
    text = "Email\tPeriod\tQuota Attainment\nana@lumora.example\t2026 Q2\t0.93\n"
    table = parse_crm_export(text.encode("utf-16-le"))
    assert (table.encoding, table.delimiter) == ("utf-16-le", "\t")
    parsed = parse_rows(table, guess_mapping(table.headers))
    assert [(r.email, r.period, r.quota_attainment) for r in parsed.results] == [
        ("ana@lumora.example", "2026-Q2", 0.93)
    ]


@pytest.mark.parametrize(
    ("typed", "value", "percent"),
    [
        ("87%", 87.0, True),
        ("87.5 %", 87.5, True),
        ("0.87", 0.87, False),
        ("1,05", 1.05, False),
        ("1.234,5 %", 1234.5, True),
        ("1,234.5%", 1234.5, True),
        ("87\u00a0%", 87.0, True),
    ],
)
def test_numbers_as_crms_write_them(typed: str, value: float, percent: bool) -> None:
    assert parse_number(typed) == (pytest.approx(value), percent)


def test_salesforce_column_names_are_recognised() -> None:
    assert guess_mapping(["User: Full Name", "User: Email", "Period", "Quota Attainment", "Win %"]) == {
        "email": "User: Email",
        "name": "User: Full Name",
        "period": "Period",
        "quota_attainment": "Quota Attainment",
        "win_rate": "Win %",
    }
    assert guess_mapping(["Opportunity Owner: Email", "Close Date", "Attainment %"]) == {
        "email": "Opportunity Owner: Email",
        "period": "Close Date",
        "quota_attainment": "Attainment %",
    }
    # Data Loader writes API names
    assert guess_mapping(["Owner.Email", "Quota_Attainment__c", "Win_Rate__c", "Fiscal_Period__c"]) == {
        "email": "Owner.Email",
        "period": "Fiscal_Period__c",
        "quota_attainment": "Quota_Attainment__c",
        "win_rate": "Win_Rate__c",
    }


def test_bad_rows_are_reported_with_their_line_and_the_rest_imported(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    text = (
        "Email,Period,Quota Attainment,Win Rate\n"
        "ana@lumora.example,2026-Q3,110%,40%\n"
        "Ben Okafor,2026-Q3,90%,30%\n"  # 3: a name where the e-mail goes
        ",2026-Q3,80%,20%\n"  # 4: no e-mail
        "cleo@lumora.example,2026-Q3,lots,20%\n"  # 5
        "dev@lumora.example,2026-Q3,,\n"  # 6: nothing to rank by
        "eve@lumora.example,2026-Q3,95%,130%\n"  # 7
        "fay@lumora.example,,95%,30%\n"  # 8: no period
        '"gus@lumora.example","2026-Q3","1,2",\n'  # 9: fine
        "ana@lumora.example,2026-Q3,50%,10%\n"  # 10: Ana again
    )
    report = import_crm_export(workspace.store, _write(tmp_path, text.encode()), clock=clock)
    assert report.imported == 2
    assert report.problems == (
        RowProblem(3, "'Ben Okafor' is not an e-mail address"),
        RowProblem(4, "no e-mail"),
        RowProblem(5, "quota attainment 'lots' is not a number"),
        RowProblem(6, "no quota attainment or win rate"),
        RowProblem(7, "win rate '130%' is over 100%"),
        RowProblem(8, "no period"),
        RowProblem(10, "ana@lumora.example has a row for 2026-Q3 on line 2 already"),
    )
    assert _results(workspace.store)[("gus@lumora.example", "2026-Q3")] == ("", 1.2, None)


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers_true(tmp_path: Path) -> None:
    text = 'Email,Name,Period,Win Rate\nana@lumora.example,"Ana\nRuiz",2026-Q3,40%\nnot-an-email,Ben,2026-Q3,30%\n'
    table = parse_crm_export(text.encode())
    parsed = parse_rows(table, guess_mapping(table.headers))
    assert [r.name for r in parsed.results] == ["Ana Ruiz"]
    assert parsed.problems == (RowProblem(4, "'not-an-email' is not an e-mail address"),)


def test_bare_percentages_and_us_dates(tmp_path: Path) -> None:
    text = (
        "Email,Close Date,Attainment,Win Rate\nana@x.example,9/30/2026,112,45\nben@x.example,1/5/2026,87,30\n"
    )
    table = parse_crm_export(text.encode())
    parsed = parse_rows(table, guess_mapping(table.headers))
    assert [(r.period, r.quota_attainment, r.win_rate) for r in parsed.results] == [
        ("2026-Q3", 1.12, 0.45),
        ("2026-Q1", 0.87, 0.3),
    ]


def test_reimporting_a_period_replaces_it_and_other_periods_stay(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    store = workspace.store
    import_crm_export(store, _write(tmp_path, SALESFORCE.encode()), clock=clock)
    q2 = "Email,Win Rate\nana@lumora.example,20%\n"
    import_crm_export(store, _write(tmp_path, q2.encode(), "q2.csv"), clock=clock, period="Q2 2026")
    clock.now = FIXED_NOW + dt.timedelta(days=1)
    corrected = "Email,% of Quota\nben@lumora.example,99%\n"
    report = import_crm_export(
        store, _write(tmp_path, corrected.encode(), "fix.csv"), clock=clock, period="2026-Q3"
    )
    assert (report.imported, report.replaced) == (1, 3)
    assert _results(store) == {
        ("ana@lumora.example", "2026-Q2"): ("", None, 0.2),
        ("ben@lumora.example", "2026-Q3"): ("", 0.99, None),
    }
    assert [period for period, *_ in imported_periods(store)] == ["2026-Q3", "2026-Q2"]


def test_an_import_of_only_bad_rows_changes_nothing(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    store = workspace.store
    import_crm_export(store, _write(tmp_path, SALESFORCE.encode()), clock=clock)
    bad = "Email,Fiscal Period,% of Quota\nnobody,Q3-2026,10%\n"
    report = import_crm_export(store, _write(tmp_path, bad.encode(), "bad.csv"), clock=clock)
    assert (report.imported, report.replaced, len(report.problems)) == (0, 0, 1)
    assert len(_results(store)) == 3


def test_the_marketers_mapping_wins_over_the_guesses() -> None:
    headers = ["Owner", "Owner Email", "Backup Email", "Fiscal Period", "Attainment", "Custom Score"]
    mapping = resolve_mapping(
        headers, {"email": "backup email", "quota_attainment": "Custom Score", "name": ""}
    )
    assert mapping == {
        "email": "Backup Email",
        "period": "Fiscal Period",
        "quota_attainment": "Custom Score",
    }
    with pytest.raises(CrmImportError, match="no column 'Quota'; its columns are 'Owner', 'Owner Email'"):
        resolve_mapping(headers, {"quota_attainment": "Quota"})
    with pytest.raises(CrmImportError, match="'stars' is not a field to map"):
        resolve_mapping(headers, {"stars": "Owner"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("Name,Period,Win Rate\nAna,2026-Q3,40%\n", "no column of rep e-mails"),
        ("Email,Period,Region\nana@x.example,2026-Q3,EMEA\n", "no column of quota attainment or win rate"),
        ("Email,Win Rate\nana@x.example,40%\n", "no period column was found: give the period"),
        ("Email,Period,Win Rate\n", "has column names but no rows"),
    ],
)
def test_files_that_cannot_be_imported_say_why(
    workspace: Workspace, clock: Clock, tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(CrmImportError, match=message):
        import_crm_export(workspace.store, _write(tmp_path, text.encode()), clock=clock)


def test_a_missing_file_and_a_spreadsheet_say_so(workspace: Workspace, clock: Clock, tmp_path: Path) -> None:
    with pytest.raises(CrmImportError, match="does not exist"):
        import_crm_export(workspace.store, tmp_path / "nope.csv", clock=clock)
    xlsx = _write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00\x08\x00" * 50, "report.xlsx")
    with pytest.raises(
        CrmImportError, match=re.escape("report.xlsx is an Excel workbook, not a CSV file: save it as CSV")
    ):
        import_crm_export(workspace.store, xlsx, clock=clock)
    binary = _write(tmp_path, bytes(range(256)) * 8, "photo.jpg")
    with pytest.raises(CrmImportError, match=re.escape("photo.jpg is not a CSV file")):
        import_crm_export(workspace.store, binary, clock=clock)
