"""Playlists managers propose: a manager cannot sign the catalog, so a playlist built in their app goes to
marketing through the hub as a proposal, and marketing adds it to the catalog (then publishes as usual).

A proposal is the whole playlist with who proposed it; proposing the same playlist again replaces the
earlier proposal (newest wins), so a manager can keep editing until marketing takes it. The manager's own
drafts are kept in their data folder, so the editor shows them again next time.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enablement_app.atomic_files import write_atomically
from enablement_app.catalog.playlists import Playlist, PlaylistError, parse_playlists

log = logging.getLogger(__name__)

DRAFTS_FILE = "playlist-proposals.json"


@dataclass(frozen=True, slots=True)
class PlaylistProposal:
    playlist: Playlist
    rep_id: str
    name: str
    email: str
    team: str
    device_id: str
    proposed_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "playlist": self.playlist.to_json(),
            "rep_id": self.rep_id,
            "name": self.name,
            "email": self.email,
            "team": self.team,
            "device_id": self.device_id,
            "proposed_at": self.proposed_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], source: str) -> PlaylistProposal:
        """Raises ``PlaylistError`` (a malformed playlist), ``KeyError``, ``TypeError`` or ``ValueError``."""
        (playlist,) = parse_playlists([data["playlist"]], source)
        proposed_at = dt.datetime.fromisoformat(str(data["proposed_at"]))
        return cls(
            playlist=playlist,
            rep_id=str(data["rep_id"]),
            name=str(data["name"]),
            email=str(data["email"]),
            team=str(data.get("team", "")),
            device_id=str(data["device_id"]),
            proposed_at=proposed_at if proposed_at.tzinfo else proposed_at.replace(tzinfo=dt.UTC),
        )

    @property
    def who(self) -> str:
        return f"{self.name} ({self.team})" if self.team else self.name


def newest_proposals(proposals: Iterable[PlaylistProposal]) -> tuple[PlaylistProposal, ...]:
    """One proposal per manager and playlist, the newest; newest first."""
    newest: dict[tuple[str, str], PlaylistProposal] = {}
    for proposal in proposals:
        key = (proposal.rep_id, proposal.playlist.id)
        if key not in newest or newest[key].proposed_at <= proposal.proposed_at:
            newest[key] = proposal
    return tuple(sorted(newest.values(), key=lambda proposal: proposal.proposed_at, reverse=True))


def parse_proposal(text: bytes | str, source: str) -> PlaylistProposal | None:
    """A stored proposal, or None (logged) when it cannot be read: one bad proposal hides no other."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return PlaylistProposal.from_json(data, source)
    except (PlaylistError, KeyError, TypeError, ValueError) as error:
        log.info("skipping the playlist proposal %s: %s", source, error)
        return None


def load_drafts(data_root: Path) -> tuple[Playlist, ...]:
    """The playlists this manager built, as they last saved them (none when the file is missing or bad)."""
    try:
        raw = json.loads((data_root / DRAFTS_FILE).read_bytes())
        return parse_playlists(raw, DRAFTS_FILE)
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as error:
        log.info("the playlists you proposed cannot be read again (%s)", error)
        return ()


def save_drafts(data_root: Path, playlists: Sequence[Playlist]) -> None:
    write_atomically(
        data_root / DRAFTS_FILE,
        json.dumps([playlist.to_json() for playlist in playlists], ensure_ascii=False).encode(),
    )
