"""`enablement tips`: marketing lists reps' tips from a real folder hub, promotes and unpromotes them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import select

from enablement_app.cli.main import cli
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset
from enablement_app.usage.profile import RepProfile, save_profile


def _invoke(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data), *args], catch_exceptions=False)


def _write_tip(data: Path, library: Path) -> str:
    """A rep indexes the library and writes a tip on slide 2 of the pitch deck; returns its id."""
    with Workspace(DataPaths(data), workers=1) as workspace:
        workspace.index(library)
        with workspace.store.sessions() as session:
            deck = session.scalar(select(Asset.id).where(Asset.path == "Decks/forecast-pitch.pptx"))
        assert deck is not None
        profile = save_profile(
            workspace.store,
            RepProfile.new(name="Dana Reyes", email="dana@lumora.example", team="Enterprise West"),
        )
        recorder = workspace.open_recorder(profile)
        event = recorder.record_tip(deck, 1, "Demo the pipeline view before pricing", page=2)
        assert recorder.flush()
        return str(event.details["tip_id"])


def test_marketing_lists_promotes_and_unpromotes_a_reps_tip(tmp_path: Path, library: Path) -> None:
    hub, marketer, dana = (tmp_path / name for name in ("hub", "marketer", "dana"))
    assert _invoke(marketer, "hub", "connect", "--create", str(hub)).exit_code == 0
    assert _invoke(marketer, "index", str(library), "-q").exit_code == 0
    assert _invoke(marketer, "tips", "list").output.startswith("No field tips yet")

    tip_id = _write_tip(dana, library)
    assert _invoke(dana, "hub", "connect", str(hub)).exit_code == 0
    assert _invoke(dana, "sync").exit_code == 0
    assert _invoke(marketer, "hub", "ingest").exit_code == 0

    listed = _invoke(marketer, "tips", "list")
    assert listed.exit_code == 0, listed.output
    assert (
        f"{tip_id[:8]}  [not promoted]  Dana Reyes, Enterprise West on Lumora Forecast pitch deck, page 2"
        in (listed.output)
    )
    assert "“Demo the pipeline view before pricing”" in listed.output

    too_long = _invoke(marketer, "tips", "promote", tip_id[:8], "--text", "x" * 281)
    assert too_long.exit_code == 2
    assert "at most 280 characters" in too_long.output and "Traceback" not in too_long.output
    unknown = _invoke(marketer, "tips", "promote", "ffffffff")
    assert unknown.exit_code == 2 and "No field tip has the id 'ffffffff'" in unknown.output

    promoted = _invoke(
        marketer, "tips", "promote", tip_id[:8], "--text", "Demo the pipeline first", "--by", "Maria"
    )
    assert promoted.exit_code == 0, promoted.output
    catalog = json.loads((library / "catalog.json").read_text())
    assert [(tip["tip_id"], tip["text"], tip["author"], tip["page"], tip["promoted_by"]) for tip in catalog["field_tips"]] == [
        (tip_id, "Demo the pipeline first", "Dana Reyes", 2, "Maria")
    ]  # fmt: skip
    listed = _invoke(marketer, "tips", "list", "--json")
    [row] = json.loads(listed.output)
    assert (row["tip_id"], row["withdrawn"], row["promoted"]["text"]) == (
        tip_id,
        False,
        "Demo the pipeline first",
    )

    assert _invoke(marketer, "tips", "unpromote", tip_id).exit_code == 0
    assert "field_tips" not in json.loads((library / "catalog.json").read_text())
    assert _invoke(marketer, "tips", "unpromote", tip_id).exit_code == 2


def test_a_rep_adds_lists_and_withdraws_their_tips_from_a_terminal(tmp_path: Path, library: Path) -> None:
    hub, marketer, dana = (tmp_path / name for name in ("hub", "marketer", "dana"))
    assert _invoke(dana, "index", str(library), "-q").exit_code == 0
    no_profile = _invoke(dana, "tips", "add", "Decks/forecast-pitch.pptx", "Open with slide 2")
    assert no_profile.exit_code == 2 and "No rep profile yet" in no_profile.output
    with Workspace(DataPaths(dana), workers=1) as workspace:
        save_profile(
            workspace.store,
            RepProfile.new(name="Dana Reyes", email="dana@lumora.example", team="Enterprise West"),
        )

    unknown = _invoke(dana, "tips", "add", "Decks/nothing.pptx", "Open with slide 2")
    assert unknown.exit_code == 3 and "No asset 'Decks/nothing.pptx' in the library" in unknown.output
    no_page = _invoke(dana, "tips", "add", "Decks/forecast-pitch.pptx", "Open with slide 9", "--page", "9")
    assert no_page.exit_code == 2 and "has 3 pages: there is no page 9" in no_page.output
    too_long = _invoke(dana, "tips", "add", "Decks/forecast-pitch.pptx", "x" * 281)
    assert too_long.exit_code == 2 and "280" in too_long.output and "Traceback" not in too_long.output

    added = _invoke(
        dana, "tips", "add", "Decks/forecast-pitch.pptx", "Open with slide 2 for CFOs", "--page", "2"
    )
    assert added.exit_code == 0, added.output
    assert added.output.startswith("Saved your tip on Lumora Forecast pitch deck, page 2 (id ")
    assert _invoke(dana, "tips", "add", "Pricing/pricing-2026.pdf", "Print it for the meeting").exit_code == 0
    mine = _invoke(dana, "tips", "mine")
    assert mine.exit_code == 0
    lines = mine.output.splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "Pricing sheet 2026: “Print it for the meeting”",
        "Lumora Forecast pitch deck, page 2: “Open with slide 2 for CFOs”",
    ]

    deck_tip = lines[1].split()[0]
    assert _invoke(dana, "tips", "withdraw", "zzz").exit_code == 2
    withdrawn = _invoke(dana, "tips", "withdraw", deck_tip)
    assert withdrawn.exit_code == 0 and "Withdrew your tip “Open with slide 2 for CFOs”" in withdrawn.output
    assert len(_invoke(dana, "tips", "mine").output.splitlines()) == 1

    # what the terminal recorded reaches marketing like the app's tips
    assert _invoke(marketer, "hub", "connect", "--create", str(hub)).exit_code == 0
    assert _invoke(marketer, "index", str(library), "-q").exit_code == 0
    assert _invoke(dana, "hub", "connect", str(hub)).exit_code == 0
    assert _invoke(dana, "sync").exit_code == 0
    assert _invoke(marketer, "hub", "ingest").exit_code == 0
    rows = json.loads(_invoke(marketer, "tips", "list", "--json").output)
    assert sorted((row["text"], row["withdrawn"], row["author"]) for row in rows) == [
        ("Open with slide 2 for CFOs", True, "Dana Reyes"),
        ("Print it for the meeting", False, "Dana Reyes"),
    ]
