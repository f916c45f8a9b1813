"""How fast this machine runs right now, for every benchmark to print beside its figures.

The shared 2-core reference machine's speed swings by up to half within minutes, at any load average:
a fixed pure-Python loop took 0.17 s on fast minutes and 0.30 s on slow ones the same afternoon, and every
figure moved with it. A figure is comparable with another only when their reference loops are close.
"""

from __future__ import annotations

import time

FULL_SPEED_SECONDS = 0.17  # the loop's time on the reference machine's fast minutes (2026-11-23)


def reference_loop_seconds() -> float:
    """Seconds for a fixed pure-Python loop, the best of three."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(5_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def describe(seconds: float) -> str:
    return f"{seconds:.3f} s (about {FULL_SPEED_SECONDS:.2f} s when the machine runs at full speed)"
