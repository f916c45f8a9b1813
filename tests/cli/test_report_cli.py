"""`enablement report ...` and `enablement crm ...` on a team whose figures are known by construction."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from enablement_app.cli.main import EXIT_BAD_DATA, EXIT_NOT_FOUND, cli
from enablement_app.store import Store, open_store
from enablement_app.store.models import Asset, RepPerformance
from enablement_app.sync.folder_hub import FolderHub
from tests.analytics.team_usage import CRM_EXPORT, add_assets, build_team, team_events
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import Clock

AS_OF = ("--as-of", "2026-11-02")


def _invoke(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data), *args], catch_exceptions=False)


def _store(data: Path) -> Store:
    data.mkdir(parents=True, exist_ok=True)
    return open_store(data / "library.sqlite3")


@pytest.fixture
def team(tmp_path: Path) -> Path:
    data = tmp_path / "marketer"
    store = _store(data)
    try:
        build_team(store, Clock(), tmp_path)
    finally:
        store.close()
    return data


def _csv(result: Result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))


def test_each_report_prints_its_table_with_the_known_ranking(team: Path) -> None:
    top = _invoke(team, "report", "top-reps", *AS_OF)
    assert top.exit_code == 0, top.output
    lines = top.output.splitlines()
    assert lines[0] == "Assets top reps use"
    assert lines[1] == (
        "Top reps of 2026-Q3 (top 25% by quota attainment): 2 of 8 reps in the CRM import, 2 using the app"
    )
    table = lines[lines.index("") + 1 :]
    assert table[0].split()[:5] == ["Asset", "Top", "reps", "Other", "reps"]
    assert [line.split("  ")[0] for line in table[1:]] == ["Secret weapon", "Champion deck", "Price list"]
    assert "100%         17%  6.0×" in table[2]
    assert table[1].endswith("only top reps used it")

    dead = _invoke(team, "report", "dead-content", *AS_OF).output.splitlines()
    assert dead[1] == "3 of 6 approved assets (50%) used in the last 90 days"
    assert [line.split("  ")[0] for line in dead[4:]] == [
        "Industry report",
        "Onboarding guide",
        "Old brochure",
    ]

    gaps = _invoke(team, "report", "content-gaps", *AS_OF, "--limit", "2").output.splitlines()
    assert [line.split()[:4] for line in gaps[4:]] == [
        ["SOC", "2", "report", "3"],
        ["roi", "calculator", "2", "2"],
    ]

    ratings = _invoke(team, "report", "ratings", *AS_OF).output
    assert ["Price", "list", "Eve", "Stone", "3", "fixed", "now", "2026-11-01"] in [
        line.split() for line in ratings.splitlines()
    ]

    alignment = _invoke(team, "report", "alignment", *AS_OF, "--months", "2").output.splitlines()
    assert alignment[5].split() == ["2026-10", "14", "1", "8", "3", "7", "2.6"]
    assert alignment[6].split() == ["2026-11", "0", "0", "0", "0", "1", "3.0"]


def test_csv_holds_every_column_as_plain_numbers(team: Path, tmp_path: Path) -> None:
    rows = _csv(_invoke(team, "report", "top-reps", *AS_OF, "--csv"))
    assert rows[0][:4] == ["Asset", "Top reps (%)", "Other reps (%)", "Lift"]
    assert rows[0][-2:] == ["Note", "Path"]
    assert rows[1][:4] == ["Secret weapon", "50.0", "0.0", ""]
    assert rows[2][:4] == ["Champion deck", "100.0", "16.7", "6.00"]
    assert [row[0] for row in rows[1:]] == ["Secret weapon", "Champion deck", "Price list"]

    stages = _csv(_invoke(team, "report", "alignment", *AS_OF, "--csv", "--table", "stages"))
    assert stages == [
        ["Stage", "Approved assets", "Used", "Share used (%)"],
        ["awareness", "2", "0", "0.0"],
        ["consideration", "1", "1", "100.0"],
        ["decision", "2", "2", "100.0"],
        ["(no stage)", "1", "0", "0.0"],
    ]
    comments = _csv(_invoke(team, "report", "ratings", *AS_OF, "--csv", "--table", "comments"))
    assert comments[1] == ["Secret weapon", "Ben Okafor", "2", "", "too long", "2026-10-17"]

    out = tmp_path / "gaps.csv"
    written = _invoke(team, "report", "content-gaps", *AS_OF, "--output", str(out))
    assert written.exit_code == 0 and written.stdout == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbfSearch,Reps,Searches")
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == "SOC 2 report,3,3,3,0,2026-10-26"

    wrong = _invoke(team, "report", "ratings", "--csv", "--table", "months")
    assert wrong.exit_code == 2
    assert "'months' is not a table of this report; use assets, comments" in wrong.output


def test_reports_count_what_was_ingested_since_the_last_refresh(tmp_path: Path) -> None:
    data = tmp_path / "marketer"
    store = _store(data)
    try:
        add_assets(store)
        ingest(store, team_events())  # no refresh: the report must count these itself
    finally:
        store.close()
    dead = _invoke(data, "report", "dead-content", *AS_OF)
    assert dead.output.splitlines()[1] == "3 of 6 approved assets (50%) used in the last 90 days"


def test_empty_data_says_what_to_do_instead_of_an_empty_table(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    for name in ("top-reps", "content-gaps", "ratings", "alignment"):
        result = _invoke(data, "report", name)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[1] == (
            "No usage ingested yet: run `enablement hub ingest` to pull reps' usage from the hub."
        )
    dead = _invoke(data, "report", "dead-content")
    assert dead.output.splitlines()[1].startswith("No approved assets in the library: index the collateral")

    as_csv = _invoke(data, "report", "content-gaps", "--csv")
    assert as_csv.stdout.splitlines() == ["Search,Reps,Searches,Found nothing,Nothing opened,Last week"]
    assert "No usage ingested yet" in as_csv.stderr

    store = _store(data)
    try:
        ingest(store, [Rep("Solo Rep").event("open", "f" * 32)])
    finally:
        store.close()
    no_crm = _invoke(data, "report", "top-reps")
    assert no_crm.output.splitlines()[1].startswith(
        "No CRM results imported yet, so there are no top reps: import"
    )
    no_gaps = _invoke(data, "report", "content-gaps")
    assert no_gaps.output.splitlines()[-1] == "No searches in the last 90 days."


def test_a_long_table_is_cut_in_the_terminal_and_whole_in_csv(tmp_path: Path) -> None:
    data = tmp_path / "marketer"
    store = _store(data)
    try:
        rep = Rep("Solo Rep")
        ingest(
            store,
            [rep.event("search", None, query=f"missing topic {n:03d}", result_count=0) for n in range(103)],
        )
    finally:
        store.close()
    shown = _invoke(data, "report", "content-gaps", "--limit", "500").output.splitlines()
    assert shown[-1] == "… and 3 more rows: --csv writes them all"
    assert shown[-2].startswith("missing topic 099")  # as typed, in order as they read
    assert len(_csv(_invoke(data, "report", "content-gaps", "--limit", "500", "--csv"))) == 104


def test_crm_import_says_what_it_imported_matched_and_refused(team: Path, tmp_path: Path) -> None:
    export = tmp_path / "q4.csv"
    export.write_text(
        '"Opportunity Owner","Owner Email","Fiscal Period","% of Quota","Win Rate"\n'
        '"Ana Ruiz","ana@lumora.example","Q4-2026","112%","45%"\n'
        '"Zed Nobody","zed@lumora.example","Q4-2026","87,5 %","30%"\n'
        '"Bad Row","nope","Q4-2026","x",""\n'
        "\n"
        '"Grand Totals (3 records)"\n'
        "\n"
        '"Confidential Information - Do Not Distribute"\n',
        encoding="cp1252",
    )
    result = _invoke(team, "crm", "import", str(export))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Imported the results of 2 reps for 2026-Q4 from q4.csv.",
        (
            "Columns: rep e-mail from 'Owner Email', rep name from 'Opportunity Owner', period from 'Fiscal "
            "Period', quota attainment from '% of Quota', win rate from 'Win Rate'"
        ),
        "Matched to reps who use the app: 1 of 2.",
        "No rep of the app announced these e-mails (not matched): zed@lumora.example",
        "1 row not imported:",
        "  line 4: 'nope' is not an e-mail address",
        "Skipped 4 lines without a rep (blank, titles, totals, footer).",
        "Top reps of 2026-Q4 (top 25% by quota attainment): 1 of 2 reps in the CRM import, 1 using the app",
    ]

    mapped = tmp_path / "custom.csv"
    mapped.write_text("Rep,Mail,Score\nBen,ben@lumora.example,0.9\n", encoding="utf-8")
    result = _invoke(
        team,
        "crm",
        "import",
        str(mapped),
        "--map",
        "email=mail",
        "--map",
        "quota_attainment=Score",
        "--period",
        "2026-Q4",
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Imported the results of 1 rep for 2026-Q4 from custom.csv (replacing 2 imported before)."
    )
    store = _store(team)
    try:
        with store.sessions() as session:
            q4 = session.scalars(select(RepPerformance).where(RepPerformance.period == "2026-Q4")).all()
            assert [(row.email, row.quota_attainment) for row in q4] == [("ben@lumora.example", 0.9)]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("missing.csv",), EXIT_NOT_FOUND, "missing.csv does not exist"),
        (("bad.csv",), EXIT_BAD_DATA, "no row of bad.csv could be imported"),
        (("bad.csv", "--map", "email=Mail"), EXIT_BAD_DATA, "the file has no column 'Mail'"),
        (("nopriod.csv",), EXIT_BAD_DATA, "no period column was found: give the period"),
        (("bad.csv", "--map", "stars=Email"), 2, "unknown field 'stars'"),
    ],
)
def test_crm_import_mistakes_are_one_sentence(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    (tmp_path / "bad.csv").write_text("Email,Period,Win Rate\nnobody,2026-Q3,40%\n", encoding="utf-8")
    (tmp_path / "nopriod.csv").write_text("Email,Win Rate\nana@x.example,40%\n", encoding="utf-8")
    paths = [str(tmp_path / arg) if arg.endswith(".csv") else arg for arg in args]
    result = _invoke(tmp_path / "data", "crm", "import", *paths)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_crm_top_reps_shows_and_keeps_the_choice(team: Path) -> None:
    shown = _invoke(team, "crm", "top-reps")
    assert shown.exit_code == 0, shown.output
    assert "     140%  Ana Ruiz <ana@lumora.example>" in shown.output
    assert "Imported periods, newest import first: 2026-Q3 (8 reps, 2026-11-02)" in shown.output

    changed = _invoke(team, "crm", "top-reps", "--fraction", "0.5", "--metric", "win_rate")
    assert (
        changed.output.splitlines()[0]
        == "Saved: top reps are the top 50% by win rate, of the period imported last."
    )
    report = _csv(_invoke(team, "report", "top-reps", *AS_OF, "--csv"))
    assert [row[0] for row in report[1:]] == ["Champion deck", "Secret weapon", "Price list"]

    assert _invoke(team, "crm", "top-reps", "--fraction", "1.5").exit_code == 2
    both = _invoke(team, "crm", "top-reps", "--period", "2026-Q3", "--latest-period")
    assert both.exit_code == 2 and "not both" in both.output
    missing = _invoke(team, "crm", "top-reps", "--period", "2025-Q1")
    assert "No CRM results imported for 2025-Q1" in missing.output


def test_publish_marks_the_top_reps_pick_from_the_crm_import(tmp_path: Path, library: Path) -> None:
    marketer = tmp_path / "marketer"
    assert _invoke(marketer, "hub", "connect", "--create", str(tmp_path / "hub")).exit_code == 0
    assert _invoke(marketer, "hub", "init").exit_code == 0
    assert _invoke(marketer, "index", str(library)).exit_code == 0
    store = _store(marketer)
    try:
        with store.sessions() as session:
            deck = session.scalar(select(Asset.id).where(Asset.path == "Decks/forecast-pitch.pptx"))
        assert deck is not None
        ana, ben = Rep("Ana Ruiz"), Rep("Ben Okafor")
        ingest(
            store,
            [
                ana.profile(),
                ben.profile(),
                *(ana.event("open", deck) for _ in range(5)),
                ben.event("open", deck),
            ],
        )
    finally:
        store.close()
    unpicked = _invoke(marketer, "hub", "publish")
    assert unpicked.exit_code == 0, unpicked.output
    assert (
        unpicked.output.splitlines()[1]
        == "No top reps' picks: no CRM results imported yet (`enablement crm import FILE`)"
    )

    (tmp_path / "crm.csv").write_text(CRM_EXPORT, encoding="utf-8")
    assert _invoke(marketer, "crm", "import", str(tmp_path / "crm.csv")).exit_code == 0
    published = _invoke(marketer, "hub", "publish")
    assert published.exit_code == 0, published.output
    assert published.output.splitlines()[1] == (
        "Top reps of 2026-Q3 (top 25% by quota attainment): 2 of 8 reps in the CRM import, "
        '2 using the app; 1 asset marked "Top reps\' pick", 1 asset used by top reps this quarter'
    )
    aggregates = FolderHub(tmp_path / "hub").aggregates()
    assert aggregates is not None
    figures = aggregates.assets[deck]
    assert (figures.opens, figures.top_rep_opens, figures.top_reps_pick) == (6, 6, True)
