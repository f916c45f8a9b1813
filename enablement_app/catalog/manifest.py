"""Reads and writes ``catalog.json`` at the collateral root.

The manifest is the single source of governance: every rep's app reads it, only marketing edits it (through
``enablement approve`` / ``retire`` today, signed through the hub later). Entries are keyed by the file's
POSIX path relative to the root and may carry the content hash seen at approval, so a file that marketing
moves keeps its approval. A manifest that cannot be read raises ``CatalogError`` and changes nothing: the
last governance that was read stays in force.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from enablement_app.atomic_files import write_atomically
from enablement_app.catalog.asset_id_format import ASSET_ID
from enablement_app.catalog.field_tips import (
    FIELD_TIPS_KEY,
    FieldTipFormatError,
    PromotedTip,
    field_tips_json,
    parse_field_tips,
)
from enablement_app.catalog.playlists import PLAYLISTS_KEY, Playlist, PlaylistError, parse_playlists

MANIFEST_NAME = "catalog.json"
MANIFEST_FORMAT = 1
STATUSES = ("draft", "approved", "expired", "retired")
# Facet name -> key in the manifest entry. "tag" holds marketing's free tags.
FACETS: Mapping[str, str] = {
    "product": "product",
    "stage": "stage",
    "persona": "persona",
    "industry": "industry",
    "region": "region",
    "tag": "tags",
}
MAX_MANIFEST_BYTES = 50 * 1024 * 1024


class CatalogError(Exception):
    """The manifest cannot be used; the message names the file and what is wrong with it."""


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    status: str = "draft"
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    expires_at: dt.date | None = None
    title: str | None = None
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    supersedes: str | None = None
    sha256: str | None = None
    # the asset's id, the same on every computer (see enablement_app.library.asset_ids)
    asset_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"status": self.status}
        if self.title:
            data["title"] = self.title
        data["approved_by"] = self.approved_by
        data["approved_at"] = self.approved_at.isoformat() if self.approved_at else None
        data["expires_at"] = self.expires_at.isoformat() if self.expires_at else None
        for facet, key in FACETS.items():
            values = self.facets.get(facet, ())
            if values:
                data[key] = list(values)
        if self.supersedes:
            data["supersedes"] = self.supersedes
        if self.sha256:
            data["sha256"] = self.sha256
        if self.asset_id:
            data["id"] = self.asset_id
        return data


@dataclass(frozen=True, slots=True)
class Catalog:
    library: str = ""
    entries: Mapping[str, CatalogEntry] = field(default_factory=dict)
    # Where marketing publishes the collateral folder (an intranet or file-share address); reps' shared
    # links start with it. Without it a link is the file's address in the shared folder.
    share_base_url: str | None = None
    # reps' tips marketing promoted for every rep (see enablement_app.catalog.field_tips)
    field_tips: tuple[PromotedTip, ...] = ()
    # onboarding playlists marketing publishes to new hires (enablement_app.catalog.playlists)
    playlists: tuple[Playlist, ...] = ()

    def entry_for(self, path: str, content_hash: str | None = None) -> tuple[str, CatalogEntry] | None:
        """The entry for a file: by its path, else by the content hash recorded at approval (a move)."""
        entry = self.entries.get(path)
        if entry is not None:
            return path, entry
        if content_hash:
            for key, candidate in self.entries.items():
                if candidate.sha256 == content_hash:
                    return key, candidate
        return None

    def with_entry(self, path: str, entry: CatalogEntry) -> Catalog:
        return self.with_entries({path: entry})

    def with_entries(self, changed: Mapping[str, CatalogEntry]) -> Catalog:
        return replace(self, entries={**self.entries, **changed})

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": MANIFEST_FORMAT, "library": self.library}
        if self.share_base_url:
            data["share_base_url"] = self.share_base_url
        data["assets"] = {path: self.entries[path].to_json() for path in sorted(self.entries)}
        if self.field_tips:
            data[FIELD_TIPS_KEY] = field_tips_json(self.field_tips)
        if self.playlists:
            data[PLAYLISTS_KEY] = [playlist.to_json() for playlist in self.playlists]
        return data


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CatalogError(f"{where} must be a text or a list of texts")
    return tuple(dict.fromkeys(item.strip() for item in value if item.strip()))


def _optional_text(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise CatalogError(f"{where} must be a text")
    return value


def _parse_entry(path: str, raw: Any) -> CatalogEntry:
    where = f"entry {path!r}"
    if not isinstance(raw, dict):
        raise CatalogError(f"{where} must be an object")
    status = raw.get("status", "draft")
    if status not in STATUSES:
        raise CatalogError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    approved_at_text = _optional_text(raw.get("approved_at"), f"{where}: approved_at")
    expires_text = _optional_text(raw.get("expires_at"), f"{where}: expires_at")
    try:
        approved_at = dt.datetime.fromisoformat(approved_at_text) if approved_at_text else None
    except ValueError as error:
        raise CatalogError(
            f"{where}: approved_at {approved_at_text!r} is not an ISO date and time"
        ) from error
    try:
        expires_at = dt.date.fromisoformat(expires_text) if expires_text else None
    except ValueError as error:
        raise CatalogError(f"{where}: expires_at {expires_text!r} is not a date (YYYY-MM-DD)") from error
    if approved_at is not None and approved_at.tzinfo is None:
        approved_at = approved_at.replace(tzinfo=dt.UTC)
    facets = {
        facet: values
        for facet, key in FACETS.items()
        if (values := _strings(raw.get(key), f"{where}: {key}"))
    }
    return CatalogEntry(
        status=status,
        approved_by=_optional_text(raw.get("approved_by"), f"{where}: approved_by"),
        approved_at=approved_at,
        expires_at=expires_at,
        title=_optional_text(raw.get("title"), f"{where}: title"),
        facets=facets,
        supersedes=_optional_text(raw.get("supersedes"), f"{where}: supersedes"),
        sha256=_optional_text(raw.get("sha256"), f"{where}: sha256"),
        asset_id=_asset_id(raw.get("id"), f"{where}: id"),
    )


def _asset_id(value: Any, where: str) -> str | None:
    text = _optional_text(value, where)
    if text is not None and not ASSET_ID.fullmatch(text):
        raise CatalogError(
            f"{where} must be 32 lowercase hexadecimal characters, as `enablement approve` writes"
        )
    return text


def parse_catalog(text: str, source: str = MANIFEST_NAME) -> Catalog:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogError(
            f"{source} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    if not isinstance(raw, dict) or not isinstance(raw.get("assets", {}), dict):
        raise CatalogError(f'{source} must be an object with an "assets" object')
    version = raw.get("format", MANIFEST_FORMAT)
    if version != MANIFEST_FORMAT:
        raise CatalogError(f"{source} has format {version!r}; this app reads format {MANIFEST_FORMAT}")
    try:
        entries = {
            _normalise_key(path): _parse_entry(path, entry) for path, entry in raw.get("assets", {}).items()
        }
    except CatalogError as error:
        raise CatalogError(f"{source}: {error}") from error
    library = raw.get("library", "")
    share_base_url = _optional_text(raw.get("share_base_url"), f"{source}: share_base_url")
    if share_base_url and not share_base_url.startswith(("https://", "http://", "file://", "smb://")):
        raise CatalogError(
            f"{source}: share_base_url {share_base_url!r} must be an http(s), file or smb address"
        )
    try:
        field_tips = parse_field_tips(raw.get(FIELD_TIPS_KEY))
    except FieldTipFormatError as error:
        raise CatalogError(f"{source}: {error}") from error
    try:
        playlists = parse_playlists(raw.get(PLAYLISTS_KEY), source)
    except PlaylistError as error:
        raise CatalogError(str(error)) from error
    return Catalog(
        library=library if isinstance(library, str) else "",
        entries=entries,
        share_base_url=share_base_url,
        field_tips=field_tips,
        playlists=playlists,
    )


def _normalise_key(path: str) -> str:
    return path.replace("\\", "/").lstrip("/")


def load_catalog(root: Path) -> Catalog | None:
    """The manifest at ``root``, or None when marketing has not written one yet."""
    manifest = root / MANIFEST_NAME
    try:
        size = manifest.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            raise CatalogError(f"{MANIFEST_NAME} is {size // (1024 * 1024)} MB, too large to be a catalog")
        data = manifest.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CatalogError(f"{MANIFEST_NAME} cannot be read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogError(f"{MANIFEST_NAME} is not UTF-8 text") from error
    return parse_catalog(text)


def save_catalog(root: Path, catalog: Catalog) -> None:
    """Write the manifest atomically, so a reader never sees half a catalog. Raises ``CatalogError`` when
    it cannot be written; the catalog on disk then stays as it was."""
    text = json.dumps(catalog.to_json(), indent=2, ensure_ascii=False) + "\n"
    try:
        # Created readable by everyone the umask allows: every rep's app must be able to read the catalog.
        write_atomically(root / MANIFEST_NAME, text.encode("utf-8"))
    except OSError as error:
        raise CatalogError(
            f"{MANIFEST_NAME} in {root} cannot be written ({error.strerror or error}): nothing was changed"
        ) from error


def merge_facets(
    current: Mapping[str, tuple[str, ...]], updates: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """Facets given on the command line replace that facet's values; the others stay."""
    merged = dict(current)
    for facet, values in updates.items():
        if facet not in FACETS:
            raise CatalogError(f"unknown facet {facet!r}; use one of {', '.join(FACETS)}")
        cleaned = tuple(dict.fromkeys(value.strip() for value in values if value.strip()))
        if cleaned:
            merged[facet] = cleaned
        else:
            merged.pop(facet, None)
    return merged


