"""The full-text index: every use of Whoosh lives in this module.

Two kinds of document. One per page, slide or section, keyed ``asset_id:page``, whose searchable ``text``
field holds the asset title, the heading and the body. And one summary per asset, with its title and how
often each stemmed term occurs in the whole asset. A search ranks the summaries first (a few hundred or
thousand documents, not tens of thousands of pages), which also gives the count and facets of matching
assets; only then are the pages of the best assets searched, to find their best pages and snippets.
Governance (approved, expired, facets) is deliberately not in
the index: the caller passes the set of assets a search may return, so approving or retiring an asset is
instant and never needs a re-index.

What must stay true: the writer is single (one locked writer per ``writing()`` batch; worker processes only
write segments that batch adopts), a failed batch is cancelled and never committed, and an index that
cannot be opened is rebuilt rather than crashing the app.
"""

from __future__ import annotations

import contextlib
import logging
import operator
import pickle
import re
import shutil
import threading
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate, compress
from pathlib import Path
from typing import Any

from whoosh import index, matching, qparser, query, scoring
from whoosh.analysis import STOP_WORDS, SpaceSeparatedTokenizer, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema, UnknownFieldError
from whoosh.formats import Frequency, Positions
from whoosh.lang.porter import stem
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE, pack_uint, unpack_int
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import LockError, SegmentWriter

from indexer import mapped_segment_files
from indexer.spelling import SpellingVocabulary

log = logging.getLogger(__name__)
mapped_segment_files.install()

# Bump when the schema or the analysis changes: an index of another version is rebuilt from the files.
SCHEMA_VERSION = 5
VERSION_FILE = "SCHEMA_VERSION"
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
MAX_CORRECTABLE_WORD = 30
PAGE_FIELDS = frozenset({"text", "heading", "title"})
# A word in an asset's title counts this much more than the same word in its pages, when ranking assets.
TITLE_BOOST = 3.0
# A phrase's candidate assets have its words but not always the phrase: their pages are searched a round
# at a time, the first as many as the results wanted, each next round this many times more (a rare phrase
# is on few candidates). Other queries find pages in every candidate.
PHRASE_ROUND_GROWTH = 2
# Decoded posting blocks a searcher keeps (about 12 KB each: 128 pages' weights and word positions)
DECODED_BLOCKS_BUDGET = 2048
# Words whose scores for every asset a searcher keeps (a few KB to 40 KB each)
WORD_SCORES_KEPT = 512
SNIPPET_CHARS = 220
_PLAIN_TERM = re.compile(r"\w+", re.UNICODE)
# A word the rep typed; group 1 is set when the word is a field name ("title:") rather than a search word.
_CORRECTABLE = re.compile(r"[^\W\d_]+(:)?", re.UNICODE)
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


class IndexBusyError(Exception):
    """Another process holds the index writer; the message says to try again shortly."""


@dataclass(frozen=True, slots=True)
class PageText:
    """The searchable text of one page, slide or section of an asset."""

    number: int
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Snippet:
    """A fragment of page text; ``spans`` are (start, end) offsets of the words that matched."""

    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PageHit:
    number: int
    heading: str
    score: float
    snippet: Snippet | None


@dataclass(frozen=True, slots=True)
class AssetHit:
    asset_id: str
    score: float
    pages: tuple[PageHit, ...]


@dataclass(frozen=True, slots=True)
class IndexResults:
    hits: tuple[AssetHit, ...]
    matched_assets: frozenset[str]
    query: str
    fell_back: bool
    suggestion: str | None


# The same tokens as StemmingAnalyzer's RegexTokenizer, without the capturing group so findall gives words.
_TOKEN = re.compile(default_pattern.pattern.replace("(", "(?:"), re.UNICODE)
_STEM_CACHE_LIMIT = 200_000


class _StemCache:
    """Word -> its Porter stem, worked out once, and for each stem the words seen with it (``forms``), so
    the words of a page that stem to a query's terms are found with set operations, not a look-up a word.

    ``stems`` is a plain dict on purpose: ``set.difference`` checks a plain dict's keys in C.
    """

    def __init__(self) -> None:
        self.stems: dict[str, str] = {}
        self.forms: dict[str, set[str]] = {}

    def __getitem__(self, word: str) -> str:
        stemmed = self.stems.get(word)
        return self._learn(word) if stemmed is None else stemmed

    def _learn(self, word: str) -> str:
        if len(self.stems) >= _STEM_CACHE_LIMIT:
            self.stems.clear()
            self.forms.clear()
        stemmed = self.stems[word] = stem(word)
        forms = self.forms.get(stemmed)
        if forms is None:
            self.forms[stemmed] = {word}
        else:
            forms.add(word)
        return stemmed

    def words_for(self, words: set[str], terms: Collection[str]) -> dict[str, str]:
        """Those of ``words`` (lower-cased) whose stem is one of ``terms``, with their stems."""
        unknown = words.difference(self.stems)
        if len(self.stems) + len(unknown) >= _STEM_CACHE_LIMIT:  # make room now, not half-way through
            self.stems.clear()
            self.forms.clear()
            unknown = words
        for word in unknown:
            self._learn(word)
        forms = self.forms
        found = [word for term in terms if term in forms for word in forms[term] if word in words]
        return {word: self.stems[word] for word in found}


_stems = _StemCache()


def _cached_stem(word: str) -> str:
    return _stems[word]


def stem_sequence(text: str) -> tuple[int, list[str]]:
    """The terms ``StemmingAnalyzer`` keeps from ``text``, in order, and the position of the first one.

    Its StopFilter renumbers: the first kept word keeps its own position, the rest follow it by one.
    """
    first = -1
    sequence: list[str] = []
    for number, token in enumerate(_TOKEN.findall(text)):
        word = token.lower()
        if len(word) < 2 or word in STOP_WORDS:
            continue
        if first < 0:
            first = number
        sequence.append(_cached_stem(word))
    return max(first, 0), sequence


# Most terms occur once on a page: their encoded position lists are reused instead of pickled every time.
_SINGLE_POSITION: dict[int, bytes] = {}


class _IndexStems(dict[str, str | None]):
    """Lower-cased word -> its stem, or None for a word the analyzer drops (stop words, single letters)."""

    def __missing__(self, word: str) -> str | None:
        if len(self) >= _STEM_CACHE_LIMIT:
            self.clear()
        stemmed = self[word] = None if len(word) < 2 or word in STOP_WORDS else stem(word)
        return stemmed


_index_stems = _IndexStems()


def term_positions(text: str) -> tuple[dict[str, list[int]], list[str]]:
    """Each term ``StemmingAnalyzer`` makes of ``text`` with its positions, and the terms in order.

    ``stem_sequence`` with the per-word work in C where it can be: ASCII text is lower-cased before it is
    split (that moves no token boundary), and the words are looked up through ``map``.
    """
    if text.isascii():
        words = _TOKEN.findall(text.lower())
    else:
        words = [token.lower() for token in _TOKEN.findall(text)]
    stems = list(map(_index_stems.__getitem__, words))
    positions: dict[str, list[int]] = {}
    kept = [term for term in stems if term is not None]
    if not kept:
        return positions, kept
    first = stems.index(kept[0])
    for position, term in enumerate(kept, start=first):
        found = positions.get(term)
        if found is None:
            positions[term] = [position]
        else:
            found.append(position)
    return positions, kept


class AnalysedText(str):
    """Text to index that carries its terms and positions (``term_positions``), worked out once.

    It is still the text (Whoosh's writer and the tests' plain analyzer read it as such); the index
    writer and the asset's term counts reuse the positions instead of tokenizing the page again.
    """

    positions: dict[str, list[int]]
    terms: list[str]

    def __new__(cls, text: str) -> AnalysedText:
        analysed = super().__new__(cls, text)
        analysed.positions, analysed.terms = term_positions(text)
        return analysed


