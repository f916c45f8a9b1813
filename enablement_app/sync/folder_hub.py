"""The hub as a shared folder (``file:///...``): a network share or a folder OneDrive or Dropbox syncs.

Layout under the hub's root::

    hub.json                                  format marker; without it the folder is not (yet) a hub
    devices/<device-id>/<batch-id>.jsonl.gz   one rep device's event batches, gzip JSON lines
    catalog/catalog.json                      the signed catalog manifest marketing published
    stats/aggregates.json.gz                  the figures marketing published
    stats/onboarding.json.gz                  every new hire's onboarding progress, for managers
    proposals/<device-id>/<playlist-id>.json  a playlist a manager proposed to marketing
    quarantine/                               batches that could not be ingested, each with a .reason.txt

What must stay true:
- One writer per file: a device writes only under its own folder, and every file is written under a
  temporary name in the same folder, flushed to disk, then renamed, so a reader (or a sync client) never
  sees half a file under a final name, and a writer killed or out of space leaves at most a ``.tmp``.
- A batch's name is its outbox range (``<device>-<first seq>-<last seq>``): a resend of the same range
  overwrites the same file with the same bytes. A resend after a crash may cut the outbox differently
  (``1-5`` then ``1-7``); ``pull_events`` skips the events of an overlapping batch it already handed out.
- Names read from the folder are never trusted: anything that is not exactly a device UUID or a batch name
  is set aside in ``quarantine/`` with the reason, never opened as a path.
- The root is never created by a sync: an unmounted share looks like an empty folder, and events written
  there would never reach marketing. Only ``create`` (``enablement hub connect --create``) makes a hub.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import json
import logging
import os
import re
import stat
import sys
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import orjson

from enablement_app.atomic_files import TEMP_SUFFIX, write_atomically
from enablement_app.disk_full import DISK_FULL_ERRNOS
from enablement_app.sync.bulk import collector_paused
from enablement_app.sync.hub import (
    Aggregates,
    AssetFigures,
    EventBatch,
    HubError,
    HubRefusedError,
    HubUnavailableError,
    PulledEvents,
    Quarantined,
    SignedCatalog,
)
from enablement_app.usage.events import EventFormatError, UsageEvent

if TYPE_CHECKING:
    from enablement_app.onboarding.proposals import PlaylistProposal
    from enablement_app.onboarding.team_progress import OnboardingProgress

log = logging.getLogger(__name__)

HUB_FORMAT = "enablement-hub-folder"
HUB_FORMAT_VERSION = 1
BATCH_SUFFIX = ".jsonl.gz"

# Hard limits on what a batch file may make a reader do; a rep's real batch is about 1.5 MB of JSON.
MAX_BATCH_FILE_BYTES = 32 * 1024 * 1024
MAX_BATCH_TEXT_BYTES = 128 * 1024 * 1024  # after decompression: a gzip bomb stops here
MAX_EVENT_LINE_BYTES = 64 * 1024
MAX_PUBLISHED_BYTES = 64 * 1024 * 1024  # catalog and aggregates
# A batch that cannot be read and changed this recently may still be arriving through a sync client
# (OneDrive fills a file in place on some platforms): it is left for a later pull instead of quarantined.
SETTLE_SECONDS = 120.0
# A temporary file this old belongs to a writer that was killed; the device's next push removes it.
STALE_TEMP_SECONDS = 3600.0
COMPRESS_LEVEL = 3

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
DEVICE_ID = re.compile(_UUID)
BATCH_ID = re.compile(rf"(?P<device>{_UUID})-(?P<first>[0-9]{{12}})-(?P<last>[0-9]{{12}})")
PROPOSAL_FILE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\.json")  # a playlist id (catalog.playlists)
MAX_PROPOSAL_BYTES = 1024 * 1024
BATCH_FILE = re.compile(rf"(?P<batch>{BATCH_ID.pattern}){re.escape(BATCH_SUFFIX)}")

_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


class BatchUnreadable(Exception):
    """A batch file that cannot be ingested; the message is the reason kept next to it in quarantine."""

    def __init__(self, reason: str, *, maybe_incomplete: bool = False) -> None:
        super().__init__(reason)
        self.maybe_incomplete = maybe_incomplete


class SeqRanges:
    """The outbox ranges of one device whose batches marketing has consumed, merged: normally one range
    ``[1, n]``. Ranges, not a high-water mark, because a synced folder may deliver a later batch before an
    earlier one, and the earlier one must still be read when it arrives."""

    __slots__ = ("ranges",)

    def __init__(self, ranges: list[tuple[int, int]] | None = None) -> None:
        self.ranges: list[tuple[int, int]] = sorted(ranges or [])

    def covers(self, first: int, last: int) -> bool:
        return any(low <= first and last <= high for low, high in self.ranges)

    def touches(self, first: int, last: int) -> bool:
        return any(low <= last and first <= high for low, high in self.ranges)

    def add(self, first: int, last: int) -> None:
        merged: list[tuple[int, int]] = []
        for low, high in sorted([*self.ranges, (first, last)]):
            if merged and low <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], high))
            else:
                merged.append((low, high))
        self.ranges = merged


class FolderHub:
    """A hub in a folder both reps and marketing can reach. Cheap to create: nothing is read until used."""

    def __init__(
        self,
        root: Path,
        *,
        clock: Callable[[], float] = time.time,
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        self.root = root
        self._clock = clock
        self._settle_seconds = settle_seconds
        self._checked = False
        self._swept: set[str] = set()  # device folders whose stale temp files were removed

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def from_url(cls, url: str) -> FolderHub:
        return cls(folder_from_url(url))

    @classmethod
    def create(cls, url: str) -> FolderHub:
        """Make the folder at ``url`` a hub (marketing does this once); an existing hub is left as it is."""
        hub = cls.from_url(url)
        try:
            hub.root.mkdir(parents=True, exist_ok=True)
            for folder in ("devices", "catalog", "stats", "quarantine"):
                (hub.root / folder).mkdir(exist_ok=True)
            if not (hub.root / "hub.json").exists():
                marker = {"format": HUB_FORMAT, "version": HUB_FORMAT_VERSION}
                write_atomically(hub.root / "hub.json", json.dumps(marker, indent=2).encode())
        except OSError as error:
            raise _hub_error(error, f"cannot create the hub in {hub.root}") from error
        hub._check()
        return hub

    @property
    def url(self) -> str:
        return self.root.as_uri()

    def close(self) -> None:
        """Nothing is held open between calls."""

    def _check(self) -> None:
        """Raise unless ``root`` is a reachable hub of a format this code reads."""
        if self._checked:
            return
        try:
            if not self.root.is_dir():
                if self.root.exists():
                    raise HubRefusedError(f"the hub {self.root} is a file, not a folder")
                raise HubUnavailableError(
                    f"the hub folder {self.root} cannot be reached: it does not exist (is the share "
                    f"mounted, is the synced folder on this computer?)"
                )
            marker_bytes = (self.root / "hub.json").read_bytes()
        except FileNotFoundError:
            raise HubUnavailableError(
                f"{self.root} is not a hub yet (no hub.json): the share may not be mounted, or marketing "
                f"has not created the hub there (`enablement hub connect --create URL`)"
            ) from None
        except OSError as error:
            raise _hub_error(error, f"cannot read the hub folder {self.root}") from error
        try:
            marker = json.loads(marker_bytes)
            found = (marker.get("format"), marker.get("version"))
        except (ValueError, AttributeError):
            found = None
        if found != (HUB_FORMAT, HUB_FORMAT_VERSION):
            raise HubRefusedError(
                f"{self.root / 'hub.json'} is not a hub this version can use "
                f"(expected {HUB_FORMAT} version {HUB_FORMAT_VERSION})"
            )
        self._checked = True

    # -- rep side ------------------------------------------------------------------------------

    def push(self, batch: EventBatch) -> None:
        """Write the batch durably under its device's folder; returning means it is on the hub's disk."""
        first, last = _check_batch(batch)
        if not batch.events:
            return
        self._check()
        folder = self.root / "devices" / batch.device_id
        lines = [event.to_json().encode() for event in batch.events]
        lines.append(b"")
        data = zlib.compress(b"\n".join(lines), COMPRESS_LEVEL, wbits=31)
        try:
            folder.mkdir(exist_ok=True)
            if batch.device_id not in self._swept:
                _remove_stale_temps(folder, self._clock())
                self._swept.add(batch.device_id)
            write_atomically(folder / f"{batch.batch_id}{BATCH_SUFFIX}", data)
        except OSError as error:
            raise _hub_error(error, f"cannot write events to the hub {self.root}") from error
        log.debug("pushed %d events (seq %d-%d) to %s", len(batch.events), first, last, folder)

    def catalog(self) -> SignedCatalog | None:
        data = self._read_published(self.root / "catalog" / "catalog.json", compressed=False)
        if data is None:
            return None
        try:
            return SignedCatalog(
                manifest=base64.b64decode(data["manifest"], validate=True),
                signature=base64.b64decode(data["signature"], validate=True),
                serial=int(data["serial"]),
                published_at=_utc(data["published_at"]),
                public_key=str(data.get("public_key", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise HubUnavailableError(
                f"the catalog published on the hub cannot be read ({error}); marketing should publish it again"
            ) from error

    def aggregates(self) -> Aggregates | None:
        data = self._read_published(self.root / "stats" / "aggregates.json.gz", compressed=True)
        if data is None:
            return None
        try:
            assets = {
                str(asset_id): AssetFigures.from_json(str(asset_id), figures)
                for asset_id, figures in dict(data["assets"]).items()
            }
            return Aggregates(generated_at=_utc(data["generated_at"]), assets=assets)
        except (KeyError, TypeError, ValueError) as error:
            raise HubUnavailableError(
                f"the figures published on the hub cannot be read ({error}); marketing should publish again"
            ) from error

    def onboarding(self) -> OnboardingProgress | None:
        from enablement_app.onboarding.team_progress import OnboardingProgress

        data = self._read_published(self.root / "stats" / "onboarding.json.gz", compressed=True)
        if data is None:
            return None
        try:
            return OnboardingProgress.from_json(data)
        except (KeyError, TypeError, ValueError) as error:
            raise HubUnavailableError(
                f"the onboarding progress published on the hub cannot be read ({error}); marketing should "
                "publish again"
            ) from error

    def _read_published(self, path: Path, *, compressed: bool) -> dict[str, Any] | None:
        self._check()
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_PUBLISHED_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise _hub_error(error, f"cannot read {path}") from error
        try:
            if len(raw) > MAX_PUBLISHED_BYTES:
                raise ValueError("it is too large")
            text = _gunzip(raw, MAX_PUBLISHED_BYTES) if compressed else raw
            data = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError("it is not a JSON object")
        except (BatchUnreadable, ValueError) as error:
            raise HubUnavailableError(
                f"{path.name} on the hub cannot be read ({error}); it may still be syncing, or marketing "
                f"should publish it again"
            ) from error
        return data

    # -- marketing side ------------------------------------------------------------------------

    def publish_catalog(self, catalog: SignedCatalog) -> None:
        document = {
            "serial": catalog.serial,
            "published_at": catalog.published_at.astimezone(dt.UTC).isoformat(),
            "manifest": base64.b64encode(catalog.manifest).decode("ascii"),
            "signature": base64.b64encode(catalog.signature).decode("ascii"),
            "public_key": catalog.public_key,
        }
        self._publish(self.root / "catalog" / "catalog.json", json.dumps(document).encode())

    def publish_aggregates(self, aggregates: Aggregates) -> None:
        document = {
            "generated_at": aggregates.generated_at.astimezone(dt.UTC).isoformat(),
            "assets": {asset_id: figures.to_json() for asset_id, figures in aggregates.assets.items()},
        }
        data = zlib.compress(json.dumps(document).encode(), COMPRESS_LEVEL, wbits=31)
        self._publish(self.root / "stats" / "aggregates.json.gz", data)

    def publish_onboarding(self, progress: OnboardingProgress) -> None:
        data = zlib.compress(json.dumps(progress.to_json()).encode(), COMPRESS_LEVEL, wbits=31)
        self._publish(self.root / "stats" / "onboarding.json.gz", data)

    def propose_playlist(self, proposal: PlaylistProposal) -> None:
        """Written under the proposing device's own folder: one writer per file, as for batches."""
        if not DEVICE_ID.fullmatch(proposal.device_id) or not PROPOSAL_FILE.fullmatch(
            f"{proposal.playlist.id}.json"
        ):
            raise HubRefusedError(
                f"{proposal.playlist.id!r} of {proposal.device_id!r} is not a proposal name"
            )
        folder = self.root / "proposals" / proposal.device_id
        self._check()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(folder / f"{proposal.playlist.id}.json", json.dumps(proposal.to_json()).encode())
        except OSError as error:
            raise _hub_error(error, f"cannot send the playlist to marketing through {self.root}") from error

    def playlist_proposals(self) -> tuple[PlaylistProposal, ...]:
        from enablement_app.onboarding.proposals import newest_proposals, parse_proposal

        self._check()
        found = []
        try:
            devices = [
                entry
                for entry in os.scandir(self.root / "proposals")
                if DEVICE_ID.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)
            ]
            for device in devices:
                for entry in os.scandir(device.path):
                    if not PROPOSAL_FILE.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                        continue  # never opened: only names a manager's app writes are read
                    with Path(entry.path).open("rb") as stream:
                        raw = stream.read(MAX_PROPOSAL_BYTES + 1)
                    if len(raw) <= MAX_PROPOSAL_BYTES:
                        proposal = parse_proposal(raw, f"proposals/{device.name}/{entry.name}")
                        if proposal is not None and proposal.device_id == device.name:
                            found.append(proposal)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise _hub_error(error, f"cannot read the playlists managers proposed on {self.root}") from error
        return newest_proposals(found)

    def _publish(self, path: Path, data: bytes) -> None:
        self._check()
        try:
            path.parent.mkdir(exist_ok=True)
            write_atomically(path, data)
        except OSError as error:
            raise _hub_error(error, f"cannot publish {path.name} to the hub {self.root}") from error

    def pull_events(self, cursor: str | None, *, limit: int = 100_000) -> PulledEvents:
        """Every event pushed since ``cursor``, a whole batch at a time, at most ``limit`` (unless one batch
        alone is larger); unreadable batches and foreign names are moved to ``quarantine/`` with a reason.

        The cursor is a JSON object of the outbox ranges consumed per device; it stays valid while batches
        are added, in any order. Events are returned at most once per cursor chain, even when a resend cut
        the outbox into batches differently.
        """
        self._check()
        state = _parse_cursor(cursor)
        events: list[UsageEvent] = []
        quarantined: list[Quarantined] = []
        more = False
        with collector_paused():
            more = self._pull_devices(state, events, quarantined, limit)
        return PulledEvents(
            events=tuple(events),
            cursor=_format_cursor(state),
            quarantined=tuple(quarantined),
            more=more,
        )

    def _pull_devices(
        self,
        state: dict[str, SeqRanges],
        events: list[UsageEvent],
        quarantined: list[Quarantined],
        limit: int,
    ) -> bool:
        more = False
        devices_dir = self.root / "devices"
        try:
            entries = sorted(os.scandir(devices_dir), key=lambda entry: entry.name)
        except FileNotFoundError:
            entries = []
        except OSError as error:
            raise _hub_error(error, f"cannot list the devices on the hub {self.root}") from error
        for entry in entries:
            if not DEVICE_ID.fullmatch(entry.name) or not entry.is_dir(follow_symlinks=False):
                quarantined.append(self._quarantine(Path(entry.path), "not a device folder", entry.name))
                continue
            more = self._pull_device(entry.name, state, events, quarantined, limit)
            if more:
                break
        return more

    def _pull_device(
        self,
        device: str,
        state: dict[str, SeqRanges],
        events: list[UsageEvent],
        quarantined: list[Quarantined],
        limit: int,
    ) -> bool:
        """Read one device's batches not yet consumed into ``events``; True when ``limit`` stopped it."""
        folder = self.root / "devices" / device
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except OSError as error:
            raise _hub_error(error, f"cannot list the batches of device {device} on the hub") from error
        consumed = state.setdefault(device, SeqRanges())
        read_now: dict[str, set[str]] = {}  # ids of the batches read in this call, for overlaps
        for name in names:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                continue  # a write in progress (or a killed writer's leftover, which the writer removes)
            relative = f"devices/{device}/{name}"
            match = BATCH_FILE.fullmatch(name)
            if match is None or match["device"] != device:
                quarantined.append(
                    self._quarantine(folder / name, "not a batch name of this device", relative)
                )
                continue
            first, last = int(match["first"]), int(match["last"])
            if first < 1 or first > last:
                quarantined.append(self._quarantine(folder / name, "its outbox range is empty", relative))
                continue
            if consumed.covers(first, last):
                continue
            if events and len(events) + (last - first + 1) > limit:
                return True
            try:
                batch = self._read_batch(folder / name, last - first + 1)
            except FileNotFoundError:
                continue  # moved away since the folder was listed
            except BatchUnreadable as error:
                if error.maybe_incomplete and self._recently_changed(folder / name):
                    log.info("leaving %s for a later pull: %s", relative, error)
                    continue
                quarantined.append(self._quarantine(folder / name, str(error), relative))
                continue
            if any(event.device_id != device for event in batch):
                # A device writes only its own folder: events there in another device's name were planted.
                reason = "it holds events of another device"
                quarantined.append(self._quarantine(folder / name, reason, relative))
                continue
            ids = {event.id for event in batch}
            read_now[name] = ids
            skip: set[str] = set()
            if consumed.touches(first, last):
                skip = self._consumed_ids(folder, names, consumed, first, last, read_now)
            if len(ids) < len(batch) or skip:
                batch = _unique(batch, skip)
            events.extend(batch)
            consumed.add(first, last)
        return False

    def _consumed_ids(
        self,
        folder: Path,
        names: list[str],
        consumed: SeqRanges,
        first: int,
        last: int,
        read_now: Mapping[str, set[str]],
    ) -> set[str]:
        """The ids of consumed batches whose range overlaps ``first..last``: a resend cut differently."""
        ids: set[str] = set()
        for name in names:
            match = BATCH_FILE.fullmatch(name)
            if match is None:
                continue
            low, high = int(match["first"]), int(match["last"])
            if high < first or low > last or not consumed.covers(low, high):
                continue
            if name in read_now:
                ids |= read_now[name]
                continue
            with contextlib.suppress(BatchUnreadable, HubError, OSError):
                ids.update(event.id for event in self._read_batch(folder / name, None))
        return ids

    def _read_batch(self, path: Path, most: int | None) -> list[UsageEvent]:
        try:
            # lstat-free: O_NOFOLLOW refuses a symbolic link planted under a batch name
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            raise
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise BatchUnreadable("a symbolic link, not a batch file") from error
            raise _hub_error(error, f"cannot read {path.name} on the hub") from error
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not _is_regular(info.st_mode):
                raise BatchUnreadable("not a regular file")
            if info.st_size > MAX_BATCH_FILE_BYTES:
                raise BatchUnreadable(f"{info.st_size} bytes is over the {MAX_BATCH_FILE_BYTES} limit")
            raw = stream.read(MAX_BATCH_FILE_BYTES + 1)
        return parse_batch(_gunzip(raw, MAX_BATCH_TEXT_BYTES), most)

    def _recently_changed(self, path: Path) -> bool:
        try:
            return self._clock() - path.lstat().st_mtime < self._settle_seconds
        except OSError:
            return False

    def _quarantine(self, path: Path, reason: str, name: str) -> Quarantined:
        """Move ``path`` into quarantine/ under a safe name, with a .reason.txt saying what and why."""
        log.info("quarantining %r from the hub: %s", name, reason)
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name.replace("/", "__"))[-120:].lstrip(".")
        stamp = dt.datetime.fromtimestamp(self._clock(), dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.root / "quarantine" / f"{stamp}-{uuid.uuid4().hex[:8]}-{safe}"
        note = f"{name!r}\n{reason}\n"
        try:
            target.parent.mkdir(exist_ok=True)
            write_atomically(target.with_name(target.name + ".reason.txt"), note.encode("utf-8"))
            path.replace(target)
        except OSError as error:
            reason = f"{reason} (it could not be moved to quarantine: {error.strerror or error})"
        return Quarantined(name=name, reason=reason)


def parse_batch(text: bytes, most: int | None) -> list[UsageEvent]:
    """The events of a batch's JSON lines; any line that is not a usage event rejects the whole batch, so
    marketing never ingests half of a batch someone tampered with."""
    if text and not text.endswith(b"\n"):
        raise BatchUnreadable("its last line is cut short", maybe_incomplete=True)
    lines = text.split(b"\n")
    lines.pop()
    if most is not None and len(lines) > most:
        raise BatchUnreadable(f"{len(lines)} events are more than its outbox range of {most} holds")
    if lines and max(map(len, lines)) > MAX_EVENT_LINE_BYTES:
        number = next(n for n, line in enumerate(lines, start=1) if len(line) > MAX_EVENT_LINE_BYTES)
        raise BatchUnreadable(f"line {number} is over {MAX_EVENT_LINE_BYTES} bytes")
    loads, from_dict = orjson.loads, UsageEvent.from_dict
    try:
        return [from_dict(loads(line)) for line in lines]  # the common case, at full speed
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
        pass
    for number, line in enumerate(lines, start=1):  # find the line to name in the reason
        try:
            data = loads(line)
            if not isinstance(data, dict):
                raise EventFormatError("not a JSON object")
            from_dict(data)
        except (ValueError, RecursionError) as error:  # EventFormatError and orjson's errors are ValueErrors
            raise BatchUnreadable(f"line {number} is not a usage event: {error}") from None
    raise BatchUnreadable("a line is not a usage event")


def _unique(events: list[UsageEvent], skip: set[str]) -> list[UsageEvent]:
    seen = set(skip)
    kept = []
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            kept.append(event)
    return kept


def _gunzip(raw: bytes, most: int) -> bytes:
    """Decompress one gzip member, refusing more than ``most`` bytes of output (a gzip bomb) and any
    truncated or trailing data."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        text = inflater.decompress(raw, most + 1)
    except zlib.error as error:
        raise BatchUnreadable(f"not gzip data, or damaged ({error})", maybe_incomplete=True) from None
    if len(text) > most:
        raise BatchUnreadable(f"it expands to more than {most} bytes")
    if not inflater.eof:
        raise BatchUnreadable("the gzip data is truncated", maybe_incomplete=True)
    if inflater.unused_data:
        raise BatchUnreadable("there is data after the end of the gzip stream")
    return text


def _check_batch(batch: EventBatch) -> tuple[int, int]:
    """A batch's name becomes a file name: refuse anything but ``<device uuid>-<12 digits>-<12 digits>``."""
    match = BATCH_ID.fullmatch(batch.batch_id) if isinstance(batch.batch_id, str) else None
    if match is None or match["device"] != batch.device_id:
        raise HubRefusedError(
            f"{batch.batch_id!r} is not a batch id of device {batch.device_id!r} "
            f"(expected {EventBatch.make_id('<device uuid>', 1, 1)!r} with a lowercase UUID)"
        )
    first, last = int(match["first"]), int(match["last"])
    if not 1 <= first <= last or len(batch.events) > last - first + 1:
        raise HubRefusedError(f"batch {batch.batch_id} holds more events than its outbox range")
    return first, last


def _parse_cursor(cursor: str | None) -> dict[str, SeqRanges]:
    if cursor is None:
        return {}
    try:
        data = json.loads(cursor)
        if data.get("v") != 2:
            raise ValueError("unknown version")
        return {
            str(device): SeqRanges([(int(low), int(high)) for low, high in ranges])
            for device, ranges in dict(data["devices"]).items()
        }
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise HubRefusedError(f"not a pull cursor of a folder hub ({error})") from error


def _format_cursor(state: Mapping[str, SeqRanges]) -> str:
    devices = {
        device: [list(pair) for pair in seqs.ranges] for device, seqs in sorted(state.items()) if seqs.ranges
    }
    return json.dumps({"v": 2, "devices": devices}, separators=(",", ":"))


def _remove_stale_temps(folder: Path, now: float) -> None:
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
                        Path(entry.path).unlink()


def _is_regular(mode: int) -> bool:
    return stat.S_ISREG(mode)


def _utc(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return moment.astimezone(dt.UTC)


def _hub_error(error: OSError, doing: str) -> HubError:
    """An OS error as a sentence: full or unreachable means try later; denied means someone must act."""
    detail = error.strerror or str(error)
    if error.errno in DISK_FULL_ERRNOS:
        return HubUnavailableError(f"{doing}: the hub's disk is full ({detail})")
    if error.errno in _DENIED:
        return HubRefusedError(f"{doing}: permission denied ({detail}); ask IT for write access")
    return HubUnavailableError(f"{doing}: {detail}")


def folder_from_url(url: str) -> Path:
    """The folder of a ``file:`` URL: ``file:///srv/hub``, ``file:///C:/Hub`` or ``file://server/share``
    (Windows)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise HubRefusedError(f"{url!r} is not a folder address (file:///...)")
    netloc = parts.netloc
    if netloc.lower() in ("", "localhost"):
        path = url2pathname(unquote(parts.path)) if sys.platform == "win32" else unquote(parts.path)
    elif sys.platform == "win32":
        path = url2pathname(f"//{netloc}{unquote(parts.path)}")
    else:
        raise HubRefusedError(
            f"{url!r} names another computer; mount the share and use its local path, e.g. file:///mnt/hub"
        )
    if "\x00" in path:
        raise HubRefusedError("a hub address cannot contain a NUL character")
    folder = Path(path)
    if not folder.is_absolute():
        raise HubRefusedError(f"{url!r} is not an absolute folder address; use file:///full/path")
    return folder


def iter_batch_files(root: Path) -> Iterator[Path]:
    """Every batch file on the hub, for tools and tests that inspect the folder."""
    yield from sorted((root / "devices").glob(f"*/*{BATCH_SUFFIX}"))


__all__ = ["FolderHub", "folder_from_url", "iter_batch_files", "parse_batch"]
