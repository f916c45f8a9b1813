"""The alignment dashboard's figures are the alignment report's table rows, read back by column."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from enablement_app.analytics.alignment_charts import alignment_figures
from enablement_app.analytics.report_views import ReportParams, build_report
from enablement_app.analytics.reports import alignment_report
from enablement_app.library.workspace import Workspace
from tests.analytics.team_usage import TODAY, build_team
from tests.conftest import Clock


def test_the_figures_are_the_reports_months_and_stages(
    workspace: Workspace, clock: Clock, tmp_path: Path
) -> None:
    store = workspace.store
    build_team(store, clock, tmp_path)
    view = build_report(store, "alignment", TODAY, ReportParams(months=6, days=30))
    figures = alignment_figures(view, today=TODAY, days=30)
    report = alignment_report(store, TODAY, months=6, days=30)

    assert [dataclasses.astuple(month) for month in figures.months] == [
        dataclasses.astuple(month) for month in report.months
    ]
    assert [(s.stage, s.approved, s.used, s.share_used) for s in figures.stages] == [
        (s.stage, s.approved, s.used, s.share_used) for s in report.stages
    ]
    october = figures.months[-2]
    assert (october.name, october.average_rating) == ("October 2026", pytest.approx(18 / 7))
    assert figures.has_usage and figures.has_ratings
    assert figures.is_running(figures.months[-1]) and not figures.is_running(october)
    assert view.table("months").column("Opens") == (0, 0, 0, 0, 14, 0)
    with pytest.raises(KeyError):
        view.table("months").column("Revenue")


def test_an_empty_library_and_no_usage_give_empty_figures(workspace: Workspace) -> None:
    view = build_report(workspace.store, "alignment", TODAY, ReportParams(months=1))
    figures = alignment_figures(view, today=TODAY, days=90)
    assert [m.month for m in figures.months] == [dt.date(2026, 11, 1)]
    assert figures.stages == ()
    assert not figures.has_usage and not figures.has_ratings
    assert figures.months[0].average_rating is None
