"""Onboarding playlists in the catalog: ordered assets a new hire works through in their first days.

Marketing builds them and they reach reps in ``catalog.json`` under the top-level key ``"playlists"``, which
apps older than playlists ignore (the catalog stays format 1). Items name assets by their id, the same on
every computer, so a playlist survives marketing moving or renaming a file. A malformed playlist is refused
with a sentence naming the playlist and the item, like the rest of the manifest: a rep never works through
half of what marketing meant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from enablement_app.catalog.asset_id_format import ASSET_ID
from enablement_app.catalog.changes import changed_keys

PLAYLISTS_KEY = "playlists"
# Who a playlist is for: a profile role (enablement_app.usage.profile.ROLES, without importing the usage layer).
AUDIENCE_ROLES = ("new_hire", "rep", "manager", "marketer")
MAX_DUE_DAY = 365
_PLAYLIST_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class PlaylistError(ValueError):
    """A playlist cannot be used as given; the message names the playlist and the item."""


@dataclass(frozen=True, slots=True)
class PlaylistItem:
    """One step of a playlist: an asset (optionally only some of its pages), why it matters, and by which
    day of onboarding it should be done."""

    asset_id: str
    due_day: int = 1
    first_page: int | None = None
    last_page: int | None = None
    note: str = ""
    # the asset's title when marketing added it: shown when this computer does not have the asset (yet)
    title: str = ""

    @property
    def has_page_range(self) -> bool:
        return self.first_page is not None

    def pages(self, page_count: int) -> range:
        """The pages this item asks for in an asset of ``page_count`` pages (a range past the end is cut)."""
        if self.first_page is None:
            return range(1, page_count + 1)
        last = self.last_page if self.last_page is not None else self.first_page
        return range(self.first_page, min(last, page_count) + 1)

    def page_range_text(self) -> str:
        if self.first_page is None:
            return ""
        if self.last_page is None or self.last_page == self.first_page:
            return f"page {self.first_page}"
        return f"pages {self.first_page}–{self.last_page}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"asset": self.asset_id, "due_day": self.due_day}
        if self.title:
            data["title"] = self.title
        if self.first_page is not None:
            data["pages"] = [self.first_page, self.last_page or self.first_page]
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True, slots=True)
class Playlist:
    """An ordered list of items for an audience: a role (new hires by default), optionally one team."""

    id: str
    title: str
    items: tuple[PlaylistItem, ...] = ()
    role: str = "new_hire"
    team: str = ""  # empty: every team
    description: str = ""

    @property
    def days(self) -> int:
        """How many days onboarding with this playlist takes: its latest due day."""
        return max((item.due_day for item in self.items), default=0)

    def is_for(self, role: str, team: str) -> bool:
        """Whether a rep of ``role`` in ``team`` should work through this playlist."""
        return role == self.role and (not self.team or self.team.casefold() == team.strip().casefold())

    def audience_text(self) -> str:
        who = {"new_hire": "New hires", "rep": "Sales reps", "manager": "Managers", "marketer": "Marketers"}
        return f"{who.get(self.role, self.role)}{f' · {self.team}' if self.team else ''}"

    def with_items(self, items: Iterable[PlaylistItem]) -> Playlist:
        return replace(self, items=tuple(items))

    def to_json(self) -> dict[str, Any]:
        audience: dict[str, str] = {"role": self.role}
        if self.team:
            audience["team"] = self.team
        data: dict[str, Any] = {"id": self.id, "title": self.title, "for": audience}
        if self.description:
            data["description"] = self.description
        data["items"] = [item.to_json() for item in self.items]
        return data


def parse_playlists(raw: Any, source: str) -> tuple[Playlist, ...]:
    """The ``"playlists"`` value of a catalog; raises ``PlaylistError`` naming what is wrong and where."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise PlaylistError(f'{source}: "playlists" must be a list of playlists')
    playlists = []
    seen: set[str] = set()
    for number, value in enumerate(raw, start=1):
        playlist = _parse_playlist(value, f"{source}: playlist {number}")
        if playlist.id in seen:
            raise PlaylistError(f"{source}: two playlists have the id {playlist.id!r}")
        seen.add(playlist.id)
        playlists.append(playlist)
    return tuple(playlists)


