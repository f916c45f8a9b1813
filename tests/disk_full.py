"""Helpers for tests of a full disk: PDFs with enough words to need real segments, and a write limit."""

from __future__ import annotations

import random
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.builders import make_pdf

WORDS = [
    "forecast",
    "pipeline",
    "renewal",
    "quota",
    "discount",
    "onboarding",
    "battlecard",
    "pricing",
    "security",
    "integration",
    "churn",
    "expansion",
    "executive",
    "board",
    "variance",
    "accuracy",
    "connector",
    "warehouse",
    "governance",
    "compliance",
    "rollout",
]


def word_pdfs(folder: Path, prefix: str, count: int, rng: random.Random) -> None:
    """Pages of made-up words too, so a segment's term list is a few hundred kilobytes."""
    folder.mkdir(parents=True, exist_ok=True)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for number in range(count):
        pages = [
            " ".join(
                rng.choice(WORDS)
                if rng.random() < 0.5
                else "".join(rng.choices(letters, k=rng.randint(4, 9)))
                for _ in range(300)
            )
            + f" {prefix}marker{number}"
            for _ in range(4)
        ]
        make_pdf(folder / f"{prefix}-{number:02}.pdf", pages, title=f"{prefix} {number}")


@contextmanager
def disk_full_after(limit: int) -> Iterator[None]:
    """Writes past ``limit`` bytes fail in this process, as on a full disk, until the block ends."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
