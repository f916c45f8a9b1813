"""The diagnostics a rep copies for support: versions, where the data and logs are, index size, sync."""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version
from pathlib import Path

import pymupdf
import whoosh

from enablement_app.diagnostics import TITLE, collect
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.sync.hub import HUB_URL_SETTING
from enablement_app.sync.rep_sync import RepSync, hub_from_settings
from enablement_app.usage.profile import device_id
from tests.sync.events import record

NOW = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)


def test_diagnostics_name_versions_folders_index_and_sync(
    workspace: Workspace, library: Path, data_paths: DataPaths, tmp_path: Path
) -> None:
    workspace.index(library)
    store = workspace.store
    hub_url = FolderHub.create((tmp_path / "hub").as_uri()).url
    store.set_setting(HUB_URL_SETTING, hub_url)
    sync = RepSync(store, lambda: hub_from_settings(store), device_id(store), clock=lambda: NOW)
    record(store, 3, device_id(store))
    assert sync.sync_once().ok
    record(store, 2, device_id(store))
    log_file = data_paths.app_log

    found = collect(
        data_paths,
        workspace=workspace,
        log_file=log_file,
        extra=[("Qt", "6.9.1 (PySide6 6.9.1)")],
        now=lambda: NOW + dt.timedelta(minutes=5),
    )

    assert found.value("App") == version("enablement-library")  # one place: the package metadata
    assert found.value("Qt") == "6.9.1 (PySide6 6.9.1)"
    assert found.value("PyMuPDF").startswith(f"{pymupdf.__version__} (MuPDF ")
    assert found.value("Whoosh") == whoosh.versionstring()
    assert found.value("PostgreSQL driver").startswith("psycopg 3.")
    assert found.value("Keyring").startswith(version("keyring") + ", ")
    assert found.value("Data folder") == str(data_paths.root)
    assert found.value("Log file") == str(log_file)
    assert found.value("Library") == str(library.resolve())
    index_line = found.value("Index")
    assert index_line.endswith(f"({data_paths.index_dir})")
    size, unit, _, files, *_ = index_line.split()
    assert unit in ("kB", "MB") and float(size) > 0 and int(files) > 0
    assert found.value("Last sync") == f"Synced 5 min ago · 2 events waiting (hub {hub_url})"

    text = found.as_text()
    lines = text.splitlines()
    assert lines[0] == TITLE
    assert lines[1].startswith("App:") and lines[1].endswith(version("enablement-library"))
    assert f"Data folder:       {data_paths.root}" in lines


def test_diagnostics_without_an_open_library_still_name_versions_and_folders(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "never-opened")
    found = collect(paths)
    assert found.value("Index") == f"none yet ({paths.index_dir})"
    assert found.value("Log file") == str(paths.log_dir)
    assert found.value("Library") == "not open"
    assert found.value("Last sync") == "unknown: the library is not open"
    assert not paths.root.exists()  # reporting creates nothing
