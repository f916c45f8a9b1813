"""The full-text index: every use of Whoosh lives in this module.

One document per page, slide or section, keyed ``asset_id:page``, plus one vocabulary document per asset
whose unstemmed words feed "did you mean". Governance (approved, expired, facets) is deliberately not in
the index: the caller passes the set of assets a search may return, so approving or retiring an asset is
instant and never needs a re-index.

What must stay true: the writer is single (``ix.writer(timeout=...)``), a failed batch is cancelled and
never committed, and an index that cannot be opened is rebuilt rather than crashing the app.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import highlight, index, qparser, query
from whoosh.analysis import STOP_WORDS, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.formats import Positions
from whoosh.lang.porter import stem
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter, LockError

log = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: an index of another version is rebuilt from the files.
SCHEMA_VERSION = 2
VERSION_FILE = "SCHEMA_VERSION"
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
MAX_CORRECTABLE_WORD = 30
MATCH_START, MATCH_END = "\x02", "\x03"
SEARCH_FIELDS = ("title", "heading", "content")
FIELD_BOOSTS = {"title": 4.0, "heading": 2.0, "content": 1.0}
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
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

    @classmethod
    def from_marked(cls, marked: str) -> Snippet:
        text: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        for piece in re.split(f"({MATCH_START}[^{MATCH_END}]*{MATCH_END})", marked):
            if piece.startswith(MATCH_START):
                word = piece[1:-1]
                spans.append((length, length + len(word)))
                piece = word
            text.append(piece)
            length += len(piece)
        return cls("".join(text), tuple(spans))


@dataclass(frozen=True, slots=True)
class PageHit:
    number: int
    heading: str
    score: float
    snippet: Snippet | None


@dataclass(frozen=True, slots=True)
class AssetHit:
    asset_id: str
    title: str
    score: float
    pages: tuple[PageHit, ...]


@dataclass(frozen=True, slots=True)
class IndexResults:
    hits: tuple[AssetHit, ...]
    matched_assets: frozenset[str]
    matched_pages: int
    query: str
    fell_back: bool
    suggestion: str | None


# The same tokens as StemmingAnalyzer's RegexTokenizer, without the capturing group so findall gives words.
_TOKEN = re.compile(default_pattern.pattern.replace("(", "(?:"), re.UNICODE)
_STEM_CACHE_LIMIT = 200_000
_stems: dict[str, str] = {}


def _cached_stem(word: str) -> str:
    stemmed = _stems.get(word)
    if stemmed is None:
        if len(_stems) >= _STEM_CACHE_LIMIT:
            _stems.clear()
        stemmed = _stems[word] = stem(word)
    return stemmed


class StemmedPositions(Positions):
    """Phrase-capable postings whose indexing path tokenizes, stops and stems in one loop.

    Whoosh's generator chain of filters (tokenizer, lowercase, stop, stem) was two thirds of indexing time.
    This produces exactly the terms and positions ``StemmingAnalyzer`` gives (a test compares them on varied
    text), so queries and highlighting, which still use the analyzer, see the same words.
    """

    def word_values(
        self, value: str, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        positions: dict[str, list[int]] = {}
        position = -1
        for number, token in enumerate(_TOKEN.findall(value)):
            word = token.lower()
            if len(word) < 2 or word in STOP_WORDS:
                continue
            # StopFilter renumbers: the first kept word keeps its own position, the rest follow it by one.
            position = number if position < 0 else position + 1
            term = _cached_stem(word)
            found = positions.get(term)
            if found is None:
                positions[term] = [position]
            else:
                found.append(position)
        boost = self.field_boost
        for term, found in positions.items():
            yield term, len(found), len(found) * boost, self.encode(found)


def _stemmed_text(*, stored: bool, phrase: bool) -> TEXT:
    field = TEXT(analyzer=StemmingAnalyzer(), stored=stored, phrase=phrase)
    if phrase:
        field.format = StemmedPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    return Schema(
        doc_id=ID(unique=True, stored=True),
        asset_id=ID(stored=True, sortable=True),
        page=NUMERIC(int, stored=True),
        title=_stemmed_text(stored=True, phrase=True),
        heading=_stemmed_text(stored=True, phrase=True),
        content=_stemmed_text(stored=True, phrase=True),
        vocab_of=ID(unique=True, sortable=True),
        vocab=TEXT(analyzer=RegexTokenizer() | LowercaseFilter(), phrase=False, spelling=True),
    )


class _MarkingFormatter(highlight.Formatter):
    """Marks matched words with control characters so each view can style them its own way."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"{MATCH_START}{highlight.get_text(text, token, replace)}{MATCH_END}"


