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
    scored = _page_scores(searcher, index._decoded, wanted, pages)
    expected = searcher.search(query.And([wanted, PagesQuery(pages)]), limit=None)
    assert scored is not None
    assert [docnum for docnum, _ in scored] == [hit.docnum for hit in expected]
    assert [score for _, score in scored] == pytest.approx([hit.score for hit in expected])
    assert scored


def _segment_contents(folder: Path) -> tuple[object, ...]:
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(folder)).reader() as reader:
        fields = ("doc_id", "asset_id", "page", "title", "heading", "text", "asset_of", "terms")
        terms = {
            (field, term): (
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
                info.min_id(),
                info.max_id(),
            )
            for field, term in reader.all_terms()
            for info in [reader.term_info(field, term)]
        }
        return (
            list(reader.iter_postings()),
            terms,
            list(reader.all_stored_fields()),
            [
                reader.doc_field_length(doc, field)
                for doc in range(reader.doc_count_all())
                for field in fields
            ],
            list(reader.column_reader("asset_id")),
        )


def test_bulk_segment_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    """The writer that keeps postings per term must write the very segment Whoosh's own writer writes."""
    from whoosh.writing import SegmentWriter

    from indexer.search_index import FastLengthsCodec, IndexBatch, PageText, SearchIndex

    chance = random.Random(11)
    words = [*SAMPLES, "pricing discount renewal champion SOC GDPR", "Ωμέγα café 49 USD"]
    assets = [
        (
            f"asset{number}",
            chance.choice(words),
            # some assets long enough that terms span several posting blocks
            [
                PageText(page, chance.choice(words), " ".join(chance.choices(words, k=3)))
                for page in range(1, 200 if number == 3 else 6)
            ],
        )
        for number in range(8)
    ]
    contents = []
    for name, make_writer in (
        ("whoosh", lambda ix: SegmentWriter(ix, codec=FastLengthsCodec())),
        ("bulk", None),
    ):
        index = SearchIndex(tmp_path / name)
        if make_writer is None:
            with index.writing() as batch:
                for asset_id, title, pages in assets:
                    batch.replace_asset(asset_id, title, pages, new=True)
        else:
            writer = make_writer(index._ix)
            batch = IndexBatch(writer)
            for asset_id, title, pages in assets:
                batch.replace_asset(asset_id, title, pages, new=True)
            writer.commit()
        index.close()
        contents.append(_segment_contents(tmp_path / name))
    assert contents[0] == contents[1]


def test_asset_term_counts_are_those_of_its_headings_and_pages(tmp_path: Path) -> None:
    """An asset's summary counts each term of its headings and page texts, as the analyzer makes them."""
    from collections import Counter

    from whoosh import index as whoosh_index
    from whoosh.util.numeric import byte_to_length, length_to_byte

    from indexer.search_index import PageText, SearchIndex

    chance = random.Random(5)
    title = "Pricing: the ROI of running pricing reviews"
    pages = [
        PageText(number, chance.choice(SAMPLES), " ".join(chance.choices(SAMPLES, k=4)))
        for number in range(1, 9)
    ]
    index = SearchIndex(tmp_path / "index")
    with index.writing() as batch:
        batch.replace_asset("asset", title, pages, new=True)
    index.close()

    analyzer = StemmingAnalyzer()
    expected = Counter(
        token.text for page in pages for text in (page.heading, page.text) for token in analyzer(text)
    )
    with whoosh_index.open_dir(str(tmp_path / "index")).searcher() as searcher:
        summary = searcher.document_number(asset_of="asset")
        counts = {
            term.decode(): searcher.postings("terms", term).value_as("frequency")
            for term in searcher.reader().lexicon("terms")
        }
        # lengths are kept as one byte, so compare them as Whoosh rounds them
        stored_length = byte_to_length(length_to_byte(sum(expected.values())))
        assert searcher.reader().doc_field_length(summary, "terms") == stored_length
    assert counts == dict(expected)


