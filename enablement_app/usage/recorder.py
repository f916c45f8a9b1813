"""The one place the app records usage: fast on the UI thread, and no event lost if the app is killed.

``record_*`` runs on the UI thread, so it never touches the database: SQLite may be locked for seconds by
another process (the CLI indexer), and busy_timeout would freeze the window. Instead it writes the event as
one JSON line to this recorder's spool file (see ``spool``) and wakes one background thread, which moves
spooled events into the outbox and then empties the spool. What has been written when ``record_*`` returns
survives a kill of the process: the next recorder (or ``enablement usage``) drains leftover spools, and the
outbox ignores events it already has, so draining twice never duplicates.

When the database stays locked or the disk is full, events stay in the spool (or, if even the spool cannot
be written, in memory) and the thread retries with a growing delay; nothing is raised to the UI.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from enablement_app.store import Store
from enablement_app.tips.rep_tips import clean_tip_text
from enablement_app.usage.events import OPEN_TARGETS, SHARE_CHANNELS, UsageEvent, new_event_id
from enablement_app.usage.outbox import store_events
from enablement_app.usage.profile import RepProfile, profile_facts
from enablement_app.usage.spool import OwnSpool, drain_orphaned_spools, parse_spool

log = logging.getLogger(__name__)

# The steps of a "playlist_progress" event, and how an item can be completed.
PLAYLIST_STEPS = ("started", "item_completed", "finished")
PLAYLIST_COMPLETIONS = ("viewed", "marked_done")

# Seconds between tries while the outbox cannot be written (each try may itself wait busy_timeout).
RETRY_DELAYS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
# How often a running recorder looks for spools left by other, dead instances on this data folder.
ORPHAN_SCAN_SECONDS = 120.0


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class RecorderClosedError(RuntimeError):
    """``record_*`` was called after ``close``: a programming error, like writing to a closed file."""


class UsageRecorder:
    """Records one rep's usage on this device. Create one per app instance; call ``close`` on exit.

    Thread-safe: any thread may record. Two app instances on one data folder each have their own spool.
    """

    def __init__(
        self,
        store: Store,
        spool_dir: Path,
        profile: RepProfile,
        device_id: str,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._store = store
        self._profile = profile
        self._device_id = device_id
        self._clock = clock
        self._spool_dir = spool_dir
        self._spool = OwnSpool.create(spool_dir)
        # Guards the spool, the counters and the in-memory backlog; held only for microseconds.
        self._lock = threading.Lock()
        self._stored_changed = threading.Condition(self._lock)
        self._drained_to = 0  # spool bytes already in the outbox
        self._unspooled: list[UsageEvent] = []  # recorded while the spool could not be written
        self._spool_failing = False
        self._recorded = 0  # events accepted so far
        self._stored = 0  # of those, how many are known to be in the outbox
        self._closed = False
        self._failures = 0  # failed tries in a row; only the background thread touches it
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="usage-recorder", daemon=True)
        self._thread.start()

    @property
    def profile(self) -> RepProfile:
        return self._profile

    @property
    def device_id(self) -> str:
        return self._device_id

    def set_profile(self, profile: RepProfile) -> None:
        """Stamp later events with an edited profile (the rep changed team or region), and tell marketing
        when the name, e-mail, team, region or role changed."""
        changed = profile_facts(profile) != profile_facts(self._profile)
        self._profile = profile
        if changed:
            self.record_profile()

    def record_profile(self) -> UsageEvent:
        """The rep's name and e-mail as they now are (team, region and role ride on every event): marketing
        matches reps to a CRM export by e-mail, and names them in reports."""
        profile = self._profile
        return self._record("profile", None, None, {"name": profile.name, "email": profile.email})

    # -- recording (UI thread) -----------------------------------------------------------------

    def record_search(
        self,
        query: str,
        result_count: int,
        clicked_rank: int | None = None,
        asset_id: str | None = None,
        asset_version: int | None = None,
        filters: Mapping[str, Sequence[str]] | None = None,
    ) -> UsageEvent:
        """A search the rep ran; record it once they act on it, with the 1-based rank and asset they opened
        (or no rank when they searched again or gave up)."""
        _check_count("result_count", result_count)
        if clicked_rank is not None:
            _check_positive("clicked_rank", clicked_rank)
            if clicked_rank > result_count:
                raise ValueError(f"clicked_rank {clicked_rank} is past the {result_count} results")
        if (clicked_rank is None) != (asset_id is None):
            raise ValueError("a clicked search result needs both clicked_rank and asset_id")
        details: dict[str, Any] = {
            "query": str(query),
            "result_count": result_count,
            "clicked_rank": clicked_rank,
        }
        if filters:
            details["filters"] = {
                str(facet): [str(value) for value in values] for facet, values in filters.items()
            }
        return self._record("search", asset_id, asset_version, details)

    def record_open(self, asset_id: str, asset_version: int, *, target: str) -> UsageEvent:
        """The rep opened an asset, in the app's preview or in its own application (``target="file"``)."""
        if target not in OPEN_TARGETS:
            raise ValueError(f"unknown open target {target!r}; use one of {', '.join(OPEN_TARGETS)}")
        return self._record("open", _asset(asset_id), asset_version, {"target": target})

    def record_page_view(self, asset_id: str, asset_version: int, page: int, dwell_ms: int) -> UsageEvent:
        """The rep looked at one page (or slide) for ``dwell_ms``; record it when they leave the page."""
        _check_positive("page", page)
        _check_count("dwell_ms", dwell_ms)
        return self._record(
            "page_view", _asset(asset_id), asset_version, {"page": page, "dwell_ms": dwell_ms}
        )

    def record_share(self, asset_id: str, asset_version: int, channel: str) -> UsageEvent:
        if channel not in SHARE_CHANNELS:
            raise ValueError(f"unknown share channel {channel!r}; use one of {', '.join(SHARE_CHANNELS)}")
        return self._record("share", _asset(asset_id), asset_version, {"channel": channel})

    def record_rating(
        self, asset_id: str, asset_version: int, stars: int, comment: str = "", used_in_deal: bool = False
    ) -> UsageEvent:
        """A rating, new or changed: the newest rate event of a rep for an asset is their rating."""
        if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
            raise ValueError(f"a rating is 1 to 5 stars, not {stars!r}")
        details = {"stars": stars, "comment": comment.strip(), "used_in_deal": bool(used_in_deal)}
        return self._record("rate", _asset(asset_id), asset_version, details)

    def record_tip(
        self,
        asset_id: str,
        asset_version: int,
        text: str,
        *,
        page: int | None = None,
        tip_id: str | None = None,
        withdrawn: bool = False,
    ) -> UsageEvent:
        """A rep's field tip on an asset, or on one page of it; a new tip unless ``tip_id`` names one of
        theirs. Withdrawing records the tip again with ``withdrawn``: the event stays a fact, and the tip's
        newest event is its state. Raises ``TipError`` (a sentence) for an empty or too long tip."""
        if page is not None:
            _check_positive("page", page)
        details = {
            "tip_id": tip_id or new_event_id(),
            "text": clean_tip_text(text),
            "page": page,
            "withdrawn": bool(withdrawn),
        }
        return self._record("tip", _asset(asset_id), asset_version, details)

    def record_playlist_progress(
        self,
        playlist_id: str,
        step: str,
        *,
        items_done: int,
        items_total: int,
        asset_id: str | None = None,
        asset_version: int | None = None,
        position: int | None = None,
        pages: tuple[int, int] | None = None,
        how: str | None = None,
        confirmation: str = "",
    ) -> UsageEvent:
        """A step of the rep's onboarding playlist (``enablement_app.onboarding.progress``): started, an item
        completed (by viewing its pages, or marked done with what the rep took from it), finished. Marketing
        and managers follow new hires from these events."""
        if step not in PLAYLIST_STEPS:
            raise ValueError(f"unknown playlist step {step!r}; use one of {', '.join(PLAYLIST_STEPS)}")
        _check_count("items_done", items_done)
        _check_count("items_total", items_total)
        details: dict[str, Any] = {
            "playlist": playlist_id,
            "step": step,
            "items_done": items_done,
            "items_total": items_total,
        }
        if step == "item_completed":
            if position is None or how not in PLAYLIST_COMPLETIONS:
                raise ValueError("a completed playlist item needs its position and how it was completed")
            _check_positive("position", position)
            details |= {"position": position, "pages": list(pages) if pages else None, "how": how}
            if how == "marked_done":
                if not confirmation.strip():
                    raise ValueError("marking an item done needs the rep's confirmation")
                details["confirmation"] = confirmation.strip()
            _asset(asset_id or "")
        return self._record("playlist_progress", asset_id, asset_version, details)

    def _record(
        self, kind: str, asset_id: str | None, asset_version: int | None, details: dict[str, Any]
    ) -> UsageEvent:
        if asset_version is not None:
            _check_positive("asset_version", asset_version)
        profile = self._profile
        event = UsageEvent(
            id=new_event_id(),
            kind=kind,
            occurred_at=self._clock().astimezone(dt.UTC),
            rep_id=profile.rep_id,
            device_id=self._device_id,
            asset_id=asset_id,
            asset_version=asset_version,
            details=details,
            rep_team=profile.team,
            rep_region=profile.region,
            rep_role=profile.role,
        )
        line = (event.to_json() + "\n").encode()
        spool_error: OSError | None = None
        with self._lock:
            if self._closed:
                raise RecorderClosedError("the usage recorder is closed")
            self._recorded += 1
            if self._unspooled:
                self._unspooled.append(event)  # keep order behind earlier events that missed the spool
            else:
                try:
                    self._spool.append(line)
                except OSError as error:
                    self._unspooled.append(event)
                    if not self._spool_failing:
                        self._spool_failing = True
                        spool_error = error
        if spool_error is not None:
            log.warning(
                "cannot write the usage spool %s (%s); keeping events in memory until it or the outbox "
                "takes them",
                self._spool.path,
                spool_error,
            )
        self._wake.set()
        return event

    # -- waiting and closing -------------------------------------------------------------------

    def flush(self, timeout: float | None = 5.0) -> bool:
        """Wait until every event recorded before this call is in the outbox; False if ``timeout`` passed.

        Not for the UI thread in normal use: it may wait on the database. Tests and shutdown use it.
        """
        with self._stored_changed:
            target = self._recorded
            if self._stored >= target:
                return True
            self._wake.set()
            return self._stored_changed.wait_for(lambda: self._stored >= target, timeout)

    def close(self, timeout: float = 5.0) -> bool:
        """Stop recording and try once more to store what is pending, waiting at most ``timeout``.

        Returns False if events had to stay in the spool; the next start drains them, so nothing is lost.
        """
        with self._lock:
            if self._closed:
                return not self._thread.is_alive() and self._stored >= self._recorded
            self._closed = True
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.info("usage events are still waiting for the database; they stay in the spool")
            return False
        with self._lock:
            return self._stored >= self._recorded

    def __enter__(self) -> UsageRecorder:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- the background thread -----------------------------------------------------------------

    def _run(self) -> None:
        next_orphan_scan = 0.0
        try:
            while True:
                self._wake.clear()
                stopping = self._stop.is_set()
                error = self._drain_own()
                if error is None and time.monotonic() >= next_orphan_scan:
                    error = self._drain_orphans()
                    next_orphan_scan = time.monotonic() + (ORPHAN_SCAN_SECONDS if error is None else 0.0)
                if error is None:
                    if self._failures:
                        log.info("usage outbox writable again after %d failed tries", self._failures)
                    self._failures = 0
                else:
                    self._log_failure(error)
                    self._failures += 1
                if stopping:
                    break
                if error is None:
                    self._wake.wait(max(0.0, next_orphan_scan - time.monotonic()))
                else:
                    self._stop.wait(RETRY_DELAYS[min(self._failures, len(RETRY_DELAYS)) - 1])
        except Exception:
            # Not expected (every drain catches its errors); recording goes on into the spool, which
            # the next start drains.
            log.exception("the usage recorder's thread stopped; events wait in %s", self._spool.path)
            return
        self._finish()

    def _drain_own(self) -> Exception | None:
        """Move what this recorder spooled (and any in-memory backlog) into the outbox; the error if not."""
        with self._lock:
            self._respool_backlog()
            start, end = self._drained_to, self._spool.size
            backlog = list(self._unspooled)
            target = self._recorded
        try:
            events = parse_spool(self._spool.read(start, end), self._spool.path) if end > start else []
            store_events(self._store, events + backlog)
        except Exception as error:
            return error
        with self._stored_changed:
            del self._unspooled[: len(backlog)]
            self._drained_to = end
            if self._spool.size == end and end:
                # Nothing arrived meanwhile: empty the spool. A kill before this line only means the
                # next start drains events the outbox already has, which it ignores.
                try:
                    self._spool.truncate()
                    self._drained_to = 0
                except OSError as error:
                    log.debug("cannot empty the usage spool yet: %s", error)
            self._stored = max(self._stored, target)
            self._stored_changed.notify_all()
        return None

    def _respool_backlog(self) -> None:
        """Move events kept in memory (the spool could not be written) to the spool once it can be, so
        they survive a kill even while the database is still unavailable. Called with the lock held."""
        while self._unspooled:
            try:
                self._spool.append((self._unspooled[0].to_json() + "\n").encode())
            except OSError:
                return
            del self._unspooled[0]
        if self._spool_failing:
            self._spool_failing = False
            log.info("the usage spool %s is writable again", self._spool.path)

    def _drain_orphans(self) -> Exception | None:
        try:
            drain_orphaned_spools(self._store, self._spool_dir, skip=self._spool.name)
        except Exception as error:
            return error
        return None

    def _log_failure(self, error: Exception) -> None:
        """Warn once per outage (a locked database or a full disk is expected now and then), then
        stay quiet until it passes; an unexpected error is logged with its traceback."""
        reason = str(getattr(error, "orig", None) or error)
        if not isinstance(error, OperationalError | OSError):
            log.error("cannot write the usage outbox; events wait in the spool", exc_info=error)
        elif self._failures == 0:
            log.warning(
                "cannot write the usage outbox (%s); events wait in the spool and are retried", reason
            )
        else:
            log.debug("usage outbox still not writable (%s)", reason)

    def _finish(self) -> None:
        with self._lock:
            clean = self._drained_to == self._spool.size and not self._unspooled
            lost = len(self._unspooled)
            self._spool.close(remove=clean)
        if lost:
            log.error("%d usage events could be written neither to the spool nor to the outbox", lost)


def _asset(asset_id: str) -> str:
    if not asset_id:
        raise ValueError("this usage event needs the asset's id")
    return asset_id


def _check_positive(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a whole number from 1, not {value!r}")


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number from 0, not {value!r}")
