"""Help → About shows the version from the package metadata; diagnostics reach the clipboard for support."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import App
from tests.ui.test_main_window import WAIT
from ui.about_dialog import COPIED, AboutDialog


def _help_menu_entries(app: App) -> list[str]:
    menus = [action for action in app.window.menuBar().actions() if action.menu() is not None]
    assert [action.text() for action in menus] == ["&Help"]
    menu = menus[0].menu()
    return [action.text() for action in menu.actions()]  # type: ignore[union-attr]


def test_about_box_shows_the_version_and_copies_the_diagnostics(
    qtbot: QtBot, app: App, library: Path
) -> None:
    window = app.window
    assert _help_menu_entries(app) == ["Copy diagnostics for support", "About Enablement Library"]

    window.about_action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "About Enablement Library"
    assert dialog.version_label.text() == f"Version {version('enablement-library')}"
    assert "GNU Affero General Public License" in dialog.licence_label.text()
    qtbot.waitUntil(dialog.copy_button.isEnabled, timeout=WAIT)

    shown = dialog.diagnostics_view.toPlainText().splitlines()
    assert shown[0] == "Enablement Library diagnostics"
    facts = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in shown[1:]}
    assert facts["App"] == version("enablement-library")
    assert facts["Qt"] == f"{qVersion()} (PySide6 {PySide6.__version__}, offscreen)"
    assert facts["Data folder"] == str(app.session.paths.root)
    assert facts["Log file"] == str(app.session.paths.app_log)
    assert facts["Library"] == str(library.resolve())
    assert facts["Last sync"] == "No hub set up · 1 event waiting"  # the rep's profile, for marketing
    assert facts["Index"].endswith(f"({app.session.paths.index_dir})")
    assert {"Python", "PyMuPDF", "Whoosh", "PostgreSQL driver", "Keyring", "System"} <= facts.keys()

    QApplication.clipboard().clear()
    with qtbot.waitSignal(dialog.diagnostics_copied, timeout=WAIT):
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == dialog.diagnostics_view.toPlainText()
    assert dialog.copied_label.text() == COPIED

    # Shown again, it gathers again: what changed since (here, nothing) is what support sees.
    with qtbot.waitSignal(dialog.diagnostics_shown, timeout=WAIT):
        window.about_action.trigger()
    assert dialog.copied_label.text() == ""
    dialog.close()


def test_help_menu_copies_the_diagnostics_without_opening_a_box(qtbot: QtBot, app: App) -> None:
    window = app.window
    QApplication.clipboard().clear()
    with qtbot.waitSignal(QApplication.clipboard().dataChanged, timeout=WAIT):
        window.copy_diagnostics_action.trigger()
    copied = QApplication.clipboard().text()
    assert copied.startswith("Enablement Library diagnostics\nApp:")
    assert f"Data folder:       {app.session.paths.root}\n" in copied
    assert window.about_dialog is None
    assert window.statusBar().currentMessage() == (
        "Diagnostics copied: paste them into your message to support"
    )
