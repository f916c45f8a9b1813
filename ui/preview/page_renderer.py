"""Renders preview pages on the render lane and keeps the recent ones, so paging back is instant.

Requests carry a generation number: when the rep moves on to another asset, answers for the old one are
dropped instead of flashing onto the new preview.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QImage

from ui.preview.preview_source import (
    DocumentCache,
    PreviewError,
    can_convert,
    convert_with_libreoffice,
    load_converted,
    load_source,
    render_page,
)
from ui.tasks import TaskRunner

CACHE_BYTES = 160 * 1024 * 1024
PAGE_MARK = QColor(255, 226, 64)

CacheKey = tuple[str, int, int, tuple[str, ...]]


class PageRenderer(QObject):
    source_loaded = Signal(int, object)  # generation, Source
    source_failed = Signal(int, str)
    page_rendered = Signal(int, int, int, QImage)  # generation, page, zoom in per mille, image
    page_failed = Signal(int, int, str)

    def __init__(self, tasks: TaskRunner, conversions: Path | None = None) -> None:
        super().__init__()
        self._tasks = tasks
        self._conversions = conversions
        self._documents = DocumentCache()
        self._cache: OrderedDict[CacheKey, QImage] = OrderedDict()
        self._cache_bytes = 0
        self._pending: set[CacheKey] = set()
        self.generation = 0

    def load(self, path: Path, kind: str) -> int:
        """Start reading ``path``; returns the generation its answers will carry.

        ``source_loaded`` comes once with what can be shown at once, and for a deck or document a second
        time with its pages when LibreOffice has converted it (a few seconds, cached by content).
        """
        self.generation += 1
        generation = self.generation
        documents, conversions = self._documents, self._conversions

        def failed(error: BaseException) -> None:
            self.source_failed.emit(generation, _message(error))

        self._tasks.run(
            lambda: load_source(path, kind, documents),
            on_success=lambda source: self.source_loaded.emit(generation, source),
            on_failure=failed,
            lane="render",
        )
        if conversions is not None and can_convert(kind):

            def converted(pdf: Path | None) -> None:
                if pdf is None or generation != self.generation:
                    return
                self._tasks.run(
                    lambda: load_converted(pdf, documents),
                    on_success=lambda source: self.source_loaded.emit(generation, source),
                    lane="render",
                )

            self._tasks.run(
                lambda: convert_with_libreoffice(path, conversions), on_success=converted, lane="convert"
            )
        return generation

    def request(self, path: Path, page: int, zoom: float, terms: Sequence[str]) -> QImage | None:
        """The page at once when cached; otherwise None and ``page_rendered`` follows."""
        zoom_key = round(zoom * 1000)
        key: CacheKey = (str(path), page, zoom_key, tuple(terms))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        if key in self._pending:
            return None
        self._pending.add(key)
        generation = self.generation
        documents = self._documents
        wanted_terms = tuple(terms)

        def work() -> QImage:
            return render_page(documents, path, page, zoom_key / 1000, wanted_terms, PAGE_MARK)

        def done(image: QImage) -> None:
            self._pending.discard(key)
            self._remember(key, image)
            if generation == self.generation:
                self.page_rendered.emit(generation, page, zoom_key, image)

        def failed(error: BaseException) -> None:
            self._pending.discard(key)
            if generation == self.generation:
                self.page_failed.emit(generation, page, _message(error))

        self._tasks.run(work, on_success=done, on_failure=failed, lane="render")
        return None

    def _remember(self, key: CacheKey, image: QImage) -> None:
        self._cache[key] = image
        self._cache_bytes += image.sizeInBytes()
        while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
            _, oldest = self._cache.popitem(last=False)
            self._cache_bytes -= oldest.sizeInBytes()

    def close(self) -> None:
        """Called after the render lane has stopped."""
        self._documents.close()
        self._cache.clear()


def _message(error: BaseException) -> str:
    if isinstance(error, PreviewError):
        return str(error)
    return f"this asset cannot be shown ({type(error).__name__}: {error})"
