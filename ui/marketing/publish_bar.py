"""Says whether reps have marketing's latest catalog edits, and publishes them.

With a hub and this computer's signing key, changes reach reps only once the signed catalog is published:
the bar counts the changes the hub does not have yet and offers "Publish" (the window's own publish job,
``MarketingSyncController.publish_now``). Without a hub, reps read the folder's ``catalog.json`` itself, so
every change is live at once and there is nothing to publish.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from enablement_app.catalog import CatalogError
from enablement_app.sync.hub import HUB_URL_SETTING, HubError, open_hub
from enablement_app.sync.marketing_sync import Published, unpublished_changes
from ui.library_session import LibrarySession
from ui.marketing_sync_controller import MarketingSyncController
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PublishState:
    has_hub: bool
    has_signing_key: bool
    changes: int | None  # what the hub does not have yet; None when that could not be told
    problem: str = ""  # why not

    @property
    def can_publish(self) -> bool:
        return self.has_hub and self.has_signing_key


def _changes(count: int) -> str:
    return f"{count} change{'s' if count != 1 else ''}"


class PublishBar(QWidget):
    counted = Signal(object)  # PublishState

    def __init__(
        self,
        session: LibrarySession,
        tasks: TaskRunner,
        marketing: MarketingSyncController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._marketing = marketing
        self._counting = False
        self._count_again = False
        self.state: PublishState | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.label = QLabel()
        self.label.setObjectName("muted")
        self.button = QPushButton("Publish")
        self.button.setObjectName("primary")
        self.button.setAccessibleName("Publish changes")
        self.button.hide()
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.on_button_clicked)
        marketing.busy_changed.connect(self.on_marketing_busy_changed)
        marketing.publish_finished.connect(self.on_marketing_publish_finished)
        marketing.publish_failed.connect(self.on_marketing_publish_failed)
        marketing.catalog_edited.connect(self.recount)

    def recount(self) -> None:
        """Count the unpublished changes again, in the background; ``counted`` says the outcome."""
        workspace = self._session.workspace
        if workspace is None:
            return
        if self._counting:
            self._count_again = True
            return
        self._counting = True
        store, key_path = workspace.store, workspace.paths.signing_key

        def work() -> PublishState:
            url = store.get_setting(HUB_URL_SETTING)
            has_key = key_path.is_file()
            root = workspace.library_root
            if not url or root is None:
                return PublishState(bool(url), has_key, None)
            try:
                hub = open_hub(url)
                try:
                    return PublishState(True, has_key, unpublished_changes(hub, root))
                finally:
                    hub.close()
            except (HubError, CatalogError) as error:
                log.info("cannot count the unpublished catalog changes: %s", error)
                return PublishState(True, has_key, None, str(error))

        self._tasks.run(work, on_success=self._on_counted, on_failure=self._on_count_failed)

    def _on_counted(self, state: PublishState) -> None:
        self._counting = False
        if self._count_again:
            self._count_again = False
            self.recount()
            return
        self.state = state
        self._show(state)
        self.counted.emit(state)

    def _on_count_failed(self, error: BaseException) -> None:
        self._counting = False
        log.error(
            "counting unpublished catalog changes failed: %s\n%s",
            error,
            getattr(error, "__traceback_text__", ""),
        )
        self._on_counted(
            PublishState(True, True, None, f"counting failed: see the log in {self._session.paths.log_dir}")
        )

    def _show(self, state: PublishState) -> None:
        root = self._session.paths.root
        if not state.has_hub:
            self.button.hide()
            self.label.setText("No hub: changes are live at once for reps who read this folder")
            self.label.setToolTip(
                "This computer has no hub set up, so there is no signed catalog to publish: reps who use the "
                "collateral folder read its catalog.json and find each change on their next look."
            )
            return
        if not state.has_signing_key:
            self.button.hide()
            waiting = _changes(state.changes) if state.changes else "Changes"
            self.label.setText(f"{waiting} not published: no signing key on this computer")
            self.label.setToolTip(
                "Reps take marketing's catalog from the hub only when it is signed with marketing's key.\n"
                f"Copy catalog-signing-key.pem from marketing's computer into {root},\n"
                "or run `enablement hub init` if marketing has none."
            )
            return
        self.button.show()
        self.button.setEnabled(not self._marketing.busy and state.changes != 0)
        if state.changes is None:
            self.label.setText("Cannot tell what reps have")
            self.label.setToolTip(state.problem)
            self.button.setText("Publish")
            self.button.setToolTip("Sign the folder's catalog and publish it on the hub for every rep")
        elif state.changes == 0:
            self.label.setText("Reps have every change")
            self.label.setToolTip("The catalog on the hub is the folder's catalog.json")
            self.button.setText("Publish")
            self.button.setToolTip("Nothing to publish")
        else:
            self.label.setText("")
            self.button.setText(f"Publish {_changes(state.changes)}")
            self.button.setToolTip(
                f"{_changes(state.changes)} in the folder's catalog.json that reps do not have yet: sign the "
                "catalog and publish it on the hub, and reps get them on their next sync"
            )

    def on_button_clicked(self) -> None:
        self._marketing.publish_now()

    def on_marketing_busy_changed(self, busy: bool) -> None:
        if busy:
            self.button.setEnabled(False)
        elif self.state is not None:
            self._show(self.state)

    def on_marketing_publish_finished(self, published: Published) -> None:
        self.label.setText(f"Published catalog number {published.serial}")
        self.recount()

    def on_marketing_publish_failed(self, message: str) -> None:
        self.label.setText(message.split(":")[0])
        self.label.setToolTip(message)