class StemmedPositions(Positions):
    """Phrase-capable postings whose indexing path tokenizes, stops and stems in one loop.

    Whoosh's generator chain of filters (tokenizer, lowercase, stop, stem) was two thirds of indexing time.
    This produces exactly the terms and positions ``StemmingAnalyzer`` gives (a test compares them on varied
    text), so queries and highlighting, which still use the analyzer, see the same words.
    """

    def analyse(self, value: str) -> tuple[dict[str, list[int]], int]:
        """The terms of ``value`` with their positions, and how many terms (the field's length)."""
        if isinstance(value, AnalysedText):
            return value.positions, len(value.terms)
        positions, terms = term_positions(value)
        return positions, len(terms)

    def word_values(
        self, value: str, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        positions, _ = self.analyse(value)
        boost = self.field_boost
        for term, found in positions.items():
            yield term, len(found), len(found) * boost, self.encode_positions(found)

    def encode_positions(self, found: list[int]) -> bytes:
        if len(found) > 1:
            return bytes(self.encode(found))
        encoded = _SINGLE_POSITION.get(found[0])
        if encoded is None:
            encoded = _SINGLE_POSITION[found[0]] = bytes(self.encode(found))
        return encoded

    def encode_postings(self, founds: list[list[int]]) -> tuple[list[float], list[bytes]]:
        """Weights and encoded values of one term's postings, given their position lists."""
        boost = self.field_boost
        single = _SINGLE_POSITION
        encode = self.encode_positions
        weights = [len(found) * boost for found in founds]
        values = [
            (single.get(found[0]) or encode(found)) if len(found) == 1 else encode(found) for found in founds
        ]
        return weights, values


class CountedTerms(str):
    """An asset's term counts as the "stem:count stem:count" text ``TermCounts`` indexes, carrying the
    counts themselves so the index writer need not parse the text back."""

    counts: dict[str, int]

    def __new__(cls, counts: dict[str, int]) -> CountedTerms:
        counted = super().__new__(cls, " ".join(f"{term}:{count}" for term, count in counts.items()))
        counted.counts = counts
        return counted


class TermCounts(Frequency):
    """An asset's term frequencies, given ready-counted as "stem:count stem:count" (see ``CountedTerms``)."""

    def analyse(self, value: str) -> tuple[dict[str, int], int]:
        """How often each term occurs, and how many terms that makes (the field's length)."""
        if isinstance(value, CountedTerms):
            counts = value.counts
        else:
            counts = {}
            for item in value.split():
                term, _, count = item.rpartition(":")
                counts[term] = int(count)
        return counts, sum(counts.values())

    def word_values(
        self, value: str, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        boost = self.field_boost
        for term, frequency in self.analyse(value)[0].items():
            yield term, frequency, frequency * boost, self.encode(frequency)

    def encode(self, frequency: int) -> bytes:
        return bytes(pack_uint(frequency))

    def encode_postings(self, frequencies: list[int]) -> tuple[list[float], list[bytes]]:
        """Weights and encoded values of one term's postings, given their frequencies."""
        boost = self.field_boost
        return [frequency * boost for frequency in frequencies], list(map(self.encode, frequencies))


_LENGTH_OF_BYTE = [None] + [byte_to_length(value) for value in range(1, 256)]


class _InMemoryLengthsReader(W3PerDocReader):
    """Field lengths read once per field as one block of bytes, instead of one file read per posting.

    Whoosh asks for a document's field length for every posting it writes and every document it scores;
    each ask was a seek and a read, a third of the time of a commit.
    """

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        lengths = self.field_lengths(fieldname)
        if lengths is None:
            return default
        if docnum >= len(lengths):
            return None
        return _LENGTH_OF_BYTE[lengths[docnum]]

    def field_lengths(self, fieldname: str) -> bytes | None:
        """Every document's length of the field, one byte each as Whoosh stores them; None without any."""
        cache: dict[str, bytes | None] = self.__dict__.setdefault("_length_bytes", {})
        if fieldname not in cache:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            cache[fieldname] = (
                None if reader is None else bytes(reader._dbfile.get(reader._basepos, reader._count))
            )
        return cache[fieldname]


class _PostingsWriter(W3PostingsWriter):
    """Whoosh's posting block writer with its per-posting generators replaced by calls that loop in C, and
    its blocks pickled with the newest protocol.

    Whoosh pickles a block with protocol 2, where each posting's encoded positions (a ``bytes``) is
    rebuilt on reading by a call to ``codecs.encode``: reading a block of 128 postings cost 90 us, most of
    a phrase search. With protocol 5 it costs 13 us, and the compressed block is half the size. Whoosh
    reads blocks of either protocol, so an index written before stays readable.
    """

    def _write_block(self, last: bool = False) -> None:
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = pickle.dumps(
            (self._mini_ids(), self._mini_weights(), self._mini_values()), pickle.HIGHEST_PROTOCOL
        )
        compression = self._compression if len(databytes) >= 20 else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        # What a reader checks to skip the block without reading its data (as Whoosh writes it).
        ids = self._ids
        infobytes = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                compression,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        length = len(infobytes) + len(databytes)
        postfile.write_int(-length if last else length)  # a negative length marks the last block
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def _mini_ids(self) -> tuple[Any, ...]:
        if self._byteids:
            return tuple(self._ids)
        ids = self._ids.tolist()
        return tuple(map(operator.sub, ids, [0, *ids[:-1]]))  # delta_encode

    def _mini_weights(self) -> Any:
        weights = self._weights
        if weights.count(1.0) == len(weights):
            return None
        if weights.count(weights[0]) == len(weights):
            return weights[0]
        # The array itself, not Whoosh's tuple of the same floats: it unpickles as one run of bytes
        # instead of a float object each, and Whoosh's reader indexes either alike.
        return weights


class FastLengthsCodec(W3Codec):
    """Whoosh's codec, with field lengths kept in memory (see ``_InMemoryLengthsReader``) and a quicker
    posting block writer (see ``_PostingsWriter``) whose blocks are not compressed: inflating them was a
    tenth of a phrase search."""

    def __init__(self) -> None:
        super().__init__(compression=0)

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        return _InMemoryLengthsReader(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


# A term's docnums, weights and encoded values, in docnum order.
_Postings = tuple["array[int]", "array[float]", list[bytes]]


class _TermPostings:
    """Stands in for Whoosh's sorting pool: postings grouped by field and term as documents arrive.

    Whoosh's pool keeps one tuple per posting and sorts them all before writing; here documents come in
    docnum order, so each term's postings are already sorted and only the terms need sorting. Postings of
    ``StemmedPositions`` fields are kept as position lists and encoded when the segment is written.
    """

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, _Postings]] = {}
        self.analysed: dict[str, dict[str, tuple[list[int], list[Any]]]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting, as Whoosh hands them over (for a merge: after this writer's own documents)."""
        fieldname, btext, docnum, weight, value = item
        self.fieldnames.add(fieldname)
        terms = self.fields.setdefault(fieldname, {})
        postings = terms.get(btext)
        if postings is None:
            postings = terms[btext] = (array("I"), array("d"), [])
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(value or b"")

    def add_analysed(self, fieldname: str, docnum: int, analysed: dict[str, Any]) -> None:
        """All postings of one document's field, as its format's ``analyse`` gives them (term -> what the
        format encodes: positions or a count)."""
        self.fieldnames.add(fieldname)
        terms = self.analysed.get(fieldname)
        if terms is None:
            terms = self.analysed[fieldname] = {}
        get = terms.get
        for term, payload in analysed.items():
            postings = get(term)
            if postings is None:
                terms[term] = ([docnum], [payload])
            else:
                postings[0].append(docnum)
                postings[1].append(payload)

    def field_postings(self, fieldname: str, format_: Any) -> dict[bytes, _Postings]:
        """The field's postings by term, encoded, each term's postings in docnum order."""
        terms = dict(self.fields.get(fieldname, {}))
        analysed = self.analysed.get(fieldname)
        if not analysed:
            return terms
        encode_postings = format_.encode_postings
        for term, (docnums, payloads) in analysed.items():
            btext = term.encode("utf-8")
            weights, values = encode_postings(payloads)
            own: _Postings = (array("I", docnums), array("d", weights), values)
            merged = terms.get(btext)
            if merged is not None:  # postings of merged segments come after this writer's documents
                own[0].extend(merged[0])
                own[1].extend(merged[1])
                own[2].extend(merged[2])
            terms[btext] = own
        return terms

    def save(self) -> None:
        """Nothing to spill: a batch's postings stay in memory until its segment is written."""

    def cleanup(self) -> None:
        self.fields = {}
        self.analysed = {}


class _BulkSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with postings kept per term and written a term at a time.

    Writes the same segment as ``SegmentWriter`` (a test compares them), in half the time: Whoosh's pool
    and its posting-by-posting writer cost more than tokenizing and stemming.
    """

    def __init__(self, ix: index.Index, **kwargs: Any) -> None:
        super().__init__(ix, codec=FastLengthsCodec(), **kwargs)
        self.pool = _TermPostings()

    def add_document(self, **fields: Any) -> None:
        # SegmentWriter.add_document without boosts, spelling words and term vectors (the schema has
        # none), posting straight into the per-term lists.
        self._check_state()
        schema = self.schema
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        pool = self.pool
        fieldnames = sorted(fields)
        for fieldname in fieldnames:
            if fieldname not in schema or fieldname.startswith("_"):
                raise UnknownFieldError(f"no field named {fieldname!r} in the schema")
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if isinstance(field.format, StemmedPositions | TermCounts):
                    analysed, length = field.format.analyse(value)
                    pool.add_analysed(fieldname, docnum, analysed)
                elif field.indexed:
                    add = pool.add
                    for btext, frequency, weight, encoded in field.index(value):
                        add((fieldname, btext, docnum, weight, encoded))
                        length += frequency
                if not field.scorable:
                    length = 0
                perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
                if field.column_type:
                    perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths_reader = self.per_document_reader()
        fieldwriter = self.fieldwriter
        try:
            for fieldname in sorted(self.pool.fieldnames):
                fieldobj = self.schema[fieldname]
                terms = self.pool.field_postings(fieldname, fieldobj.format)
                lengths = [
                    lengths_reader.doc_field_length(docnum, fieldname) or 0 for docnum in range(self.docnum)
                ]
                fieldwriter.start_field(fieldname, fieldobj)
                for btext in sorted(terms):
                    fieldwriter.start_term(btext)
                    _write_term(fieldwriter._postwriter, *terms[btext], lengths)
                    fieldwriter.finish_term()
                fieldwriter.finish_field()
            fieldwriter.close()
        finally:
            lengths_reader.close()


def _write_term(
    postwriter: Any, docnums: array[int], weights: array[float], values: list[bytes], lengths: list[int]
) -> None:
    """One term's postings into Whoosh's block writer, a block at a time (``add_posting`` in bulk)."""
    limit = postwriter._blocklimit
    count = len(docnums)
    for start in range(0, count, limit):
        if start:
            postwriter._write_block()
        end = start + limit
        block_docnums = docnums[start:end]
        block_weights = weights[start:end]
        postwriter._ids.extend(block_docnums)
        postwriter._weights.extend(block_weights.tolist())
        postwriter._maxweight = max(postwriter._maxweight, max(block_weights))
        postwriter._values.extend(value for value in values[start:end] if value)
        block_lengths = [length for length in map(lengths.__getitem__, block_docnums) if length]
        if block_lengths:
            postwriter._minlength = min(block_lengths)
            postwriter._maxlength = max(block_lengths)


def _stemmed_text(*, stored: bool = False) -> TEXT:
    field = TEXT(analyzer=StemmingAnalyzer(), stored=stored, phrase=True)
    field.format = StemmedPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    terms = TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False)
    terms.format = TermCounts()
    return Schema(
        # page documents
        doc_id=ID(unique=True, stored=True),
        asset_id=ID(stored=True, sortable=True),
        page=NUMERIC(int, stored=True),
        title=_stemmed_text(stored=True),
        heading=_stemmed_text(stored=True),
        text=_stemmed_text(),
        content=STORED(),
        # asset summary documents (they carry ``title`` too)
        asset_of=ID(unique=True, sortable=True),
        terms=terms,
    )


class SearchIndex:
    """Owns the Whoosh index in one folder: opening, writing, searching and rebuilding it."""

    def __init__(self, folder: Path, *, writer_timeout: float = 30.0) -> None:
        self.folder = folder
        self.writer_timeout = writer_timeout
        self.needs_rebuild = False
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._page_assets: list[str] = []  # docnum -> asset id ("" for other documents)
        self._summary_assets: dict[int, str] = {}  # docnum of an asset summary document -> asset id
        self._asset_pages: dict[str, list[int]] = {}  # asset id -> docnums of its pages
        self._runs_of_asset: dict[str, list[tuple[int, list[tuple[int, int]]]]] = {}  # see _asset_runs
        self._segment_cache: dict[tuple[Any, int], tuple[list[str], list[str]]] = {}
        self._spelling = SpellingVocabulary("terms")
        self._indexed_assets: frozenset[str] = frozenset()
        self._allowed_cache: dict[frozenset[str] | None, set[int]] = {}
        self._summary_norms: dict[str, dict[int, float]] = {}  # see _summary_scores; per searcher
        self._decoded: _DecodedPostings | None = None  # per searcher, made with it
        self._word_cache: OrderedDict[tuple[str, float], dict[int, float]] = OrderedDict()  # per searcher
        self._ix = self._open()
        self._parser = qparser.QueryParser("text", self._ix.schema, group=qparser.AndGroup)
        self._parser.add_plugin(qparser.FieldAliasPlugin({"text": ["content", "body"]}))
        self._plain_parser = qparser.QueryParser(
            "text", self._ix.schema, group=qparser.AndGroup, plugins=[qparser.WhitespacePlugin()]
        )

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> index.Index:
        self.folder.mkdir(parents=True, exist_ok=True)
        version_file = self.folder / VERSION_FILE
        try:
            version = int(version_file.read_text().strip())
        except (OSError, ValueError):
            version = None
        if version == SCHEMA_VERSION:
            try:
                ix = index.open_dir(str(self.folder))
                with ix.searcher() as searcher:
                    searcher.doc_count()
                return ix
            except Exception as error:  # any failure to read the index means it must be rebuilt
                log.warning("search index at %s is unreadable (%s); rebuilding it", self.folder, error)
        elif version is not None:
            log.info("search index schema %s is outdated (now %s); rebuilding", version, SCHEMA_VERSION)
        return self._create()

    def _create(self) -> index.Index:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.folder), build_schema())
        (self.folder / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n")
        self.needs_rebuild = True
        return ix

    def clear(self) -> None:
        """Drop every document (for ``--rebuild``); the caller then adds everything again."""
        with self._lock:
            self._close_searcher()
            self._ix.close()
            self._ix = self._create()

    def close(self) -> None:
        with self._lock:
            self._close_searcher()
            self._ix.close()

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._allowed_cache.clear()

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def writing(self, *, merge: bool = True) -> Iterator[IndexBatch]:
        """A batch of changes committed atomically on success and cancelled on any error.

        The batch holds the index's write lock. Documents come from this process or in segments written by
        worker processes (``SegmentBuilder``) and adopted into the same commit, so a kill at any moment
        leaves either the whole batch or none of it.
        """
        try:
            writer = _BulkSegmentWriter(self._ix, timeout=self.writer_timeout)
        except LockError as error:
            raise IndexBusyError(
                "another Enablement process is updating the search index; try again in a moment"
            ) from error
        batch = IndexBatch(writer)
        try:
            yield batch
            if batch.changed:
                batch._commit(merge=merge)
            else:
                writer.cancel()
        except BaseException:
            _abandon(writer)
            raise
        self.needs_rebuild = False

    def remove_unfinished_files(self) -> None:
        """Delete the segment files no commit refers to, which a batch that failed (most often on a full
        disk) or was killed left behind: they hold the very space a rep frees to go on. Call it once the
        batch's worker processes are stopped; skipped while another process writes (its batch's files are
        not referred to yet either)."""
        with self._lock:
            lock = self._ix.lock("WRITELOCK")
            if not lock.acquire(blocking=False):
                return
            try:
                toc = self._ix._read_toc()
                index.clean_files(self._ix.storage, self._ix.indexname, toc.generation, toc.segments)
            finally:
                lock.release()

    def generation(self) -> int:
        """Grows with every commit, from any process."""
        return int(self._ix.latest_generation())

    def optimize(self) -> None:
        """Merge all segments into one; slow, so callers run it in the background."""
        self._ix.optimize()

    # -- reading -------------------------------------------------------------------------------

    def _current_searcher(self) -> Searcher:
        with self._lock:
            if self._searcher is None:
                self._searcher = self._ix.searcher()
                self._load_page_map(self._searcher)
            elif not self._searcher.up_to_date():
                # Not Searcher.refresh(): whoosh-reloaded's reader reuse keeps stale segments and
                # deletions alive, so deleted assets would still be found.
                self._searcher.close()
                self._searcher = self._ix.searcher()
                self._load_page_map(self._searcher)
            return self._searcher

    def _load_page_map(self, searcher: Searcher) -> None:
        """Which asset each document belongs to, reusing what is known of segments that did not change."""
        page_assets: list[str] = []
        summaries: dict[int, str] = {}
        segment_values: dict[tuple[Any, int], tuple[list[str], list[str]]] = {}
        for segment_reader, offset in searcher.reader().leaf_readers():
            pages, owners = self._segment_values(segment_reader, segment_values)
            page_assets.extend(pages)
            summaries.update((offset + docnum, owner) for docnum, owner in enumerate(owners) if owner)
        self._segment_cache = segment_values
        asset_pages: dict[str, list[int]] = {}
        for docnum, asset_id in enumerate(page_assets):
            if asset_id:
                asset_pages.setdefault(asset_id, []).append(docnum)
        self._page_assets = page_assets
        self._asset_pages = asset_pages
        self._runs_of_asset = {}
        self._summary_assets = summaries
        self._indexed_assets = frozenset(summaries.values())
        self._allowed_cache.clear()
        self._summary_norms = {}
        self._word_cache.clear()
        self._decoded = _DecodedPostings(searcher)

    def _segment_values(
        self, segment_reader: Any, fresh: dict[tuple[Any, int], tuple[list[str], list[str]]]
    ) -> tuple[list[str], list[str]]:
        """Per document of one segment: the asset of a page, and the asset of a summary ("" otherwise)."""
        segment = segment_reader.segment()
        if segment is None:  # an index with no segments yet
            return [], []
        key = (segment.segment_id(), segment.deleted_count())
        values = self._segment_cache.get(key)
        if values is None:
            count = segment_reader.doc_count_all()
            pages = (
                list(segment_reader.column_reader("asset_id"))
                if segment_reader.has_column("asset_id")
                else []
            )
            owners = (
                list(segment_reader.column_reader("asset_of"))
                if segment_reader.has_column("asset_of")
                else []
            )
            pages = (pages + [""] * count)[:count]
            owners = (owners + [""] * count)[:count]
            if segment.deleted_count():
                for docnum in range(count):
                    if segment_reader.is_deleted(docnum):
                        pages[docnum] = owners[docnum] = ""
            values = (pages, owners)
        fresh[key] = values
        return values

    def asset_ids(self) -> frozenset[str]:
        """Every asset with documents in the index (each asset has exactly one summary document)."""
        with self._lock:
            self._current_searcher()
            return self._indexed_assets

    def page_count(self) -> int:
        with self._lock:
            self._current_searcher()
            return sum(1 for value in self._page_assets if value)

    def _allowed_summaries(self, allowed_assets: Collection[str] | None) -> set[int]:
        """The summary documents of the allowed assets."""
        key = None if allowed_assets is None else frozenset(allowed_assets)
        cached = self._allowed_cache.get(key)
        if cached is None:
            cached = {
                docnum for docnum, asset_id in self._summary_assets.items() if key is None or asset_id in key
            }
            if len(self._allowed_cache) > 32:
                self._allowed_cache.clear()
            self._allowed_cache[key] = cached
        return cached

    def parse(self, text: str) -> tuple[query.Query, bool]:
        """The query for ``text``; a query the parser rejects falls back to its plain words."""
        text = text[:MAX_QUERY_CHARS]
        try:
            parsed = self._parser.parse(text)
            if _is_usable(parsed):
                return parsed, False
        except Exception as error:  # the parser's failures are not typed; any of them means "fall back"
            log.debug("query %r rejected by the parser (%s); using plain words", text, error)
        words = _PLAIN_TERM.findall(text)[:MAX_QUERY_TERMS]
        return self._plain_parser.parse(" ".join(words)), True

    def search(
        self,
        text: str,
        *,
        allowed_assets: Collection[str] | None = None,
        limit: int = 10,
        pages_per_asset: int = 3,
        snippets: bool = True,
        first: Callable[[str], Any] | None = None,
    ) -> IndexResults:
        """Assets ranked by their summaries, each with its best pages and a highlighted snippet.

        ``allowed_assets`` limits the search to those assets (None: every asset in the index). ``first``
        (an asset id -> a sort key) puts every match in its order before relevance, which decides among
        equals; the ``limit`` best are then given pages and snippets, so the order reaches every match.
        """
        with self._lock:
            searcher = self._current_searcher()
            parsed, fell_back = self.parse(text)
            if parsed is query.NullQuery:
                return IndexResults((), frozenset(), text, fell_back, None)
            allowed_summaries = self._allowed_summaries(allowed_assets)
            candidates = self._rank_assets(searcher, parsed, allowed_summaries)
            if first is not None:
                candidates.sort(key=lambda candidate: first(candidate[0]))  # stable: relevance among equals
            hits, without_pages = self._best_pages(
                searcher, parsed, candidates, limit, pages_per_asset, snippets
            )
            matched = frozenset(map(operator.itemgetter(0), candidates)) - without_pages
            # Correction reads the whole term list, so it is only tried when the query found nothing.
            suggestion = None if matched else self._suggest(searcher, text, allowed_summaries)
            return IndexResults(hits, matched, text, fell_back, suggestion)

    def _rank_assets(
        self, searcher: Searcher, parsed: query.Query, allowed_summaries: set[int]
    ) -> list[tuple[str, float]]:
        """Every allowed asset the query matches, best first, with its score.

        A query of plain words and phrases, the usual kind, is scored here straight from the postings of
        the summaries, with Whoosh's BM25F arithmetic (Whoosh's matcher tree and collector cost several
        times the arithmetic); other queries are run through Whoosh.
        """
        words = _plain_words(parsed)
        weighting = searcher.weighting
        if words is None or type(weighting) is not scoring.BM25F:
            ranked = searcher.search(_asset_level(parsed), limit=None, filter=allowed_summaries)
            return [(self._summary_assets[hit.docnum], hit.score) for hit in ranked]
        totals: dict[int, float] = {}
        for number, (word, boost) in enumerate(words):
            scores = self._word_scores(searcher, weighting, word, boost)
            if number:
                scores = {
                    docnum: totals[docnum] + score for docnum, score in scores.items() if docnum in totals
                }
            else:
                scores = {docnum: score for docnum, score in scores.items() if docnum in allowed_summaries}
            totals = scores
            if not totals:
                break
        # Whoosh's order: best score first, then index order (a stable sort keeps the order by number).
        ranked = sorted(sorted(totals.items()), key=operator.itemgetter(1), reverse=True)
        return list(
            zip(
                map(self._summary_assets.__getitem__, map(operator.itemgetter(0), ranked)),
                map(operator.itemgetter(1), ranked),
                strict=True,
            )
        )

    def _word_scores(
        self, searcher: Searcher, weighting: scoring.BM25F, word: str, boost: float
    ) -> dict[int, float]:
        """``_summary_scores`` of every asset for a word, kept for the searcher's life (least recently used
        dropped first): a rep's searches share their words, and scoring a common word reads every asset."""
        key = (word, boost)
        scores = self._word_cache.get(key)
        if scores is None:
            scores = _summary_scores(
                searcher, weighting, word, boost, self._summary_assets, self._summary_norms
            )
            self._word_cache[key] = scores
            if len(self._word_cache) > WORD_SCORES_KEPT:
                self._word_cache.popitem(last=False)
        else:
            self._word_cache.move_to_end(key)
        return scores

    def _best_pages(
        self,
        searcher: Searcher,
        parsed: query.Query,
        candidates: list[tuple[str, float]],
        limit: int,
        pages_per_asset: int,
        snippets: bool,
    ) -> tuple[tuple[AssetHit, ...], frozenset[str]]:
        """The best pages of the best assets, in asset order; and the candidates found to have none.

        An asset matches when the whole asset has the words; its best pages are those that match the query,
        or, when the words are spread over several pages, those with any of them. A phrase must be on a page.
        """
        has_phrase = _has_phrase(parsed)
        relaxed = _any_word(parsed)
        highlight_terms = {term for _, term in _page_terms(parsed, searcher.reader())}
        page_query = _page_level(parsed)
        # Whoosh checks a phrase by walking word positions through every page that has the words, far past
        # the pages asked for; for the usual shapes the words are matched here and the phrase checked on
        # the positions of each candidate page only.
        loosened = _loosen_phrases(page_query)
        postings = self._decoded
        assert postings is not None  # made with the searcher
        phrases = None if loosened is None else _PhrasePages(postings, loosened[1])
        wanted = page_query if loosened is None else loosened[0]
        hits: list[AssetHit] = []
        without_pages: set[str] = set()
        start = 0
        round_size = max(limit, 1)
        while len(hits) < limit and start < len(candidates):
            chunk = candidates[start : start + round_size]
            start += len(chunk)
            if has_phrase:  # a rare phrase is on few of the candidates: look at more of them each round
                round_size *= PHRASE_ROUND_GROWTH
            pages = self._pages_of(
                searcher, postings, wanted, [asset_id for asset_id, _ in chunk], pages_per_asset, phrases
            )
            missing = [asset_id for asset_id, _ in chunk if asset_id not in pages]
            if missing and not has_phrase and relaxed is not None:
                pages.update(
                    self._pages_of(searcher, postings, _page_level(relaxed), missing, pages_per_asset)
                )
            for asset_id, score in chunk:
                found = pages.get(asset_id)
                if not found:
                    without_pages.add(asset_id)
                    continue
                if len(hits) < limit:
                    page_hits = []
                    for rank, (docnum, page_score) in enumerate(found):
                        fields = searcher.stored_fields(docnum)
                        snippet = self._snippet(fields, highlight_terms) if snippets and rank == 0 else None
                        page_hits.append(
                            PageHit(fields["page"], fields.get("heading", ""), page_score, snippet)
                        )
                    hits.append(AssetHit(asset_id, score, tuple(page_hits)))
        postings.trim()
        return tuple(hits), frozenset(without_pages if has_phrase else ())

    def _pages_of(
        self,
        searcher: Searcher,
        postings: _DecodedPostings,
        wanted: query.Query,
        asset_ids: list[str],
        pages_per_asset: int,
        phrases: _PhrasePages | None = None,
    ) -> dict[str, list[tuple[int, float]]]:
        """The best pages (document number, score) of the given assets that match the page-level query
        ``wanted`` and hold the ``phrases``, looking only at their pages' postings."""
        if phrases is not None:
            docnums = phrases.holding(self._asset_runs(postings, asset_ids))
            if not docnums:
                return {}
        else:
            docnums = [docnum for asset_id in asset_ids for docnum in self._asset_pages.get(asset_id, ())]
        scored = _page_scores(searcher, postings, wanted, docnums)
        if scored is None:
            restricted = query.And([wanted, PagesQuery(docnums)])
            scored = [(hit.docnum, hit.score) for hit in searcher.search(restricted, limit=None)]
        pages: dict[str, list[tuple[int, float]]] = {}
        for docnum, score in scored:
            found = pages.setdefault(self._page_assets[docnum], [])
            if len(found) < pages_per_asset:
                found.append((docnum, score))
        return pages

    def _asset_runs(
        self, postings: _DecodedPostings, asset_ids: Iterable[str]
    ) -> list[tuple[int, list[tuple[int, int]]]]:
        """The pages of the assets by segment, as runs of consecutive local numbers (an asset's pages are
        usually one run), each asset's worked out once per searcher."""
        by_segment: dict[int, list[tuple[int, int]]] = {}
        known = self._runs_of_asset
        for asset_id in asset_ids:
            runs = known.get(asset_id)
            if runs is None:
                runs = known[asset_id] = _segment_runs(postings.leaves, self._asset_pages.get(asset_id, ()))
            for segment, segment_runs in runs:
                by_segment.setdefault(segment, []).extend(segment_runs)
        return [(segment, _joined(sorted(by_segment[segment]))) for segment in sorted(by_segment)]

    @staticmethod
    def _snippet(fields: dict[str, Any], terms: set[str]) -> Snippet | None:
        content = fields.get("content", "")
        return (
            make_snippet(content, terms)
            or make_snippet(fields.get("heading", ""), terms)
            # A page found by its title alone still shows how it begins.
            or _opening(content)
        )

    def _suggest(self, searcher: Searcher, text: str, allowed_summaries: set[int]) -> str | None:
        """The query with its unknown words corrected, offered only when the correction finds something.

        Words are corrected as the rep typed them: an unknown word's stem is matched against the indexed
        stems, and the closest is shown as a word that really occurs in the library.
        """
        reader = searcher.reader()
        changed = False

        def correct(match: re.Match[str]) -> str:
            nonlocal changed
            word = match.group(0)
            lower = word.lower()
            if word in _OPERATORS or match.group(1) or lower in STOP_WORDS:
                return word
            if not 3 <= len(lower) <= MAX_CORRECTABLE_WORD:
                return word
            stemmed = _cached_stem(lower)
            if reader.doc_frequency("text", stemmed) > 0:
                return word
            candidates = sorted(
                self._spelling.terms_within(reader, stemmed, 2),
                key=lambda term: (-reader.doc_frequency("terms", term), term),
            )
            surface = self._surface_word(searcher, candidates[0]) if candidates else None
            if surface is None:
                return word
            changed = True
            return surface

        try:
            corrected = _CORRECTABLE.sub(correct, text[:MAX_QUERY_CHARS])
        except Exception as error:  # correction is a nicety; a failure must never break the search
            log.debug("spelling correction failed for %r: %s", text, error)
            return None
        if not changed:
            return None
        new_query, _ = self.parse(corrected)
        if any(doc in allowed_summaries for doc in searcher.docs_for_query(_asset_level(new_query))):
            return corrected
        return None

    @staticmethod
    def _surface_word(searcher: Searcher, term: str) -> str | None:
        """A word of the library whose stem is ``term`` (stems like "complianc" are not for people)."""
        postings = searcher.postings("text", term)
        if not postings.is_active():
            return None
        fields = searcher.stored_fields(postings.id())
        for text in (fields.get("content", ""), fields.get("heading", "")):
            for token in _TOKEN.findall(text):
                if _cached_stem(token.lower()) == term:
                    return token.lower()
        return term


