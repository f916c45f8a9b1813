"""The enablement command as a user and a script see it: output, JSON, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command as alembic_command
from click.testing import CliRunner, Result

from enablement_app.catalog import load_catalog
from enablement_app.cli.main import cli
from enablement_app.store.database import UPGRADE_NOTICE, alembic_config

ENABLEMENT = Path(sys.executable).parent / "enablement"


Invoke = Callable[..., Result]


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    data_dir = tmp_path / "data"

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)

    return invoke


def _run_command(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENABLEMENT_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([str(ENABLEMENT), *args], capture_output=True, text=True, env=env, timeout=120)


def test_index_search_status_round_trip(invoke: Invoke, library: Path) -> None:
    indexed = invoke("index", str(library))
    assert indexed.exit_code == 0, indexed.output
    assert "5 files (5 added, 0 updated, 0 moved, 0 removed, 0 unchanged)" in indexed.output

    found = invoke("search", "GDPR")
    assert found.exit_code == 0
    assert "Pricing sheet 2026" in found.output and "best pages: 2" in found.output

    status = invoke("status", "--json")
    data = json.loads(status.output)
    assert data["root"] == str(library.resolve())
    assert data["assets_by_status"] == {"approved": 3, "expired": 1, "retired": 1}
    assert data["indexed_pages"] == 10 and data["problems"] == []


def test_search_json_has_assets_pages_snippets_and_facets(invoke: Invoke, library: Path) -> None:
    invoke("index", str(library))
    result = invoke("search", "Lumora", "--json", "--facet", "stage=decision")
    data = json.loads(result.output)
    assert [hit["asset"]["path"] for hit in data["hits"]] == ["Pricing/pricing-2026.pdf"]
    assert data["filters"] == {"stage": ["decision"]}
    page = data["hits"][0]["pages"][0]
    assert page["number"] == 1
    assert [page["snippet"][start:end] for start, end in page["highlights"]] == ["Lumora"]


def test_search_exit_code_is_1_when_nothing_is_found(invoke: Invoke, library: Path) -> None:
    invoke("index", str(library))
    result = invoke("search", "complaince")
    assert result.exit_code == 1
    assert "Did you mean: compliance?" in result.output


def test_approve_and_retire_edit_the_manifest_and_take_effect_at_once(invoke: Invoke, library: Path) -> None:
    invoke("index", str(library))
    assert invoke("search", "Forecastly").exit_code == 1

    approved = invoke(
        "approve",
        str(library / "Guides" / "battlecard-forecastly.md"),
        "--expires",
        "2027-06-30",
        "--stage",
        "decision",
        "--persona",
        "VP Sales",
        "--by",
        "maria@lumora.example",
    )
    assert approved.exit_code == 0, approved.output
    assert "approved Guides/battlecard-forecastly.md, expires 2027-06-30" in approved.output
    entry = (load_catalog(library) or pytest.fail("no catalog")).entries["Guides/battlecard-forecastly.md"]
    assert entry.facets["persona"] == ("VP Sales",) and entry.approved_by == "maria@lumora.example"
    assert invoke("search", "Forecastly").exit_code == 0

    assert invoke("retire", "Guides/battlecard-forecastly.md").exit_code == 0
    assert invoke("search", "Forecastly").exit_code == 1
    assert invoke("search", "Forecastly", "--all").exit_code == 0


def test_approve_with_supersedes_retires_the_old_version(invoke: Invoke, library: Path) -> None:
    invoke("index", str(library))
    result = invoke("approve", "Guides/onboarding.docx", "--supersedes", "Guides/battlecard-forecastly.md")
    assert result.exit_code == 0, result.output
    catalog = load_catalog(library)
    assert catalog is not None
    assert catalog.entries["Guides/onboarding.docx"].supersedes == "Guides/battlecard-forecastly.md"
    assert catalog.entries["Guides/battlecard-forecastly.md"].status == "retired"


def test_user_mistakes_get_a_sentence_and_an_exit_code_not_a_traceback(tmp_path: Path, library: Path) -> None:
    no_library = _run_command(tmp_path, "search", "pricing")
    assert no_library.returncode == 3
    assert "run `enablement index FOLDER` first" in no_library.stderr
    assert "Traceback" not in no_library.stderr

    missing = _run_command(tmp_path, "index", str(tmp_path / "nowhere"))
    assert missing.returncode == 3 and "does not exist" in missing.stderr

    assert _run_command(tmp_path, "index", str(library)).returncode == 0
    unknown = _run_command(tmp_path, "approve", "no/such/file.pdf")
    assert unknown.returncode == 3 and "is not a file of the collateral folder" in unknown.stderr

    bad_facet = _run_command(tmp_path, "search", "pricing", "--facet", "colour=red")
    assert bad_facet.returncode == 2 and "unknown facet 'colour'" in bad_facet.stderr

    bad_date = _run_command(tmp_path, "approve", "Guides/onboarding.docx", "--expires", "next week")
    assert bad_date.returncode == 2

    for stream in (unknown.stderr, bad_facet.stderr, bad_date.stderr):
        assert "Traceback" not in stream


def test_corrupt_database_is_exit_code_4(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "library.sqlite3").write_bytes(b"not a database" * 200)
    result = _run_command(tmp_path, "status")
    assert result.returncode == 4 and "cannot be opened" in result.stderr and "Traceback" not in result.stderr


def test_every_command_has_help(invoke: Invoke) -> None:
    for command in ("index", "search", "status", "approve", "retire", "watch"):
        result = invoke(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_an_upgrade_of_the_store_is_announced_on_stderr_only(tmp_path: Path, invoke: Invoke) -> None:
    assert invoke("status", "--json").exit_code == 0
    alembic_command.downgrade(alembic_config(f"sqlite:///{tmp_path / 'data' / 'library.sqlite3'}"), "0006")
    upgraded = invoke("status", "--json")
    assert upgraded.exit_code == 0
    assert upgraded.stderr == f"{UPGRADE_NOTICE}…\n"
    assert json.loads(upgraded.stdout)["assets_by_status"] == {}  # scripts still read plain JSON
    assert invoke("status", "--json").stderr == ""
