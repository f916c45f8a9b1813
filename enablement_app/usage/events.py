"""Usage events: immutable facts with a UUID and a UTC time, and their one JSON form.

The same JSON object is written to the spool file, kept in the outbox's columns and printed by
``enablement usage --json``, so a spooled line read back after a crash is the event that was recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import orjson
import uuid6

if TYPE_CHECKING:
    from enablement_app.store.models import OutboxEvent

# "profile": a rep's name and e-mail as they set them, so marketing can match reps to a CRM export.
# "tip": a rep's field tip on an asset or a page, written, reworded or withdrawn (its newest event counts).
EVENT_KINDS = ("search", "open", "page_view", "share", "rate", "playlist_progress", "profile", "tip")
SHARE_CHANNELS = ("clipboard", "saved_copy", "email", "link")
OPEN_TARGETS = ("preview", "file")
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def new_event_id() -> str:
    """A new event's id: a UUID whose first bits are the time (version 7), so the stores that index every
    event id (the hub's and marketing's) write each ingest near the end of the index, not all over it."""
    return str(uuid6.uuid7())


def compact_json(value: object) -> str:
    """``value`` as one line of compact JSON with non-ASCII text kept as is. orjson writes it five times
    faster than the standard library, which takes over for what orjson refuses (an integer beyond 64 bits,
    a key that is not a string)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class EventFormatError(ValueError):
    """A stored or spooled event cannot be read back as a usage event."""


@dataclass(frozen=True, slots=True)
class UsageEvent:
    """One thing a rep did. ``details`` holds the kind's own fields (see the ``record_*`` methods)."""

    id: str
    kind: str
    occurred_at: dt.datetime  # aware, UTC
    rep_id: str
    device_id: str
    asset_id: str | None
    asset_version: int | None
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)
    # the rep's profile when it happened, stamped so marketing can compare teams, regions and roles
    rep_team: str = ""
    rep_region: str = ""
    rep_role: str = ""

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise EventFormatError(f"unknown usage event kind {self.kind!r}")
        tzinfo = self.occurred_at.tzinfo
        if tzinfo is not dt.UTC and (tzinfo is None or self.occurred_at.utcoffset() != dt.timedelta(0)):
            raise EventFormatError("a usage event's time must be an aware UTC datetime")
        if not isinstance(self.details, MappingProxyType):
            # a fact does not change after it is recorded: hand out a read-only view of the details
            object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "occurred_at": self.occurred_at.isoformat(),
            "rep_id": self.rep_id,
            "device_id": self.device_id,
            "rep_team": self.rep_team,
            "rep_region": self.rep_region,
            "rep_role": self.rep_role,
            "asset_id": self.asset_id,
            "asset_version": self.asset_version,
            "details": dict(self.details),
        }

    def to_json(self) -> str:
        """One line of compact JSON (no newline inside), as the spool stores it."""
        return compact_json(self.to_dict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UsageEvent:
        # Marketing reads every event of every rep through here: the common forms (a lowercase UUID, a time
        # already in UTC) take a fast path, anything else is normalised the slow way.
        try:
            occurred_at = dt.datetime.fromisoformat(data["occurred_at"])
            if occurred_at.tzinfo is not dt.UTC:
                occurred_at = occurred_at.astimezone(dt.UTC)
            details = data.get("details") or {}
            if type(details) is not dict and not isinstance(details, Mapping):
                raise TypeError("details is not an object")
            asset_version = data.get("asset_version")
            event_id = data["id"]
            if not (isinstance(event_id, str) and _CANONICAL_UUID.fullmatch(event_id)):
                event_id = str(uuid.UUID(str(event_id)))
            return cls(
                id=event_id,
                kind=str(data["kind"]),
                occurred_at=occurred_at,
                rep_id=str(data["rep_id"]),
                device_id=str(data["device_id"]),
                asset_id=None if data.get("asset_id") is None else str(data["asset_id"]),
                asset_version=None if asset_version is None else int(asset_version),
                details=details,  # copied into a read-only view by __post_init__
                rep_team=str(data.get("rep_team", "")),
                rep_region=str(data.get("rep_region", "")),
                rep_role=str(data.get("rep_role", "")),
            )
        except EventFormatError:
            raise
        except (KeyError, TypeError, ValueError) as error:
            raise EventFormatError(f"not a usage event ({error.__class__.__name__}: {error})") from error

    @classmethod
    def from_row(cls, row: OutboxEvent) -> UsageEvent:
        return cls(
            id=row.id,
            kind=row.kind,
            occurred_at=row.occurred_at,
            rep_id=row.rep_id,
            device_id=row.device_id,
            asset_id=row.asset_id,
            asset_version=row.asset_version,
            details=json.loads(row.details),
            rep_team=row.rep_team,
            rep_region=row.rep_region,
            rep_role=row.rep_role,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> UsageEvent:
        try:
            data = json.loads(text)
        except ValueError as error:
            raise EventFormatError(f"not JSON: {error}") from error
        if not isinstance(data, dict):
            raise EventFormatError("not a JSON object")
        return cls.from_dict(data)