def _abandon(writer: SegmentWriter) -> None:
    """Cancel a batch in whatever state a failure left its writer, a commit that stopped half-way
    included: the write lock must be released, or every later run of this process is refused as busy."""
    if writer.is_closed:
        return
    try:
        writer.cancel()
    except Exception:
        log.info("cancelling a failed index batch failed too; releasing its lock", exc_info=True)
        with contextlib.suppress(Exception):
            writer._finish()


class IndexBatch:
    """The changes of one writer; knows whether anything was changed so an empty batch is not committed."""

    def __init__(self, writer: SegmentWriter) -> None:
        self._writer = writer
        self._adopted: list[Any] = []
        self.changed = False

    def adopt(self, segments: Iterable[Any]) -> None:
        """Make segments written by ``SegmentBuilder`` part of this batch's commit."""
        for segment in segments:
            self._adopted.append(segment)
            self.changed = True

    def _commit(self, *, merge: bool) -> None:
        # SegmentWriter.commit, with the adopted segments added to the one new table of contents (as
        # Whoosh's own multi-process writer does): writing that file is the atomic step.
        writer = self._writer
        segments = writer._merge_segments(None, None, merge)
        if writer._added:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc([*segments, *self._adopted])
        writer._finish()

    def replace_asset(
        self, asset_id: str, title: str, pages: Sequence[PageText], *, new: bool = False
    ) -> None:
        """All documents of an asset, replacing what the index had for it."""
        writer = self._writer
        if not new:
            self.delete_asset(asset_id)
        # The asset's term counts are those of its pages' text fields less the title each one starts with.
        counts: Counter[str] = Counter()
        for page in pages:
            text = AnalysedText(f"{title}\n{page.heading}\n{page.text}")
            writer.add_document(
                doc_id=f"{asset_id}:{page.number}",
                asset_id=asset_id,
                page=page.number,
                heading=page.heading,
                text=text,
                content=page.text,
            )
            counts.update(text.terms)
        if pages:
            for term, found in term_positions(title)[0].items():
                counts[term] -= len(pages) * len(found)
        writer.add_document(
            asset_of=asset_id,
            title=title,
            terms=CountedTerms({term: count for term, count in counts.items() if count > 0}),
        )
        self.changed = True

    def delete_asset(self, asset_id: str) -> None:
        """Delete the asset's committed documents (never those added in this batch)."""
        self._writer.delete_by_term("asset_id", asset_id)
        self._writer.delete_by_term("asset_of", asset_id)
        self.changed = True

    def delete_assets(self, asset_ids: Iterable[str]) -> None:
        for asset_id in asset_ids:
            self.delete_asset(asset_id)