class Unchanged(enum.Enum):
    """Marks a field an edit leaves as each entry has it (``None`` means "clear it")."""

    UNCHANGED = "unchanged"


UNCHANGED: Final = Unchanged.UNCHANGED


@dataclass(frozen=True, slots=True)
class EntryEdit:
    """One change made to many entries at once, as marketing's bulk edit makes it.

    Only what it names changes: a facet left out keeps each entry's own values (the "(mixed)" fields of the
    bulk edit), free tags are added and removed one by one rather than replaced, and the expiry date is
    set, cleared (``None``) or left alone (``UNCHANGED``).
    """

    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # replaced; () clears the facet
    tags_added: tuple[str, ...] = ()
    tags_removed: tuple[str, ...] = ()
    expires_at: dt.date | Unchanged | None = UNCHANGED

    def __post_init__(self) -> None:
        unknown = [facet for facet in self.facets if facet not in FACETS or facet == "tag"]
        if unknown:
            raise CatalogError(
                f"cannot set {', '.join(unknown)} in a bulk edit: "
                f"use one of {', '.join(f for f in FACETS if f != 'tag')}, or add and remove tags"
            )

    @property
    def empty(self) -> bool:
        return not (self.facets or self.tags_added or self.tags_removed) and self.expires_at is UNCHANGED

    def apply(self, entry: CatalogEntry) -> CatalogEntry:
        facets = merge_facets(entry.facets, self.facets)
        removed = {tag.strip().casefold() for tag in self.tags_removed}
        tags = [tag for tag in facets.get("tag", ()) if tag.casefold() not in removed]
        seen = {tag.casefold() for tag in tags}
        for tag in (added.strip() for added in self.tags_added):
            if tag and tag.casefold() not in seen:
                tags.append(tag)
                seen.add(tag.casefold())
        facets = merge_facets(facets, {"tag": tags})
        expires_at = entry.expires_at if self.expires_at is UNCHANGED else self.expires_at
        return replace(entry, facets=facets, expires_at=expires_at)
