"""Smoke test of the packaged app (``packaging/smoke``, after ``packaging/build``).

Starts the built executable twice, offscreen, on a fresh data folder and holds it to the same checks as
the app from source (``tests/smoke_run_checks.py``): the first-run form, the demo library indexed by
worker processes (the executable started again as a worker), a search, a page drawn by PyMuPDF, the About
box's version from the package metadata, diagnostics that load psycopg's binary driver and keyring; then
the second start finds the first one's data. It also checks what the folder holds and leaves out.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.smoke_run_checks import check_first_start, check_second_start, start

ROOT = Path(__file__).resolve().parent.parent
BUILT = ROOT / "dist" / "EnablementLibrary"
EXECUTABLE = Path(os.environ.get("ENABLEMENT_BUILT_APP", BUILT / "enablement-app"))


@pytest.fixture(scope="module")
def executable() -> Path:
    if not EXECUTABLE.is_file():
        pytest.fail(f"no built app at {EXECUTABLE}: run packaging/build first")
    return EXECUTABLE


def test_the_built_app_starts_searches_and_finds_its_data_again(executable: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start([str(executable)], data, tmp_path / "first.json")
    check_first_start(first, data, packaged=True)
    assert Path(first["first_run_folder"]).is_relative_to(executable.parent)  # the demo library it ships
    assert _still_running(executable) == []  # no indexing worker outlived the window
    second = start([str(executable)], data, tmp_path / "second.json")
    check_second_start(second, data, packaged=True)
    assert _still_running(executable) == []
    print(f"first paint: {first['first_paint_ms']} ms, then {second['first_paint_ms']} ms (in-process)")


@pytest.mark.skipif(sys.platform != "linux", reason="file names of the Linux build")
def test_the_folder_holds_what_the_app_needs_and_nothing_else(executable: Path) -> None:
    bundle = executable.parent
    files = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()}
    internal = "_internal/"
    assert f"{internal}resources/demo-library/catalog.json" in files
    assert {"enablement-library.desktop", "enablement-library.png"} <= files  # for a menu entry
    assert not any(name.startswith(f"{internal}resources/") and "demo-library" not in name for name in files)
    assert not any("/tests/" in name or name.startswith(f"{internal}tests") for name in files)
    # The metadata the version is read from: a dist-info, or the egg-info of a checkout installed editable.
    assert {
        f"{internal}enablement_library-{version('enablement-library')}.dist-info/METADATA",
        f"{internal}enablement_library.egg-info/PKG-INFO",
    } & files
    assert any(name.startswith(f"{internal}enablement_app/store/migrations/versions/0001") for name in files)
    for needed in ("pymupdf/libmupdf.so", "psycopg_binary/", "PySide6/Qt/plugins/platforms/libqxcb.so"):
        assert any(name.startswith(internal + needed) for name in files), needed
    assert any(name.startswith(f"{internal}keyring-") and name.endswith("entry_points.txt") for name in files)
    for unwanted in ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "Qt6Network", "Qt6Pdf"):
        assert not any(unwanted in name for name in files), unwanted
    assert not any("/translations/" in name for name in files)
    plugins = {name.split("/plugins/")[1] for name in files if "/Qt/plugins/" in name}
    assert {plugin.split("/")[0] for plugin in plugins} <= {
        "platforms",
        "platformthemes",
        "platforminputcontexts",
        "imageformats",
        "iconengines",
        "xcbglintegrations",
        "wayland-shell-integration",
        "wayland-decoration-client",
        "wayland-graphics-integration-client",
    }
    assert "platformthemes/libqgtk3.so" not in plugins  # would load the system's GTK into the app


def _still_running(executable: Path) -> list[int]:
    """Processes of ``executable`` (the app and the workers it started), where /proc tells."""
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            if (process / "exe").readlink() == executable.resolve():
                found.append(int(process.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found