class SegmentBuilder:
    """New documents written into a segment of their own, in a worker process, for a batch to adopt.

    It neither locks nor commits: the parent's ``writing()`` batch holds the lock and makes the segments
    part of the index in its one atomic commit; a segment never adopted is deleted by the next commit. Its
    batch only adds (``replace_asset(..., new=True)``): deletions belong to the parent's batch, which sees
    the committed segments.
    """

    def __init__(self, folder: Path) -> None:
        self._ix = index.open_dir(str(folder))
        self._writer: _BulkSegmentWriter | None = None
        self._batch: IndexBatch | None = None

    @property
    def batch(self) -> IndexBatch:
        """The batch of the segment being written (a new segment after each ``finish``)."""
        if self._batch is None:
            self._writer = _BulkSegmentWriter(self._ix, _lk=False)
            self._batch = IndexBatch(self._writer)
        return self._batch

    def finish(self) -> Any | None:
        """The written segment (it pickles, for ``IndexBatch.adopt``), or None when nothing was added."""
        writer, self._writer, self._batch = self._writer, None, None
        if writer is None:
            return None
        if not writer._added:
            writer._close_segment()
            return None
        return writer._finalize_segment()


def _opening(text: str, length: int = 200) -> Snippet | None:
    words = " ".join(text.split())
    if not words:
        return None
    if len(words) > length:
        words = words[:length].rsplit(" ", 1)[0] + " …"
    return Snippet(words, ())


