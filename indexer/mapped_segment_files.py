"""Segment files read straight from the memory-mapped segment, not from a copy of it.

Whoosh opens each file inside a compound segment as a ``BufferFile`` over a memoryview of the segment's
mmap, and ``BufferFile`` wraps that view in a ``BytesIO``, which copies it. Opening a reader on the
30,000-page benchmark index copied 144 MB (0.13 s, paid again by every searcher opened after a commit,
and held in memory for the reader's life) to serve reads that touch a few kilobytes. ``install`` makes
compound segments open ``MappedFile`` instead, whose reads slice the view itself.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from io import BytesIO

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile
from whoosh.system import _INT_SIZE, unpack_int

# readline() looks for the end of a line this many bytes at a time (pickles of Whoosh's own objects
# read a line for each class name; lines are short).
_LINE_CHUNK = 256
# A pickle read from a segment is unpickled from a copy of this many bytes ahead (Whoosh's block headers
# are about 40 bytes); a longer one is read from the view itself.
_PICKLE_AHEAD = 512


class MappedView:
    """A read-only, seekable file over a memoryview: what ``BufferFile`` asks of its ``file``."""

    __slots__ = ("_position", "_view")

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._position = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._position
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._position = max(start, end)
        return bytes(self._view[start:end])

    def readline(self, size: int | None = -1) -> bytes:
        start = self._position
        limit = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        end = start
        while end < limit:
            chunk_end = min(end + _LINE_CHUNK, limit)
            newline = bytes(self._view[end:chunk_end]).find(b"\n")
            if newline >= 0:
                end += newline + 1
                break
            end = chunk_end
        self._position = end
        return bytes(self._view[start:end])

    def readinto(self, buffer: memoryview | bytearray) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: len(self._view)}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def close(self) -> None:
        """The view belongs to the segment's storage, which releases it."""


class MappedFile(BufferFile):
    """``BufferFile`` with its file a ``MappedView`` of the buffer instead of a ``BytesIO`` copy.

    A posting block is found by a seek, an int and a pickle (``W3LeafMatcher._goto``); those read the
    view here directly, since a ``MappedView`` method is a Python call where ``BytesIO``'s were C.
    """

    def __init__(self, buf: memoryview, name: str | None = None, onclose: object = None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = self._view = MappedView(buf)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._view.seek(offset, whence)

    def tell(self) -> int:
        return self._view.tell()

    def read(self, size: int | None = -1) -> bytes:
        return self._view.read(size)

    def read_int(self) -> int:
        start = self._view._position
        self._view._position = start + _INT_SIZE
        return int(unpack_int(self._buf[start : start + _INT_SIZE])[0])

    def read_pickle(self) -> object:
        start = self._view._position
        ahead = BytesIO(self._buf[start : start + _PICKLE_AHEAD])
        try:
            value = pickle.load(ahead)
        except (EOFError, pickle.UnpicklingError):  # longer than what was copied: read it from the view
            return pickle.load(self._view)
        self._view._position = start + ahead.tell()
        return value


def install() -> None:
    """Have compound segments open their files as ``MappedFile``; idempotent."""
    compound.BufferFile = MappedFile
