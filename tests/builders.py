"""Real collateral files for tests, written with the same libraries real authoring tools resemble.

Tests build what they need in ``tmp_path`` instead of shipping binary fixtures, so every test says in its
own code what its file contains.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pptx
import pymupdf

if TYPE_CHECKING:
    from collections.abc import Sequence

_PDF_MARGIN = 72  # points: one inch all round
_PDF_FONT_SIZES = (11, 9, 7, 5)
_PPTX_TITLE_AND_CONTENT = 1  # index of that layout in python-pptx's default template


def make_pdf(
    path: str | Path,
    pages: Sequence[str],
    *,
    title: str | None = None,
    author: str | None = None,
    password: str | None = None,
) -> Path:
    """A PDF with one page per string (an empty string gives a page with no text layer).

    With ``password`` the file is AES-256 encrypted with that user password, so it cannot be opened
    without it.
    """
    path = Path(path)
    document = pymupdf.open()
    for text in pages:
        page = document.new_page()  # A4-ish default: 595 x 842 points
        if not text:
            continue
        box = pymupdf.Rect(
            _PDF_MARGIN, _PDF_MARGIN, page.rect.width - _PDF_MARGIN, page.rect.height - _PDF_MARGIN
        )
        # insert_textbox writes nothing when the text overflows, so try smaller sizes; the HTML box
        # shrinks any text to fit but embeds a font on every page, which makes big files slow to read.
        if all(
            page.insert_textbox(box, text, fontsize=size, fontname="helv") < 0 for size in _PDF_FONT_SIZES
        ):
            page.insert_htmlbox(box, f'<p style="white-space: pre-wrap">{html.escape(text)}</p>')
    metadata = {key: value for key, value in (("title", title), ("author", author)) if value is not None}
    if metadata:
        document.set_metadata(metadata)
    if password is None:
        document.save(path)
    else:
        document.save(
            path,
            encryption=pymupdf.PDF_ENCRYPT_AES_256,  # type: ignore[attr-defined]  # set at import
            user_pw=password,
            owner_pw=password + "-owner",
        )
    document.close()
    return path


def make_pptx(path: str | Path, slides: Sequence[tuple[str, str, str]], *, title: str | None = None) -> Path:
    """A deck with one "Title and Content" slide per (title, body, speaker notes); "" leaves that part
    empty (no notes slide at all for empty notes). ``title`` sets the file's core-properties title."""
    path = Path(path)
    presentation = pptx.Presentation()
    layout = presentation.slide_layouts[_PPTX_TITLE_AND_CONTENT]
    for slide_title, body, notes in slides:
        slide = presentation.slides.add_slide(layout)
        if slide.shapes.title is not None:
            slide.shapes.title.text = slide_title
        slide.placeholders[1].text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    if title is not None:
        presentation.core_properties.title = title
    presentation.save(str(path))
    return path


def make_docx(path: str | Path, sections: Sequence[tuple[str, str]], *, title: str | None = None) -> Path:
    """A Word document with a Heading 1 and its paragraphs per (heading, body); blank lines in the body
    separate paragraphs. ``title`` sets the core-properties title."""
    path = Path(path)
    document = docx.Document()
    for heading, body in sections:
        document.add_heading(heading, level=1)
        for paragraph in body.split("\n\n"):
            document.add_paragraph(paragraph)
    if title is not None:
        document.core_properties.title = title
    document.save(str(path))
    return path