# Encoded position lists repeat a lot (most words occur once or twice on a page): decode each one once.
_POSITIONS_CACHE_LIMIT = 100_000
_decoded_positions: dict[tuple[bytes, int], frozenset[int]] = {}
_POSITIONS = Positions()


def _positions_of(encoded: bytes, back: int = 0) -> frozenset[int]:
    """The positions in an encoded position list, each less ``back`` (a word's place in a phrase)."""
    key = (encoded, back)
    positions = _decoded_positions.get(key)
    if positions is None:
        if len(_decoded_positions) >= _POSITIONS_CACHE_LIMIT:
            _decoded_positions.clear()
        positions = _decoded_positions[key] = frozenset(
            position - back for position in _POSITIONS.decode_positions(encoded)
        )
    return positions


class _PhrasePages:
    """Which pages hold every phrase, judged by the word positions the index stores for the page's text.

    A round asks about a few assets' pages, as runs of consecutive document numbers (an asset's pages are
    one run): the rarest word's postings in those runs are sliced out of its blocks by bisection, the
    other words are looked up only on the pages left, and positions are compared only on pages with every
    word. Only the posting blocks that can hold the runs are read (a word like a product name is on every
    page, and reading all its blocks cost more than the search).
    """

    def __init__(self, postings: _DecodedPostings, phrases: list[list[str]]) -> None:
        self._postings = postings
        self._phrases = phrases
        self._words = sorted({word for phrase in phrases for word in phrase})

    def holding(self, segments: Sequence[tuple[int, Sequence[tuple[int, int]]]]) -> list[int]:
        """The pages (index-wide numbers, ascending) with every phrase in their text, of the given runs
        (first, last) of local document numbers by segment, in ascending order."""
        found: list[int] = []
        postings = self._postings
        for segment, runs in segments:
            terms = {word: postings.term(segment, "text", word) for word in self._words}
            # First only which pages have every word (sets of numbers, sliced out of the blocks in C),
            # the segment's rarest word first: the pages without it need no look-up of the others...
            remaining: set[int] = set()
            for number, blocks in enumerate(sorted(terms.values(), key=operator.attrgetter("count"))):
                if number == 0:
                    remaining = blocks.docnums_in(runs)
                elif len(remaining) < len(runs):  # few pages left: a one-page run each
                    remaining &= blocks.docnums_in([(docnum, docnum) for docnum in sorted(remaining)])
                else:
                    remaining &= blocks.docnums_in(runs)
                if not remaining:
                    break
            if not remaining:
                continue
            # ...then the positions of the words on those pages only.
            pages = sorted(remaining)
            values = {word: blocks.values_at(pages) for word, blocks in terms.items()}
            offset = postings.leaves[segment][1]
            found.extend(
                offset + docnum
                for docnum in pages
                if all(_has_phrase_at(phrase, values, docnum) for phrase in self._phrases)
            )
        return found


