"""Text extraction: one call turns a collateral file into sections of searchable text, or says why not.

``extract`` runs in worker processes, so everything it returns or raises pickles. The format modules,
and the libraries behind them (PyMuPDF above all), load on the first file of their kind: the app's
start-up path imports this package for ``supported`` and must stay light.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from indexer.extract.document import KIND_BY_SUFFIX, ExtractedDocument, ExtractionError, Section

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "KINDS_WITH_THUMBNAILS",
    "KIND_BY_SUFFIX",
    "ExtractedDocument",
    "ExtractionError",
    "Section",
    "extract",
    "first_page_thumbnail",
    "supported",
]

log = logging.getLogger(__name__)

# Kinds whose first page can be pictured (``first_page_thumbnail``).
KINDS_WITH_THUMBNAILS = frozenset({"pdf"})
# Office writes "~$deck.pptx" next to a file it has open: a few bytes of lock data, never a document.
_OFFICE_LOCK_PREFIX = "~$"


def supported(path: Path) -> bool:
    """Whether ``extract`` knows this kind of file (by suffix, ignoring case; Office lock files excluded)."""
    return path.suffix.lower() in KIND_BY_SUFFIX and not path.name.startswith(_OFFICE_LOCK_PREFIX)


def extract(path: Path, *, thumbnail: bool = True) -> ExtractedDocument:
    """The text of ``path``, one section per page, slide or headed part.

    Raises ExtractionError, and nothing else, for any file that cannot be indexed; its message is meant
    for the rep. ``thumbnail`` asks for a PNG of the first page where the format has pages (PDF).
    """
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        raise ExtractionError(f"unsupported file type {path.suffix.lower() or '(no suffix)'}")
    try:
        # Open it ourselves first so a missing, unreadable or empty file gets its own reason instead of
        # whatever the format library makes of it.
        with path.open("rb") as handle:
            if not handle.read(1):
                raise ExtractionError("the file is empty (0 bytes)")
        return _extract_kind(kind, path, thumbnail=thumbnail)
    except ExtractionError:
        raise
    except OSError as error:
        raise ExtractionError(_os_error_reason(error)) from error
    except (UnicodeError, RecursionError, MemoryError) as error:
        log.debug("cannot extract %s", path, exc_info=True)
        raise ExtractionError("the file could not be read: it is malformed or too large") from error
    except Exception as error:
        # A library failed in a way the format module did not foresee. The file is still just a bad file
        # to the rep, but the traceback is what a developer needs to handle it properly.
        log.warning("unexpected error extracting %s", path, exc_info=True)
        raise ExtractionError(f"the file could not be read ({type(error).__name__}: {error})") from error


def first_page_thumbnail(path: Path) -> bytes | None:
    """A PNG of the first page for kinds that have pages (PDF); None for other kinds and for files that
    cannot be rendered. Never raises for a bad file."""
    if KIND_BY_SUFFIX.get(path.suffix.lower()) not in KINDS_WITH_THUMBNAILS:
        return None
    from indexer.extract.pdf import render_first_page

    return render_first_page(path)


def _extract_kind(kind: str, path: Path, *, thumbnail: bool) -> ExtractedDocument:
    # Imported here, not at the top, so only the libraries for kinds actually met are loaded.
    if kind == "pdf":
        from indexer.extract.pdf import extract_pdf

        return extract_pdf(path, thumbnail=thumbnail)
    if kind == "pptx":
        from indexer.extract.slides import extract_pptx

        return extract_pptx(path)
    if kind == "docx":
        from indexer.extract.word import extract_docx

        return extract_docx(path)
    if kind == "md":
        from indexer.extract.markdown_file import extract_markdown

        return extract_markdown(path)
    if kind == "html":
        from indexer.extract.html_file import extract_html

        return extract_html(path)
    if kind == "txt":
        from indexer.extract.plain_text import extract_txt

        return extract_txt(path)
    raise AssertionError(f"KIND_BY_SUFFIX names a kind with no extractor: {kind}")


def _os_error_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "the file disappeared before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(error, IsADirectoryError):
        return "this is a folder, not a file"
    return f"the file cannot be read ({error.strerror or error})"
