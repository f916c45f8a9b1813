"""What the preview shows of a file, read on a worker thread: PDF pages to render, or the slides and
sections of other kinds as text (converted to PDF pages first when LibreOffice is installed).

PyMuPDF is imported here, lazily, and only ever from the render lane: it must stay off the start-up path,
and one PyMuPDF document must never be used by two threads at once.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from indexer.extract import ExtractionError, extract
from indexer.extract.document import Section

log = logging.getLogger(__name__)

OPEN_DOCUMENTS = 4
CONVERT_TIMEOUT_SECONDS = 120
CONVERTIBLE = frozenset({"pptx", "docx"})


class PreviewError(Exception):
    """The file cannot be previewed; the message says why in words a rep understands."""


@dataclass(frozen=True, slots=True)
class PagedSource:
    """A file shown as rendered pages (a PDF, or an Office file converted to one)."""

    path: Path  # the PDF actually rendered
    page_count: int
    page_sizes: tuple[tuple[float, float], ...]  # points
    converted: bool = False


@dataclass(frozen=True, slots=True)
class TextSource:
    """A file shown as text, one section (slide, heading) at a time."""

    sections: tuple[Section, ...]

    @property
    def page_count(self) -> int:
        return len(self.sections)


Source = PagedSource | TextSource


def missing_file_message(path: Path) -> str:
    return f"{path.name} is no longer in the collateral folder: it was moved or deleted."


class DocumentCache:
    """Open PyMuPDF documents, confined to the render lane's single thread."""

    def __init__(self) -> None:
        self._open: OrderedDict[tuple[Path, int], Any] = OrderedDict()

    def get(self, path: Path) -> Any:
        import pymupdf

        try:
            stat = path.stat()
        except FileNotFoundError as error:
            raise PreviewError(missing_file_message(path)) from error
        key = (path, stat.st_mtime_ns)
        document = self._open.get(key)
        if document is not None:
            self._open.move_to_end(key)
            return document
        try:
            document = pymupdf.open(path)
        except Exception as error:  # PyMuPDF's errors are not typed; any means "cannot show it"
            raise PreviewError(f"{path.name} cannot be shown: the file is damaged ({error})") from error
        if document.needs_pass:
            document.close()
            raise PreviewError(f"{path.name} is password-protected: ask marketing for an open copy")
        self._open[key] = document
        while len(self._open) > OPEN_DOCUMENTS:
            _, oldest = self._open.popitem(last=False)
            oldest.close()
        return document

    def close(self) -> None:
        for document in self._open.values():
            document.close()
        self._open.clear()


def load_source(path: Path, kind: str, documents: DocumentCache) -> Source:
    """The file as rendered pages (PDF) or as text sections (everything else), quickly: an Office file's
    converted pages, when LibreOffice can make them, arrive later through ``load_converted``."""
    if not path.exists():
        raise PreviewError(missing_file_message(path))
    if kind == "pdf":
        return _paged(path, documents)
    try:
        document = extract(path, thumbnail=False)
    except ExtractionError as error:
        raise PreviewError(f"{path.name} cannot be shown: {error}") from error
    if not document.sections:
        raise PreviewError(f"{path.name} has no slides or text to show")
    return TextSource(document.sections)


def can_convert(kind: str) -> bool:
    return kind in CONVERTIBLE and _office() is not None


def load_converted(converted: Path, documents: DocumentCache) -> PagedSource:
    return _paged(converted, documents, converted=True)


def _paged(path: Path, documents: DocumentCache, *, converted: bool = False) -> PagedSource:
    document = documents.get(path)
    sizes = []
    for page in document:
        rect = page.rect
        sizes.append((float(rect.width), float(rect.height)))
    if not sizes:
        raise PreviewError(f"{path.name} has no pages")
    return PagedSource(path, len(sizes), tuple(sizes), converted)


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(path: Path, folder: Path) -> Path | None:
    """``path`` as a PDF made by LibreOffice, cached by content; None when LibreOffice is not installed
    or fails (the preview then shows the text)."""
    office = _office()
    if office is None:
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    target = folder / f"{digest}.pdf"
    if target.exists():
        return target
    work = folder / f"{digest}.work"
    try:
        work.mkdir(parents=True, exist_ok=True)  # on a full disk too, the preview shows the text
        profile = (folder / "libreoffice-profile").resolve().as_uri()
        subprocess.run(
            [
                office,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=CONVERT_TIMEOUT_SECONDS,
        )
        produced = work / f"{path.stem}.pdf"
        produced.replace(target)
    except (OSError, subprocess.SubprocessError) as error:  # missing output included
        log.info("LibreOffice could not convert %s (%s); showing its text", path, error)
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def render_page(
    documents: DocumentCache, path: Path, page_number: int, zoom: float, terms: Iterable[str], mark: QColor
) -> QImage:
    """Page ``page_number`` (1-based) at ``zoom`` (pixels per point), with every search term marked."""
    import pymupdf

    document = documents.get(path)
    if not 1 <= page_number <= document.page_count:
        raise PreviewError(f"{path.name} has no page {page_number}")
    try:
        page = document[page_number - 1]
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    except Exception as error:  # a damaged page: say so instead of crashing the preview
        raise PreviewError(f"page {page_number} of {path.name} cannot be drawn ({error})") from error
    image = QImage(
        pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888
    ).copy()
    rects = []
    for term in terms:
        try:
            rects.extend(page.search_for(term))
        except Exception:  # a term PyMuPDF cannot search for is simply not marked
            log.debug("cannot search %r on %s", term, path, exc_info=True)
    if rects:
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for rect in rects:
            painter.fillRect(
                QRectF(rect.x0 * zoom, rect.y0 * zoom, rect.width * zoom, rect.height * zoom), mark
            )
        painter.end()
    return image
