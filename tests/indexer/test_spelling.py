"""Spelling suggestions read the index's vocabulary once per segment and must find exactly the indexed
terms within the edit distance, as segments are added, replaced and merged."""

from __future__ import annotations

import random
from pathlib import Path

from indexer.search_index import PageText, SearchIndex
from indexer.spelling import SpellingVocabulary

WORDS = [
    "pricing", "prices", "priced", "discount", "discounts", "renewal", "renewed", "security", "secure",
    "review", "forecast", "forecasting", "deal", "dealer", "contract", "contracts", "compliance", "onboard",
]  # fmt: skip
TYPED = ["pricng", "prcing", "dicsount", "renwal", "securty", "forcast", "contarct", "zzzz", "deel", "ab"]


def _add(index: SearchIndex, chance: random.Random, assets: range) -> None:
    with index.writing() as batch:
        for number in assets:
            text = " ".join(chance.choice(WORDS) for _ in range(chance.randint(3, 30)))
            batch.replace_asset(f"asset{number}", f"Asset {number}", [PageText(1, "", text)])


def _distance(a: str, b: str) -> int:
    """Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def _same_as_every_term(index: SearchIndex, vocabulary: SpellingVocabulary) -> None:
    reader = index._current_searcher().reader()
    terms = [reader.schema["terms"].from_bytes(term) for term in reader.lexicon("terms")]
    for typed in TYPED:
        for most in (1, 2):
            expected = sorted(term for term in terms if _distance(typed, term) <= most)
            assert sorted(vocabulary.terms_within(reader, typed, most)) == expected, (typed, most)


def test_the_vocabulary_finds_what_whoosh_finds_as_segments_change(tmp_path: Path) -> None:
    chance = random.Random(3)
    index = SearchIndex(tmp_path / "index")
    vocabulary = SpellingVocabulary("terms")
    _add(index, chance, range(20))
    _same_as_every_term(index, vocabulary)
    reader = index._current_searcher().reader()
    assert "forecast" in vocabulary.terms_within(reader, "forcast", 2)
    assert "discount" in vocabulary.terms_within(reader, "dicsount", 1)  # a swap is one edit
    _add(index, chance, range(15, 40))  # a second segment; five assets replaced (deleted in the first)
    _same_as_every_term(index, vocabulary)
    index.optimize()  # one segment again: the old segments' terms are forgotten
    _same_as_every_term(index, vocabulary)
    assert len(vocabulary._segment_terms) == 1


def test_a_misspelled_search_suggests_the_word_reps_meant(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    with index.writing() as batch:
        batch.replace_asset("a1", "Pricing sheet", [PageText(1, "", "Our pricing for renewals")])
        batch.replace_asset("a2", "Security review", [PageText(1, "", "The security questionnaire")])
    assert index.search("pricng").suggestion == "pricing"
    assert index.search("securty questionaire").suggestion == "security questionnaire"
    assert index.search("zzzzqx").suggestion is None