def _parse_playlist(raw: Any, where: str) -> Playlist:
    if not isinstance(raw, dict):
        raise PlaylistError(f"{where} must be an object")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise PlaylistError(f"{where} needs a title")
    where = f"{where} ({title.strip()!r})"
    playlist_id = raw.get("id")
    if not isinstance(playlist_id, str) or not _PLAYLIST_ID.fullmatch(playlist_id):
        raise PlaylistError(
            f"{where}: id {playlist_id!r} must be lowercase letters, digits and dashes (at most 64)"
        )
    audience = raw.get("for", {})
    if not isinstance(audience, dict):
        raise PlaylistError(f'{where}: "for" must be an object with a role and optionally a team')
    role = audience.get("role", "new_hire")
    if role not in AUDIENCE_ROLES:
        raise PlaylistError(f"{where}: role {role!r} is not one of {', '.join(AUDIENCE_ROLES)}")
    team = _text(audience.get("team"), f"{where}: team")
    description = _text(raw.get("description"), f"{where}: description")
    items_raw = raw.get("items", [])
    if not isinstance(items_raw, list):
        raise PlaylistError(f"{where}: items must be a list")
    items = tuple(_parse_item(item, f"{where}, item {n}") for n, item in enumerate(items_raw, start=1))
    return Playlist(
        id=playlist_id,
        title=title.strip(),
        items=items,
        role=role,
        team=team,
        description=description,
    )


def _parse_item(raw: Any, where: str) -> PlaylistItem:
    if not isinstance(raw, dict):
        raise PlaylistError(f"{where} must be an object")
    asset_id = raw.get("asset")
    if not isinstance(asset_id, str) or not ASSET_ID.fullmatch(asset_id):
        raise PlaylistError(f"{where}: asset must be an asset id (32 lowercase hexadecimal characters)")
    due_day = raw.get("due_day", 1)
    if isinstance(due_day, bool) or not isinstance(due_day, int) or not 1 <= due_day <= MAX_DUE_DAY:
        raise PlaylistError(f"{where}: due_day must be a day from 1 to {MAX_DUE_DAY}, not {due_day!r}")
    first_page = last_page = None
    pages = raw.get("pages")
    if pages is not None:
        if (
            not isinstance(pages, list)
            or len(pages) != 2
            or not all(isinstance(page, int) and not isinstance(page, bool) and page >= 1 for page in pages)
            or pages[0] > pages[1]
        ):
            raise PlaylistError(f"{where}: pages must be [first, last], two page numbers from 1, in order")
        first_page, last_page = pages
    return PlaylistItem(
        asset_id=asset_id,
        due_day=due_day,
        first_page=first_page,
        last_page=last_page,
        note=_text(raw.get("note"), f"{where}: note"),
        title=_text(raw.get("title"), f"{where}: title"),
    )


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PlaylistError(f"{where} must be a text")
    return value.strip()


def parse_page_range(text: str) -> tuple[int | None, int | None]:
    """``"4"``, ``"4-7"`` or ``""`` (the whole asset) as (first, last); a sentence when it is neither."""
    cleaned = text.strip().replace("–", "-").replace(" ", "")
    if not cleaned:
        return None, None
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", cleaned)
    if match is None:
        raise PlaylistError(f"{text!r} is not a page range: write a page (4) or a range (4-7)")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1 or last < first:
        raise PlaylistError(f"{text!r} is not a page range: pages count from 1, the first before the last")
    return first, last


def check_first_page(first: int | None, title: str, page_count: int) -> None:
    """Refuse, with a sentence, a page range starting past the last page of its asset (``page_count`` 0:
    not known here, taken at its word): the editor and ``enablement playlist add`` check alike."""
    if first is not None and page_count and first > page_count:
        raise PlaylistError(f"{title} has {page_count} pages: page {first} is past its end")


def parse_due_day(text: str | int) -> int:
    """``3``, ``"3"`` or ``"day 3"`` as 3; a sentence when it is not a day of onboarding."""
    cleaned = str(text).strip().casefold().removeprefix("day").strip()
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_DUE_DAY:
        raise PlaylistError(f"{text!r} is not a due day: write a day from 1 to {MAX_DUE_DAY}, like “day 3”")
    return int(cleaned)


def new_playlist_id(title: str, taken: Iterable[str]) -> str:
    """An id for a new playlist from its title ("Your first week" -> "your-first-week"), unique in ``taken``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.casefold()).strip("-")[:56] or "playlist"
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def playlists_changed(draft: Sequence[Playlist], published: Sequence[Playlist]) -> int:
    """How many playlists differ between the folder's catalog and the published one (added, removed or
    edited): what a publish would bring reps."""
    return changed_keys(
        {playlist.id: playlist.to_json() for playlist in published},
        {playlist.id: playlist.to_json() for playlist in draft},
    )
