"""Connecting the app to marketing's hub: the dialog asks the hub, shows the key's fingerprint, and saves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from enablement_app.store import Store
from enablement_app.sync.catalog_signing import (
    generate_signing_key,
    key_fingerprint,
    public_key_text,
    sign_catalog,
)
from enablement_app.sync.hub import HUB_URL_SETTING, create_hub
from enablement_app.sync.hub_catalog import HUB_KEY_SETTING
from enablement_app.sync.hub_connection import hub_address
from ui.hub_dialog import HubDialog
from ui.tasks import TaskRunner

WAIT = 10_000


def published_hub(folder: Path) -> str:
    """A folder hub where marketing published a signed catalog; returns its key."""
    key = generate_signing_key()
    hub = create_hub(folder.as_uri())
    try:
        manifest = b'{"library": "Lumora", "assets": {}}'
        hub.publish_catalog(sign_catalog(key, manifest, serial=1, published_at=dt.datetime.now(dt.UTC)))
    finally:
        hub.close()
    return public_key_text(key)


def check(qtbot: QtBot, dialog: HubDialog, address: str) -> None:
    dialog.address.setText(address)
    with qtbot.waitSignal(dialog.probe_finished, timeout=WAIT):
        qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)


def test_the_rep_trusts_the_key_whose_fingerprint_marketing_read_out(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    key = published_hub(tmp_path / "hub")
    dialog = HubDialog(store, tasks)
    qtbot.addWidget(dialog)
    assert not dialog.connect_button.isEnabled()
    check(qtbot, dialog, str(tmp_path / "hub"))
    assert key_fingerprint(key) in dialog.outcome.text()
    assert dialog.trust.isVisibleTo(dialog) and not dialog.trust.isChecked()
    assert dialog.connect_button.isEnabled()
    dialog.trust.setChecked(True)
    with qtbot.waitSignal(dialog.hub_connected, timeout=WAIT) as connected:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert connected.args == [(tmp_path / "hub").as_uri()]
    assert store.get_setting(HUB_URL_SETTING) == (tmp_path / "hub").as_uri()
    assert store.get_setting(HUB_KEY_SETTING) == key


def test_without_the_tick_the_hub_is_used_but_its_key_not_trusted(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    published_hub(tmp_path / "hub")
    dialog = HubDialog(store, tasks)
    qtbot.addWidget(dialog)
    check(qtbot, dialog, (tmp_path / "hub").as_uri())
    with qtbot.waitSignal(dialog.hub_connected, timeout=WAIT):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert store.get_setting(HUB_URL_SETTING) == (tmp_path / "hub").as_uri()
    assert not store.get_setting(HUB_KEY_SETTING)


def test_an_unmounted_share_is_explained_and_cannot_be_connected(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    dialog = HubDialog(store, tasks)
    qtbot.addWidget(dialog)
    check(qtbot, dialog, str(tmp_path / "share-not-mounted"))
    assert "The hub cannot be used" in dialog.outcome.text()
    assert not dialog.connect_button.isEnabled()
    assert not store.get_setting(HUB_URL_SETTING)


def test_a_changed_address_must_be_checked_again(
    qtbot: QtBot, store: Store, tasks: TaskRunner, tmp_path: Path
) -> None:
    published_hub(tmp_path / "hub")
    dialog = HubDialog(store, tasks)
    qtbot.addWidget(dialog)
    check(qtbot, dialog, str(tmp_path / "hub"))
    dialog.address.setText(str(tmp_path / "other"))
    assert not dialog.connect_button.isEnabled() and dialog.outcome.text() == ""


def test_a_postgresql_address_asks_for_a_password_that_joins_the_address(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    dialog = HubDialog(store, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.password.isVisible()
    dialog.address.setText("postgresql://dana@db.example/enablement")
    assert dialog.password.isVisible()
    assert (
        hub_address("postgresql://dana@db.example/enablement", "p@ss:word")
        == "postgresql://dana:p%40ss%3Aword@db.example/enablement"
    )
    assert (
        hub_address("postgresql://dana@db.example/enablement", "")
        == "postgresql://dana@db.example/enablement"
    )


def test_an_address_of_another_kind_is_refused_in_words(
    qtbot: QtBot, store: Store, tasks: TaskRunner
) -> None:
    dialog = HubDialog(store, tasks)
    qtbot.addWidget(dialog)
    check(qtbot, dialog, "https://intranet.example/collateral")
    assert "is not a hub address" in dialog.outcome.text()
    assert not dialog.connect_button.isEnabled()
