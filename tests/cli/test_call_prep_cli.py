"""`enablement call-prep`: the short list a rep reads before a call, headless, from the data folder's copy
of marketing's figures; without figures it says so and still lists the best fits."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner, Result

from enablement_app.cli.main import EXIT_NOTHING_FOUND, cli
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.sync.hub import Aggregates, AssetFigures
from tests.conftest import FIXED_NOW, Clock


def _invoke(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data), *args], catch_exceptions=False)


def _publish_figures(data: Path, figures: dict[str, dict[str, object]]) -> None:
    """What the rep's sync keeps of marketing's figures, by asset title."""
    with Workspace(DataPaths(data), clock=Clock(), workers=1) as workspace:
        ids = {card.title: card.id for card in workspace.library_search.cards().values()}
        workspace.hub_publications.accept_figures(
            Aggregates(
                FIXED_NOW - dt.timedelta(hours=1),
                {ids[title]: AssetFigures.from_json(ids[title], values) for title, values in figures.items()},
            )
        )


def test_call_prep_lists_what_top_reps_used_with_their_best_pages(tmp_path: Path, library: Path) -> None:
    data = tmp_path / "data"
    assert _invoke(data, "index", str(library)).exit_code == 0

    before = _invoke(data, "call-prep", "--persona", "cfo", "--stage", "Decision")
    assert before.exit_code == 0, before.output
    lines = before.output.splitlines()
    assert lines[0] == "Call prep for CFO · decision"
    assert lines[1].startswith("No top-rep figures have been published yet")
    assert "1. Pricing sheet 2026  (PDF, Pricing/pricing-2026.pdf)" in before.output
    assert "Lumora Forecast pitch deck" not in before.output  # a CRO deck for consideration

    _publish_figures(
        data,
        {
            "Pricing sheet 2026": {
                "opens": 40,
                "top_reps_this_quarter": 3,
                "top_rep_shares": 2,
                "best_pages": [2, 1],
            },
            "Lumora Forecast pitch deck": {"opens": 90, "top_reps_this_quarter": 5, "best_pages": [3]},
        },
    )
    after = _invoke(
        data, "call-prep", "--about", "A regional bank: the CFO wants the contract signed this month"
    )
    assert after.exit_code == 0, after.output
    assert after.output.splitlines()[:2] == [
        "Call prep for CFO · decision",
        "From the description: persona CFO (from “CFO”), stage decision (from “contract”)",
    ]
    assert "used by 3 of the top reps this quarter · shared 2 times" in after.output
    assert "best pages: 2, 1" in after.output

    as_json = json.loads(_invoke(data, "call-prep", "--stage", "consideration", "--json").output)
    assert as_json["ranked_by_top_reps"] is True and as_json["notice"] is None
    assert [(item["title"], item["best_pages"]) for item in as_json["assets"]] == [
        ("Lumora Forecast pitch deck", [3])
    ]


def test_call_prep_says_what_is_wrong_in_a_sentence(tmp_path: Path, library: Path) -> None:
    data = tmp_path / "data"
    _invoke(data, "index", str(library))
    unknown = _invoke(data, "call-prep", "--persona", "Astronaut")
    assert unknown.exit_code == 2
    assert (
        unknown.output.strip()
        == "error: no approved asset has the persona 'Astronaut'; the library has: CFO, CRO"
    )
    nothing = _invoke(data, "call-prep", "--persona", "CRO", "--stage", "decision")
    assert nothing.exit_code == EXIT_NOTHING_FOUND
    assert "No approved asset fits CRO · decision: set one of the choices to Any." in nothing.output
