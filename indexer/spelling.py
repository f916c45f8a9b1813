"""The indexed words a misspelled one may have meant, for "did you mean".

Whoosh's ``terms_within`` walks every term of every segment through a pure-Python edit distance: about
90 ms per unknown word on a 30,000-page index, paid by every search that finds nothing. Here each
segment's terms are read once (segments never change) and the whole vocabulary is compared with
rapidfuzz's optimal-string-alignment distance, the measure Whoosh uses, in well under a millisecond.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA


class SpellingVocabulary:
    """The terms of one field across an index's segments, kept per segment id as segments come and go."""

    def __init__(self, field: str) -> None:
        self.field = field
        self._segment_terms: dict[str, tuple[str, ...]] = {}
        self._merged: tuple[str, ...] | None = None
        self._merged_segments: tuple[str, ...] = ()

    def terms_within(self, reader: Any, word: str, max_distance: int) -> list[str]:
        """The field's terms within ``max_distance`` edits of ``word`` (a swap of neighbours is one edit),
        in no particular order; the same terms as Whoosh's ``reader.terms_within``."""
        vocabulary = self._vocabulary(reader)
        return [
            term
            for term, _distance, _index in process.extract_iter(
                word, vocabulary, scorer=OSA.distance, score_cutoff=max_distance
            )
        ]

    def _vocabulary(self, reader: Any) -> tuple[str, ...]:
        leaves = [
            (segment_reader, segment)
            for segment_reader, _offset in reader.leaf_readers()
            if (segment := segment_reader.segment()) is not None
        ]
        ids = tuple(segment.segment_id() for _reader, segment in leaves)
        if self._merged is not None and ids == self._merged_segments:
            return self._merged
        known = {}
        for segment_reader, segment in leaves:
            segment_id = segment.segment_id()
            terms = self._segment_terms.get(segment_id)
            if terms is None:
                terms = self._read_terms(segment_reader)
            known[segment_id] = terms
        self._segment_terms = known  # segments merged away are forgotten
        merged: set[str] = set()
        for terms in known.values():
            merged.update(terms)
        self._merged = tuple(sorted(merged))
        self._merged_segments = ids
        return self._merged

    def _read_terms(self, segment_reader: Any) -> tuple[str, ...]:
        if self.field not in segment_reader.indexed_field_names():
            return ()
        decode = segment_reader.schema[self.field].from_bytes
        return tuple(decode(term) for term in segment_reader.lexicon(self.field))
