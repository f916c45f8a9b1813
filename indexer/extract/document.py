"""What every extractor returns, and the small rules they share for titles and whitespace.

These types cross process boundaries (extraction runs in a ``ProcessPoolExecutor``), so they must stay
plain, picklable values: no open files, no library objects, no lambdas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

KIND_BY_SUFFIX: Mapping[str, str] = MappingProxyType(
    {
        ".pdf": "pdf",
        ".pptx": "pptx",
        ".docx": "docx",
        ".md": "md",
        ".markdown": "md",
        ".txt": "txt",
        ".html": "html",
        ".htm": "html",
    }
)


@dataclass(frozen=True, slots=True)
class Section:
    """One page (PDF), slide (PPTX) or headed part (everything else) of a document."""

    number: int  # 1-based page / slide / section number
    title: str  # slide title or section heading; "" for PDF pages
    text: str  # body text; for slides, every shape's text except the title
    notes: str = ""  # PPTX speaker notes; "" elsewhere


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """The searchable content of one file.

    ``sections`` is never empty for a file with content (only a deck without slides has none); a PDF
    without a text layer still lists its pages, with empty text, so page numbers stay true.
    """

    kind: str
    title: str
    sections: tuple[Section, ...]
    page_count: int
    # A plain dict rather than a mapping proxy because it must pickle; treat it as read-only.
    metadata: Mapping[str, str]
    thumbnail_png: bytes | None = None


class ExtractionError(Exception):
    """A file that cannot be indexed; ``str(error)`` is the reason shown to the rep, in plain words.

    Keep the constructor to the single message argument: the error is pickled back from worker processes.
    """


_SEPARATORS = re.compile(r"[\s_\-]+")
_BLANK_LINE_RUNS = re.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)*")
_SPACE_RUNS = re.compile(r"[ \t\r\f\v\xa0]+")
# Titles that authoring tools write by default; they say nothing about the document.
_PLACEHOLDER_TITLES = frozenset(
    {
        "untitled",
        "powerpoint presentation",
        "presentation",
        "document",
        "slide 1",
        "title",
        "click to add title",
    }
)
_TOOL_PREFIX = re.compile(r"^microsoft (?:word|powerpoint|excel) - ", re.IGNORECASE)


def readable_stem(path: Path) -> str:
    """A title made from the file name: ``battlecard_acme-v2.pdf`` gives ``Battlecard acme v2``."""
    words = _SEPARATORS.sub(" ", path.stem).strip()
    if not words:
        return path.name
    return words[0].upper() + words[1:]


def usable_title(raw: str | None) -> str:
    """``raw`` cleaned up, or "" when it is a tool's placeholder rather than a real title."""
    if not raw:
        return ""
    title = _SPACE_RUNS.sub(" ", _TOOL_PREFIX.sub("", raw.strip())).strip()
    if title.lower() in _PLACEHOLDER_TITLES:
        return ""
    return title


def first_title(*candidates: str | None) -> str:
    """The first usable candidate, in order of trust; "" when none is."""
    for candidate in candidates:
        title = usable_title(candidate)
        if title:
            return title
    return ""


def tidy_text(text: str) -> str:
    """Collapse runs of blank lines and trim the ends; cheap enough to run on every PDF page."""
    return _BLANK_LINE_RUNS.sub("\n\n", text).strip()


def one_line(text: str) -> str:
    """A heading or title squeezed onto one line (slide titles often carry line breaks)."""
    return _SPACE_RUNS.sub(" ", text.replace("\n", " ").replace("\v", " ")).strip()
