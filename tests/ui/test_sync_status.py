"""The window keeps the outbox flowing to the hub and says how it went."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from enablement_app.paths import DataPaths
from enablement_app.store import open_store
from enablement_app.sync.hub import HUB_URL_SETTING, create_hub, open_hub
from tests.disk_full import disk_full_after
from tests.ui.conftest import App, save_rep, start_app
from tests.ui.test_main_window import WAIT, open_first_preview, search_for


def set_hub(paths: DataPaths, url: str) -> None:
    store = open_store(paths.ensure().database)
    try:
        store.set_setting(HUB_URL_SETTING, url)
    finally:
        store.close()


def start_rep_with_usage(qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path) -> App:
    """A rep's window connected to a new folder hub, with a search and a preview waiting to be sent."""
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    save_rep(data_paths)
    set_hub(data_paths, hub_url)
    app = start_app(qtbot, data_paths, library, tmp_path)
    search_for(qtbot, app, "pricing")
    open_first_preview(qtbot, app)
    return app


def test_events_reach_the_hub_and_the_status_bar_says_so(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    app = start_rep_with_usage(qtbot, data_paths, library, tmp_path)
    window = app.window
    with qtbot.waitSignal(window.sync.sync_finished, timeout=WAIT) as synced:
        window.sync_action.trigger()
    assert synced.args[0].ok
    assert window.sync_label.text().startswith("Synced just now · all sent")
    recorded = {event.id for event in app.events()}
    hub = open_hub((tmp_path / "hub").as_uri())
    try:
        pulled = hub.pull_events(None)
    finally:
        hub.close()
    assert recorded and recorded <= {event.id for event in pulled.events}
    window.close()


def test_unreachable_hub_is_explained_and_events_wait(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    save_rep(data_paths)
    set_hub(data_paths, (tmp_path / "share-not-mounted").as_uri())
    app = start_app(qtbot, data_paths, library, tmp_path)
    window = app.window
    search_for(qtbot, app, "pricing")
    open_first_preview(qtbot, app)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=WAIT) as synced:
        window.sync_action.trigger()
    assert not synced.args[0].ok
    line = window.sync_label.text()
    assert line.startswith("Not synced yet · ")
    assert "waiting" in line
    assert "last try failed" in line
    window.close()


def test_a_rep_connects_from_the_app_trusting_the_key_marketing_confirmed(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from enablement_app.sync.catalog_signing import key_fingerprint
    from enablement_app.sync.hub_catalog import HUB_KEY_SETTING
    from tests.ui.test_hub_dialog import published_hub

    key = published_hub(tmp_path / "hub")
    save_rep(data_paths)
    app = start_app(qtbot, data_paths, library, tmp_path)
    window = app.window
    qtbot.waitUntil(lambda: window.sync_label.text() == "Not connected to marketing", timeout=WAIT)

    window.connect_hub_action.trigger()
    dialog = window.hub_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.address.setText(str(tmp_path / "hub"))
    with qtbot.waitSignal(dialog.probe_finished, timeout=WAIT):
        qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
    assert key_fingerprint(key) in dialog.outcome.text()
    dialog.trust.setChecked(True)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=WAIT) as synced:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert synced.args[0].ok
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Synced just now"), timeout=WAIT)
    store = open_store(data_paths.database)
    try:
        assert store.get_setting(HUB_URL_SETTING) == (tmp_path / "hub").as_uri()
        assert store.get_setting(HUB_KEY_SETTING) == key
    finally:
        store.close()
    window.close()


def test_a_full_disk_stops_the_sync_with_one_line_and_the_events_wait(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path
) -> None:
    app = start_rep_with_usage(qtbot, data_paths, library, tmp_path)
    window = app.window
    lines: list[str] = []
    window.sync.status_changed.connect(lambda line, _detail: lines.append(line))
    with disk_full_after(0):
        window.sync_action.trigger()
        qtbot.waitUntil(lambda: bool(lines) and "full" in lines[-1], timeout=WAIT)

    assert window.sync_label.text() == lines[-1]
    assert lines[-1].startswith(f"Sync stopped: the disk holding {data_paths.root} is full")
    assert lines[-1].endswith("your usage waits on this computer")
    with qtbot.waitSignal(window.sync.sync_finished, timeout=WAIT) as synced:  # room again
        window.sync_action.trigger()
    assert synced.args[0].ok
    assert window.sync_label.text().startswith("Synced just now · all sent")
    window.close()
