"""``enablement usage`` and ``enablement profile`` as a rep and a script see them."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from enablement_app.cli.main import cli, parse_since
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.store.models import Asset
from enablement_app.usage.events import UsageEvent
from enablement_app.usage.profile import RepProfile, load_profile, save_profile
from enablement_app.usage.spool import OwnSpool

NOW = dt.datetime.now(dt.UTC)


def _invoke(data: DataPaths, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data.root), *args], catch_exceptions=False)


@pytest.fixture
def recorded(tmp_path: Path, library: Path) -> tuple[DataPaths, list[UsageEvent]]:
    """A data folder with the test library indexed and a morning of usage recorded an hour ago."""
    data = DataPaths(tmp_path / "data")
    with Workspace(data, workers=1, clock=lambda: NOW - dt.timedelta(hours=1)) as workspace:
        workspace.index(library)
        with workspace.store.sessions() as session:
            pricing = session.scalars(select(Asset).where(Asset.path == "Pricing/pricing-2026.pdf")).one()
        profile = save_profile(
            workspace.store,
            RepProfile.new(name="Dana Smith", email="dana@lumora.example", region="EMEA", role="new_hire"),
        )
        with workspace.open_recorder(profile) as recorder:
            events = [
                recorder.record_search("pricing", 2, 1, pricing.id, 1, filters={"stage": ["decision"]}),
                recorder.record_open(pricing.id, 1, target="preview"),
                recorder.record_page_view(pricing.id, 1, 2, 12400),
                recorder.record_share(pricing.id, 1, "saved_copy"),
                recorder.record_rating(pricing.id, 1, 5, "Perfect for CFO calls", used_in_deal=True),
            ]
            assert recorder.flush(10)
    return data, events


def test_usage_prints_a_summary_and_a_table_of_events(recorded: tuple[DataPaths, list[UsageEvent]]) -> None:
    data, _ = recorded
    result = _invoke(data, "usage", "--since", "12h")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Rep: Dana Smith <dana@lumora.example>, New hire"
    assert "6 events recorded on this machine since" in lines[1]
    assert lines[1].endswith(": 1 search, 1 open, 1 page view, 1 share, 1 rate, 1 profile")
    assert "Dana Smith <dana@lumora.example>, EMEA, New hire" in result.output  # announced to marketing
    body = result.output
    assert "Pricing sheet 2026 — Pricing/pricing-2026.pdf" in body
    assert "'pricing' → 2 results [stage=decision], opened #1" in body
    assert "page 2, 12.4 s" in body
    assert "saved copy" in body
    assert "5/5, used in a deal: 'Perfect for CFO calls'" in body


def test_usage_json_lists_the_event_objects(recorded: tuple[DataPaths, list[UsageEvent]]) -> None:
    data, events = recorded
    result = _invoke(data, "usage", "--since", "2d", "--json")
    assert result.exit_code == 0
    data_out = json.loads(result.output)
    assert data_out[0]["kind"] == "profile"
    assert [item["id"] for item in data_out][1:] == [event.id for event in events]
    first = data_out[1]
    assert first["kind"] == "search" and first["details"]["clicked_rank"] == 1
    assert first["asset_path"] == "Pricing/pricing-2026.pdf"
    assert first["rep_role"] == "new_hire" and first["rep_region"] == "EMEA"
    assert UsageEvent.from_dict(first) == events[0]


def test_usage_since_a_later_moment_shows_nothing_and_says_so(
    recorded: tuple[DataPaths, list[UsageEvent]],
) -> None:
    data, _ = recorded
    result = _invoke(data, "usage", "--since", "30m")
    assert result.exit_code == 0
    assert "Nothing recorded on this machine since" in result.output
    assert json.loads(_invoke(data, "usage", "--since", "30m", "--json").output) == []


def test_usage_on_a_fresh_data_folder_says_nothing_was_recorded(tmp_path: Path) -> None:
    result = _invoke(DataPaths(tmp_path / "data"), "usage")
    assert result.exit_code == 0
    assert result.output.startswith("Nothing recorded on this machine since")


def test_usage_drains_what_a_killed_app_left_in_its_spool(
    recorded: tuple[DataPaths, list[UsageEvent]],
) -> None:
    data, events = recorded
    left_behind = UsageEvent.from_dict({**events[1].to_dict(), "id": "0c4f4f4e-2f7e-4a53-8a4b-7c0f4c1d2e3f"})
    spool = OwnSpool.create(data.usage_spool_dir)
    spool.append((left_behind.to_json() + "\n").encode())
    os.close(spool.write_fd)
    os.close(spool.lock_fd)  # as the OS does when the app is killed
    result = _invoke(data, "usage", "--json")
    assert [item["id"] for item in json.loads(result.output)][-1] == left_behind.id
    assert list(data.usage_spool_dir.iterdir()) == []


@pytest.mark.parametrize("value", ["yesterday", "7x", "-3d", "2026-13-01"])
def test_a_bad_since_is_a_usage_error_with_a_sentence(tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "usage", "--since", value])
    assert result.exit_code == 2
    assert "is neither a duration like 30m, 12h, 7d or 2w nor a date like 2026-11-01" in result.output
    assert "Traceback" not in result.output


def test_since_accepts_durations_and_iso_dates() -> None:
    now = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
    assert parse_since("30m", now) == now - dt.timedelta(minutes=30)
    assert parse_since("12h", now) == now - dt.timedelta(hours=12)
    assert parse_since("7d", now) == now - dt.timedelta(days=7)
    assert parse_since("2w", now) == now - dt.timedelta(weeks=2)
    assert parse_since("2026-11-01T08:00:00+00:00", now) == dt.datetime(2026, 11, 1, 8, tzinfo=dt.UTC)
    local_midnight = dt.datetime(2026, 11, 1).astimezone()
    assert parse_since("2026-11-01", now) == local_midnight.astimezone(dt.UTC)


def test_usage_help_explains_since(tmp_path: Path) -> None:
    result = _invoke(DataPaths(tmp_path / "data"), "usage", "--help")
    assert result.exit_code == 0
    assert "30m, 12h, 7d, 2w, or a date" in result.output and "--json" in result.output


def test_profile_is_set_edited_and_shown(tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "data")
    missing = CliRunner().invoke(cli, ["--data-dir", str(data.root), "profile"])
    assert missing.exit_code == 3 and "no profile yet" in missing.output

    incomplete = CliRunner().invoke(
        cli, ["--data-dir", str(data.root), "profile", "--email", "dana@x.example"]
    )
    assert incomplete.exit_code == 2 and "Please enter your name." in incomplete.output

    created = _invoke(
        data, "profile", "--name", "Dana Smith", "--email", "dana@lumora.example", "--team", "SMB"
    )
    assert created.exit_code == 0 and "Role:   Sales rep" in created.output
    edited = _invoke(data, "profile", "--role", "manager", "--json")
    shown = json.loads(edited.output)
    assert (shown["name"], shown["team"], shown["role"]) == ("Dana Smith", "SMB", "manager")
    with Workspace(data, workers=1) as workspace:
        assert load_profile(workspace.store) == RepProfile(**shown)

    bad_email = CliRunner().invoke(cli, ["--data-dir", str(data.root), "profile", "--email", "dana"])
    assert bad_email.exit_code == 2 and "dana is not an email address" in bad_email.output
