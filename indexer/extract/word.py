"""Word documents through python-docx, split into sections at headings.

Paragraphs and tables are read in body order so a table lands in the section whose heading it sits under;
text before the first heading becomes an untitled first section.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph

from indexer.extract.document import (
    ExtractedDocument,
    ExtractionError,
    Section,
    first_title,
    one_line,
    readable_stem,
    tidy_text,
)
from indexer.extract.office import PACKAGE_ERRORS, core_metadata, damaged_message, reject_unreadable_package

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

log = logging.getLogger(__name__)

APP = "Word"
_DOCUMENT_ERRORS: tuple[type[Exception], ...] = (*PACKAGE_ERRORS, OpcError)
# Built-in style names are English inside the file whatever language Word runs in.
_HEADING_STYLE_PREFIXES = ("Heading", "Title")
_DOCUMENT_TITLE_STYLES = frozenset({"Title", "Heading 1"})


def extract_docx(path: Path) -> ExtractedDocument:
    reject_unreadable_package(path, app=APP, old_suffix=".doc")
    try:
        return _read_document(path)
    except _DOCUMENT_ERRORS as error:
        log.debug("python-docx cannot read %s", path, exc_info=True)
        raise ExtractionError(damaged_message(APP)) from error


def _read_document(path: Path) -> ExtractedDocument:
    document = docx.Document(str(path))
    sections: list[Section] = []
    heading = ""
    lines: list[str] = []
    first_heading = ""

    def close_section() -> None:
        if heading or lines:
            sections.append(
                Section(number=len(sections) + 1, title=heading, text=tidy_text("\n".join(lines)))
            )

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        style = _style_name(block)
        if style.startswith(_HEADING_STYLE_PREFIXES):
            close_section()
            heading, lines = one_line(text), []
            if not first_heading and style in _DOCUMENT_TITLE_STYLES:
                first_heading = heading
        else:
            lines.append(text)
    close_section()

    if not sections:  # an empty document is still a document; keep one empty section for it
        sections.append(Section(number=1, title="", text=""))
    return ExtractedDocument(
        kind="docx",
        title=first_title(document.core_properties.title, first_heading) or readable_stem(path),
        sections=tuple(sections),
        page_count=len(sections),
        metadata=core_metadata(document.core_properties),
    )


def _style_name(paragraph: Paragraph) -> str:
    style = paragraph.style
    return (style.name or "") if style is not None else ""


def _table_rows(table: Table) -> Iterator[str]:
    """One line per row, each merged cell once (python-docx repeats a merged cell for every grid column)."""
    seen_cells = set()  # the cell elements themselves, which also keeps their proxies alive for identity
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if cell._tc in seen_cells:
                continue
            seen_cells.add(cell._tc)
            text = tidy_text(cell.text)
            if text:
                cells.append(text)
        if cells:
            yield " | ".join(cells)
