"""Counting what a publish would change for reps, the same way for every part of the catalog."""

from __future__ import annotations

from collections.abc import Mapping


def changed_keys(before: Mapping[str, object], after: Mapping[str, object]) -> int:
    """How many keys ``after`` maps otherwise than ``before``: added, removed or changed (compared as the
    catalog writes them, so what reps would receive decides)."""
    return sum(1 for key in before.keys() | after.keys() if before.get(key) != after.get(key))
