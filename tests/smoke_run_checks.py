"""What a rep must see in the first minute, checked on the report of ``--smoke-report`` (``ui/smoke_run.py``).

One set of checks for the app run from source (``tests/ui/test_app_start.py``) and for the packaged app
(``packaging/test_built_app.py``), so both are held to the same screen.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any

from indexer.extract import KIND_BY_SUFFIX

QUERY = "pricing"
BEST_FOR_QUERY = "Lumora pricing and packaging 2026"
START_SECONDS = 180


def start(command: list[str], data: Path, report: Path, *, cwd: Path | None = None) -> dict[str, Any]:
    """Runs the app once on ``data`` with the smoke run; fails with its output unless it exits 0."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    finished = subprocess.run(
        [*command, "--data-dir", str(data), "--query", QUERY, "--smoke-report", str(report)],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=START_SECONDS,
        check=False,
    )
    shown: dict[str, Any] = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    assert finished.returncode == 0, (
        f"exit code {finished.returncode}; report {shown}\n{finished.stdout}\n{finished.stderr[-4000:]}"
    )
    assert shown.get("step") == "done" and "error" not in shown, shown
    return shown


def _facts(diagnostics: str) -> dict[str, str]:
    lines = diagnostics.splitlines()
    assert lines[0] == "Enablement Library diagnostics"
    return {name: value.strip() for name, value in (line.split(":", 1) for line in lines[1:])}


def check_search_preview_and_about(shown: dict[str, Any], data: Path, *, packaged: bool) -> None:
    search = shown["search"]
    assert re.fullmatch(rf"\d+ assets for “{QUERY}”", search["summary"]), search
    assert search["titles"][0] == BEST_FOR_QUERY
    preview = shown["preview"]
    assert (preview["title"], preview["page"], preview["of"]) == (BEST_FOR_QUERY, 1, "of 2")
    width, height = preview["image_size"]
    assert width > 200 and height > 200  # a drawn page, not a placeholder

    about = shown["about"]
    assert about["title"] == "About Enablement Library"
    assert about["version"] == f"Version {version('enablement-library')}"
    assert about["clipboard_has_diagnostics"] is True
    assert about["copied_note"].startswith("Copied to the clipboard")
    facts = _facts(about["diagnostics"])
    assert facts["App"] == version("enablement-library") + (" (packaged)" if packaged else "")
    assert facts["PyMuPDF"].startswith(version("pymupdf"))
    assert facts["Whoosh"] == version("whoosh-reloaded")
    assert facts["PostgreSQL driver"].startswith(f"psycopg {version('psycopg')} (binary, libpq ")
    assert facts["Keyring"].startswith(version("keyring") + ", ")
    assert facts["Data folder"] == str(data)
    assert facts["Log file"] == str(data / "logs" / "enablement-app.log")


def check_first_start(shown: dict[str, Any], data: Path, *, packaged: bool) -> None:
    """A fresh data folder: the first-run form, the demo library indexed, a search, a preview, About."""
    assert shown["first_run"] is True
    assert shown["first_run_title"] == "Welcome to Enablement Library"
    demo = Path(shown["first_run_folder"])
    assert demo.name == "demo-library" and demo.is_dir()
    documents = [path for path in demo.rglob("*") if path.suffix.lower() in KIND_BY_SUFFIX]
    assert shown["status_after_indexing"].startswith(
        f"Library updated ({len(documents)} new, 0 changed, 0 removed)"
    )
    assert shown["profile_button"] == "Smoke"
    check_search_preview_and_about(shown, data, packaged=packaged)
    check_log(data)


def check_second_start(shown: dict[str, Any], data: Path, *, packaged: bool) -> None:
    """The same data folder again: no form, nothing to re-read, and what the rep opened comes first."""
    assert shown["first_run"] is False
    assert shown["profile_button"] == "Smoke"
    assert shown["status_after_indexing"].startswith("Library up to date")
    assert shown["home"]["sections"][0] == "Recently opened"
    assert shown["home"]["titles"][0] == BEST_FOR_QUERY
    check_search_preview_and_about(shown, data, packaged=packaged)
    check_log(data)


def check_log(data: Path) -> None:
    log = (data / "logs" / "enablement-app.log").read_text(encoding="utf-8")
    assert "smoke run: gathering the diagnostics in the About box" in log
    problems = [line for line in log.splitlines() if re.search(r" (ERROR|CRITICAL) |Traceback", line)]
    assert problems == []
