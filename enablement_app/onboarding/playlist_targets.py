"""Where a playlist editor loads from and saves to: marketing's editor writes the collateral folder's
catalog (published as usual); a manager's editor keeps their drafts on their computer and proposes them
to marketing through the hub, since only marketing signs the catalog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from enablement_app.catalog import CatalogError
from enablement_app.catalog.playlists import Playlist
from enablement_app.onboarding.playlist_catalog import draft_playlists, save_playlists
from enablement_app.onboarding.proposals import PlaylistProposal, load_drafts, save_drafts
from enablement_app.sync.hub import Hub, HubError
from enablement_app.usage.profile import RepProfile


class PlaylistTarget(Protocol):
    @property
    def save_label(self) -> str: ...

    @property
    def save_tip(self) -> str: ...

    @property
    def for_marketing(self) -> bool:
        """Marketing's editor also follows new hires and takes managers' proposals."""
        ...

    def load(self) -> tuple[Playlist, ...]: ...

    def save(self, playlists: tuple[Playlist, ...]) -> None: ...

    def saved_text(self, count: int) -> str: ...


def _plural(count: int) -> str:
    return f"{count} playlist{'s' if count != 1 else ''}"


@dataclass(frozen=True)
class CatalogPlaylists:
    """Marketing's: the playlists of the collateral folder's catalog.json."""

    root: Callable[[], Path | None]
    save_label: str = "Save"
    save_tip: str = "Write the playlists to catalog.json; publish to bring them to reps"
    for_marketing: bool = True

    def load(self) -> tuple[Playlist, ...]:
        root = self.root()
        return draft_playlists(root) if root is not None else ()

    def save(self, playlists: tuple[Playlist, ...]) -> None:
        root = self.root()
        if root is None:
            raise CatalogError("no collateral folder is set: index the library first")
        save_playlists(root, playlists)

    def saved_text(self, count: int) -> str:
        return f"Saved {_plural(count)} to catalog.json: publish (Library › Publish) to bring them to reps"


@dataclass(frozen=True)
class ProposedPlaylists:
    """A manager's: drafts kept in their data folder, each save proposed to marketing through the hub."""

    data_root: Path
    hub_factory: Callable[[], Hub]
    profile: Callable[[], RepProfile]
    device_id: str
    clock: Callable[[], dt.datetime]
    save_label: str = "Send to marketing"
    save_tip: str = (
        "Keep the playlists on this computer and send them to marketing, who adds them to the catalog"
    )
    for_marketing: bool = False

    def load(self) -> tuple[Playlist, ...]:
        return load_drafts(self.data_root)

    def save(self, playlists: tuple[Playlist, ...]) -> None:
        save_drafts(self.data_root, playlists)
        profile, now = self.profile(), self.clock()
        try:
            hub = self.hub_factory()
            try:
                for playlist in playlists:
                    hub.propose_playlist(
                        PlaylistProposal(
                            playlist=playlist,
                            rep_id=profile.rep_id,
                            name=profile.name,
                            email=profile.email,
                            team=profile.team,
                            device_id=self.device_id,
                            proposed_at=now,
                        )
                    )
            finally:
                hub.close()
        except HubError as error:
            raise HubError(f"kept on this computer but not sent to marketing: {error}") from error

    def saved_text(self, count: int) -> str:
        return f"Sent {_plural(count)} to marketing: they add them to the catalog for your new hires"
