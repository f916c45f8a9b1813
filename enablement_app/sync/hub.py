"""The hub between reps and marketing: one interface, a backend per URL scheme.

Reps push batches of usage events and read the signed catalog and the aggregate figures marketing
publishes; marketing pulls every rep's events and publishes the catalog and aggregates. Two backends: a
shared folder (``file:///...``, the embedded default: a network share or a synced folder) and PostgreSQL
(``postgresql://...``, to scale up). The sync services only ever see this interface.

What every backend must keep true (tests/sync run the same contract tests against each):
- ``push`` is idempotent: pushing a batch again, whole or in part, never stores an event twice, so a rep
  who was killed after the hub stored a batch but before it noted so simply sends it again.
- ``push`` returns only once the events are durably on the hub; then, and only then, may they leave the
  rep's outbox.
- ``pull_events`` hands each stored event to marketing once per cursor, and quarantines what cannot be
  read (a corrupt, truncated, oversized or hostile batch) with a reason instead of failing the pull.
- Nothing a backend raises escapes as anything but ``HubError``: an unreachable hub is an ordinary state
  for a laptop, never a crash.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from enablement_app.usage.events import UsageEvent

if TYPE_CHECKING:
    from enablement_app.onboarding.proposals import PlaylistProposal
    from enablement_app.onboarding.team_progress import OnboardingProgress

HUB_URL_SETTING = "hub_url"
HUB_PASSWORD_ENV = "ENABLEMENT_HUB_PASSWORD"


class HubError(Exception):
    """The hub cannot be used right now; the message says why in words a rep understands."""


class HubUnavailableError(HubError):
    """Unreachable, offline, busy or full: try again later, with back-off."""


class HubRefusedError(HubError):
    """The hub said no (permission, bad credentials, a wrong URL): retrying will not help until fixed."""


@dataclass(frozen=True, slots=True)
class EventBatch:
    """Events of one device, in outbox order. ``batch_id`` is the same every time the same outbox range is
    sent (``device-firstseq-lastseq``), so a resend after a crash overwrites rather than adds."""

    batch_id: str
    device_id: str
    events: tuple[UsageEvent, ...]

    @staticmethod
    def make_id(device_id: str, first_seq: int, last_seq: int) -> str:
        return f"{device_id}-{first_seq:012d}-{last_seq:012d}"


@dataclass(frozen=True, slots=True)
class SignedCatalog:
    """The catalog manifest exactly as marketing signed it (Ed25519), with the publish counter that lets a
    rep refuse an older catalog replayed over a newer one."""

    manifest: bytes
    signature: bytes
    serial: int
    published_at: dt.datetime
    # marketing's public key (``ed25519:...``), published so a rep can pin it when first connecting, after
    # checking its fingerprint with marketing; it proves nothing by itself, the pinned key decides
    public_key: str = ""


# An asset is "top reps' pick" when the top reps (the CRM's best performers, a small minority of the sales
# force: about the top fifth) make at least this share of its opens, i.e. they reach for it about twice as
# often as their headcount would suggest...
TOP_REPS_PICK_SHARE = 0.4
# ...over at least this many opens of theirs, so one top rep's habit on a rarely opened asset is no pick.
TOP_REPS_PICK_MIN_OPENS = 5


# At most this many pages per asset are published as its best pages: enough for a rep to jump to, few
# enough to read in one glance ("best pages: 4, 7, 2").
BEST_PAGES = 3


@dataclass(frozen=True, slots=True)
class AssetFigures:
    """What the whole company did with one asset, as marketing last published it.

    The ``top_reps_*``, ``top_rep_shares`` and ``best_pages`` figures cover the calendar quarter of the
    publish (``Aggregates.generated_at``): "used by 3 of the top reps this quarter". Figures travel as JSON
    objects read by ``from_json``, which ignores keys it does not know and defaults the ones it misses, so
    a rep's app reads figures published by an older or a newer marketing app alike.
    """

    asset_id: str
    opens: int = 0
    shares: int = 0
    ratings: int = 0
    average_rating: float | None = None
    used_in_deal: int = 0
    top_rep_opens: int = 0
    top_reps_this_quarter: int = 0  # distinct top reps who opened or shared it this quarter
    top_rep_shares: int = 0  # times top reps shared it this quarter
    best_pages: tuple[int, ...] = ()  # the pages top reps dwelt on most this quarter, most first

    def to_json(self) -> dict[str, Any]:
        """The figures as a JSON object, without the asset id (the key it is published under)."""
        return {
            "opens": self.opens,
            "shares": self.shares,
            "ratings": self.ratings,
            "average_rating": self.average_rating,
            "used_in_deal": self.used_in_deal,
            "top_rep_opens": self.top_rep_opens,
            "top_reps_this_quarter": self.top_reps_this_quarter,
            "top_rep_shares": self.top_rep_shares,
            "best_pages": list(self.best_pages),
        }

    @classmethod
    def from_json(cls, asset_id: str, data: Mapping[str, Any]) -> AssetFigures:
        """Figures from a published JSON object; raises ``TypeError`` or ``ValueError`` when a known key has
        a value of the wrong kind. Unknown keys are a newer publisher's and are ignored."""
        if not isinstance(data, Mapping):
            raise TypeError(f"the figures of {asset_id} are not a JSON object")

        def count(key: str) -> int:
            value = data.get(key) or 0
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"{key} of {asset_id} is not a number")
            return int(value)

        average = data.get("average_rating")
        if average is not None and (isinstance(average, bool) or not isinstance(average, int | float)):
            raise TypeError(f"average_rating of {asset_id} is not a number")
        pages = data.get("best_pages") or ()
        if not isinstance(pages, list | tuple) or not all(
            isinstance(page, int) and not isinstance(page, bool) for page in pages
        ):
            raise TypeError(f"best_pages of {asset_id} is not a list of page numbers")
        return cls(
            asset_id=asset_id,
            opens=count("opens"),
            shares=count("shares"),
            ratings=count("ratings"),
            average_rating=None if average is None else float(average),
            used_in_deal=count("used_in_deal"),
            top_rep_opens=count("top_rep_opens"),
            top_reps_this_quarter=count("top_reps_this_quarter"),
            top_rep_shares=count("top_rep_shares"),
            best_pages=tuple(page for page in pages if page >= 1)[:BEST_PAGES],
        )

    @property
    def top_reps_pick(self) -> bool:
        """Whether top reps open this asset far more than their numbers explain (see the rule above)."""
        return (
            self.top_rep_opens >= TOP_REPS_PICK_MIN_OPENS
            and self.top_rep_opens >= TOP_REPS_PICK_SHARE * self.opens
        )


