"""PDF pages through PyMuPDF, one section per page.

PyMuPDF is imported inside the functions, never at module level: the app's start-up path imports this
package and must not pay for loading MuPDF. Speed matters here (a benchmark compares us with a bare
``page.get_text()`` loop), so every page is read exactly once and only cheap whitespace tidying is added.
"""

from __future__ import annotations

import errno
import logging
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from indexer.extract.document import (
    ExtractedDocument,
    ExtractionError,
    Section,
    readable_stem,
    tidy_text,
    usable_title,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pymupdf

log = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 240
# A receipt-shaped page would otherwise render as a huge strip; clip the zoom by height as well.
_MAX_THUMBNAIL_HEIGHT = 4 * THUMBNAIL_WIDTH

PASSWORD_PROTECTED = "the PDF is password-protected: ask marketing for an open copy"
DAMAGED = "the PDF is damaged and cannot be read"
TRUNCATED = "the PDF is damaged and cannot be read: it ends too early (it may still be copying)"
# Readers look for the end-of-file marker within the last kilobyte (producers may append junk after it).
_EOF_MARKER = b"%%EOF"
_EOF_WINDOW = 1024

# D:YYYYMMDDHHmmSSOHH'mm' where everything after the year is optional (PDF 32000-1, 7.9.4); many
# producers drop the "D:" or the apostrophes, so both are optional here too.
_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(?:(\d{2})'?)?)?"
)
_METADATA_KEYS = {"author": "author", "subject": "subject", "keywords": "keywords"}
_DATE_KEYS = {"creationDate": "created", "modDate": "modified"}


def extract_pdf(path: Path, *, thumbnail: bool) -> ExtractedDocument:
    import pymupdf

    # MuPDF prints errors to stdout by default, which would garble the CLI's output; they are drained
    # into the debug log below instead.
    pymupdf.TOOLS.mupdf_display_errors(False)
    try:
        document = pymupdf.open(path, filetype="pdf")
    except pymupdf.FileNotFoundError as error:
        # Let the dispatcher phrase it like every other vanished file.
        raise FileNotFoundError(errno.ENOENT, str(error), str(path)) from error
    except (RuntimeError, ValueError) as error:  # FileDataError and EmptyFileError are RuntimeErrors
        log.debug("MuPDF cannot open %s: %s", path, error)
        raise ExtractionError(DAMAGED) from error
    try:
        with document:
            return _read_document(document, path, thumbnail=thumbnail)
    finally:
        # MuPDF keeps its warnings in a process-wide list; drain it so long-lived workers do not grow it.
        warnings = pymupdf.TOOLS.mupdf_warnings(reset=True)
        if warnings:
            log.debug("MuPDF warnings for %s: %s", path, warnings)


def _read_document(document: pymupdf.Document, path: Path, *, thumbnail: bool) -> ExtractedDocument:
    if document.needs_pass:
        raise ExtractionError(PASSWORD_PROTECTED)
    if document.is_repaired and not _has_eof_marker(path):
        # MuPDF rebuilds a cut-off file from what is left and would give us its first pages only;
        # indexing half a deck (often one still being copied into the folder) would mislead reps.
        raise ExtractionError(TRUNCATED)
    page_count = document.page_count
    if page_count == 0:  # every real PDF has a page; none means the page tree is gone
        raise ExtractionError(DAMAGED)

    import pymupdf

    # MuPDF's default text flags keep ligatures ("ﬁnance"), which would hide those words from search.
    text_flags = (
        pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE
    )
    sections: list[Section] = []
    first_page: pymupdf.Page | None = None
    unreadable_pages = 0
    for index in range(page_count):
        try:
            page = document.load_page(index)
            text = tidy_text(page.get_text("text", flags=text_flags, sort=False))
        except (RuntimeError, ValueError) as error:
            # One broken page should not cost the rep the rest of the deck.
            log.debug("page %d of %s is unreadable: %s", index + 1, path, error)
            unreadable_pages += 1
            text = ""
        else:
            if first_page is None:
                first_page = page
        sections.append(Section(number=index + 1, title="", text=text))
    if unreadable_pages == page_count:
        raise ExtractionError(DAMAGED)

    raw_metadata = document.metadata or {}
    return ExtractedDocument(
        kind="pdf",
        title=usable_title(raw_metadata.get("title")) or readable_stem(path),
        sections=tuple(sections),
        page_count=page_count,
        metadata=_metadata(raw_metadata),
        thumbnail_png=_thumbnail(first_page, path) if thumbnail and first_page is not None else None,
    )


def render_first_page(path: Path) -> bytes | None:
    """A PNG of the first page that loads, about ``THUMBNAIL_WIDTH`` pixels wide; None when there is none.

    Kept apart from text extraction: rendering costs as much as reading a dozen pages of text, so it is
    done when a thumbnail is first wanted, not while indexing.
    """
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    try:
        with pymupdf.open(path, filetype="pdf") as document:
            if document.needs_pass:
                return None
            for index in range(document.page_count):
                try:
                    page = document.load_page(index)
                except (RuntimeError, ValueError):
                    continue
                return _thumbnail(page, path)
            return None
    except (RuntimeError, ValueError, OSError) as error:  # FileDataError and EmptyFileError are RuntimeErrors
        log.debug("cannot render a thumbnail of %s: %s", path, error)
        return None
    finally:
        pymupdf.TOOLS.mupdf_warnings(reset=True)


def _has_eof_marker(path: Path) -> bool:
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _EOF_WINDOW))
        return _EOF_MARKER in handle.read()


def _metadata(raw: dict[str, str | None]) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for source, key in _METADATA_KEYS.items():
        value = (raw.get(source) or "").strip()
        if value:
            metadata[key] = value
    for source, key in _DATE_KEYS.items():
        value = pdf_date_to_iso(raw.get(source))
        if value:
            metadata[key] = value
    return metadata


def pdf_date_to_iso(raw: str | None) -> str:
    """``D:20240131094500+01'00'`` as ``2024-01-31T09:45:00+01:00``; "" when it is not a usable date."""
    match = _PDF_DATE.match(raw.strip()) if raw else None
    if match is None:
        return ""
    year, month, day, hour, minute, second, utc, sign, tz_hours, tz_minutes = match.groups()
    tzinfo: timezone | None = None
    if utc:
        tzinfo = UTC
    elif sign:
        offset = timedelta(hours=int(tz_hours), minutes=int(tz_minutes or 0))
        tzinfo = timezone(-offset if sign == "-" else offset)
    try:
        moment = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=tzinfo,
        )
    except ValueError:  # month 13, offset of 25 hours, ...
        return ""
    return moment.isoformat()


def _thumbnail(page: pymupdf.Page, path: Path) -> bytes | None:
    """The first page as a PNG about ``THUMBNAIL_WIDTH`` pixels wide; None rather than fail the file."""
    import pymupdf

    width, height = page.rect.width, page.rect.height
    if width <= 0 or height <= 0:
        return None
    zoom = min(THUMBNAIL_WIDTH / width, _MAX_THUMBNAIL_HEIGHT / height)
    try:
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return bytes(pixmap.tobytes("png"))
    except (RuntimeError, ValueError) as error:
        log.debug("cannot render a thumbnail of %s: %s", path, error)
        return None
