"""Plain text files, cut into sections of about ``SECTION_SIZE`` characters at blank lines.

Text files have no pages, but a search hit should still point near the passage, so a long file is split
at paragraph breaks. Decoding never fails: files written on Windows in cp1252 are as common as UTF-8.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from indexer.extract.document import ExtractedDocument, Section, readable_stem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

SECTION_SIZE = 3000
_MAX_TITLE_LENGTH = 100
_BLANK_LINES = re.compile(r"\n[ \t\f\v]*\n\s*")
_FIRST_LINE = re.compile(r"\S[^\n]*")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), then UTF-16 when it has a BOM, then cp1252, then latin-1, which
    accepts any byte; line endings become ``\\n``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16", "utf-8-sig", "cp1252")
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract_txt(path: Path) -> ExtractedDocument:
    text = decode_text(path.read_bytes())
    chunks = list(_group(_paragraphs(text), SECTION_SIZE)) or [""]
    first_line_match = _FIRST_LINE.search(text)
    first_line = first_line_match.group().strip() if first_line_match else ""
    return ExtractedDocument(
        kind="txt",
        title=first_line if 0 < len(first_line) < _MAX_TITLE_LENGTH else readable_stem(path),
        sections=tuple(Section(number=n, title="", text=chunk) for n, chunk in enumerate(chunks, 1)),
        page_count=len(chunks),
        metadata={},
    )


def _paragraphs(text: str) -> Iterator[str]:
    """Blank-line separated blocks; a block longer than a section is cut further at line ends, and a
    line longer than a section at spaces."""
    for raw_block in _BLANK_LINES.split(text):
        block = raw_block.strip()
        if len(block) <= SECTION_SIZE:
            if block:
                yield block
            continue
        lines: list[str] = []
        for line in block.split("\n"):
            lines.extend(_cut_at_spaces(line, SECTION_SIZE) if len(line) > SECTION_SIZE else [line])
        yield from _group(lines, SECTION_SIZE, separator="\n")


def _cut_at_spaces(line: str, limit: int) -> Iterator[str]:
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit + 1)
        if cut <= 0:  # one enormous word: cut it anyway
            cut = limit
        yield line[:cut]
        line = line[cut:].lstrip()
    if line:
        yield line


def _group(pieces: Iterable[str], limit: int, *, separator: str = "\n\n") -> Iterator[str]:
    """Join consecutive pieces while the result stays within ``limit``; a longer piece stands alone."""
    current: list[str] = []
    size = 0
    for piece in pieces:
        if current and size + len(separator) + len(piece) > limit:
            yield separator.join(current)
            current, size = [], 0
        size += (len(separator) if current else 0) + len(piece)
        current.append(piece)
    if current:
        yield separator.join(current)
