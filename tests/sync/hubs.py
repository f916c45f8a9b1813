"""Helpers for tests on a hub: read everything it holds, and take write access away for real."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from enablement_app.sync.hub import Hub, PulledEvents
from enablement_app.usage.events import UsageEvent


def pull_all(
    hub: Hub, cursor: str | None = None, *, limit: int = 100_000
) -> tuple[list[UsageEvent], str | None]:
    """Every event the hub hands out from ``cursor`` on, following ``more`` to the end."""
    events: list[UsageEvent] = []
    while True:
        pulled: PulledEvents = hub.pull_events(cursor, limit=limit)
        assert pulled.quarantined == ()
        events.extend(pulled.events)
        cursor = pulled.cursor
        if not pulled.more:
            return events, cursor


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make ``folder`` refuse new files for real: the immutable attribute as root (who ignores modes),
    read-only modes otherwise."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