def test_postings_writer_writes_what_whoosh_reads_as_its_own() -> None:
    """The quicker block writer pickles blocks with a newer protocol: Whoosh's reader must read back the
    very postings and term statistics that Whoosh's own writer's blocks give, and the blocks be smaller."""
    import io

    from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter, W3TermInfo
    from whoosh.filedb.structfile import StructFile

    from indexer.search_index import FastLengthsCodec, StemmedPositions

    format_ = StemmedPositions()
    read_back = []
    sizes = []
    for writer_class in (
        W3PostingsWriter,
        type(FastLengthsCodec().postings_writer(StructFile(io.BytesIO()))),
    ):
        stream = io.BytesIO()
        writer = writer_class(StructFile(stream), blocklimit=8, inlinelimit=0)
        infos = []
        for term in range(40):
            writer.start_postings(format_, W3TermInfo())
            docnum = 0
            for _ in range(random.Random(term).randint(1, 30)):
                docnum += random.Random(docnum).randint(1, 9)
                positions = sorted({random.Random(docnum + term).randint(0, 50) for _ in range(1 + term % 4)})
                weight = 1.0 if term % 3 else float(len(positions))
                writer.add_posting(docnum, weight, format_.encode(positions), 10 + docnum % 7)
            infos.append(writer.finish_postings())
        sizes.append(len(stream.getvalue()))
        postfile = StructFile(io.BytesIO(stream.getvalue()))
        terms = []
        for info in infos:
            postings = W3Codec().postings_reader(postfile, info, format_)
            found = []
            while postings.is_active():
                found.append((postings.id(), postings.weight(), postings.value_as("positions")))
                postings.next()
            statistics = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
            terms.append((found, statistics, info.max_weight(), info.min_id(), info.max_id()))
        read_back.append(terms)
    assert read_back[0] == read_back[1]
    assert all(found for found, *_ in read_back[1])
    assert sizes[1] < sizes[0]


def test_merging_small_segments_keeps_every_document(tmp_path: Path) -> None:
    """A large batch merges the small segments of earlier watcher updates into its own; nothing is lost
    and the merged segment reads like the documents written at once."""
    from indexer.search_index import PageText, SearchIndex

    def pages(number: int) -> list[PageText]:
        return [
            PageText(1, f"Part {number}", f"renewal risk {number} champion"),
            PageText(2, "", f"word{number}"),
        ]

    merged = SearchIndex(tmp_path / "merged")
    for number in range(8):  # one small commit each, as the watcher makes them
        with merged.writing(merge=False) as batch:
            batch.replace_asset(f"asset{number}", f"Plan {number}", pages(number), new=True)
    with merged.writing(merge=True) as batch:
        batch.replace_asset("asset8", "Plan 8", pages(8), new=True)
        batch.delete_asset("asset3")
    whole = SearchIndex(tmp_path / "whole")
    with whole.writing() as batch:
        for number in (0, 1, 2, 4, 5, 6, 7, 8):
            batch.replace_asset(f"asset{number}", f"Plan {number}", pages(number), new=True)
    merged.close()
    whole.close()

    assert len(list((tmp_path / "merged").glob("*.seg"))) < 8  # the small segments were merged
    # documents are numbered in another order; compare what each term finds, by document id
    assert _postings_by_doc(tmp_path / "merged") == _postings_by_doc(tmp_path / "whole")
    stored = [
        sorted(sorted(fields.items()) for fields in _segment_contents(folder)[2])
        for folder in (tmp_path / "merged", tmp_path / "whole")
    ]
    assert stored[0] == stored[1]


def _postings_by_doc(folder: Path) -> set[tuple[object, ...]]:
    """Every posting as (field, term, document id, field length), whatever the documents' numbers."""
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(folder)).searcher() as searcher:
        reader = searcher.reader()
        keys = {docnum: fields["doc_id"] for docnum, fields in reader.iter_docs() if "doc_id" in fields}
        for term in reader.lexicon("asset_of"):
            for docnum in reader.postings("asset_of", term).all_ids():
                keys[docnum] = f"summary of {term.decode()}"
        return {
            (field, term, keys[docnum], reader.doc_field_length(docnum, field))
            for field, term in reader.all_terms()
            for docnum in reader.postings(field, term).all_ids()
        }