def _has_phrase_at(phrase: list[str], values: dict[str, dict[int, bytes]], docnum: int) -> bool:
    """Whether the words of ``phrase`` are at consecutive positions of the document: the positions of
    each word less its place in the phrase share one (where the phrase starts)."""
    starts = _positions_of(values[phrase[0]][docnum])
    if len(phrase) == 2:
        return not starts.isdisjoint(_positions_of(values[phrase[1]][docnum], 1))
    for place in range(1, len(phrase)):
        starts = starts.intersection(_positions_of(values[phrase[place]][docnum], place))
        if not starts:
            return False
    return bool(starts)


class _DecodedPostings:
    """The posting blocks decoded for a searcher's pages, by segment, field and word, kept across searches
    up to a budget and dropped, least recently used first, beyond it.

    Decoding a block (unpickling its positions) is most of a phrase search's cost. Checking a phrase and
    scoring the pages that hold it read the same words' blocks, and a rep's next search shares most of
    its words with the last one (a word typed on, a phrase after its words): each block is decoded once.
    """

    def __init__(self, searcher: Searcher, budget: int = DECODED_BLOCKS_BUDGET) -> None:
        self.leaves: list[tuple[Any, int]] = searcher.reader().leaf_readers()
        self._budget = budget
        self._terms: OrderedDict[tuple[int, str, str], _TermBlocks] = OrderedDict()
        # The decoded blocks of every kept term, counted as they are decoded (summing them over the
        # thousands of kept terms after each search cost half a millisecond).
        self._decoded = _BlockCount()

    def term(self, segment: int, fieldname: str, word: str) -> _TermBlocks:
        key = (segment, fieldname, word)
        blocks = self._terms.get(key)
        if blocks is None:
            blocks = self._terms[key] = _TermBlocks(self.leaves[segment][0], fieldname, word, self._decoded)
        else:
            self._terms.move_to_end(key)
        return blocks

    def trim(self) -> None:
        """Forget the least recently used terms until the decoded blocks fit the budget."""
        while self._decoded.blocks > self._budget and len(self._terms) > 1:
            _, oldest = self._terms.popitem(last=False)
            self._decoded.blocks -= oldest.decoded


@dataclass(slots=True)
class _BlockCount:
    blocks: int = 0


class _Block:
    """One decoded posting block: ascending document numbers, with their weights and encoded values."""

    __slots__ = ("ids", "values", "weights")

    def __init__(self, ids: Sequence[int], weights: Sequence[float], values: Sequence[Any]) -> None:
        self.ids = ids
        self.weights = weights
        self.values = values


# Enough bytes for a posting block's length and pickled info (about 40 bytes).
_BLOCK_HEADER_BYTES = 128


class _TermBlocks:
    """One term's postings in one segment, each block read when first asked for (deletions included).

    Postings are found by bisection on the blocks' last document numbers and then on a block's numbers:
    a run of consecutive pages costs two bisections per block it spans, whatever its length.
    """

    def __init__(self, reader: Any, fieldname: str, word: str, decoded: _BlockCount | None = None) -> None:
        self._max_ids: list[int] = []
        self._offsets: list[int] = []
        self.blocks: dict[int, _Block] = {}  # the decoded ones, by number
        self._decoded = _BlockCount() if decoded is None else decoded  # added to as blocks are decoded
        self.count = 0  # postings in the segment, deleted documents' included
        self._postings: W3LeafMatcher | None = None
        try:
            postings = reader.postings(fieldname, word)
        except TermNotFound:
            return
        if isinstance(postings, FilterMatcher):  # the deletions filter
            postings = postings.child
        if not isinstance(postings, W3LeafMatcher):  # inlined or foreign postings: a single block
            docnums: list[int] = []
            weights: list[float] = []
            values: list[Any] = []
            while postings.is_active():
                docnums.append(postings.id())
                weights.append(postings.weight())
                values.append(postings.value())
                postings.next()
            if docnums:
                self._max_ids, self._offsets = [docnums[-1]], [0]
                self.blocks = {0: _Block(docnums, weights, values)}
                self.count = len(docnums)
                self._decoded.blocks += 1
            return
        # Walk the block headers once, as ``W3LeafMatcher._goto`` reads them (the length, negative for the
        # last block, then the pickled block info) but straight from the file's bytes; the blocks'
        # contents stay unread.
        self._postings = postings
        get = postings._postfile.get
        offset = postings._baseoffset
        while True:
            header = get(offset, _BLOCK_HEADER_BYTES)
            length = unpack_int(header[:_INT_SIZE])[0]
            info = pickle.loads(header[_INT_SIZE:])  # bytes past the pickle are ignored
            self.count += info[0]
            self._max_ids.append(info[1])
            self._offsets.append(offset)
            if length < 0:
                break
            offset += _INT_SIZE + length

    @property
    def decoded(self) -> int:
        return len(self.blocks)

    def docnums_in(self, runs: Iterable[tuple[int, int]]) -> set[int]:
        """The documents of the runs (first, last), in ascending order, that have the term."""
        found: set[int] = set()
        for block, start, end in self._spans(runs):
            found.update(block.ids[start:end])
        return found

    def weights_in(self, runs: Iterable[tuple[int, int]]) -> dict[int, float]:
        """The weight of the term in each document of the runs (first, last), in ascending order, that
        has it."""
        found: dict[int, float] = {}
        for block, start, end in self._spans(runs):
            found.update(zip(block.ids[start:end], block.weights[start:end], strict=True))
        return found

    def values_at(self, docnums: Iterable[int]) -> dict[int, Any]:
        """The encoded value of each of ``docnums`` (ascending) that has the term."""
        found: dict[int, Any] = {}
        max_ids = self._max_ids
        count = len(max_ids)
        number = 0
        block = None
        for docnum in docnums:
            if number == count:
                break
            if max_ids[number] < docnum:
                number = bisect_left(max_ids, docnum, number + 1)
                if number == count:
                    break
                block = None
            if block is None:
                block = self.blocks.get(number) or self._block(number)
                ids = block.ids
            position = bisect_left(ids, docnum)
            if ids[position] == docnum:  # the block's last number is >= docnum, so position is in range
                found[docnum] = block.values[position]
        return found

    def _spans(self, runs: Iterable[tuple[int, int]]) -> Iterator[tuple[_Block, int, int]]:
        """Each block with postings in a run, and where they are in it: (block, start, end). The runs are
        in ascending order, so the blocks are walked once, forward."""
        max_ids = self._max_ids
        count = len(max_ids)
        blocks = self.blocks
        number = 0
        for first, last in runs:
            if number == count:
                return
            if max_ids[number] < first:
                number = bisect_left(max_ids, first, number + 1)
            while number < count:
                block = blocks.get(number) or self._block(number)
                ids = block.ids
                start = bisect_left(ids, first)
                end = bisect_right(ids, last, start)
                if end > start:
                    yield block, start, end
                if max_ids[number] >= last:
                    break
                number += 1

    def _block(self, block: int) -> _Block:
        contents = self.blocks.get(block)
        if contents is None:
            postings = self._postings
            assert postings is not None  # a single-block term has its block from the start
            postings._goto(self._offsets[block])
            ids = _block_ids(postings)
            postings._read_weights()
            postings._read_values()
            contents = self.blocks[block] = _Block(ids, postings._weights, postings._values)
            self._decoded.blocks += 1
        return contents


