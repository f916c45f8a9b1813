"""Turns what the rep does in the preview's "Field tips" section into calls on the core, and reads the tips
the section shows: the promoted ones from the catalog this computer uses, the rep's own from the outbox.

Reading runs in the background (a catalog can be large, the store may be busy); a tip is recorded on the
UI thread like every usage event (the recorder only appends to its spool), then the section is read again
once the recorder has stored it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from enablement_app.tips.rep_tips import CatalogTips, RepTip, TipError, own_tips

if TYPE_CHECKING:
    from enablement_app.catalog.field_tips import PromotedTip
    from enablement_app.library.search import AssetCard
    from ui.library_session import LibrarySession
    from ui.preview.preview_pane import PreviewPane
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

Loaded = tuple[str, list["PromotedTip"], list[RepTip]]


class FieldTipsController(QObject):
    tips_shown = Signal(str)  # asset id: the preview shows its tips as they now are
    tip_saved = Signal(str)  # tip id
    tip_withdrawn = Signal(str)  # tip id
    message_posted = Signal(str)  # a sentence for the status bar

    def __init__(self, session: LibrarySession, tasks: TaskRunner, preview: PreviewPane) -> None:
        super().__init__(preview)
        self._session = session
        self._tasks = tasks
        self._preview = preview
        self._catalog_tips: CatalogTips | None = None
        preview.asset_shown.connect(self.on_preview_asset_shown)
        preview.tip_written.connect(self.on_preview_tip_written)
        preview.tip_withdraw_requested.connect(self.on_preview_tip_withdraw_requested)
        session.library_changed.connect(self.on_session_library_changed)

    def on_preview_asset_shown(self, card: AssetCard) -> None:
        self.reload(card)

    def on_session_library_changed(self) -> None:
        """A sync took marketing's newest catalog: the asset on screen may have tips promoted or taken back."""
        card = self._preview.card
        if card is not None and self._preview.isVisible():
            self.reload(card)

    def reload(self, card: AssetCard, *, after: Callable[[], None] | None = None) -> None:
        """Read the asset's tips in the background and show them; then call ``after`` (a tip was just
        written or withdrawn: the recorder stores it first)."""
        workspace, profile, root = (
            self._session.workspace,
            self._session.profile,
            self._session.library_root(),
        )
        if workspace is None or root is None:
            return
        if self._catalog_tips is None:
            self._catalog_tips = CatalogTips(workspace.hub_publications)
        catalog_tips, recorder = self._catalog_tips, self._session.recorder
        rep_id = profile.rep_id if profile is not None else None

        def work() -> Loaded:
            if after is not None and recorder is not None:
                recorder.flush(5.0)  # the tip just written is in the outbox before it is read back
            promoted = catalog_tips.for_asset(root, card.id)
            own = own_tips(workspace.store, rep_id, card.id) if rep_id else []
            return card.id, promoted, own

        def shown(loaded: Loaded) -> None:
            asset_id, promoted, own = loaded
            self._preview.set_tips(asset_id, promoted, own)
            self.tips_shown.emit(asset_id)
            if after is not None:
                after()

        self._tasks.run(work, on_success=shown, on_failure=self._on_read_failed)

    def _on_read_failed(self, error: BaseException) -> None:
        log.error("could not read the field tips: %s\n%s", error, getattr(error, "__traceback_text__", ""))
        self.message_posted.emit(
            f"The field tips could not be read: see the log in {self._session.paths.log_dir}"
        )

    def on_preview_tip_written(self, card: AssetCard, text: str, page: int | None) -> None:
        recorder = self._session.recorder
        if recorder is None:
            self.message_posted.emit("Fill in your profile first: a tip is saved with your name.")
            return
        try:
            event = recorder.record_tip(card.id, card.version, text, page=page)
        except TipError as error:
            self.message_posted.emit(str(error))
            return
        self.message_posted.emit(
            "Tip saved. Marketing sees it with your name and may share it with every rep."
        )
        tip_id = str(event.details["tip_id"])
        self.reload(card, after=lambda: self.tip_saved.emit(tip_id))

    def on_preview_tip_withdraw_requested(self, card: AssetCard, tip: RepTip) -> None:
        recorder = self._session.recorder
        if recorder is None:
            return
        try:
            recorder.record_tip(
                tip.asset_id, tip.asset_version or card.version, tip.text, page=tip.page, tip_id=tip.tip_id,
                withdrawn=True,
            )  # fmt: skip
        except (ValueError, RuntimeError) as error:  # a stored tip always passes; never break the preview
            log.error("could not withdraw the tip %s: %s", tip.tip_id, error)
            return
        self.message_posted.emit("Tip withdrawn.")
        self.reload(card, after=lambda: self.tip_withdrawn.emit(tip.tip_id))