class SearchIndex:
    """Owns the Whoosh index in one folder: opening, writing, searching and rebuilding it."""

    def __init__(self, folder: Path, *, writer_timeout: float = 30.0) -> None:
        self.folder = folder
        self.writer_timeout = writer_timeout
        self.needs_rebuild = False
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._page_assets: list[str] = []  # docnum -> asset id ("" for non-page documents)
        self._indexed_assets: frozenset[str] = frozenset()
        self._allowed_cache: dict[frozenset[str] | None, set[int]] = {}
        self._ix = self._open()
        self._parser = qparser.MultifieldParser(
            list(SEARCH_FIELDS), self._ix.schema, fieldboosts=FIELD_BOOSTS, group=qparser.AndGroup
        )
        self._plain_parser = qparser.MultifieldParser(
            list(SEARCH_FIELDS),
            self._ix.schema,
            fieldboosts=FIELD_BOOSTS,
            group=qparser.AndGroup,
            plugins=[qparser.WhitespacePlugin()],
        )
        self._highlighter = highlight.Highlighter(
            fragmenter=highlight.ContextFragmenter(maxchars=220, surround=60),
            formatter=_MarkingFormatter(),
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
    def writing(self, *, procs: int = 1, limitmb: int = 128, merge: bool = True) -> Iterator[IndexBatch]:
        """A batch of changes committed atomically on success and cancelled on any error."""
        try:
            if procs > 1:
                writer = self._ix.writer(
                    timeout=self.writer_timeout, procs=procs, limitmb=limitmb, multisegment=True
                )
            else:
                writer = self._ix.writer(timeout=self.writer_timeout, limitmb=limitmb)
        except LockError as error:
            raise IndexBusyError(
                "another Enablement process is updating the search index; try again in a moment"
            ) from error
        batch = IndexBatch(writer)
        try:
            yield batch
        except BaseException:
            writer.cancel()
            raise
        if batch.changed:
            writer.commit(merge=merge)
        else:
            writer.cancel()
        self.needs_rebuild = False

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
        reader = searcher.reader()
        page_assets = [""] * reader.doc_count_all()
        if reader.has_column("asset_id"):
            for docnum, value in enumerate(reader.column_reader("asset_id")):
                if value and not reader.is_deleted(docnum):
                    page_assets[docnum] = value
        indexed: set[str] = set()
        if reader.has_column("vocab_of"):
            indexed.update(
                value
                for docnum, value in enumerate(reader.column_reader("vocab_of"))
                if value and not reader.is_deleted(docnum)
            )
        self._page_assets = page_assets
        self._indexed_assets = frozenset(indexed)
        self._allowed_cache.clear()

    def asset_ids(self) -> frozenset[str]:
        """Every asset with documents in the index (each asset has exactly one vocabulary document)."""
        with self._lock:
            self._current_searcher()
            return self._indexed_assets

    def page_count(self) -> int:
        with self._lock:
            self._current_searcher()
            return sum(1 for value in self._page_assets if value)

    def _allowed_docs(self, allowed_assets: Collection[str] | None) -> set[int]:
        key = None if allowed_assets is None else frozenset(allowed_assets)
        cached = self._allowed_cache.get(key)
        if cached is None:
            cached = {
                docnum
                for docnum, asset_id in enumerate(self._page_assets)
                if asset_id and (key is None or asset_id in key)
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
    ) -> IndexResults:
        """Assets ranked by their best page, each with its best pages and highlighted snippets.

        ``allowed_assets`` limits the search to those assets (None: every asset in the index).
        """
        with self._lock:
            searcher = self._current_searcher()
            parsed, fell_back = self.parse(text)
            if parsed is query.NullQuery:
                return IndexResults((), frozenset(), 0, text, fell_back, None)
            allowed = self._allowed_docs(allowed_assets)
            matched = [doc for doc in searcher.docs_for_query(parsed) if doc in allowed]
            matched_assets = frozenset(self._page_assets[doc] for doc in matched)
            hits = self._rank(
                searcher, parsed, allowed, limit, pages_per_asset, snippets, len(matched_assets)
            )
            suggestion = self._suggest(searcher, text, allowed)
            return IndexResults(hits, matched_assets, len(matched), text, fell_back, suggestion)

    def _rank(
        self,
        searcher: Searcher,
        parsed: query.Query,
        allowed: set[int],
        limit: int,
        pages_per_asset: int,
        snippets: bool,
        available: int,
    ) -> tuple[AssetHit, ...]:
        if available == 0 or limit <= 0:
            return ()
        wanted = min(limit, available)
        page_limit = max(limit * 5, 50)
        while True:
            results = searcher.search(parsed, limit=page_limit, filter=allowed)
            groups: dict[str, list[Any]] = {}
            for hit in results:
                asset_id = self._page_assets[hit.docnum]
                pages = groups.setdefault(asset_id, [])
                if len(pages) < pages_per_asset:
                    pages.append(hit)
            if len(groups) >= wanted or results.scored_length() < page_limit:
                break
            page_limit *= 4
        asset_hits = []
        for asset_id, pages in list(groups.items())[:limit]:
            page_hits = []
            for rank, hit in enumerate(pages):
                snippet = None
                if snippets and rank == 0:
                    marked = self._highlighter.highlight_hit(hit, "content", top=2) or (
                        self._highlighter.highlight_hit(hit, "heading") if hit.get("heading") else ""
                    )
                    # A page found by its title alone still shows how it begins.
                    snippet = Snippet.from_marked(marked) if marked else _opening(hit.get("content", ""))
                fields = hit.fields()
                page_hits.append(PageHit(fields["page"], fields.get("heading", ""), hit.score, snippet))
            asset_hits.append(AssetHit(asset_id, pages[0]["title"], pages[0].score, tuple(page_hits)))
        return tuple(asset_hits)

    def _suggest(self, searcher: Searcher, text: str, allowed: set[int]) -> str | None:
        """The query with its unknown words corrected, offered only when the correction finds something.

        Words are corrected as the rep typed them (unstemmed), against the vocabulary documents.
        """
        reader = searcher.reader()
        corrector = searcher.corrector("vocab")
        changed = False

        def correct(match: re.Match[str]) -> str:
            nonlocal changed
            word = match.group(0)
            lower = word.lower()
            if word in _OPERATORS or match.group(1) or not 3 <= len(lower) <= MAX_CORRECTABLE_WORD:
                return word
            if reader.doc_frequency("vocab", lower) > 0:
                return word
            suggestions = corrector.suggest(lower, limit=1, maxdist=2)
            if not suggestions:
                return word
            changed = True
            return str(suggestions[0])

        try:
            corrected = _CORRECTABLE.sub(correct, text[:MAX_QUERY_CHARS])
        except Exception as error:  # correction is a nicety; a failure must never break the search
            log.debug("spelling correction failed for %r: %s", text, error)
            return None
        if not changed:
            return None
        new_query, _ = self.parse(corrected)
        if any(doc in allowed for doc in searcher.docs_for_query(new_query)):
            return corrected
        return None


class IndexBatch:
    """The changes of one writer; knows whether anything was changed so an empty batch is not committed."""

    def __init__(self, writer: IndexWriter) -> None:
        self._writer = writer
        self.changed = False

    def replace_asset(
        self, asset_id: str, title: str, pages: Sequence[PageText], *, new: bool = False
    ) -> None:
        """All documents of an asset, replacing what the index had for it."""
        writer = self._writer
        if not new:
            self.delete_asset(asset_id)
        words: set[str] = set(_WORD.findall(title.lower()))
        for page in pages:
            writer.add_document(
                doc_id=f"{asset_id}:{page.number}",
                asset_id=asset_id,
                page=page.number,
                title=title,
                heading=page.heading,
                content=page.text,
            )
            words.update(_WORD.findall(page.heading.lower()))
            words.update(_WORD.findall(page.text.lower()))
        writer.add_document(vocab_of=asset_id, vocab=" ".join(sorted(words)))
        self.changed = True

    def delete_asset(self, asset_id: str) -> None:
        self._writer.delete_by_term("asset_id", asset_id)
        self._writer.delete_by_term("vocab_of", asset_id)
        self.changed = True

    def delete_assets(self, asset_ids: Iterable[str]) -> None:
        for asset_id in asset_ids:
            self.delete_asset(asset_id)


def _opening(text: str, length: int = 200) -> Snippet | None:
    words = " ".join(text.split())
    if not words:
        return None
    if len(words) > length:
        words = words[:length].rsplit(" ", 1)[0] + " …"
    return Snippet(words, ())


def _is_usable(parsed: query.Query) -> bool:
    """False for queries that would match everything or nothing because the parser gave up on them."""
    if parsed is query.NullQuery:
        return False
    text = repr(parsed)
    return "ErrorQuery" not in text and "Every(" not in text
