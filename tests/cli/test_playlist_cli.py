"""``enablement playlist``: create, add, list and export a playlist headless; mistakes get sentences."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from enablement_app.catalog import load_catalog
from enablement_app.cli.main import cli


@pytest.fixture
def invoke(tmp_path: Path, library: Path) -> object:
    data_dir = tmp_path / "data"

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)

    assert invoke("index", str(library)).exit_code == 0
    return invoke


def test_marketing_builds_and_exports_a_playlist_from_the_terminal(
    invoke, library: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    created = invoke(
        "playlist", "create", "Your first week", "--team", "Mid-market", "--description", "Day one."
    )
    assert created.exit_code == 0 and created.output.strip() == "your-first-week"
    assert (
        invoke(
            "playlist", "add", "your-first-week", "Guides/onboarding.docx", "--note", "Start here"
        ).exit_code
        == 0
    )
    added = invoke("playlist", "add", "your-first-week", "pitch deck", "--due", "day 3", "--pages", "2-3")
    assert added.exit_code == 0, added.output
    assert "added Lumora Forecast pitch deck to Your first week as item 2, due day 3" in added.output

    listed = invoke("playlist", "list")
    assert "your-first-week  Your first week" in listed.output
    assert "for New hires · Mid-market · 2 items, 3 days" in listed.output
    assert " 2. day 3   Lumora Forecast pitch deck (pages 2–3)" in listed.output

    catalog = load_catalog(library)
    assert catalog is not None and [item.due_day for item in catalog.playlists[0].items] == [1, 3]
    assert len(catalog.entries) == 5  # the assets' governance is untouched

    out = tmp_path / "week.csv"
    exported = invoke("playlist", "export", "your-first-week", "-o", str(out))
    assert exported.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["position", "asset_id", "title", "path", "pages", "due_day", "note"]
    assert [(row[0], row[2], row[3], row[4], row[5], row[6]) for row in rows[1:]] == [
        ("1", "New rep onboarding guide", "Guides/onboarding.docx", "", "1", "Start here"),
        ("2", "Lumora Forecast pitch deck", "Decks/forecast-pitch.pptx", "2-3", "3", ""),
    ]
    assert all(len(row[1]) == 32 for row in rows[1:])


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("add", "no-such-list", "Guides/onboarding.docx"), 3, "there is no playlist 'no-such-list'"),
        (
            ("add", "week", "Nothing like it"),
            3,
            "no asset of the library is called or found at 'Nothing like it'",
        ),
        (("add", "week", "pricing"), 3, "assets match 'pricing'"),
        (("add", "week", "Guides/onboarding.docx", "--due", "tomorrow"), 2, "is not a due day"),
        (("add", "week", "Guides/onboarding.docx", "--pages", "9-4"), 2, "is not a page range"),
        (
            ("add", "week", "Decks/forecast-pitch.pptx", "--pages", "7"),
            2,
            "has 3 pages: page 7 is past its end",
        ),
        (("export", "nope"), 3, "there is no playlist 'nope'"),
    ],
)
def test_mistakes_get_a_sentence_and_an_exit_code(
    invoke, args: tuple[str, ...], code: int, words: str
) -> None:  # type: ignore[no-untyped-def]
    assert invoke("playlist", "create", "Week").exit_code == 0
    result = invoke("playlist", *args)
    assert result.exit_code == code
    assert words in result.output
    assert "Traceback" not in result.output
