"""Connecting the app to marketing's hub: the address, a password for a PostgreSQL hub, and the catalog key.

The rep types or picks the hub, the dialog asks the hub (on the sync lane: an unreachable server takes
seconds to say so) and shows the fingerprint of the catalog key marketing published there. The key is
trusted only when the rep ticks that they checked the fingerprint with marketing, because anyone who can
write to a shared folder could publish a key of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enablement_app.store import Store
from enablement_app.sync.hub_connection import hub_address
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from enablement_app.sync.hub_connection import Connected, HubProbe


def _choose_folder(parent: QWidget | None) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Choose the folder marketing shares")
    return Path(chosen) if chosen else None


class HubDialog(QDialog):
    """Check a hub, show its catalog key's fingerprint, and connect."""

    probe_finished = Signal()  # the hub answered or did not; the dialog says which
    hub_connected = Signal(str)  # the address shown to people (no password)

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        current_url: str = "",
        parent: QWidget | None = None,
        *,
        choose_folder: Callable[[QWidget | None], Path | None] = _choose_folder,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._choose_folder = choose_folder
        self._probe: HubProbe | None = None
        self.setWindowTitle("Connect to marketing's hub")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        intro = QLabel(
            "Your usage reaches marketing, and marketing's approved catalog and team figures reach you, "
            "through a <b>hub</b>: a folder marketing shares with you (a network share, or a folder "
            "OneDrive syncs), or a PostgreSQL address. Marketing gives you one of them."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        form.setSpacing(8)
        row = QHBoxLayout()
        self.address = QLineEdit(current_url)
        self.address.setPlaceholderText(
            "\\\\server\\share\\hub, a synced folder, or postgresql://you@host/db"
        )
        self.browse = QPushButton("Choose folder…")
        row.addWidget(self.address, 1)
        row.addWidget(self.browse)
        form.addRow("Hub", row)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in your system's keychain, never in a file")
        self.password_label = QLabel("Password")
        form.addRow(self.password_label, self.password)
        layout.addLayout(form)

        self.check = QPushButton("Check the hub")
        checks = QHBoxLayout()
        checks.addWidget(self.check)
        checks.addStretch(1)
        layout.addLayout(checks)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.outcome)
        self.trust = QCheckBox(
            "I checked this fingerprint with marketing: trust catalogs signed with this key"
        )
        layout.addWidget(self.trust)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton("Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(self.buttons)

        self.browse.clicked.connect(self.on_browse_clicked)
        self.check.clicked.connect(self.on_check_clicked)
        self.address.textChanged.connect(self.on_address_text_changed)
        self.password.textChanged.connect(self.on_address_text_changed)
        self.connect_button.clicked.connect(self.on_connect_clicked)
        self.buttons.rejected.connect(self.reject)
        self.on_address_text_changed()

    # -- slots -------------------------------------------------------------------------------------

    def on_browse_clicked(self) -> None:
        chosen = self._choose_folder(self)
        if chosen is not None:
            self.address.setText(str(chosen))
            self.on_check_clicked()

    def on_address_text_changed(self) -> None:
        """A changed address must be checked again before connecting."""
        self._probe = None
        postgres = self.address.text().strip().lower().startswith("postgres")
        self.password.setVisible(postgres)
        self.password_label.setVisible(postgres)
        self.check.setEnabled(bool(self.address.text().strip()))
        self.connect_button.setEnabled(False)
        self.trust.setVisible(False)
        self.trust.setChecked(False)
        self.outcome.setText("")

    def on_check_clicked(self) -> None:
        url = hub_address(self.address.text(), self.password.text())
        if not url:
            return
        self.check.setEnabled(False)
        self.outcome.setText("Asking the hub…")
        store = self._store

        def work() -> HubProbe:
            from enablement_app.sync.hub_connection import probe_hub

            return probe_hub(store, url)

        self._tasks.run(work, on_success=self._on_probed, on_failure=self._on_probe_failed, lane="sync")

    def on_connect_clicked(self) -> None:
        probe = self._probe
        if probe is None:
            return
        trust = probe.offered_key if probe.needs_trust and self.trust.isChecked() else None
        store = self._store
        self.connect_button.setEnabled(False)

        def work() -> Connected:
            from enablement_app.sync.hub_connection import connect_hub

            return connect_hub(store, probe, trust_key=trust)

        self._tasks.run(
            work,
            on_success=lambda _connected: self._on_connected(probe),
            on_failure=self._on_connect_failed,
            lane="writer",
        )

    # -- results -----------------------------------------------------------------------------------

    def _on_probed(self, probe: HubProbe) -> None:
        if hub_address(self.address.text(), self.password.text()) != probe.url:
            return  # the rep changed the address meanwhile; that one is checked on its own
        self._probe = probe
        self.check.setEnabled(True)
        self.connect_button.setEnabled(True)
        if probe.key_conflict:
            self.outcome.setText(
                "<b>The hub answers</b>, but its catalog is signed with another key than the one this "
                "computer trusts, so it will not be applied. Ask marketing whether they changed their key."
            )
        elif probe.trusted_key:
            self.outcome.setText("<b>The hub answers.</b> Marketing's catalog key is already trusted here.")
        elif probe.fingerprint:
            self.outcome.setText(
                "<b>The hub answers.</b> Marketing's catalog key on it has the fingerprint<br>"
                f"<span style='font-size:15pt; font-family:monospace'>{probe.fingerprint}</span><br>"
                "Ask marketing to read you theirs: if they match, tick the box. Without it you still "
                "send your usage, but the hub's catalog is not applied."
            )
            self.trust.setVisible(True)
        else:
            self.outcome.setText(
                "<b>The hub answers.</b> Marketing has not published a catalog there yet; you can connect "
                "now and trust their key when they have."
            )
        self.probe_finished.emit()

    def _on_probe_failed(self, error: BaseException) -> None:
        from enablement_app.sync.hub import HubError

        self.check.setEnabled(True)
        self.connect_button.setEnabled(False)
        if isinstance(error, HubError):
            self.outcome.setText(f"<b>The hub cannot be used:</b> {_escaped(str(error))}")
        else:
            self.outcome.setText(f"<b>Checking the hub failed:</b> {_escaped(str(error))}")
        self.probe_finished.emit()

    def _on_connected(self, probe: HubProbe) -> None:
        self.hub_connected.emit(probe.shown_url)
        self.accept()

    def _on_connect_failed(self, error: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.outcome.setText(f"<b>Could not save the connection:</b> {_escaped(str(error))}")


def _escaped(text: str) -> str:
    from html import escape

    return escape(text)