def _by_segment(leaves: Sequence[tuple[Any, int]], docnums: Iterable[int]) -> list[tuple[int, list[int]]]:
    """``docnums`` (index-wide) grouped by the segment holding them: (segment, ascending local numbers)."""
    ordered = sorted(set(docnums))
    grouped: list[tuple[int, list[int]]] = []
    for segment, (reader, offset) in enumerate(leaves):
        low = bisect_left(ordered, offset)
        high = bisect_left(ordered, offset + reader.doc_count_all())
        if high > low:
            grouped.append((segment, [docnum - offset for docnum in ordered[low:high]]))
    return grouped


def _runs(ordered: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending numbers as runs of consecutive ones: (first, last) each."""
    if not ordered:
        return []
    # Where a number does not follow the one before it, a run starts (found without a Python loop).
    starts = [0, *compress(range(1, len(ordered)), map((1).__ne__, map(operator.sub, ordered[1:], ordered)))]
    ends = [*(start - 1 for start in starts[1:]), len(ordered) - 1]
    return [(ordered[start], ordered[end]) for start, end in zip(starts, ends, strict=True)]


def _joined(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ascending runs with those that follow on from each other joined: neighbouring assets' pages are one
    run, and a rare phrase's later rounds ask for hundreds of assets, most of them neighbours."""
    joined = runs[:1]
    for first, last in runs[1:]:
        if first == joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], last)
        else:
            joined.append((first, last))
    return joined


def _segment_runs(
    leaves: Sequence[tuple[Any, int]], docnums: Iterable[int]
) -> list[tuple[int, list[tuple[int, int]]]]:
    """``docnums`` (index-wide) by segment, as runs of consecutive local numbers."""
    return [(segment, _runs(local)) for segment, local in _by_segment(leaves, docnums)]


def _summary_scores(
    searcher: Searcher,
    weighting: scoring.BM25F,
    word: str,
    boost: float,
    summaries: Container[int],
    norms: dict[str, dict[int, float]],
) -> dict[int, float]:
    """The ``summaries`` with ``word`` and their scores for ``_asset_term(word, boost)``.

    The arithmetic of Whoosh's BM25F scorer (global idf and average length, the segment's field length),
    boost and union matchers, so assets rank as Whoosh would rank them. ``norms`` keeps each summary's
    length term of the formula for the searcher's life (it depends on no word).
    """
    scores: dict[int, float] = {}
    top_reader = searcher.reader()
    for fieldname, field_boost in (("terms", boost), ("title", boost * TITLE_BOOST)):
        if (fieldname, word) not in top_reader:
            continue
        idf = searcher.idf(fieldname, word)
        average = searcher.avg_field_length(fieldname) or 1
        b = weighting._field_B.get(fieldname, weighting.B)
        k1 = weighting.K1
        field_norms = norms.setdefault(fieldname, {})
        for reader, offset in top_reader.leaf_readers():
            for docnums, weights in _posting_weights(reader, fieldname, word):
                for docnum, weight in zip(docnums, weights, strict=True):
                    summary = offset + docnum
                    if summary not in summaries:
                        continue
                    norm = field_norms.get(summary)
                    if norm is None:
                        # scoring.bm25's denominator, evaluated the same way so the floats are equal
                        length = reader.doc_field_length(docnum, fieldname, 1)
                        norm = field_norms[summary] = k1 * ((1 - b) + b * length / average)
                    score = idf * ((weight * (k1 + 1)) / (weight + norm))
                    if field_boost != 1.0:
                        score = score * field_boost
                    scores[summary] = scores[summary] + score if summary in scores else score
    return scores


def _page_scores(
    searcher: Searcher, postings: _DecodedPostings, wanted: query.Query, docnums: Sequence[int]
) -> list[tuple[int, float]] | None:
    """Those of ``docnums`` that match ``wanted``, best first, scored as Whoosh would score them; None
    when ``wanted`` is not all (or any) of some words of the page text, for Whoosh to search.

    A few assets' pages are a few hundred documents: finding their postings by block and adding up
    BM25F here costs a fraction of Whoosh's matcher tree over every segment.
    """
    if isinstance(wanted, query.Term):
        parts, need_all = [wanted], True
    elif isinstance(wanted, query.And | query.Or) and wanted.boost == 1.0:
        parts, need_all = list(wanted.subqueries), isinstance(wanted, query.And)
        if isinstance(wanted, query.Or) and (wanted.scale or wanted.minmatch):
            return None
    else:
        return None
    if not parts or not all(
        isinstance(part, query.Term) and part.fieldname == "text" and isinstance(part.text, str)
        for part in parts
    ):
        return None
    weighting = searcher.weighting
    if type(weighting) is not scoring.BM25F:
        return None
    average = searcher.avg_field_length("text") or 1
    b, k1 = weighting._field_B.get("text", weighting.B), weighting.K1
    idfs = [searcher.idf("text", part.text) for part in parts]
    scores: dict[int, float] = {}
    for segment, runs in _segment_runs(postings.leaves, docnums):
        reader, offset = postings.leaves[segment]
        length_of = _field_length_reader(reader, "text")
        norms: dict[int, float] = {}  # the length term of scoring.bm25, a page's for every word
        segment_scores: dict[int, float] = {}
        for number, part in enumerate(parts):
            weights = postings.term(segment, "text", part.text).weights_in(runs)
            if need_all and not weights:
                segment_scores = {}
                break
            idf, boost = idfs[number], part.boost
            found: dict[int, float] = {}
            for docnum, weight in weights.items():
                norm = norms.get(docnum)
                if norm is None:
                    norm = norms[docnum] = k1 * ((1 - b) + b * length_of(docnum) / average)
                # scoring.bm25, evaluated in the same order so the floats are equal
                score = idf * ((weight * (k1 + 1)) / (weight + norm))
                if boost != 1.0:
                    score = score * boost
                if number == 0:
                    found[docnum] = score
                elif docnum in segment_scores:
                    found[docnum] = segment_scores[docnum] + score
                elif not need_all:
                    found[docnum] = score
            if not need_all:
                found = segment_scores | found
            segment_scores = found
        scores.update((offset + docnum, score) for docnum, score in segment_scores.items())
    # Whoosh's order: best score first, then index order.
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def _field_length_reader(reader: Any, fieldname: str) -> Callable[[int], int]:
    """``reader.doc_field_length(docnum, fieldname, 1)`` as one look-up in the field's lengths where the
    segment's are in memory (see ``_InMemoryLengthsReader``)."""
    perdoc = getattr(reader, "_perdoc", None)
    if isinstance(perdoc, _InMemoryLengthsReader):
        lengths = perdoc.field_lengths(fieldname)
        if lengths is not None:
            return lambda docnum: _LENGTH_OF_BYTE[lengths[docnum]]
    return lambda docnum: reader.doc_field_length(docnum, fieldname, 1)


def _block_ids(postings: W3LeafMatcher) -> Sequence[int]:
    """The document numbers of the current block, as ``W3LeafMatcher._read_ids`` makes them but summing
    the stored gaps in C (Whoosh's generator was most of the cost of reading a block)."""
    if postings._ids is None:
        if postings._data is None:
            postings._read_data()
        stored = postings._data[0]
        postings._ids = stored if postings._byteids else tuple(accumulate(stored))
    ids: Sequence[int] = postings._ids
    return ids


def _posting_weights(
    reader: Any, fieldname: str, word: str
) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """A segment's postings of a term a block at a time: document numbers and their weights. Deleted
    documents are included."""
    if (fieldname, word) not in reader:
        return
    postings = reader.postings(fieldname, word)
    if isinstance(postings, FilterMatcher):  # the deletions filter
        postings = postings.child
    if isinstance(postings, W3LeafMatcher):
        # Whole blocks at a time: a common word has postings in thousands of documents.
        while postings.is_active():
            ids = _block_ids(postings)
            postings._read_weights()
            yield ids, postings._weights
            postings._next_block()
        return
    docnums: list[int] = []
    weights: list[float] = []
    while postings.is_active():
        docnums.append(postings.id())
        weights.append(postings.weight())
        postings.next()
    yield docnums, weights


class PagesQuery(query.Query):
    """Matches exactly the given documents (index-wide numbers), scoring nothing.

    ANDed with the rep's query it confines the posting walk to a few assets' pages: the intersection skips
    straight to them instead of visiting every page that has the words.
    """

    def __init__(self, docnums: Iterable[int]) -> None:
        self.docnums = sorted(set(docnums))
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"PagesQuery({len(self.docnums)} pages)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PagesQuery) and other.docnums == self.docnums

    def __hash__(self) -> int:
        return hash(tuple(self.docnums))

    def estimate_size(self, ixreader: Any) -> int:
        return len(self.docnums)

    def estimate_min_size(self, ixreader: Any) -> int:
        return len(self.docnums)

    def matcher(self, searcher: Searcher, context: Any = None) -> Any:
        offset = 0
        parent = searcher.get_parent() if searcher.has_parent() else None
        if parent is not None:
            offset = parent._offset_for_subsearcher(searcher)
        end = offset + searcher.doc_count_all()
        local = [docnum - offset for docnum in self.docnums if offset <= docnum < end]
        # Explicit zero weights: ListMatcher takes a falsy ``all_weights`` as unset and scores each page 1.0.
        return matching.ListMatcher(local, weights=[0.0] * len(local)) if local else matching.NullMatcher


