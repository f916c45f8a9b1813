"""The index's own pieces: the fast indexing path must give exactly the analyzer's terms."""

from __future__ import annotations

import random

import pytest
from whoosh.analysis import StemmingAnalyzer
from whoosh.formats import Positions

from indexer.search_index import StemmedPositions

SAMPLES = [
    "The quick brown fox jumps over the lazy dog.",
    "a an the of Pricing: 49 USD/seat, e.g. v2.5 — discounts > 15% need VP approval!",
    "Ärger über Straße; naïve café résumé ΣΊΣΥΦΟΣ Ωμέγα İstanbul ﬁnance",
    "",
    "   \n\n  ",
    "wild*cards and dotted.words.here plus under_scores and CAPS RUNNING running runs",
    "x y z I a 1 22 333",
]


def _terms(format_: Positions, text: str) -> list[tuple[str, int, float, list[int]]]:
    return sorted(
        (term, freq, weight, format_.decode_positions(value))
        for term, freq, weight, value in format_.word_values(text, StemmingAnalyzer(), mode="index")
    )


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_path_matches_the_analyzer(text: str) -> None:
    assert _terms(StemmedPositions(), text) == _terms(Positions(), text)


def test_fast_path_matches_the_analyzer_on_random_text() -> None:
    chance = random.Random(7)
    alphabet = "abcdefghij ABC éü.,;:-_*'\n0123456789 the and of to"
    for _ in range(200):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 400)))
        assert _terms(StemmedPositions(), text) == _terms(Positions(), text)
