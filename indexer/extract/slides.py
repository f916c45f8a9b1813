"""PowerPoint decks through python-pptx, one section per slide with its speaker notes.

Reps search for what a slide says, so the body is every shape's text except the title, including text
inside tables and grouped shapes; the notes are kept apart because they are talk track, not slide content.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pptx
from pptx.exc import PythonPptxError
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape

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
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

log = logging.getLogger(__name__)

APP = "PowerPoint"
_PRESENTATION_ERRORS: tuple[type[Exception], ...] = (*PACKAGE_ERRORS, PythonPptxError)


def extract_pptx(path: Path) -> ExtractedDocument:
    reject_unreadable_package(path, app=APP, old_suffix=".ppt")
    try:
        return _read_presentation(path)
    except _PRESENTATION_ERRORS as error:
        log.debug("python-pptx cannot read %s", path, exc_info=True)
        raise ExtractionError(damaged_message(APP)) from error


def _read_presentation(path: Path) -> ExtractedDocument:
    presentation = pptx.Presentation(str(path))
    sections = tuple(_slide_section(number, slide) for number, slide in enumerate(presentation.slides, 1))
    first_slide_title = next((section.title for section in sections if section.title), "")
    return ExtractedDocument(
        kind="pptx",
        title=first_title(presentation.core_properties.title, first_slide_title) or readable_stem(path),
        sections=sections,
        page_count=len(sections),
        metadata=core_metadata(presentation.core_properties),
    )


def _slide_section(number: int, slide: Slide) -> Section:
    title_shape = slide.shapes.title
    title = ""
    title_id = None
    if title_shape is not None:
        title_id = title_shape.shape_id
        if title_shape.has_text_frame:
            title = one_line(title_shape.text_frame.text)
    # The title placeholder is always a top-level shape, so comparing ids there is enough.
    body_shapes = (shape for shape in slide.shapes if shape.shape_id != title_id)
    body = "\n".join(text for text in _shape_texts(body_shapes) if text)
    notes = ""
    if slide.has_notes_slide:
        notes_frame = slide.notes_slide.notes_text_frame
        if notes_frame is not None:
            notes = _frame_text(notes_frame)
    return Section(number=number, title=title, text=body, notes=notes)


def _shape_texts(shapes: Iterable[BaseShape]) -> Iterator[str]:
    """The text of each shape in reading (z-)order, descending into groups without recursion."""
    pending: list[BaseShape] = list(shapes)[::-1]
    while pending:
        shape = pending.pop()
        if isinstance(shape, GroupShape):
            pending.extend(list(shape.shapes)[::-1])
        elif isinstance(shape, Shape):  # text boxes, autoshapes and placeholders
            if shape.has_text_frame:
                yield _frame_text(shape.text_frame)
        elif isinstance(shape, GraphicFrame) and shape.has_table:
            for row in shape.table.rows:
                cells = [_frame_text(cell.text_frame) for cell in row.cells]
                yield " | ".join(cell for cell in cells if cell)
        elif isinstance(shape, GraphicFrame) and shape.has_chart:
            chart = shape.chart
            if chart.has_title and chart.chart_title.has_text_frame:
                yield _frame_text(chart.chart_title.text_frame)


def _frame_text(frame: TextFrame) -> str:
    # python-pptx writes a line break inside a paragraph as a vertical tab.
    return tidy_text(frame.text.replace("\v", "\n"))
