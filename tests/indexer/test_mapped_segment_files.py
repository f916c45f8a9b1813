from __future__ import annotations

import io
import mmap
import os
import pickle
import random
from pathlib import Path

from whoosh.filedb.structfile import BufferFile
from whoosh.system import pack_int

from indexer.mapped_segment_files import MappedFile, MappedView
from indexer.search_index import PageText, SearchIndex


def test_a_mapped_view_reads_as_bytesio_reads() -> None:
    """Every read, line, seek and tell of a view gives what a BytesIO of the same bytes gives."""
    chance = random.Random(5)
    for _ in range(300):
        data = bytes(chance.choice(b"ab\n\x00") for _ in range(chance.randint(0, 1_200)))
        view, copy = MappedView(memoryview(data)), io.BytesIO(data)
        for _ in range(40):
            operation = chance.choice(["read", "readline", "seek", "readinto"])
            if operation == "read":
                size = chance.choice([None, -1, 0, 1, 7, 300, 5_000])
                assert view.read(size) == copy.read(size)
            elif operation == "readline":
                size = chance.choice([-1, 0, 3, 600])
                assert view.readline(size) == copy.readline(size)
            elif operation == "seek":
                whence = chance.choice([os.SEEK_SET, os.SEEK_CUR, os.SEEK_END])
                offset = chance.randint(0 if whence == os.SEEK_SET else -50, 1_300)
                assert view.seek(offset, whence) == copy.seek(offset, whence)
            else:
                into_view = bytearray(chance.randint(0, 90))
                into_copy = bytearray(len(into_view))
                assert view.readinto(into_view) == copy.readinto(into_copy)
                assert into_view == into_copy
            assert view.tell() == copy.tell()
        view.seek(0)
        copy.seek(0)
        assert list(view) == list(copy)


def test_a_mapped_file_reads_ints_and_pickles_as_whoosh_does() -> None:
    """Short pickles (posting block headers) and long ones (read past the bytes copied ahead) alike."""
    values = [(128, 5000, 1.5, 0, 3, 200), {"field": ["word"] * 400}, "x" * 2_000, None]
    data = b"".join(pack_int(-number) + pickle.dumps(value, 2) for number, value in enumerate(values))
    mapped, whoosh = MappedFile(memoryview(data)), BufferFile(memoryview(data))
    for reader in (mapped, whoosh):
        reader.seek(0)
    for number, value in enumerate(values):
        assert mapped.read_int() == whoosh.read_int() == -number
        assert mapped.read_pickle() == whoosh.read_pickle() == value
        assert mapped.tell() == whoosh.tell()
    assert mapped.get(4, 3) == whoosh.get(4, 3)


def test_segments_are_read_from_their_mapping_not_a_copy(tmp_path: Path) -> None:
    """A reader's postings are a view of the segment file's memory map: opening a searcher copies none
    of the index (it copied all of it, 144 MB on the benchmark's index)."""
    index = SearchIndex(tmp_path / "index")
    with index.writing() as batch:
        batch.replace_asset("pricing-sheet", "Pricing sheet", [PageText(1, "", "Discount approval rules")])
    searcher = index._current_searcher()
    postings = searcher.reader().leaf_readers()[0][0]._terms._postfile
    assert isinstance(postings, MappedFile)
    assert isinstance(postings._buf.obj, mmap.mmap)
    assert [hit.asset_id for hit in index.search('"discount approval"').hits] == ["pricing-sheet"]