def test_a_small_decoded_block_budget_changes_no_result(tmp_path: Path) -> None:
    """Decoded posting blocks are kept across searches up to a budget; forgetting them must only cost time."""
    from indexer.search_index import _DecodedPostings

    chance = random.Random(3)
    words = ["pricing", "discount", "renewal", "security", "review", "forecast", "deal", "the", "of"]
    index = SearchIndex(tmp_path / "index")
    _random_library(index, chance, words, range(60))
    queries = ['"pricing discount"', "security review", '"deal of the"', "renewal", '"review forecast" deal']
    roomy = [index.search(text, limit=20) for text in queries * 2]
    index._decoded = tight = _DecodedPostings(index._current_searcher(), budget=1)
    assert [index.search(text, limit=20) for text in queries * 2] == roomy
    kept = sum(blocks.decoded for blocks in tight._terms.values())
    assert kept <= 1 or len(tight._terms) == 1
    assert tight._decoded.blocks == kept  # the running count the budget is checked against


def _pages_with_phrase(pages: dict[tuple[str, int], str], phrase: str) -> set[tuple[str, int]]:
    """The pages whose text has the phrase's words at consecutive positions, worked out with Whoosh's own
    analyzer (not the index's fast path), as Whoosh numbers positions after dropping stop words."""
    analyzer = StemmingAnalyzer()
    words = [token.text for token in analyzer(phrase)]
    found = set()
    for key, text in pages.items():
        at = {(token.pos, token.text) for token in analyzer(text, positions=True)}
        if any(all((start + number, word) in at for number, word in enumerate(words)) for start, _ in at):
            found.add(key)
    return found


def test_a_phrase_finds_exactly_the_pages_that_hold_it(tmp_path: Path) -> None:
    """Every page holding the phrase and no other: across posting blocks (an asset of 300 pages where each
    word is on every page), in several segments with replaced assets, at the very start and end of a page,
    with a word repeated, through stop words and with inflected words that share a stem."""
    chance = random.Random(17)
    words = ["pricing", "discount", "renewal", "security", "review", "forecasting", "forecasts", "deal"]
    endings = ["security review", "review security", "renewal renewal", "pricing of the discount", ""]
    index = SearchIndex(tmp_path / "index")
    texts: dict[tuple[str, int], str] = {}

    def write(assets: range, long_asset: int | None = None) -> None:
        with index.writing() as batch:
            for number in assets:
                title = f"{chance.choice(words)} guide {number}"
                pages = []
                for page in range(1, 301 if number == long_asset else chance.randint(2, 7)):
                    body = " ".join(chance.choice(words) for _ in range(chance.randint(0, 12)))
                    text = f"{chance.choice(endings)} {body} {chance.choice(endings)}".strip()
                    pages.append(PageText(page, chance.choice(["", "Renewal review"]), text))
                batch.replace_asset(f"asset{number}", title, pages)
                for key in [key for key in texts if key[0] == f"asset{number}"]:
                    del texts[key]
                texts.update(
                    ((f"asset{number}", page.number), f"{title}\n{page.heading}\n{page.text}")
                    for page in pages
                )

    write(range(40), long_asset=7)
    write(range(30, 60), long_asset=45)  # a second segment replacing ten assets, one of them long
    searcher = index._current_searcher()
    assert len(searcher.reader().leaf_readers()) > 1
    assert index._decoded is not None
    assert any(len(index._decoded.term(segment, "text", "secur")._max_ids) > 2 for segment in (0, 1))
    for text in [
        '"security review"',
        '"review security"',
        '"renewal renewal"',
        '"pricing of the discount"',
        '"forecasts deal"',  # "forecasting" and "forecasts" share the stem "forecast"
        '"renewal review security"',
        '"review guide"',  # the first words of a page (its title)
        '"guide renewal review"',  # from the title into the heading (a one-digit number is no word)
        '"deal security review"',
    ]:
        expected = _pages_with_phrase(texts, text.strip('"'))
        found = index.search(text, limit=1000, pages_per_asset=1000, snippets=False)
        assert {(asset.asset_id, page.number) for asset in found.hits for page in asset.pages} == expected
        assert expected, text  # the library was made so that every phrase occurs
        assert found.matched_assets >= {asset_id for asset_id, _ in expected}


