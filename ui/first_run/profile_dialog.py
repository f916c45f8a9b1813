"""The first-run form: who the rep is (stamped on every usage event) and which collateral folder to use.

It is short on purpose (five fields and a folder, with the demo library already chosen), and it explains
why each answer matters, because a rep who understands it gives real answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
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

from enablement_app.usage.profile import ROLE_LABELS, ROLES, ProfileError, RepProfile

REGIONS = ("North America", "EMEA", "APAC", "LATAM")


def _choose_folder(parent: QWidget | None, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Choose the collateral folder", str(start))
    return Path(chosen) if chosen else None


class ProfileDialog(QDialog):
    def __init__(
        self,
        library: Path,
        current: RepProfile | None = None,
        parent: QWidget | None = None,
        *,
        choose_folder: Callable[[QWidget | None, Path], Path | None] = _choose_folder,
        first_run: bool = True,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self._choose_folder = choose_folder
        self.profile: RepProfile | None = None
        self.setWindowTitle("Welcome to Enablement Library" if first_run else "Your profile")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        if first_run:
            intro = QLabel(
                "<b>Find approved collateral in seconds.</b><br>"
                "Tell us who you are: marketing uses it to see which assets help which teams "
                "and regions, and your ratings carry your name."
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        form.setSpacing(8)
        self.name = QLineEdit(current.name if current else "")
        self.name.setPlaceholderText("Alex Morgan")
        self.email = QLineEdit(current.email if current else "")
        self.email.setPlaceholderText("alex.morgan@company.com")
        self.team = QLineEdit(current.team if current else "")
        self.team.setPlaceholderText("e.g. Mid-market West")
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.addItems(REGIONS)
        self.region.setCurrentText(current.region if current else "")
        editor = self.region.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("Choose or type your region")
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        if current is not None:
            self.role.setCurrentIndex(ROLES.index(current.role))
        form.addRow("Name", self.name)
        form.addRow("E-mail", self.email)
        form.addRow("Team", self.team)
        form.addRow("Region", self.region)
        form.addRow("Role", self.role)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(library))
        self.folder.setToolTip(
            "The shared folder where marketing publishes collateral; it is watched for changes"
        )
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.on_browse_clicked)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow("Collateral folder", folder_row)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #dc2626;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start" if first_run else "Save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.setFocus()

    def on_browse_clicked(self) -> None:
        chosen = self._choose_folder(self, Path(self.folder.text()).expanduser())
        if chosen is not None:
            self.folder.setText(str(chosen))

    def library(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def accept(self) -> None:
        try:
            if self._current is None:
                profile = RepProfile.new(
                    name=self.name.text(),
                    email=self.email.text(),
                    team=self.team.text(),
                    region=self.region.currentText(),
                    role=self.role.currentData(),
                )
            else:
                profile = RepProfile(
                    self._current.rep_id,
                    self.name.text(),
                    self.email.text(),
                    self.team.text(),
                    self.region.currentText(),
                    self.role.currentData(),
                )
        except ProfileError as error:
            self._show_error(str(error))
            return
        folder = self.library()
        if not folder.is_dir():
            self._show_error(f"The folder {folder} does not exist. Choose the folder marketing shares.")
            return
        self.profile = profile
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
