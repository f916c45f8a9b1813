"""The onboarding progress marketing publishes with the catalog, and the copy a manager's app keeps.

Marketing computes every new hire's progress from the events it ingested and publishes it on the hub next
to the catalog; a manager's app fetches it after each sync and keeps the last copy in its data folder, so
"Team onboarding" shows offline. Reps' apps never fetch it: it is for managers.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from pathlib import Path

from enablement_app.atomic_files import write_atomically
from enablement_app.catalog import Catalog
from enablement_app.onboarding.team_progress import OnboardingProgress, onboarding_progress
from enablement_app.store import Store
from enablement_app.sync.hub import Hub, HubError

log = logging.getLogger(__name__)

ONBOARDING_FILE = "hub-onboarding.json"


def publish_onboarding_progress(
    store: Store, hub: Hub, catalog: Catalog, *, clock: Callable[[], dt.datetime]
) -> OnboardingProgress:
    """Publish every new hire's progress through the catalog's playlists (what marketing ingested)."""
    progress = onboarding_progress(store, catalog.playlists, now=clock())
    hub.publish_onboarding(progress)
    return progress


def fetch_onboarding_progress(hub_factory: Callable[[], Hub], data_root: Path) -> OnboardingProgress | None:
    """The newest progress on the hub, kept in ``data_root``; the kept copy when the hub cannot be read."""
    try:
        hub = hub_factory()
        try:
            progress = hub.onboarding()
        finally:
            hub.close()
    except HubError as error:
        log.info("showing the last onboarding progress fetched: %s", error)
        return load_onboarding_progress(data_root)
    if progress is not None:
        write_atomically(data_root / ONBOARDING_FILE, json.dumps(progress.to_json()).encode())
    return progress


def load_onboarding_progress(data_root: Path) -> OnboardingProgress | None:
    """The copy kept by the last fetch, None without one (or when it cannot be read)."""
    try:
        return OnboardingProgress.from_json(json.loads((data_root / ONBOARDING_FILE).read_bytes()))
    except FileNotFoundError:
        return None
    except (OSError, KeyError, TypeError, ValueError) as error:
        log.info("the kept onboarding progress cannot be read (%s); waiting for the next sync", error)
        return None