def test_ascii_words_starting_are_the_tokens_the_analyzer_pattern_finds() -> None:
    """Snippets look for a page's words by their beginnings with str.find; the distinct words found must
    be those of the tokenizer that begin so."""
    from indexer.search_index import _TOKEN, _ascii_words_starting

    chance = random.Random(3)
    alphabet = [
        *"abcAB09_*.. ,;:-/\\'\"\n\t!?()=+#@$%&|~\x00\x0b\x1c\x1f\x7f",
        "e.g.",
        "v2.5",
        "a.b.c",
        " x. ",
    ]
    for _ in range(20_000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 60))).lower()
        prefixes = {"".join(chance.choices("abc09_*.", k=chance.randint(1, 3))) for _ in range(2)}
        expected = {token for token in _TOKEN.findall(text) if token.startswith(tuple(prefixes))}
        assert _ascii_words_starting(text, prefixes) == expected, (text, prefixes)


def test_every_word_begins_with_its_stem_less_the_last_letter() -> None:
    """Snippets find a query term's words by the term less its last letter: the stemmer must only ever
    rewrite the last letter of what it keeps of a word."""
    from indexer.search_index import _TOKEN, stem

    # The demo library's prose, and words whose stems end in a rewritten letter.
    source = Path(__file__).resolve().parents[2] / "resources" / "build_demo_library.py"
    words = {
        "buy",
        "buying",
        "ties",
        "filing",
        "visibility",
        "happy",
        "agreed",
        "relational",
        "sensibilities",
    }
    words.update(token.lower() for token in _TOKEN.findall(source.read_text(encoding="utf-8")))
    assert len(words) > 1_000
    for word in words:
        assert word.startswith(stem(word)[:-1]), word


def test_a_snippet_marks_every_query_word_in_it_and_reads_as_one_line() -> None:
    """The spans are exactly the whole words of the snippet whose stems are query terms, at their offsets
    in the folded text, whatever the white space and letters around them."""
    from indexer.search_index import _TOKEN, make_snippet

    analyzer = StemmingAnalyzer()
    chance = random.Random(9)
    words = ["pricing", "prices", "Priced", "discount", "the", "renewals", "e.g.", "v2.5", "Straße", "naïve"]
    gaps = [" ", "  ", "\n", "\t \n", ", ", ": ", "-", "\u00a0"]
    for _ in range(2_000):
        text = "".join(chance.choice(words) + chance.choice(gaps) for _ in range(chance.randint(1, 80)))
        terms = {token.text for token in analyzer(" ".join(chance.sample(words, 2)))}
        snippet = make_snippet(text, terms, length=chance.choice([40, 220]))
        if snippet is None:
            assert not any(token.text in terms for token in analyzer(text))
            continue
        body = snippet.text.removeprefix("… ").removesuffix(" …")
        assert body == " ".join(body.split())  # white space folded to single spaces
        tokens = [(match.start(), match.end()) for match in _TOKEN.finditer(snippet.text)]
        assert set(snippet.spans) <= set(tokens)
        # a word cut at either end of the snippet is not a word of the page
        whole = tokens[snippet.text.startswith("… ") : len(tokens) - snippet.text.endswith(" …")]
        for start, end in whole:
            stems = [token.text for token in analyzer(snippet.text[start:end])]
            assert ((start, end) in snippet.spans) == (bool(stems) and stems[0] in terms)
