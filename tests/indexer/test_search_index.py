"""The index's own pieces: the fast indexing path must give exactly the analyzer's terms."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.analysis import StemmingAnalyzer
from whoosh.formats import Positions

from indexer.search_index import PageText, SearchIndex, StemmedPositions

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


def test_in_memory_field_lengths_match_whoosh(tmp_path: Path) -> None:
    from whoosh.codec.whoosh3 import W3PerDocReader

    from indexer.search_index import PageText, SearchIndex

    index = SearchIndex(tmp_path / "index")
    with index.writing() as batch:
        for number in range(5):
            pages = [PageText(page, f"Part {page}", "word " * (page * 37 + number)) for page in range(1, 4)]
            batch.replace_asset(f"asset{number}", f"Title {number}", pages, new=True)
    searcher = index._current_searcher()
    for reader, _ in searcher.reader().leaf_readers():
        fast = reader._perdoc
        assert type(fast).__name__ == "_InMemoryLengthsReader"
        for docnum in range(reader.doc_count_all()):
            for field in ("text", "heading", "terms", "title", "missing"):
                assert fast.doc_field_length(docnum, field) == W3PerDocReader.doc_field_length(
                    fast, docnum, field
                )


def _random_library(index: SearchIndex, chance: random.Random, words: list[str], assets: range) -> None:
    with index.writing() as batch:
        for number in assets:
            pages = [
                PageText(page, "", " ".join(chance.choice(words) for _ in range(chance.randint(5, 40))))
                for page in range(1, chance.randint(2, 6))
            ]
            batch.replace_asset(f"asset{number}", f"{chance.choice(words)} {chance.choice(words)}", pages)


def test_phrase_pages_are_the_pages_whoosh_finds(tmp_path: Path) -> None:
    """Phrases are checked on the stored positions; the pages must be exactly Whoosh's phrase matches,
    across segments and with replaced (deleted) documents."""
    chance = random.Random(11)
    words = ["pricing", "discount", "renewal", "security", "review", "forecast", "deal", "the", "of"]
    index = SearchIndex(tmp_path / "index")
    _random_library(index, chance, words, range(30))
    _random_library(index, chance, words, range(20, 40))  # a second segment, replacing ten assets
    searcher = index._current_searcher()
    for text in ['"pricing discount"', '"security review"', '"deal of the forecast"', '"renewal renewal"']:
        phrase, _ = index.parse(text)
        expected = {
            (hit["asset_id"], hit["page"]) for hit in searcher.search(phrase, limit=None) if "asset_id" in hit
        }
        found = index.search(text, limit=100, pages_per_asset=100, snippets=False)
        assert {(asset.asset_id, page.number) for asset in found.hits for page in asset.pages} == expected
        assert expected  # the library was made so that every phrase occurs


@pytest.mark.parametrize(
    "text", ["pricing", "security review", "renewal^2 deal", '"deal forecast"', "title:pricing discount"]
)
def test_word_queries_score_as_whoosh_does(tmp_path: Path, text: str) -> None:
    """Plain words and phrases are scored outside Whoosh; assets and pages must rank as Whoosh ranks them."""
    from whoosh import query

    from indexer.search_index import PagesQuery, _asset_level, _page_level, _page_scores

    chance = random.Random(5)
    words = ["pricing", "discount", "renewal", "security", "review", "forecast", "deal", "the"]
    index = SearchIndex(tmp_path / "index")
    _random_library(index, chance, words, range(30))
    _random_library(index, chance, words, range(20, 40))
    searcher = index._current_searcher()
    parsed, _ = index.parse(text)
    allowed = index._allowed_summaries({f"asset{number}" for number in range(0, 40, 3)})

    ours = index._rank_assets(searcher, parsed, allowed)
    theirs = searcher.search(_asset_level(parsed), limit=None, filter=allowed)
    assert [asset_id for asset_id, _ in ours] == [index._summary_assets[hit.docnum] for hit in theirs]
    assert [score for _, score in ours] == pytest.approx([hit.score for hit in theirs])
    assert ours

    wanted = _page_level(parsed)
    if isinstance(wanted, query.Phrase):
        wanted = query.And([query.Term("text", word) for word in wanted.words])
    pages = [docnum for asset_id, _ in ours for docnum in index._asset_pages[asset_id]]
    scored = _page_scores(searcher, wanted, pages)
    expected = searcher.search(query.And([wanted, PagesQuery(pages)]), limit=None)
    assert scored is not None
    assert [docnum for docnum, _ in scored] == [hit.docnum for hit in expected]
    assert [score for _, score in scored] == pytest.approx([hit.score for hit in expected])
    assert scored
