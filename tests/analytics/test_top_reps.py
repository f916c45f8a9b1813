"""Choosing the top reps from imported CRM results, and finding them among the app's reps by e-mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from enablement_app.analytics.crm_import import import_crm_export
from enablement_app.analytics.rollups import refresh_rollups
from enablement_app.analytics.top_reps import (
    TopRepSettings,
    TopRepSettingsError,
    load_top_rep_settings,
    save_top_rep_settings,
    select_top_reps,
    top_rep_ids,
)
from enablement_app.library.workspace import Workspace
from enablement_app.store import Store
from tests.analytics.usage_events import Rep, ingest
from tests.conftest import FIXED_NOW, Clock

REPS = {name: Rep(name) for name in ("Ana", "Ben", "Cleo", "Dev", "Eve", "Fay", "Gus", "Hal")}


def _crm(store: Store, clock: Clock, tmp_path: Path, rows: str, period: str = "2026-Q3") -> None:
    path = tmp_path / f"{period}.csv"
    path.write_text("Email,Quota Attainment,Win Rate\n" + rows, encoding="utf-8")
    import_crm_export(store, path, clock=clock, period=period)


def _announce(store: Store, *names: str) -> None:
    ingest(store, [REPS[name].profile() for name in names])
    refresh_rollups(store)


def test_the_top_quartile_by_quota_attainment_are_the_top_reps(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    store = workspace.store
    _announce(store, "Ana", "Ben", "Cleo", "Dev", "Eve", "Fay", "Gus")  # Hal does not use the app
    _crm(
        store,
        clock,
        tmp_path,
        "ana@lumora.example,130%,20%\nben@lumora.example,90%,60%\ncleo@lumora.example,80%,50%\n"
        "dev@lumora.example,70%,40%\neve@lumora.example,60%,30%\nfay@lumora.example,50%,20%\n"
        "gus@lumora.example,40%,10%\nhal@lumora.example,120%,10%\n",
    )
    top = select_top_reps(store)
    assert (top.period, top.crm_reps, top.ranked, top.cutoff) == ("2026-Q3", 8, 8, 1.2)
    assert top.top_emails == ("ana@lumora.example", "hal@lumora.example")  # ceil(0.25 * 8) = 2
    assert top.rep_ids == {REPS["Ana"].rep_id}
    assert top.other_rep_ids == {REPS[n].rep_id for n in ("Ben", "Cleo", "Dev", "Eve", "Fay", "Gus")}
    assert (top.unmatched, top.top_unmatched) == (("hal@lumora.example",), ("hal@lumora.example",))
    assert top.describe() == (
        "Top reps of 2026-Q3 (top 25% by quota attainment): 2 of 8 reps in the CRM import, 1 using the app"
    )

    by_win_rate = select_top_reps(store, TopRepSettings(fraction=0.3, metric="win_rate"))
    assert by_win_rate.top_emails == ("ben@lumora.example", "cleo@lumora.example", "dev@lumora.example")


def test_ties_at_the_cut_off_are_all_top_reps_whatever_the_files_order(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    store = workspace.store
    rows = ["gus@lumora.example,100%,", "ana@lumora.example,100%,", "ben@lumora.example,120%,"]
    rows += [f"rep{n}@lumora.example,{50 + n}%," for n in range(5)]
    _crm(store, clock, tmp_path, "\n".join(rows) + "\n")
    first = select_top_reps(store)  # ceil(0.25 * 8) = 2, and Ana ties with Gus at 100%
    assert first.top_emails == ("ben@lumora.example", "ana@lumora.example", "gus@lumora.example")
    _crm(store, clock, tmp_path, "\n".join(reversed(rows)) + "\n")
    assert select_top_reps(store).top_emails == first.top_emails


def test_reps_without_the_metric_are_not_ranked(workspace: Workspace, clock: Clock, tmp_path: Path) -> None:
    store = workspace.store
    _crm(
        store, clock, tmp_path, "ana@lumora.example,,40%\nben@lumora.example,,30%\ncleo@lumora.example,90%,\n"
    )
    top = select_top_reps(store)
    assert (top.crm_reps, top.ranked, top.top_emails) == (3, 1, ("cleo@lumora.example",))
    none_ranked = select_top_reps(store, TopRepSettings(period="2026-Q3", metric="win_rate"))
    assert none_ranked.top_emails == ("ana@lumora.example",)


def test_the_latest_import_is_the_default_period_and_a_chosen_one_stays(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    store = workspace.store
    _announce(store, "Ana", "Ben")
    _crm(store, clock, tmp_path, "ana@lumora.example,90%,\nben@lumora.example,80%,\n", period="2026-Q3")
    clock.now = FIXED_NOW + dt.timedelta(hours=1)
    _crm(store, clock, tmp_path, "ana@lumora.example,50%,\nben@lumora.example,80%,\n", period="2026-Q2")
    assert top_rep_ids(store) == {REPS["Ben"].rep_id}  # Q2 was imported last

    save_top_rep_settings(store, TopRepSettings(period="2026-Q3"))
    assert load_top_rep_settings(store) == TopRepSettings(period="2026-Q3")
    assert top_rep_ids(store) == {REPS["Ana"].rep_id}

    save_top_rep_settings(store, TopRepSettings(period="2025-Q4"))
    nothing = select_top_reps(store)
    assert (nothing.rep_ids, nothing.describe()) == (frozenset(), "No CRM results imported for 2025-Q4")


def test_nothing_imported_means_no_top_reps(workspace: Workspace) -> None:
    top = select_top_reps(workspace.store)
    assert (top.period, top.rep_ids, top.top_emails) == (None, frozenset(), ())
    assert top.describe() == "No CRM results imported: import a CRM export to find top reps"


def test_a_rep_on_two_computers_counts_with_both(workspace: Workspace, clock: Clock, tmp_path: Path) -> None:
    store = workspace.store
    laptop, desktop = Rep("Ana Ruiz"), Rep("Ana Ruiz")  # two data folders, two rep ids, one e-mail
    ingest(store, [laptop.profile(), desktop.profile(email="ANA@lumora.example")])
    refresh_rollups(store)
    _crm(store, clock, tmp_path, "ana@lumora.example,90%,\nben@lumora.example,80%,\n")
    assert top_rep_ids(store, TopRepSettings(fraction=0.5)) == {laptop.rep_id, desktop.rep_id}


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"fraction": 0}, "above 0 and at most 1"),
        ({"fraction": 1.5}, "above 0 and at most 1"),
        ({"metric": "revenue"}, "'revenue' is not a metric; use one of quota_attainment, win_rate"),
    ],
)
def test_settings_that_cannot_be_used_say_why(settings: dict[str, object], message: str) -> None:
    with pytest.raises(TopRepSettingsError, match=message):
        TopRepSettings(**settings)  # type: ignore[arg-type]