@dataclass(frozen=True, slots=True)
class Aggregates:
    generated_at: dt.datetime
    assets: Mapping[str, AssetFigures] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Quarantined:
    """Something on the hub that could not be ingested, set aside with the reason."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class PulledEvents:
    events: tuple[UsageEvent, ...]
    cursor: str | None  # pass back to continue; opaque to callers
    quarantined: tuple[Quarantined, ...] = ()
    more: bool = False


class Hub(Protocol):
    @property
    def url(self) -> str:
        """The hub's address without any secret, for messages and logs."""
        ...

    # -- rep side ------------------------------------------------------------------------------
    def push(self, batch: EventBatch) -> None: ...

    def catalog(self) -> SignedCatalog | None: ...

    def aggregates(self) -> Aggregates | None: ...

    # -- marketing side ------------------------------------------------------------------------
    def pull_events(self, cursor: str | None, *, limit: int = 100_000) -> PulledEvents: ...

    def publish_catalog(self, catalog: SignedCatalog) -> None: ...

    def publish_aggregates(self, aggregates: Aggregates) -> None: ...

    # -- onboarding: every new hire's progress, which marketing publishes for managers -----------
    def onboarding(self) -> OnboardingProgress | None: ...

    def publish_onboarding(self, progress: OnboardingProgress) -> None: ...

    # a manager proposes a playlist (rep side); marketing reads the proposals, the newest of each
    def propose_playlist(self, proposal: PlaylistProposal) -> None: ...

    def playlist_proposals(self) -> tuple[PlaylistProposal, ...]: ...

    def close(self) -> None: ...


# URL scheme -> "module:class" of its backend, imported only when used, so a rep on the folder hub never
# loads a PostgreSQL driver. Each backend class has ``from_url(url) -> Hub``, and may have
# ``create(url) -> Hub`` to set up a new hub (see ``create_hub``).
BACKENDS = {
    "file": "enablement_app.sync.folder_hub:FolderHub",
    "postgresql": "enablement_app.sync.postgres_hub:PostgresHub",
    "postgres": "enablement_app.sync.postgres_hub:PostgresHub",
    "postgresql+psycopg": "enablement_app.sync.postgres_hub:PostgresHub",
}


def open_hub(url: str) -> Hub:
    """The backend for ``url``: ``file:///path`` (a shared folder) or ``postgresql://user@host/db``."""
    hub: Hub = _backend(url).from_url(url)
    return hub


def create_hub(url: str) -> Hub:
    """Set up a new hub at ``url`` (marketing, once) and open it; an existing hub is left as it is.

    ``open_hub`` never creates one: a folder hub on a share that is not mounted looks like an empty folder,
    and events written there would never reach marketing. A backend without ``create`` is only opened."""
    backend = _backend(url)
    hub: Hub = (backend.create if hasattr(backend, "create") else backend.from_url)(url)
    return hub


def _backend(url: str) -> Any:
    target = BACKENDS.get(urlsplit(url).scheme.lower())
    if target is None:
        raise HubRefusedError(
            f"{redact(url)!r} is not a hub address: use file:///folder or postgresql://user@host/database"
        )
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def redact(url: str) -> str:
    """``url`` without a password, for anything a person or a log will read."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


__all__ = [
    "BEST_PAGES",
    "HUB_PASSWORD_ENV",
    "HUB_URL_SETTING",
    "TOP_REPS_PICK_MIN_OPENS",
    "TOP_REPS_PICK_SHARE",
    "Aggregates",
    "AssetFigures",
    "EventBatch",
    "Hub",
    "HubError",
    "HubRefusedError",
    "HubUnavailableError",
    "PulledEvents",
    "Quarantined",
    "SignedCatalog",
    "create_hub",
    "open_hub",
    "redact",
]