def _asset_level(parsed: query.Query) -> query.Query:
    """The query as the asset summaries answer it: a word may be on any page, a title word counts more."""

    def convert(node: query.Query) -> query.Query:
        fieldname = getattr(node, "fieldname", None)
        if fieldname not in ("text", "heading"):
            return node
        if isinstance(node, query.Phrase):
            return query.And([_asset_term(word) for word in node.words])
        if isinstance(node, query.Term):
            return _asset_term(node.text, node.boost)
        terms = node.copy()
        terms.fieldname = "terms"
        return terms

    return parsed.accept(convert)


def _page_level(parsed: query.Query) -> query.Query:
    """The query for page documents: their ``text`` starts with the asset title, so title words are there."""

    def convert(node: query.Query) -> query.Query:
        if getattr(node, "fieldname", None) != "title":
            return node
        node = node.copy()
        node.fieldname = "text"
        return node

    return parsed.accept(convert)


def _loosen_phrases(parsed: query.Query) -> tuple[query.Query, list[list[str]]] | None:
    """For a phrase, or an AND of words and phrases: the query with each phrase as its words, and the
    phrases; None for other shapes, which Whoosh checks itself."""
    parts = list(parsed.subqueries) if isinstance(parsed, query.And) else [parsed]
    if not all(isinstance(part, query.Term | query.Phrase) for part in parts):
        return None
    phrases = [list(part.words) for part in parts if isinstance(part, query.Phrase)]
    if not phrases or any(part.fieldname != "text" for part in parts if isinstance(part, query.Phrase)):
        return None
    words: list[query.Query] = []
    for part in parts:
        if isinstance(part, query.Phrase):
            words.extend(query.Term("text", word) for word in part.words)
        else:
            words.append(part)
    return query.And(words), phrases


def _plain_words(parsed: query.Query) -> list[tuple[str, float]] | None:
    """The words and boosts of a query made only of words and phrases of the page text, all required;
    None for any other query. A phrase counts as its words, as ``_asset_level`` makes it."""
    parts = list(parsed.subqueries) if isinstance(parsed, query.And) else [parsed]
    if not parts or (isinstance(parsed, query.And) and parsed.boost != 1.0):
        return None
    words: list[tuple[str, float]] = []
    for part in parts:
        if isinstance(part, query.Term) and part.fieldname == "text" and isinstance(part.text, str):
            words.append((part.text, part.boost))
        elif isinstance(part, query.Phrase) and part.fieldname == "text" and part.words:
            words.extend((word, 1.0) for word in part.words)
        else:
            return None
    return words


def _asset_term(word: str, boost: float = 1.0) -> query.Query:
    return query.Or(
        [query.Term("terms", word, boost=boost), query.Term("title", word, boost=boost * TITLE_BOOST)]
    )


def _has_phrase(parsed: query.Query) -> bool:
    return any(isinstance(node, query.Phrase) for node in parsed.leaves()) or isinstance(parsed, query.Phrase)


def _page_terms(parsed: query.Query, reader: Any) -> set[tuple[str, str]]:
    """The page-level terms of the query that exist, prefixes and wildcards expanded."""
    return {
        (fieldname, term.decode() if isinstance(term, bytes) else term)
        for fieldname, term in parsed.existing_terms(reader, phrases=True, expand=True)
        if fieldname in PAGE_FIELDS
    }


def _any_word(parsed: query.Query) -> query.Query | None:
    words = sorted(
        {term for fieldname, term in parsed.iter_all_terms(phrases=True) if fieldname in PAGE_FIELDS}
    )
    return query.Or([query.Term("text", word) for word in words]) if words else None


def _ascii_words_starting(lowered: str, prefixes: Collection[str]) -> set[str]:
    """The distinct tokens of lower-cased ASCII text that begin with one of ``prefixes``, as
    ``_TOKEN.findall`` would give them, found with ``str.find`` instead of splitting the whole page."""
    found: set[str] = set()
    match = _TOKEN.match
    for prefix in prefixes:
        start = lowered.find(prefix)
        while start >= 0:
            if _starts_token(lowered, start) and (token := match(lowered, start)) is not None:
                word = token.group()
                if word.startswith(prefix):  # a prefix with a dot may end past the token
                    found.add(word)
            start = lowered.find(prefix, start + 1)
    return found


def _starts_token(lowered: str, start: int) -> bool:
    """Whether a token of ``_TOKEN`` may start at ``start``: not after a token character, nor after a dot
    that follows one (a token joins its parts with single dots)."""
    return (start == 0 or not _is_token_char(lowered[start - 1])) and (
        start < 2 or lowered[start - 1] != "." or not _is_token_char(lowered[start - 2])
    )


def _stem_prefixes(terms: Iterable[str]) -> set[str] | None:
    """What every word stemming to one of ``terms`` begins with: the Porter stemmer only rewrites a word's
    end, and its stem differs from the word at most in its last letter ("buy" -> "bui", "filing" ->
    "file"). None when a prefix would be a single letter, found too often to be worth it."""
    prefixes = {term[:-1] for term in terms}
    return prefixes if all(len(prefix) >= 2 for prefix in prefixes) else None


def _is_token_char(char: str) -> bool:
    return char.isalnum() or char in "_*"


def _whole_tokens(lowered: str, words: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each token of the lower-cased ASCII text that is one of ``words``, in order.

    ``_TOKEN`` takes the longest run of word characters (and "*") joined by single dots, so a token starts
    at such a character not preceded by one (nor by a dot that follows one) and ends likewise. Looking for
    the few wanted words with ``str.find`` is far cheaper than visiting every token of the page.
    """
    found: list[tuple[int, int, str]] = []
    size = len(lowered)
    for word in words:
        start = lowered.find(word)
        while start >= 0:
            end = start + len(word)
            if (
                (start == 0 or not _is_token_char(lowered[start - 1]))
                and (start < 2 or lowered[start - 1] != "." or not _is_token_char(lowered[start - 2]))
                and (end == size or not _is_token_char(lowered[end]))
                and (end + 1 >= size or lowered[end] != "." or not _is_token_char(lowered[end + 1]))
            ):
                found.append((start, end, word))
            start = lowered.find(word, start + 1)
    found.sort()
    return found


def make_snippet(text: str, terms: Collection[str], length: int = SNIPPET_CHARS) -> Snippet | None:
    """The stretch of ``text`` with the most distinct query terms, with those words marked.

    Whoosh's highlighter re-runs the analyzer chain over the page for every hit, which cost more than the
    search itself; this walks the page's words once with the cached stemmer.
    """
    if not text or not terms:
        return None
    lowered = text.lower() if text.isascii() else None
    prefixes = None if lowered is None else _stem_prefixes(terms)
    if lowered is not None and prefixes is not None:
        words = _ascii_words_starting(lowered, prefixes)
    else:
        words = set(map(str.lower, _TOKEN.findall(text)))
    wanted = _stems.words_for(words, terms)
    if not wanted:
        return None
    if lowered is not None:
        # Only the wanted words are looked for (see ``_whole_tokens``), not every token of the page
        # visited here; lower-casing ASCII text moves no offset.
        matches = [(start, end, wanted[word]) for start, end, word in _whole_tokens(lowered, wanted)]
    else:
        matches = [
            (match.start(), match.end(), wanted[word])
            for match in _TOKEN.finditer(text)
            if (word := match.group().lower()) in wanted
        ]
    if not matches:
        return None
    starts = [start for start, _, _ in matches]
    stems = [stemmed for _, _, stemmed in matches]
    best_start, best_score = 0, -1
    for number, start in enumerate(starts):
        # the matches are in text order: those in the window are a slice
        score = len(set(stems[number : bisect_left(starts, start + length, number)]))
        if score > best_score:
            best_start, best_score = number, score
    anchor = matches[best_start][0]
    begin = max(0, anchor - length // 4)
    if begin:
        space = text.find(" ", begin, anchor)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), begin + length)
    if end < len(text):
        space = text.rfind(" ", matches[best_start][1], end)
        end = space if space > 0 else end
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    piece = text[begin:end]
    # Runs of white space fold to one space so the snippet reads as one line; a matched word's span is where
    # the folded text before it ends (plus the space its last run of white space became).
    spans = []
    for start, stop, _ in matches:
        if begin <= start and stop <= end:
            before = piece[: start - begin]
            position = len(prefix) + len(" ".join(before.split()))
            if before[-1:].isspace() and not before.isspace():
                position += 1
            spans.append((position, position + stop - start))
    return Snippet(prefix + " ".join(piece.split()) + suffix, tuple(spans))


def _is_usable(parsed: query.Query) -> bool:
    """False for queries that would match everything or nothing because the parser gave up on them."""
    if parsed is query.NullQuery:
        return False
    text = repr(parsed)
    return "ErrorQuery" not in text and "Every(" not in text
