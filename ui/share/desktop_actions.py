"""What the desktop does with an asset: open it in its application, show it in its folder, put the file
on the clipboard, save a copy, and start an e-mail with its link.

The desktop itself (the default applications, the folder picker) is reached through two callables, so
tests point them at recorders instead of launching programs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from enablement_app.sharing import email_draft_url, unique_copy_path
from ui.preview.preview_source import missing_file_message


class ShareError(Exception):
    """An action could not be done; the message says why."""


def _choose_folder(parent: QWidget | None) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Save a copy to…", str(Path.home()))
    return Path(chosen) if chosen else None


class DesktopActions:
    def __init__(
        self,
        *,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
        choose_folder: Callable[[QWidget | None], Path | None] = _choose_folder,
    ) -> None:
        self.open_url = open_url
        self.choose_folder = choose_folder

    @staticmethod
    def _existing(path: Path) -> Path:
        if not path.is_file():
            raise ShareError(missing_file_message(path))
        return path

    def open_file(self, path: Path) -> None:
        if not self.open_url(QUrl.fromLocalFile(str(self._existing(path)))):
            raise ShareError(f"no application on this computer opens {path.suffix or 'this kind of'} files")

    def reveal(self, path: Path) -> None:
        folder = self._existing(path).parent
        if not self.open_url(QUrl.fromLocalFile(str(folder))):
            raise ShareError(f"the folder {folder} could not be shown")

    @staticmethod
    def copy_file_to_clipboard(path: Path) -> None:
        """The file itself, so it pastes into a chat, an e-mail or a file manager as an attachment."""
        url = QUrl.fromLocalFile(str(DesktopActions._existing(path)))
        data = QMimeData()
        data.setUrls([url])
        data.setText(str(path))
        # GNOME and KDE file managers paste a copy only when told it is one.
        data.setData("x-special/gnome-copied-files", f"copy\n{url.toString()}".encode())
        QGuiApplication.clipboard().setMimeData(data)

    def copy_target(self, path: Path, parent: QWidget | None = None) -> Path | None:
        """Where a copy goes, in a folder the rep picks (never over an existing file); None if cancelled."""
        source = self._existing(path)
        folder = self.choose_folder(parent)
        return None if folder is None else unique_copy_path(folder, source.name)

    @staticmethod
    def copy_file(source: Path, target: Path) -> Path:
        """Runs on a worker: a big deck on a network share takes a while to copy."""
        try:
            shutil.copy2(DesktopActions._existing(source), target)
        except OSError as error:
            target.unlink(missing_ok=True)
            raise ShareError(
                f"the copy could not be saved in {target.parent}: {error.strerror or error}"
            ) from error
        return target

    def email_link(self, title: str, link: str, signature: str = "") -> None:
        if not self.open_url(QUrl(email_draft_url(title=title, link=link, signature=signature))):
            raise ShareError("no e-mail program is set up on this computer; use Copy link instead")

    @staticmethod
    def copy_text(text: str) -> None:
        QGuiApplication.clipboard().setText(text)
