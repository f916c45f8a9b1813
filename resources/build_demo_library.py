"""Build the demo collateral library that ships with the project.

The library is a realistic, entirely fictitious sales-collateral set for "Lumora Analytics", a made-up
revenue-forecasting SaaS company: pitch decks, case studies, battlecards, pricing sheets, one-pagers,
guides and templates, plus the ``catalog.json`` manifest marketing maintains. All text lives in this file
as data, so the output can be regenerated and reviewed like code.

What must stay true: the output is deterministic (fixed document dates, fixed zip entry times, fixed file
mtimes, no timestamps taken from the clock), so regenerating it into ``resources/demo-library`` gives the
same bytes and a clean diff. A PDF whose text does not fit its page budget fails the build instead of
shipping clipped or overflowing pages.

Usage: ``.venv/bin/python resources/build_demo_library.py [OUT_DIR]``
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import logging
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import docx
import pymupdf
from docx.shared import Pt as DocxPt
from docx.shared import RGBColor as DocxRGB
from docx.styles.style import ParagraphStyle
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.shapes.autoshape import Shape
from pptx.util import Emu, Inches, Pt

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from pptx.presentation import Presentation as PresentationT
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide as PptxSlide
    from pptx.text.text import TextFrame
    from pptx.util import Length

log = logging.getLogger(__name__)

LIBRARY_NAME = "Lumora Analytics sales collateral"
CATALOG_NAME = "catalog.json"
DEFAULT_OUT_DIR = Path(__file__).resolve().parent / "demo-library"

#: Every document date and every file mtime is this instant, so two builds are byte-identical.
BUILD_INSTANT = dt.datetime(2026, 11, 2, 9, 0, 0, tzinfo=dt.UTC)
PDF_DATE = "D:20261102090000+00'00'"
ZIP_DATE_TIME = (2026, 11, 2, 9, 0, 0)

COMPANY = "Lumora Analytics, Inc."
AUTHOR = "Lumora Analytics Product Marketing"
WEB = "lumora.example"

# Brand palette: deep teal, amber accent, pale teal wash, ink.
TEAL = "#0B4F6C"
AMBER = "#F2A541"
WASH = "#EEF5F8"
INK = "#1F2933"
ALERT = "#B42318"

PAGE = pymupdf.paper_rect("letter")
MARGIN = 54.0
FOOTER_TOP = PAGE.height - 40.0

Status = Literal["draft", "approved", "expired", "retired"]
Audience = Literal["customer", "internal"]


class BuildError(Exception):
    """The content does not fit the layout it was written for; fix the text, not the check."""


# ---------------------------------------------------------------------------------------------------------
# Catalog entries
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """One asset's entry in ``catalog.json``; an asset without a listing is an unlisted draft on disk."""

    status: Status
    approved_by: str | None
    approved_at: str | None
    expires_at: str | None
    product: tuple[str, ...]
    stage: tuple[str, ...]
    persona: tuple[str, ...]
    industry: tuple[str, ...]
    region: tuple[str, ...]
    tags: tuple[str, ...]
    supersedes: str | None = None

    def to_json(self) -> dict[str, object]:
        entry: dict[str, object] = {
            "status": self.status,
            "approved_by": self.approved_by,
            "approved_at": self.approved_at,
            "expires_at": self.expires_at,
            "product": list(self.product),
            "stage": list(self.stage),
            "persona": list(self.persona),
            "industry": list(self.industry),
            "region": list(self.region),
            "tags": list(self.tags),
        }
        if self.supersedes is not None:
            entry["supersedes"] = self.supersedes
        return entry


ALL_PRODUCTS = ("Lumora Forecast", "Lumora Signals", "Lumora Connect")
ALL_INDUSTRIES = ("SaaS", "Manufacturing", "Financial services", "Healthcare", "Retail")
ALL_REGIONS = ("North America", "EMEA", "APAC", "LATAM")

MARIA = "maria.lopez@lumora.example"  # Director, product marketing
JAMES = "james.okafor@lumora.example"  # Competitive intelligence
PRIYA = "priya.raman@lumora.example"  # Sales enablement
TOMAS = "tomas.berg@lumora.example"  # Security & compliance
LENA = "lena.fischer@lumora.example"  # EMEA field marketing
RAFAEL = "rafael.souza@lumora.example"  # Pricing & deal desk


def approved(
    by: str,
    at: str,
    expires: str,
    *,
    product: Sequence[str],
    stage: Sequence[str],
    persona: Sequence[str],
    industry: Sequence[str] = ALL_INDUSTRIES,
    region: Sequence[str] = ALL_REGIONS,
    tags: Sequence[str],
    supersedes: str | None = None,
) -> Listing:
    """An approved entry; facets not given cover every industry and region."""
    return Listing(
        "approved",
        by,
        at,
        expires,
        tuple(product),
        tuple(stage),
        tuple(persona),
        tuple(industry),
        tuple(region),
        tuple(tags),
        supersedes,
    )


# ---------------------------------------------------------------------------------------------------------
# Asset specifications
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    title: str
    bullets: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class Deck:
    """A deck; ``file_title`` is the title in the file's properties, which the library lists it by, when the
    title slide's words alone would not tell it apart from the product's one-pager."""

    path: str
    title: str
    subtitle: str
    opening_notes: str
    slides: tuple[Slide, ...]
    listing: Listing | None
    file_title: str = ""


@dataclass(frozen=True)
class PdfDoc:
    """A laid-out PDF: a header band, then ``sections`` of HTML; each section starts on a new page."""

    path: str
    kind: str
    title: str
    subtitle: str
    sections: tuple[str, ...]
    pages: tuple[int, int]
    listing: Listing | None
    audience: Audience = "customer"
    keywords: tuple[str, ...] = ()
    file_title: str = ""


@dataclass(frozen=True)
class DocxBlock:
    """A heading (level 1 or 2) followed by paragraphs, bullets and an optional table."""

    heading: str
    level: int = 1
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class WordDoc:
    path: str
    title: str
    subtitle: str
    blocks: tuple[DocxBlock, ...]
    listing: Listing | None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextFile:
    path: str
    text: str
    listing: Listing | None


@dataclass
class BuildReport:
    """What one build wrote: asset path to (kind, pages or slides, status)."""

    rows: dict[str, tuple[str, int | None, str]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------------
# HTML building blocks for the PDFs (content strings are plain text; **bold** is the only markup)
# ---------------------------------------------------------------------------------------------------------

#: Ends every unit the paginator must keep on one page. Headings carry no marker, so they stay with the
#: block that follows them; MuPDF ignores ``page-break-inside: avoid``, hence our own pagination.
BLOCK_END = "<!--block-->"

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LIGATURE_START = re.compile(r"f(?=[fil])")
_SOFT_HYPHEN = "\u00ad"


def _column_width(percent: float, padding: float, columns: int) -> str:
    """MuPDF ignores percentage widths on table cells, so turn them into points of the text column.

    Each cell also takes its padding and 2pt of cell spacing on each side; a little slack keeps the
    table inside the margin (``_check_margins`` fails the build otherwise).
    """
    usable = PAGE.width - 2 * MARGIN - 14 - 2 * (columns + 1)
    return f"{usable * percent / 100 - padding:.1f}pt"


def inline(text: str) -> str:
    """Escape text for the HTML layout, turning **bold** spans into <b>.

    MuPDF's shaper sets "fi", "fl" and "ff" as ligature glyphs, which text extraction returns as U+FB01
    and friends, so "finance" would not be found by a search. An invisible soft hyphen between the letters
    blocks the ligature and is dropped again on extraction.
    """
    escaped = _LIGATURE_START.sub("f" + _SOFT_HYPHEN, html.escape(text, quote=False))
    return _BOLD.sub(r"<b>\1</b>", escaped)


def paras(*texts: str) -> str:
    return "".join(f"<p>{inline(t)}</p>{BLOCK_END}" for t in texts)


def lead(text: str) -> str:
    return f'<p class="lead">{inline(text)}</p>{BLOCK_END}'


def h2(text: str) -> str:
    return f"<h2>{inline(text)}</h2>"


def h3(text: str) -> str:
    return f"<h3>{inline(text)}</h3>"


def bullets(*items: str) -> str:
    """One list per item, so a long list may continue on the next page between items."""
    last = len(items) - 1
    return "".join(
        f"<ul{'' if i == last else ' class=tight'}><li>{inline(item)}</li></ul>{BLOCK_END}"
        for i, item in enumerate(items)
    )


def quote(text: str, who: str) -> str:
    return f'<div class="quote">“{inline(text)}”<div class="who">{inline(who)}</div></div>{BLOCK_END}'


def callout(title: str, text: str) -> str:
    return f'<div class="callout"><b>{inline(title)}</b><br/>{inline(text)}</div>{BLOCK_END}'


def figures(*items: tuple[str, str]) -> str:
    width = _column_width(100 / len(items), padding=12, columns=len(items))
    cells = "".join(
        f'<td style="width:{width}"><div class="big">{inline(big)}</div>{inline(label)}</td>'
        for big, label in items
    )
    return f'<table class="figs"><tr>{cells}</tr></table>{BLOCK_END}'


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] = ()) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        style = f' style="width:{_column_width(widths[i], 10, len(widths))}"' if widths else ""
        return f"<{tag}{style}>{inline(text)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f'<table class="grid"><tr>{head}</tr>{body}</table>{BLOCK_END}'


def glance(items: Sequence[tuple[str, str]]) -> str:
    rows = "".join(
        f'<tr><td class="k" style="width:{_column_width(17, 16, 2)}">{inline(k)}</td>'
        f'<td style="width:{_column_width(83, 16, 2)}">{inline(v)}</td></tr>'
        for k, v in items
    )
    return f'<table class="glance">{rows}</table>{BLOCK_END}'


def small(text: str) -> str:
    return f'<p class="small">{inline(text)}</p>{BLOCK_END}'


PDF_CSS = f"""
* {{ font-family: sans-serif; }}
body {{ font-size: 10pt; color: {INK}; }}
p {{ margin-top: 0; margin-bottom: 7pt; line-height: 1.4; }}
h2 {{ font-size: 13.5pt; color: {TEAL}; margin-top: 10pt; margin-bottom: 4pt; }}
h3 {{ font-size: 11pt; color: {INK}; margin-top: 6pt; margin-bottom: 3pt; }}
ul {{ margin-top: 0; margin-bottom: 7pt; }}
ul.tight {{ margin-bottom: 0; }}
li {{ margin-bottom: 3pt; line-height: 1.35; }}
.lead {{ font-size: 12pt; color: #334E68; line-height: 1.45; }}
.small {{ font-size: 8.5pt; color: #52606D; line-height: 1.3; margin-top: 6pt; }}
.quote {{ background-color: {WASH}; border-left: 4px solid {AMBER}; padding: 9pt 12pt; margin-top: 6pt;
          margin-bottom: 9pt; font-size: 12pt; font-style: italic; color: {TEAL}; line-height: 1.4; }}
.who {{ font-size: 9pt; font-style: normal; color: #52606D; margin-top: 4pt; }}
.callout {{ background-color: #FFF4E0; border-left: 4px solid {AMBER}; padding: 8pt 11pt; margin-top: 4pt;
            margin-bottom: 9pt; line-height: 1.4; }}
table.figs {{ width: 100%; margin-top: 4pt; margin-bottom: 9pt; }}
table.figs td {{ background-color: {TEAL}; color: white; padding: 8pt 4pt; text-align: center;
                 border: 2px solid white; font-size: 9pt; vertical-align: top; }}
.big {{ font-size: 20pt; font-weight: bold; color: {AMBER}; }}
table.grid {{ width: 100%; margin-top: 2pt; margin-bottom: 9pt; }}
table.grid th {{ background-color: {TEAL}; color: white; text-align: left; padding: 4pt 5pt;
                 font-size: 9pt; vertical-align: top; }}
table.grid td {{ border-bottom: 1px solid #D9E2EC; padding: 4pt 5pt; font-size: 9pt; vertical-align: top;
                 line-height: 1.3; }}
table.glance {{ width: 100%; background-color: {WASH}; margin-bottom: 9pt; }}
table.glance td {{ padding: 3pt 8pt; font-size: 9pt; vertical-align: top; }}
table.glance td.k {{ font-weight: bold; color: {TEAL}; }}
"""

# ---------------------------------------------------------------------------------------------------------
# PDF layout: paginate atomic blocks, then draw the header band and footer into the free margins
# ---------------------------------------------------------------------------------------------------------

_BAND_NEXT = 40.0
_BAND_TOP = 16.0
_BODY_GAP = 16.0
_BODY_BOTTOM = FOOTER_TOP - 14.0
#: The last page of a multi-page PDF must carry at least this much text, or the content needs editing.
_MIN_LAST_PAGE_FILL = 110.0


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _fit_htmlbox(page: pymupdf.Page, rect: pymupdf.Rect, markup: str, what: str) -> float:
    """Place text that must fit without shrinking; a negative spare height means it was clipped."""
    spare, _scale = page.insert_htmlbox(rect, markup, css=PDF_CSS, scale_low=1)
    if spare < 0:
        raise BuildError(f"{what} does not fit its box on page {page.number + 1}")
    return float(spare)


def _title_markup(spec: PdfDoc) -> str:
    return (
        f'<div style="color:white;font-size:20pt;font-weight:bold;line-height:1.15">{inline(spec.title)}</div>'
        f'<div style="color:#D6E6EE;font-size:10.5pt;margin-top:6pt;line-height:1.3">'
        f"{inline(spec.subtitle)}</div>"
    )


def _title_rect(bottom: float) -> pymupdf.Rect:
    return pymupdf.Rect(MARGIN, _BAND_TOP + 20, PAGE.width - MARGIN, bottom)


def _first_band_height(spec: PdfDoc) -> float:
    """The first page's band grows with the title block, measured on a scratch page."""
    scratch = pymupdf.open()
    page = scratch.new_page(width=PAGE.width, height=PAGE.height)
    rect = _title_rect(PAGE.height / 2)
    used = rect.height - _fit_htmlbox(page, rect, _title_markup(spec), f"{spec.path}: title band")
    scratch.close()
    return round(rect.y0 + used + 16, 1)


def _height(markup: str, rect: pymupdf.Rect) -> float | None:
    """Height the markup takes in ``rect``, or None when it does not fit."""
    story = pymupdf.Story(f"<body>{markup}</body>", user_css=PDF_CSS)
    more, filled = story.place(rect)
    return None if more else float(pymupdf.Rect(filled).y1 - rect.y0)


def _paginate(
    spec: PdfDoc, first: pymupdf.Rect, later: pymupdf.Rect
) -> list[tuple[str, pymupdf.Rect, float]]:
    """Greedy page filling with whole blocks; each section starts on a new page."""
    pages: list[tuple[str, pymupdf.Rect, float]] = []
    for section in spec.sections:
        blocks = [b for b in section.split(BLOCK_END) if b.strip()]
        start = 0
        while start < len(blocks):
            rect = first if not pages else later
            end, used = start, 0.0
            while end < len(blocks):
                height = _height("".join(blocks[start : end + 1]), rect)
                if height is None:
                    break
                end, used = end + 1, height
            if end == start:
                raise BuildError(f"{spec.path}: a block is taller than a page: {blocks[start][:80]!r}")
            pages.append(("".join(blocks[start:end]), rect, used))
            start = end
    if len(pages) > 1 and pages[-1][2] < _MIN_LAST_PAGE_FILL:
        raise BuildError(
            f"{spec.path}: the last page holds only {pages[-1][2]:.0f}pt of text; trim or extend the content"
        )
    return pages


def _lay_out(spec: PdfDoc, first_band: float) -> bytes:
    first = pymupdf.Rect(MARGIN, first_band + 4 + _BODY_GAP, PAGE.width - MARGIN, _BODY_BOTTOM)
    later = pymupdf.Rect(MARGIN, _BAND_NEXT + 4 + _BODY_GAP, PAGE.width - MARGIN, _BODY_BOTTOM)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    for markup, rect, _used in _paginate(spec, first, later):
        device = writer.begin_page(PAGE)
        story = pymupdf.Story(f"<body>{markup}</body>", user_css=PDF_CSS)
        story.place(rect)
        story.draw(device)
        writer.end_page()
    writer.close()
    return buffer.getvalue()


def _decorate(doc: pymupdf.Document, spec: PdfDoc, first_band: float) -> None:
    """Header band, brand wordmark and footer on every page, drawn into the margins the layout left free."""
    total = doc.page_count
    for page in doc.pages():
        band = first_band if page.number == 0 else _BAND_NEXT
        top = _BAND_TOP if page.number == 0 else 13.0
        page.draw_rect(pymupdf.Rect(0, 0, PAGE.width, band), color=None, fill=_rgb(TEAL), width=0)
        page.draw_rect(pymupdf.Rect(0, band, PAGE.width, band + 4), color=None, fill=_rgb(AMBER), width=0)
        _fit_htmlbox(
            page,
            pymupdf.Rect(PAGE.width - MARGIN - 150, top, PAGE.width - MARGIN, top + 22),
            '<div style="text-align:right;color:white;font-size:11pt;font-weight:bold">LUMORA'
            f'<span style="color:{AMBER};font-size:7.5pt;font-weight:normal"> ANALYTICS</span></div>',
            f"{spec.path}: wordmark",
        )
        if page.number == 0:
            _fit_htmlbox(
                page,
                pymupdf.Rect(MARGIN, top, PAGE.width - MARGIN - 160, top + 20),
                f'<div style="color:{AMBER};font-size:8.5pt;font-weight:bold">{inline(spec.kind.upper())}</div>',
                f"{spec.path}: kind label",
            )
            _fit_htmlbox(page, _title_rect(band), _title_markup(spec), f"{spec.path}: title band")
        else:
            _fit_htmlbox(
                page,
                pymupdf.Rect(MARGIN, top, PAGE.width - MARGIN - 160, band - 4),
                f'<div style="color:white;font-size:9.5pt">{inline(spec.title)}'
                f'<span style="color:{AMBER}"> · {inline(spec.kind)}</span></div>',
                f"{spec.path}: running header",
            )
        page.draw_line(
            pymupdf.Point(MARGIN, FOOTER_TOP),
            pymupdf.Point(PAGE.width - MARGIN, FOOTER_TOP),
            color=_rgb("#D9E2EC"),
            width=0.7,
        )
        if spec.audience == "internal":
            left = (
                f'<span style="color:{ALERT};font-weight:bold">INTERNAL USE ONLY</span> · '
                "Lumora sales team. Do not forward to customers or prospects."
            )
        else:
            left = f"© 2026 {inline(COMPANY)} · {WEB} · hello@{WEB}"
        _fit_htmlbox(
            page,
            pymupdf.Rect(MARGIN, FOOTER_TOP + 6, PAGE.width - MARGIN - 70, PAGE.height - 12),
            f'<div style="font-size:7.5pt;color:#52606D">{left}</div>',
            f"{spec.path}: footer",
        )
        _fit_htmlbox(
            page,
            pymupdf.Rect(PAGE.width - MARGIN - 70, FOOTER_TOP + 6, PAGE.width - MARGIN, PAGE.height - 12),
            f'<div style="font-size:7.5pt;color:#52606D;text-align:right">Page {page.number + 1} of {total}</div>',
            f"{spec.path}: page number",
        )


def _check_margins(doc: pymupdf.Document, spec: PdfDoc) -> None:
    """Story clips whatever spills past its rectangle, so a word outside the margins is cut-off text."""
    for page in doc.pages():
        for word in page.get_text("words"):
            if word[0] < MARGIN - 0.5 or word[2] > PAGE.width - MARGIN + 0.5:
                raise BuildError(f"{spec.path}: {word[4]!r} runs into the margin on page {page.number + 1}")


def render_pdf(path: Path, spec: PdfDoc) -> int:
    first_band = _first_band_height(spec)
    doc = pymupdf.open("pdf", _lay_out(spec, first_band))
    _check_margins(doc, spec)
    low, high = spec.pages
    if not low <= doc.page_count <= high:
        raise BuildError(f"{spec.path}: {doc.page_count} pages, written for {low}-{high}")
    _decorate(doc, spec, first_band)
    doc.set_metadata(
        {
            "title": spec.file_title or spec.title,
            "author": AUTHOR,
            "subject": spec.subtitle,
            "keywords": ", ".join(spec.keywords),
            "creator": "Lumora demo library builder",
            "producer": "PyMuPDF",
            "creationDate": PDF_DATE,
            "modDate": PDF_DATE,
        }
    )
    doc.subset_fonts()
    pages = doc.page_count
    path.write_bytes(doc.tobytes(garbage=3, deflate=True, no_new_id=True))
    doc.close()
    return pages


# ---------------------------------------------------------------------------------------------------------
# Office files
# ---------------------------------------------------------------------------------------------------------


def _write_zip_deterministic(path: Path, blob: bytes) -> None:
    """Office writers stamp zip entries with the current time; rewrite them with a fixed one."""
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))


_SLIDE_W = Inches(13.333)
_SLIDE_H = Inches(7.5)
#: Rough capacity of the layout below (Calibri on a 16:9 slide): longer text would overflow its box.
_TITLE_MAX_CHARS = 50
_BODY_LINES = {Pt(20): (82, 11), Pt(18): (92, 13)}  # font size: (characters per line, lines)


def _pptx_rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def render_pptx(path: Path, deck: Deck) -> int:
    prs = Presentation()
    prs.slide_width = _SLIDE_W
    prs.slide_height = _SLIDE_H
    _title_slide(prs, deck)
    for number, spec in enumerate(deck.slides, start=2):
        _content_slide(prs, deck, spec, number)
    props = prs.core_properties
    props.title = deck.file_title or deck.title
    props.subject = deck.subtitle
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.keywords = ", ".join(deck.listing.tags if deck.listing else ())
    props.category = "Pitch deck"
    props.revision = 1
    props.created = BUILD_INSTANT.replace(tzinfo=None)
    props.modified = BUILD_INSTANT.replace(tzinfo=None)
    props.last_printed = BUILD_INSTANT.replace(tzinfo=None)
    buffer = io.BytesIO()
    prs.save(buffer)
    _write_zip_deterministic(path, buffer.getvalue())
    return len(prs.slides)


def _band(slide: PptxSlide, top: int, height: int, colour: str) -> None:
    """A full-width filled rectangle behind the placeholders (first in the shape tree)."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(top), _SLIDE_W, Emu(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _pptx_rgb(colour)
    shape.line.fill.background()
    tree = slide.shapes._spTree
    tree.remove(shape._element)
    tree.insert(2, shape._element)


def _place(shape: BaseShape, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top, shape.width, shape.height = (
        Inches(left),
        Inches(top),
        Inches(width),
        Inches(height),
    )


def _text_frame(shape: BaseShape) -> TextFrame:
    if not isinstance(shape, Shape):  # placeholders with text are autoshapes
        raise BuildError(f"slide shape {shape.name!r} holds no text")
    return shape.text_frame


def _footer(slide: PptxSlide, deck: Deck, number: int) -> None:
    box = slide.shapes.add_textbox(Inches(0.6), Inches(7.0), Inches(12.1), Inches(0.35))
    paragraph = box.text_frame.paragraphs[0]
    paragraph.text = f"Lumora Analytics · {deck.title} · Confidential · {number}"
    paragraph.font.size = Pt(10)
    paragraph.font.color.rgb = _pptx_rgb("#7B8794")
    paragraph.alignment = PP_ALIGN.RIGHT


def _title_slide(prs: PresentationT, deck: Deck) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    _band(slide, 0, _SLIDE_H, TEAL)
    _band(slide, Inches(5.2), Inches(0.08), AMBER)
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    _place(title, 0.8, 2.0, 11.7, 1.6)
    frame = _text_frame(title)
    frame.text = deck.title
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.font.size = Pt(44)
    paragraph.font.bold = True
    paragraph.font.color.rgb = _pptx_rgb("#FFFFFF")
    _place(subtitle, 0.8, 3.6, 11.7, 1.4)
    frame = _text_frame(subtitle)
    for i, line in enumerate((deck.subtitle, "Lumora Analytics · lumora.example")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.font.size = Pt(22 if i == 0 else 16)
        paragraph.font.color.rgb = _pptx_rgb(AMBER if i == 0 else "#D6E6EE")
    _notes(slide, deck.opening_notes)


def _body_size(deck: Deck, spec: Slide) -> Length:
    """The largest font at which the bullets fit the body box; a slide that fits neither fails the build."""
    if len(spec.title) > _TITLE_MAX_CHARS:
        raise BuildError(f"{deck.path}: slide title {spec.title!r} is too long for one line")
    for size, (per_line, max_lines) in _BODY_LINES.items():
        if sum(-(-len(text) // per_line) for text in spec.bullets) <= max_lines:
            return size
    raise BuildError(f"{deck.path}: the bullets of {spec.title!r} overflow the slide")


def _content_slide(prs: PresentationT, deck: Deck, spec: Slide, number: int) -> None:
    size = _body_size(deck, spec)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    _band(slide, 0, Inches(1.25), TEAL)
    _band(slide, Inches(1.25), Inches(0.06), AMBER)
    title, body = slide.placeholders[0], slide.placeholders[1]
    _place(title, 0.6, 0.15, 12.1, 0.95)
    frame = _text_frame(title)
    frame.text = spec.title
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.font.size = Pt(30)
    paragraph.font.bold = True
    paragraph.font.color.rgb = _pptx_rgb("#FFFFFF")
    _place(body, 0.7, 1.6, 11.9, 5.3)
    frame = _text_frame(body)
    frame.word_wrap = True
    for i, text in enumerate(spec.bullets):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.font.size = size
        paragraph.font.color.rgb = _pptx_rgb(INK)
        paragraph.space_after = Pt(8)
    _footer(slide, deck, number)
    _notes(slide, spec.notes)


def _notes(slide: PptxSlide, text: str) -> None:
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        raise BuildError("the default template has no notes placeholder")
    frame.text = text


def render_docx(path: Path, spec: WordDoc) -> int:
    document = docx.Document()
    _brand_styles(document)
    document.add_paragraph(spec.title, style="Title")
    document.add_paragraph(spec.subtitle, style="Subtitle")
    headings = 0
    for block in spec.blocks:
        document.add_heading(block.heading, level=block.level)
        headings += 1
        for text in block.paragraphs:
            _docx_paragraph(document, text)
        for text in block.bullets:
            _docx_paragraph(document, text, style="List Bullet")
        if block.table:
            table = document.add_table(rows=0, cols=len(block.table[0]))
            table.style = "Light Grid Accent 1"
            for r, row in enumerate(block.table):
                cells = table.add_row().cells
                for c, text in enumerate(row):
                    cells[c].text = text
                    if r == 0:
                        for run in cells[c].paragraphs[0].runs:
                            run.font.bold = True
    props = document.core_properties
    props.title = spec.title
    props.subject = spec.subtitle
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.keywords = ", ".join(spec.keywords)
    props.comments = "Generated by resources/build_demo_library.py"
    props.revision = 1
    props.created = BUILD_INSTANT
    props.modified = BUILD_INSTANT
    props.last_printed = BUILD_INSTANT
    buffer = io.BytesIO()
    document.save(buffer)
    _write_zip_deterministic(path, buffer.getvalue())
    return headings


def _brand_styles(document: DocxDocument) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        if not isinstance(style, ParagraphStyle):
            raise BuildError(f"the default Word template has no paragraph style {name!r}")
        if name == "Normal":
            style.font.name = "Calibri"
            style.font.size = DocxPt(11)
        else:
            style.font.color.rgb = DocxRGB.from_string(TEAL.lstrip("#"))


def _docx_paragraph(document: DocxDocument, text: str, style: str | None = None) -> None:
    """Add a paragraph, turning **bold** spans into bold runs."""
    paragraph = document.add_paragraph(style=style)
    for i, part in enumerate(re.split(r"\*\*", text)):
        if part:
            paragraph.add_run(part).bold = i % 2 == 1


# ---------------------------------------------------------------------------------------------------------
# Pitch decks
# ---------------------------------------------------------------------------------------------------------

FORECAST_DECK = Deck(
    file_title="Lumora Forecast pitch deck",
    path="Pitch decks/Lumora Forecast pitch deck.pptx",
    title="Lumora Forecast",
    subtitle="Call the quarter with confidence",
    opening_notes=(
        "Open with the customer, not with us. Before the first slide, confirm who is in the room and what "
        "they told you in discovery: how often the forecast moved last quarter, who owns the number, and "
        "what the CFO asked for. This deck runs 25 minutes with time for questions; skip slide 9 "
        "(integrations) if IT is not present and come back to it in the technical deep dive."
    ),
    slides=(
        Slide(
            "Why revenue forecasts still miss",
            (
                (
                    "Only 27% of revenue leaders call the quarter within 5% by week three (Lumora 2026 benchmark, "
                    "412 B2B companies)"
                ),
                "Rep calls are optimistic early and sandbagged late: the 'hockey stick' hides real risk",
                "Pipeline data lives in Salesforce, spreadsheets, call notes and e-mail threads",
                "Weekly forecast calls consume 6-9 hours of manager time and still end in debate",
            ),
            "Ask the room where their forecast usually lands at week three. Most prospects quote 10-15% "
            "variance; let them say it before you show the benchmark. The point is not that their team is "
            "bad at forecasting, it is that the inputs are scattered and the process is manual. Keep this "
            "slide short: the pain is familiar, the next slide makes it expensive.",
        ),
        Slide(
            "What a missed forecast really costs",
            (
                "Hiring plans frozen or rushed because the CFO cannot trust the top line",
                "Board credibility: two missed guides in a row moves the valuation conversation",
                "Cash and inventory decisions made on the wrong number (manufacturing, retail)",
                "Reps chase deals that will not close while real risk goes unmanaged",
            ),
            "This is the slide for the CFO and the CRO together. Tie each bullet to something you heard in "
            "discovery. If finance is present, ask how much buffer they add to the sales forecast before it "
            "goes to the board; a 10% haircut on a $120M plan is a $12M planning problem. Do not quote ROI "
            "here; we earn the right to talk numbers after the demo.",
        ),
        Slide(
            "Meet Lumora Forecast",
            (
                "One forecast for sales, finance and the board, rolled up from rep calls to the company number",
                "AI forecast trained on your own win history, shown next to the team call, never hidden",
                "Deal inspection that flags slipped close dates, single-threaded deals and stalled stages",
                "Scenario planning and forecast accuracy tracking built in, not exported to spreadsheets",
            ),
            "Position Forecast as the system of record for the number, not another dashboard. The key "
            "difference from CRM-native forecasting is the side-by-side view: the rep call, the manager "
            "call and the AI forecast on one screen, with the reasons for each gap. Keep the product "
            "language consistent with the one-pager: 'one forecast, three views, every gap explained'.",
        ),
        Slide(
            "How it works: from CRM to a committed number",
            (
                "Lumora Connect syncs opportunities, activities and history every 15 minutes",
                "Reps submit their call in Slack, Teams, Salesforce or the Lumora app in under a minute",
                "Managers adjust with notes; every change is versioned with who, when and why",
                "Finance sees the same number, with the AI range and the history of every call",
            ),
            "Walk the workflow from the rep's point of view first; reps adopting the tool is the biggest "
            "risk the buyer is worried about. Emphasise that submitting a call takes less than a minute and "
            "happens where reps already work. If RevOps is present, mention that forecast categories and "
            "hierarchies are mapped from Salesforce territories during onboarding, not rebuilt.",
        ),
        Slide(
            "An AI forecast you can explain",
            (
                "Gradient-boosted model per customer, retrained weekly on 8+ quarters of closed deals",
                "Every prediction shows its top drivers: stage age, engagement, deal size, close-date pushes",
                "Accuracy reported openly: median 94% at week three after two quarters in production",
                "No customer data is used to train models for any other customer",
            ),
            "Prospects have been burned by black-box AI. Show the driver panel in the demo and let them ask "
            "'why is this deal at 35%?'. The 94% figure is the median across customers live for two or more "
            "quarters; if they push, say that new customers typically see 88-90% in the first quarter. The "
            "data-isolation bullet matters to IT/Security and to EMEA buyers under GDPR.",
        ),
        Slide(
            "Scenario planning for the CFO",
            (
                "Best case, commit and AI range side by side for the quarter and the fiscal year",
                "What-if: move close dates, change win rates or add headcount and see the revenue impact",
                "Export board-ready views to Excel, Google Sheets or your planning tool",
                "Forecast accuracy history by team, segment and region for every past quarter",
            ),
            "If the CFO is in the room, pause here and ask what they do today when the CRO's number and the "
            "finance model disagree. Scenario planning is the feature finance teams ask to see twice. Demo "
            "tip: open the 'headcount what-if' and add two reps in Q3 to show the ramp curve flowing into "
            "next year's forecast.",
        ),
        Slide(
            "Built for RevOps, loved by managers",
            (
                "Configure categories, hierarchies and quotas without code or professional services",
                "Pipeline inspection views replace the weekly spreadsheet export",
                "Forecast call agenda generated automatically: the deals that moved and the ones at risk",
                "Admin audit log and role-based access by team, region and product line",
            ),
            "RevOps is usually our champion and the person who will own the tool. Speak to their workload: "
            "the weekly export, the manual roll-up, the Friday clean-up. Customers report saving 6 hours a "
            "week per RevOps analyst. Mention the no-code configuration; competitors like Revlytic need "
            "services engagements for every hierarchy change.",
        ),
        Slide(
            "Connects to the systems you already run",
            (
                "Salesforce: managed package, read-only by default, no custom objects required",
                "HubSpot and Microsoft Dynamics 365 Sales: native connectors with field mapping",
                "Snowflake, BigQuery and Databricks for product usage and billing data",
                "Slack and Microsoft Teams for calls, alerts and deal reviews",
            ),
            "Keep this at the level of 'yes, we connect' unless IT is present; the Lumora Connect deck has "
            "the detail. The Salesforce managed package is AppExchange security reviewed. Most customers "
            "are connected and syncing on day one of onboarding. If they use an unusual CRM, do not promise "
            "anything: log the request and loop in the solutions engineer.",
        ),
        Slide(
            "Enterprise-grade security and compliance",
            (
                "SOC 2 Type II and ISO/IEC 27001 certified; reports available under NDA",
                "GDPR-ready with an EU data region (Frankfurt) and a standard DPA",
                "SSO with SAML 2.0, SCIM provisioning, AES-256 at rest and TLS 1.2+ in transit",
                "Annual third-party penetration test; a 99.9% uptime SLA on Business and Enterprise",
            ),
            "Security questions can stall a deal for weeks; get ahead of them. Offer the security and "
            "compliance overview PDF and the trust portal at trust.lumora.example. SOC 2 and ISO reports "
            "need an NDA, which legal can turn around in two business days. For healthcare prospects, a BAA "
            "is available on Enterprise; do not offer it on other tiers.",
        ),
        Slide(
            "Customers calling the quarter with Lumora",
            (
                "Kestrel Robotics (manufacturing): forecast accuracy from 71% to 93% in two quarters",
                "Tidewater Payments (financial services, EMEA): board forecast within 3% for four quarters",
                "Quillstack (SaaS, APAC): 11 hours a week of forecast prep removed per region",
                "Median payback period across 2025 customers: 5.5 months",
            ),
            "Pick the customer story closest to the prospect and tell it as a story: the situation before, "
            "the moment they decided, the result. All three case studies are in the library. References "
            "are available for Kestrel and Tidewater; request them through the customer advocacy form, not "
            "by e-mailing the customer directly.",
        ),
        Slide(
            "Packaging at a glance",
            (
                "Forecast Team: core roll-up, rep calls and pipeline inspection for teams up to 50 sellers",
                "Forecast Business: AI forecast, scenarios, accuracy tracking and Slack/Teams",
                "Forecast Enterprise: multi-currency, multiple hierarchies, EU data region and premium support",
                "Add Lumora Signals for deal and churn risk; Connect Plus for warehouse data",
            ),
            "Do not show list prices on this slide in a first meeting; use the 2026 pricing sheet after "
            "qualification. If pushed, the Business tier lists at $99 per user per month billed annually. "
            "Any discount above 10% needs manager approval, and anything above 20% goes to the deal desk; "
            "never promise a discount in the room.",
        ),
        Slide(
            "A 6-week path to your first Lumora forecast call",
            (
                "Week 1: connect CRM and map forecast categories with your RevOps lead",
                "Weeks 2-3: configure hierarchies and quotas; load historical quarters for the AI model",
                "Weeks 4-5: pilot with two teams; train managers and reps in 45-minute sessions",
                "Week 6: first company-wide forecast call in Lumora; success review with the CFO",
            ),
            "Close by agreeing the next step, not by asking for questions. The usual next step is a "
            "tailored demo on their own Salesforce sandbox data, which needs a connected sandbox and a "
            "30-minute call with their admin. Send the follow-up e-mail template 'After the first meeting' "
            "from the e-mail template pack the same day.",
        ),
    ),
    listing=approved(
        MARIA,
        "2026-09-01T09:00:00+00:00",
        "2027-12-31",
        product=["Lumora Forecast"],
        stage=["consideration"],
        persona=["CRO", "VP Sales", "RevOps"],
        industry=["SaaS", "Manufacturing", "Financial services"],
        region=["North America", "EMEA"],
        tags=["pitch", "flagship", "AI forecast"],
    ),
)

SIGNALS_DECK = Deck(
    file_title="Lumora Signals pitch deck",
    path="Pitch decks/Lumora Signals pitch deck.pptx",
    title="Lumora Signals",
    subtitle="See churn and expansion coming before the renewal call",
    opening_notes=(
        "Use this deck with customer success leaders, CROs responsible for net revenue retention, and "
        "existing Forecast customers in expansion conversations. It runs 20 minutes. Start by confirming "
        "their gross and net revenue retention numbers; if they do not know them, that is your first "
        "discovery insight."
    ),
    slides=(
        Slide(
            "Retention is the new growth plan",
            (
                "In 2026 B2B SaaS, 38% of new ARR comes from existing customers (Lumora benchmark)",
                "A 5-point gain in gross retention is worth more than a 20% gain in new-logo win rate",
                "Most churn is visible 90+ days early in usage, support and engagement data",
                "But that data sits in four systems and nobody owns the full picture",
            ),
            "Frame Signals as a revenue product, not a customer success tool. Ask what their gross revenue "
            "retention was last year and what the board target is. The 90-day point is what the rest of "
            "the deck proves: the warning signs exist, they are just scattered.",
        ),
        Slide(
            "Signals that actually predict churn",
            (
                "Product usage trends: active seats, key feature adoption, login decay",
                "Relationship: champion departures, executive sponsor silence, single-threaded accounts",
                "Support: ticket spikes, escalations and unresolved severity-1 issues",
                "Commercial: late invoices, downgrade requests, procurement asking about notice periods",
            ),
            "Each category is scored separately so CSMs can see why an account is at risk. The champion "
            "departure signal comes from contact changes and e-mail bounces in the CRM history; we do not "
            "scrape social networks, which matters to EMEA privacy reviewers.",
        ),
        Slide(
            "One health score, every reason visible",
            (
                "Account health from 0 to 100, recalculated daily, with the top three drivers listed",
                "Renewal risk forecast in dollars, rolled into the Lumora Forecast view",
                "Thresholds and weights tuned per segment: SMB, mid-market and enterprise behave differently",
                "Back-tested on your last eight quarters before go-live, so you see accuracy up front",
            ),
            "The back-test is the strongest proof point: before go-live we show the customer how Signals "
            "would have scored the accounts that actually churned last year. Quillstack saw 81% of churned "
            "accounts flagged at least 90 days before renewal in their back-test.",
        ),
        Slide(
            "From signal to action in Slack and Teams",
            (
                "Alerts routed to the account owner and CSM with a suggested playbook",
                "Playbooks: executive outreach, adoption workshop, commercial review, save offer",
                "Every action logged back to Salesforce or HubSpot automatically",
                "Weekly retention review generated for the CS leadership meeting",
            ),
            "Alert fatigue is the objection you will hear from CS leaders. Explain that alerts fire on "
            "changes in risk, not on the daily score, and that the default is fewer than three alerts per "
            "CSM per week. Teams can mute categories they do not act on.",
        ),
        Slide(
            "Expansion signals for account managers",
            (
                "Seat utilisation above 85% for 30 days: upsell conversation",
                "New teams or regions logging in: cross-sell and land-and-expand",
                "Usage of features in the next tier: upgrade path with proof",
                "Expansion pipeline created automatically, with source tracking for RevOps",
            ),
            "Signals pays for itself on the upside as well as the downside. Customers typically find 15-30% "
            "more expansion pipeline in the first two quarters. Make sure the sales leader hears this "
            "slide; it moves Signals from a CS budget to a revenue budget.",
        ),
        Slide(
            "Better together with Lumora Forecast",
            (
                "Renewal and expansion forecast alongside new business in one view",
                "Churn risk deducted from the forecast automatically, with the reasons attached",
                "CFO sees net revenue retention projected for the next four quarters",
                "One platform, one security review, one contract",
            ),
            "For existing Forecast customers this is the main slide. The bundle pricing in the 2026 pricing "
            "sheet makes adding Signals cheaper than a standalone customer health tool. For new prospects, "
            "mention it briefly and keep the focus on retention.",
        ),
        Slide(
            "Proof: customers who saw churn coming",
            (
                "Quillstack: gross revenue retention from 84% to 91% in three quarters",
                "Meadowlark Health: 23 at-risk renewals saved in the first six months ($2.4M ARR)",
                "Average of 31% more expansion pipeline created in the first two quarters",
                "CSMs spend 40% less time building account reviews",
            ),
            "Use Meadowlark for healthcare and regulated prospects and Quillstack for SaaS. Both case "
            "studies are in the library with pull quotes you can use in e-mail. Do not quote Meadowlark's "
            "patient data examples; their case study was approved without them.",
        ),
        Slide(
            "Privacy and data handling",
            (
                "Usage data ingested through Lumora Connect from your warehouse, not from end-user devices",
                "Personal data minimised: contact roles and activity counts, not message content",
                "GDPR Article 28 DPA, EU data region, and configurable retention periods",
                "Same SOC 2 Type II and ISO/IEC 27001 controls as the rest of the platform",
            ),
            "Privacy reviewers ask whether Signals reads e-mail content. It does not: it uses activity "
            "metadata (counts, dates and participants) from the CRM. If they need more detail, share the "
            "security and compliance overview and offer a call with the security team.",
        ),
        Slide(
            "Getting started with Signals",
            (
                "Week 1: connect CRM, support desk and warehouse usage tables through Lumora Connect",
                "Week 2: back-test on eight quarters; agree thresholds with CS leadership",
                "Week 3: alerts live for one segment; playbooks configured",
                "Week 4: full rollout and first weekly retention review",
            ),
            "Signals onboarding is faster than Forecast because there are no quotas or hierarchies to map. "
            "Propose the back-test as a paid proof of value if the prospect hesitates; the fee is credited "
            "against the first-year subscription if they sign within 60 days.",
        ),
    ),
    listing=approved(
        MARIA,
        "2026-08-18T14:30:00+00:00",
        "2027-09-30",
        product=["Lumora Signals"],
        stage=["consideration", "expansion"],
        persona=["CRO", "VP Sales", "RevOps"],
        industry=["SaaS", "Healthcare", "Financial services"],
        region=["North America", "EMEA", "APAC"],
        tags=["pitch", "churn", "retention"],
    ),
)

CONNECT_DECK = Deck(
    file_title="Lumora Connect integration deck",
    path="Pitch decks/Lumora Connect integration deck.pptx",
    title="Lumora Connect",
    subtitle="Your revenue data, connected and trustworthy",
    opening_notes=(
        "This is the technical deck for IT, security and RevOps systems owners. The solutions engineer "
        "usually presents it, with the account executive framing the business context in the first two "
        "minutes. Expect detailed questions; it is fine to say 'let me confirm and follow up in writing'."
    ),
    slides=(
        Slide(
            "The forecast is only as good as the data",
            (
                "Opportunities in the CRM, usage in the warehouse, bookings in the ERP",
                "Manual exports break every time someone renames a field",
                "Point-to-point integrations nobody owns, with no monitoring",
                "Result: RevOps spends Fridays reconciling numbers instead of analysing them",
            ),
            "Ask how many systems feed their current forecast and who maintains the exports. The answer is "
            "usually 'four or five' and 'one analyst'. That analyst is our champion.",
        ),
        Slide(
            "Lumora Connect architecture",
            (
                "Managed connectors run in Lumora's cloud: nothing to install on your network",
                "Incremental sync every 15 minutes; full reconciliation nightly",
                "Data stored per tenant in your chosen region: US (Virginia), EU (Frankfurt) or APAC (Sydney)",
                "Schema changes detected automatically with alerts to the admin",
            ),
            "Draw the architecture on the whiteboard if you can: sources on the left, Connect in the "
            "middle, Forecast and Signals on the right. The tenant isolation and regional storage points "
            "answer most data residency questions before they are asked.",
        ),
        Slide(
            "Salesforce integration in depth",
            (
                "AppExchange managed package with a dedicated integration user and read-only permission set",
                "Objects: Opportunity, OpportunityHistory, Account, Contact, Task, Event, User, custom fields",
                "Uses the Bulk API 2.0 and Change Data Capture events to respect API limits",
                "Optional write-back of forecast calls and risk scores to two custom fields",
            ),
            "Salesforce admins worry about API limits. A typical customer with 400 users consumes under 3% "
            "of their daily API allocation. Write-back is off by default and needs the admin to grant the "
            "write permission set explicitly.",
        ),
        Slide(
            "HubSpot, Dynamics 365 and more",
            (
                "HubSpot Sales Hub Professional and Enterprise via OAuth app",
                "Microsoft Dynamics 365 Sales via Dataverse Web API and Entra ID app registration",
                "Support desks: Zendesk, Freshdesk and ServiceNow Customer Service",
                "Billing and ERP: NetSuite, Chargebee and Stripe Billing",
            ),
            "Check the connector list on the trust portal before promising anything outside this slide. "
            "Custom connectors are possible on Enterprise through the Connect SDK, but position them as a "
            "services engagement with a statement of work.",
        ),
        Slide(
            "Warehouse connectors with Connect Plus",
            (
                "Snowflake, Google BigQuery and Databricks SQL read through scoped service accounts",
                "Bring product usage, billing and marketing data into forecasts and health scores",
                "Zero-copy option: Lumora queries views you define, data stays in your warehouse",
                "Reverse sync: push scores and forecast calls back to your warehouse for BI tools",
            ),
            "Connect Plus is an add-on; it is included in the Platform bundle. Data teams like the zero-copy "
            "option because governance stays in their warehouse. Mention that query cost stays low: "
            "incremental queries on views, typically a few dollars a day in warehouse credits.",
        ),
        Slide(
            "Data quality you can see",
            (
                "Field mapping studio with preview on live records before anything syncs",
                "Data health checks: missing close dates, zero-amount deals, orphaned opportunities",
                "Sync monitor with per-object status, lag and error details",
                "Alerts to admins by e-mail, Slack or Teams when a sync degrades",
            ),
            "Show the data health check screen in the demo: it usually finds a few hundred opportunities "
            "with past close dates in the prospect's sandbox, which starts a great conversation about "
            "pipeline hygiene.",
        ),
        Slide(
            "Security by design",
            (
                "OAuth 2.0 everywhere; no shared passwords; credentials in a hardware-backed vault",
                "Least privilege: read-only scopes by default, field-level exclusions for sensitive fields",
                "Encryption: AES-256 at rest, TLS 1.2+ in transit, customer-managed keys on Enterprise",
                "SOC 2 Type II, ISO/IEC 27001, GDPR DPA; annual penetration test summary on request",
            ),
            "Field-level exclusions matter in financial services and healthcare: customers can block "
            "fields such as notes or personal phone numbers from ever leaving their CRM. Offer the security "
            "overview and the completed standard questionnaire (SIG Lite) to speed up the review.",
        ),
        Slide(
            "Implementation and next steps",
            (
                "Day 1: connect sandbox; mapping review with your admin (60 minutes)",
                "Week 1: production connection, historical backfill of up to 12 quarters",
                "Week 2: data health review and sign-off by RevOps",
                "Next step: security review kick-off and a sandbox connection this week",
            ),
            "Ask for the security review contact and the Salesforce admin's name before leaving the call. "
            "Send the security overview and the Connect one-pager in the follow-up e-mail.",
        ),
    ),
    listing=approved(
        TOMAS,
        "2026-07-07T11:00:00+02:00",
        "2027-06-30",
        product=["Lumora Connect"],
        stage=["consideration", "decision"],
        persona=["IT/Security", "RevOps"],
        tags=["technical", "integration", "Salesforce integration"],
    ),
)

CFO_DECK = Deck(
    path="Pitch decks/Lumora for CFOs executive briefing.pptx",
    title="Forecast confidence for finance leaders",
    subtitle="An executive briefing for CFOs",
    opening_notes=(
        "A 15-minute executive briefing for CFOs and finance VPs, usually in the decision stage after the "
        "CRO is already convinced. Finance leaders want numbers, controls and contract facts. Keep the "
        "product demo out of this meeting unless asked; the goal is an executive sponsor in finance."
    ),
    slides=(
        Slide(
            "The sales forecast is a finance input",
            (
                "Hiring, cash, inventory and guidance all depend on the revenue number",
                "Finance typically haircuts the sales forecast by 8-15% before it reaches the board",
                "That buffer is a tax on growth: slower hiring and conservative investment",
                "Lumora shrinks the buffer by making the forecast measurable and auditable",
            ),
            "Ask the CFO how they adjust the sales forecast today. Nearly every finance team has a private "
            "haircut. The conversation you want is: 'what would you do with the money if you could trust "
            "the number within 3%?'",
        ),
        Slide(
            "What forecast variance costs",
            (
                "Every 1% of variance on a $200M plan is $2M of decisions made on the wrong number",
                "Missed guidance: one miss costs credibility, two in a row costs valuation",
                "Late-quarter surprises drive discounting that erodes margin by 2-4 points",
                "Over-hiring against an optimistic forecast is the most expensive mistake of all",
            ),
            "Use the prospect's own plan size. If you do not know it, use the ranges and ask. The "
            "discounting point resonates with finance: end-of-quarter pressure deals are where margin "
            "leaks, and a better early view reduces them.",
        ),
        Slide(
            "One number for sales and finance",
            (
                "Rep, manager, CRO and AI forecasts side by side with every gap explained",
                "Forecast snapshots locked each week: a full audit trail of who changed what",
                "Scenario planning with drivers finance controls: win rates, ramp, seasonality",
                "Exports to Excel, Google Sheets, Anaplan and Adaptive Planning",
            ),
            "The weekly snapshot and audit trail are what finance teams need for controls. Several public "
            "customers use the snapshot history as supporting evidence in their quarterly close process.",
        ),
        Slide(
            "The ROI model",
            (
                "Time saved: forecast preparation across managers, RevOps and finance",
                "Accuracy: smaller planning buffer, better hiring and cash timing",
                "Retention: churn identified earlier with Lumora Signals",
                "Median 2025 customer: 4.1x three-year ROI and 5.5-month payback",
            ),
            "Offer to build the ROI model with their numbers using the ROI calculator guide; never leave a "
            "generic ROI number as the final word. Finance leaders trust a model they helped build with "
            "conservative assumptions far more than a vendor benchmark.",
        ),
        Slide(
            "Controls, security and compliance",
            (
                "SOC 2 Type II and ISO/IEC 27001; SOX-friendly audit trail and role-based access",
                "GDPR DPA, EU data region, subprocessors list published and notified 30 days ahead",
                "SSO, SCIM and granular permissions: finance sees everything, reps see their own deals",
                "Data export at any time in open formats; deletion certified on termination",
            ),
            "Finance cares about controls and exit rights. Emphasise that the customer owns the data and "
            "can export it at any time. Hand over to IT/Security for the detailed review.",
        ),
        Slide(
            "Commercial terms without surprises",
            (
                "Published per-user pricing; Platform bundle for Forecast, Signals and Connect Plus",
                "Annual or multi-year terms; price protection of 5% maximum uplift at renewal",
                "Implementation fixed-fee, not time-and-materials",
                "Success plan with measurable targets agreed before signature",
            ),
            "CFOs respond well to predictability. The renewal cap and fixed-fee implementation are "
            "differentiators against Revlytic, whose services are billed hourly. Discounts above 20% need "
            "deal desk approval; do not negotiate in this meeting.",
        ),
        Slide(
            "Finance leaders who trust the number",
            (
                "Tidewater Payments: board forecast within 3% for four consecutive quarters",
                "Kestrel Robotics: inventory builds aligned to a forecast that is 93% accurate at week three",
                "Solara Home Brands: planning buffer cut from 12% to 4%",
                "References available with CFOs in North America and EMEA",
            ),
            "Offer a CFO-to-CFO reference call. Tidewater's CFO, Niamh Gallagher, is an active reference "
            "for EMEA financial services prospects; book through the customer advocacy form. Brief the "
            "reference beforehand on what the prospect's CFO cares about, and never share a reference's "
            "contact details without their agreement.",
        ),
        Slide(
            "Proposed next steps",
            (
                "Joint ROI model with your FP&A lead (one 45-minute working session)",
                "Security review in parallel with IT",
                "Mutual action plan to a decision date that fits your planning cycle",
                "Executive sponsor check-in at the end of the first quarter live",
            ),
            "Close with the mutual action plan. Finance leaders appreciate a written plan with owners and "
            "dates. Use the template in the onboarding guide appendix and share it within 24 hours.",
        ),
    ),
    listing=approved(
        MARIA,
        "2026-06-22T16:00:00+00:00",
        "2028-03-31",
        product=["Lumora Forecast", "Lumora Signals"],
        stage=["decision"],
        persona=["CFO"],
        tags=["executive", "ROI", "finance"],
    ),
)

DECKS = (FORECAST_DECK, SIGNALS_DECK, CONNECT_DECK, CFO_DECK)


# ---------------------------------------------------------------------------------------------------------
# Case studies
# ---------------------------------------------------------------------------------------------------------


def case_study(
    *,
    customer: str,
    title: str,
    subtitle: str,
    at_a_glance: Sequence[tuple[str, str]],
    opening: str,
    key_figures: Sequence[tuple[str, str]],
    challenge: Sequence[str],
    first_quote: tuple[str, str],
    solution: Sequence[str],
    solution_points: Sequence[str],
    results: Sequence[str],
    second_quote: tuple[str, str],
    looking_ahead: Sequence[str],
    listing: Listing | None,
    keywords: Sequence[str],
) -> PdfDoc:
    body = (
        lead(opening)
        + glance(at_a_glance)
        + figures(*key_figures)
        + h2("The challenge")
        + paras(*challenge)
        + quote(*first_quote)
        + h2("The solution")
        + paras(*solution)
        + bullets(*solution_points)
        + h2("The results")
        + paras(*results)
        + quote(*second_quote)
        + h2("Looking ahead")
        + paras(*looking_ahead)
        + small(
            f"{customer} is a Lumora Analytics customer. Results are specific to {customer} and depend on "
            "each customer's data, processes and adoption. Figures were reviewed and approved by the "
            "customer for publication."
        )
    )
    return PdfDoc(
        path=f"Case studies/{customer} case study.pdf",
        kind="Case study",
        title=title,
        subtitle=subtitle,
        sections=(body,),
        pages=(2, 4),
        listing=listing,
        keywords=("case study", customer, *keywords),
    )


KESTREL = case_study(
    customer="Kestrel Robotics",
    title="Kestrel Robotics builds to a forecast it trusts",
    subtitle="How a fast-growing industrial automation maker raised forecast accuracy from 71% to 93% "
    "and aligned production with sales",
    at_a_glance=(
        ("Customer", "Kestrel Robotics, Columbus, Ohio"),
        ("Industry", "Manufacturing: collaborative robots and warehouse automation"),
        ("Size", "1,900 employees; 140 quota-carrying sellers in North America and EMEA"),
        ("Products", "Lumora Forecast Enterprise, Lumora Connect Plus (Salesforce, NetSuite, Snowflake)"),
        ("Live since", "February 2025, after a six-week implementation"),
    ),
    opening="Kestrel Robotics sells collaborative robots with lead times of up to 20 weeks. When the sales "
    "forecast was wrong, the factory built the wrong machines. Two quarters after going live with "
    "Lumora Forecast, Kestrel's week-three forecast is within 7% of actual bookings, and its "
    "operations team plans production from the same number as sales and finance.",
    key_figures=(
        ("93%", "forecast accuracy at week three, up from 71%"),
        ("6 weeks", "from contract to first forecast call"),
        ("$3.1M", "less excess inventory in the first year"),
        ("9 hrs", "saved per manager every month"),
    ),
    challenge=(
        (
            "Kestrel grew from 60 to 140 sellers in three years, selling through direct teams in North America "
            "and a partner network across Germany, the Netherlands and the Nordics. The forecast process did "
            "not grow with them. Every Monday, regional managers exported opportunities from Salesforce into a "
            "shared workbook, added their own judgment in colour-coded columns, and e-mailed it to RevOps. By "
            "Wednesday, RevOps had a number; by Thursday, it had usually changed."
        ),
        (
            "The cost showed up on the factory floor. Kestrel builds robot arms against forecasted demand "
            "because key components have long lead times. In 2024 the company carried $5.4M of finished-goods "
            "inventory that sales had forecast to ship in the quarter but that slipped into the next. At the "
            "same time, two large warehouse-automation deals closed that nobody had committed, and Kestrel "
            "paid expedite fees to deliver them on time."
        ),
        (
            "Finance had stopped trusting the sales number altogether. CFO Dana Whitfield's team applied a "
            "15% haircut to the roll-up before it reached the operations plan, which protected cash but meant "
            "Kestrel was routinely short of machines in its best quarters."
        ),
    ),
    first_quote=(
        (
            "We had three forecasts: the one sales believed, the one finance used and the one the "
            "factory built to. None of them was right, and we spent every Thursday arguing about "
            "which one was least wrong."
        ),
        "Dana Whitfield, Chief Financial Officer, Kestrel Robotics",
    ),
    solution=(
        (
            "Kestrel evaluated Lumora alongside Revlytic and an extension of its CRM's native forecasting. "
            "RevOps director Marcus Feld ran a four-week proof of value using two years of Kestrel's closed "
            "opportunities. Lumora's back-tested AI forecast would have called the previous four quarters "
            "within 8% at week three, against an average miss of 29% for the submitted forecast."
        ),
        (
            "Implementation took six weeks. Lumora Connect synced Salesforce opportunities and activity "
            "history on the first day, and Connect Plus brought in NetSuite bookings and Snowflake tables with "
            "machine-configuration data. RevOps mapped Kestrel's forecast categories and its two hierarchies, "
            "direct and partner, without professional services. Managers were trained in two 45-minute "
            "sessions; reps learned to submit their call from Slack in a single stand-up."
        ),
    ),
    solution_points=(
        (
            "**One forecast, three views:** rep call, manager call and AI forecast side by side, with the "
            "reasons for each gap shown on every deal."
        ),
        (
            "**Product-level forecast:** opportunity line items mapped to robot families, so operations sees "
            "demand by configuration rather than by dollar value alone."
        ),
        "**Weekly snapshots:** locked every Friday and shared with finance and the S&OP meeting.",
        (
            "**Deal inspection:** flags for pushed close dates, missing technical validation and single-threaded "
            "deals above $250K."
        ),
    ),
    results=(
        (
            "By the second full quarter, Kestrel's week-three forecast accuracy had risen from 71% to 93%. "
            "The improvement came from both sides: the AI forecast gave managers an independent view to "
            "challenge optimistic calls, and the deal inspection flags surfaced slipping deals weeks earlier "
            "than the old spreadsheet review."
        ),
        (
            "Operations now plans production from the Lumora forecast by robot family. Excess finished-goods "
            "inventory fell by $3.1M in the first year, and expedite fees dropped by 64%. Finance reduced its "
            "planning haircut from 15% to 5%, which allowed Kestrel to approve a second production shift three "
            "months earlier than planned."
        ),
        (
            "The weekly forecast call changed character as well. Managers spend the meeting on the ten deals "
            "that moved most, generated automatically by Lumora, instead of reading numbers aloud. Kestrel "
            "estimates that each of its 16 sales managers saves nine hours a month."
        ),
    ),
    second_quote=(
        (
            "The best thing about Lumora is that nobody argues about the number any more. We argue "
            "about what to do about it, which is the conversation we should have been having all "
            "along."
        ),
        "Marcus Feld, Director of Revenue Operations, Kestrel Robotics",
    ),
    looking_ahead=(
        (
            "Kestrel is piloting Lumora Signals with its service-contract renewals team, using machine uptime "
            "data from Snowflake as a health signal. The company also plans to extend forecasting to its "
            "partner channel in EMEA, where distributors will submit their calls through the Lumora partner "
            "portal."
        ),
    ),
    listing=approved(
        MARIA,
        "2026-03-10T10:00:00+00:00",
        "2027-09-30",
        product=["Lumora Forecast", "Lumora Connect"],
        stage=["consideration", "decision"],
        persona=["CFO", "CRO", "RevOps"],
        industry=["Manufacturing"],
        region=["North America", "EMEA"],
        tags=["case study", "forecast accuracy", "inventory"],
    ),
    keywords=("manufacturing", "forecast accuracy", "Salesforce", "NetSuite", "S&OP"),
)

MEADOWLARK = case_study(
    customer="Meadowlark Health",
    title="Meadowlark Health saves $2.4M in at-risk renewals",
    subtitle="A healthcare software provider uses Lumora Signals to spot churn 90 days earlier and keep "
    "hospital customers on board",
    at_a_glance=(
        ("Customer", "Meadowlark Health, Minneapolis, Minnesota"),
        ("Industry", "Healthcare: patient scheduling and capacity software for hospitals and clinics"),
        ("Size", "620 employees; 340 hospital and clinic-group customers"),
        ("Products", "Lumora Signals, Lumora Forecast Business, Lumora Connect (Salesforce, Zendesk)"),
        ("Live since", "September 2025"),
    ),
    opening="Meadowlark Health's renewals are large, multi-year and decided by committees. When a "
    "hospital decides to leave, the decision is usually made months before the renewal date. "
    "Lumora Signals gave Meadowlark's customer success team those months back.",
    key_figures=(
        ("$2.4M", "ARR saved from 23 at-risk renewals"),
        ("90 days", "earlier warning on churn risk"),
        ("+6 pts", "gross revenue retention"),
        ("40%", "less time preparing account reviews"),
    ),
    challenge=(
        (
            "Meadowlark sells scheduling software to hospitals and clinic groups on three-year contracts. "
            "Gross revenue retention had slipped from 93% to 86% over two years, and the losses were painful "
            "because they were unexpected: in exit interviews, customers said they had been unhappy for six "
            "months or more. Customer success managers were each responsible for 25 to 40 accounts and relied "
            "on quarterly business reviews and instinct to judge account health."
        ),
        (
            "The warning signs existed. Usage data showed clinics abandoning features, support tickets showed "
            "escalations, and the CRM showed executive sponsors going quiet. But the data sat in three systems, "
            "and the customer health score, a manually updated red-amber-green field in Salesforce, was rarely "
            "current. The CRO, Jonah Pierce, needed a reliable renewal forecast to give the board, and the CS "
            "team needed to know where to spend its time."
        ),
        (
            "Meadowlark also had strict requirements. As a healthcare vendor, it could not send patient data "
            "to any third party, and its security team required SOC 2 Type II, a signed business associate "
            "agreement option and clear data-minimisation controls before approving any new vendor."
        ),
    ),
    first_quote=(
        (
            "Every churned customer told us the same thing: we saw it coming months ago. The problem "
            "was that we did not."
        ),
        "Jonah Pierce, Chief Revenue Officer, Meadowlark Health",
    ),
    solution=(
        (
            "Meadowlark chose Lumora Signals after a back-test on eight quarters of its own data. Signals "
            "flagged 19 of the 24 customers that had churned in the previous two years at least 90 days "
            "before their renewal dates. Meadowlark's security team approved Lumora in three weeks using the "
            "SOC 2 Type II report, the standard questionnaire and the field-level exclusion settings in "
            "Lumora Connect, which keep all clinical and patient fields out of the sync."
        ),
        (
            "Lumora Connect brought in Salesforce accounts and activities, Zendesk ticket history, and weekly "
            "usage aggregates from Meadowlark's data warehouse. Signals combined them into a daily health "
            "score for every account, with the top three drivers shown next to the score. Alerts reached the "
            "account's CSM in Microsoft Teams with a recommended playbook."
        ),
    ),
    solution_points=(
        (
            "**Health scores with reasons:** usage decay, support escalations and sponsor silence shown "
            "separately, so CSMs know what to fix."
        ),
        "**Renewal forecast:** renewal risk in dollars, rolled into Lumora Forecast for the CRO and CFO.",
        "**Playbooks in Teams:** executive outreach, clinical workflow workshop and commercial review.",
        "**Data minimisation:** only account-level usage counts and ticket metadata are synced.",
    ),
    results=(
        (
            "In the first six months, Signals flagged 31 renewals as high risk. The CS team ran playbooks on "
            "all of them, and 23 renewed, representing $2.4M in annual recurring revenue. In most cases the "
            "fix was practical: retraining a new scheduling team, resolving a long-running integration ticket "
            "or re-engaging an executive sponsor who had changed roles."
        ),
        (
            "Gross revenue retention recovered from 86% to 92% within three quarters. The CRO now reports a "
            "renewal forecast to the board alongside new business, with each at-risk renewal and its reasons "
            "visible in the same Lumora view. CSMs spend 40% less time preparing account reviews because the "
            "usage and support history is already assembled."
        ),
        (
            "Signals also found upside. Clinics adding new locations were flagged as expansion opportunities, "
            "and Meadowlark's account managers created $1.1M of expansion pipeline from those signals in the "
            "first two quarters."
        ),
    ),
    second_quote=(
        (
            "Signals did not replace our CSMs' judgment. It told them where to use it, and it gave "
            "them the evidence to walk into a hard conversation with a hospital's leadership."
        ),
        "Alicia Moreno, Vice President of Customer Success, Meadowlark Health",
    ),
    looking_ahead=(
        (
            "Meadowlark plans to extend Signals to its partner-led clinic segment and to use Lumora's "
            "expansion signals in annual account planning. The company is also evaluating Lumora Forecast "
            "Enterprise for multi-currency forecasting as it enters the Canadian and UK markets."
        ),
    ),
    listing=approved(
        PRIYA,
        "2026-02-16T15:00:00+00:00",
        "2027-08-31",
        product=["Lumora Signals", "Lumora Forecast"],
        stage=["consideration", "expansion"],
        persona=["CRO", "VP Sales"],
        industry=["Healthcare"],
        region=["North America"],
        tags=["case study", "churn", "retention", "healthcare"],
    ),
    keywords=("healthcare", "churn", "renewals", "Zendesk", "BAA"),
)

TIDEWATER = case_study(
    customer="Tidewater Payments",
    title="Tidewater Payments gives its board a forecast within 3%",
    subtitle="A European payments provider replaces spreadsheet roll-ups with Lumora Forecast, hosted in "
    "the EU and cleared by its outsourcing review in four weeks",
    at_a_glance=(
        ("Customer", "Tidewater Payments, Dublin, Ireland"),
        ("Industry", "Financial services: merchant acquiring and payment processing"),
        ("Size", "1,150 employees; 85 enterprise sellers in 9 European countries"),
        ("Products", "Lumora Forecast Enterprise (EU data region), Lumora Connect (Dynamics 365)"),
        ("Live since", "June 2024"),
    ),
    opening="Tidewater Payments sells merchant acquiring to retailers and online businesses across Europe. "
    "Its revenue depends on deals closing and on merchants ramping their payment volumes. With "
    "Lumora Forecast, the board forecast has landed within 3% of actual revenue for four "
    "consecutive quarters.",
    key_figures=(
        ("±3%", "board forecast variance, four quarters running"),
        ("9", "countries on one forecast"),
        ("4 weeks", "security and outsourcing review"),
        ("€0", "spent on professional services"),
    ),
    challenge=(
        (
            "Tidewater's sales team works in Microsoft Dynamics 365, but the forecast lived in a collection of "
            "country spreadsheets. Each country manager converted local deals to euros with their own exchange "
            "rates, estimated merchant ramp-up curves by hand and sent the file to the central commercial "
            "finance team. Consolidation took four days each month."
        ),
        (
            "The numbers were also hard to explain. When the board asked why the forecast had dropped by "
            "€4M in a month, finance needed a week to trace the change back to individual deals. As a "
            "regulated financial institution, Tidewater also had to show that any outsourced service handling "
            "customer data met the European Banking Authority's outsourcing guidelines and GDPR."
        ),
    ),
    first_quote=(
        (
            "I could tell the board what the number was. I could not tell them why it had changed, "
            "and that is the question a board always asks."
        ),
        "Niamh Gallagher, Chief Financial Officer, Tidewater Payments",
    ),
    solution=(
        (
            "Tidewater selected Lumora Forecast Enterprise with its data hosted in Lumora's EU region in "
            "Frankfurt. The procurement, information security and outsourcing teams completed their review in "
            "four weeks using Lumora's SOC 2 Type II report, ISO/IEC 27001 certificate, the standard GDPR "
            "data processing agreement and an outsourcing addendum covering audit and exit rights."
        ),
        (
            "Lumora Connect synchronised Dynamics 365 opportunities and account data through an Entra ID app "
            "registration with read-only access. Multi-currency forecasting applied a single set of corporate "
            "exchange rates, and a custom forecast field captured each merchant's expected payment volume ramp "
            "so that revenue, not just bookings, could be forecast."
        ),
    ),
    solution_points=(
        "**Multi-currency:** deals in nine currencies rolled up in euros at the corporate rate.",
        "**Revenue-ready forecast:** bookings and merchant volume ramps combined into a revenue view.",
        "**Change explanations:** every movement between snapshots traced to deals, owners and reasons.",
        "**EU data residency:** all customer data stored and processed in the EU region.",
    ),
    results=(
        (
            "Monthly consolidation dropped from four days to a few hours, and country managers stopped "
            "maintaining their own spreadsheets within the first month. Since the third quarter live, the "
            "board forecast has landed within 3% of actual revenue every quarter."
        ),
        (
            "When the forecast moves, Tidewater can now explain it the same day. The waterfall view shows "
            "which deals entered, left or changed value between two weekly snapshots, and the commentary "
            "attached to each change. The CFO uses that view directly in board preparation."
        ),
        (
            "Because the AI forecast is shown next to each country manager's call, coaching conversations "
            "have changed as well. Managers whose calls drift from the AI forecast are asked to explain the "
            "difference, which has reduced end-of-quarter surprises and the discounting that used to follow "
            "them."
        ),
    ),
    second_quote=(
        (
            "Lumora passed our outsourcing review faster than any vendor I have worked with. The "
            "documentation was complete and the EU hosting was real, not a promise on a roadmap."
        ),
        "Cian Byrne, Head of Information Security, Tidewater Payments",
    ),
    looking_ahead=(
        (
            "Tidewater is adding Lumora Signals to forecast merchant churn, using payment volume trends from "
            "its data warehouse as a leading indicator. The company will also extend Lumora to its partner "
            "sales channel in Spain and Italy in 2027."
        ),
    ),
    listing=approved(
        LENA,
        "2026-04-02T09:30:00+01:00",
        "2028-01-31",
        product=["Lumora Forecast", "Lumora Connect"],
        stage=["decision"],
        persona=["CFO", "IT/Security"],
        industry=["Financial services"],
        region=["EMEA"],
        tags=["case study", "GDPR", "EU data residency", "board reporting"],
    ),
    keywords=("financial services", "GDPR", "Dynamics 365", "multi-currency", "EMEA"),
)

QUILLSTACK = case_study(
    customer="Quillstack",
    title="Quillstack lifts gross retention from 84% to 91%",
    subtitle="A developer-tools SaaS company uses Lumora Signals and Forecast to manage churn and "
    "expansion across APAC and North America",
    at_a_glance=(
        ("Customer", "Quillstack, Singapore and Seattle"),
        ("Industry", "SaaS: documentation and API tooling for software teams"),
        ("Size", "480 employees; 2,600 business customers; product-led and sales-led motions"),
        ("Products", "Lumora Platform bundle: Forecast, Signals and Connect Plus (HubSpot, BigQuery)"),
        ("Live since", "November 2024"),
    ),
    opening="Quillstack grew quickly on a product-led motion, with thousands of teams starting on a free "
    "plan and upgrading to paid workspaces. By 2024, most new revenue came from expansion, and most "
    "of the risk came from churn nobody saw coming. Lumora gave the revenue team one view of both.",
    key_figures=(
        ("91%", "gross revenue retention, up from 84%"),
        ("+31%", "expansion pipeline in two quarters"),
        ("11 hrs", "forecast prep saved per region weekly"),
        ("81%", "of past churn flagged in back-test"),
    ),
    challenge=(
        (
            "Quillstack's customers buy seats in workspaces, and usage varies widely from team to team. "
            "Account managers in Singapore, Sydney and Seattle each covered hundreds of accounts and could "
            "only give attention to the largest. Smaller accounts renewed or churned on autopilot, and the "
            "company's gross revenue retention had fallen to 84%."
        ),
        (
            "Forecasting was equally difficult. Renewals, expansions and new business were tracked in "
            "HubSpot, while seat usage lived in BigQuery. Each regional lead built a weekly spreadsheet "
            "combining the two, spending around 11 hours a week on it, and the APAC and North American "
            "spreadsheets used different definitions of committed revenue."
        ),
    ),
    first_quote=(
        (
            "Our product data knew which customers were in trouble. Our CRM did not, and our forecast "
            "definitely did not."
        ),
        "Wei Ling Tan, Vice President of Revenue Operations, Quillstack",
    ),
    solution=(
        (
            "Quillstack adopted the Lumora Platform bundle. Connect Plus used a zero-copy connection to "
            "Quillstack's BigQuery views, so product usage stayed in its warehouse while Lumora read weekly "
            "aggregates per workspace. HubSpot deals, companies and activities synced through the native "
            "HubSpot connector."
        ),
        (
            "The Signals back-test flagged 81% of the previous year's churned accounts at least 90 days "
            "before renewal. RevOps tuned the thresholds separately for three segments, and Signals alerts "
            "went live in Slack with playbooks for adoption workshops and commercial reviews. Lumora Forecast "
            "replaced the regional spreadsheets with a single forecast, including renewal risk from Signals."
        ),
    ),
    solution_points=(
        "**Usage-aware health scores:** seat utilisation, feature adoption and API call trends per workspace.",
        "**Expansion signals:** workspaces above 85% seat utilisation routed to account managers.",
        "**Unified forecast:** new business, expansion and renewal risk in one view for both regions.",
        "**Zero-copy warehouse access:** governance stays in BigQuery.",
    ),
    results=(
        (
            "Within three quarters, gross revenue retention rose from 84% to 91%. The largest gains came from "
            "mid-sized accounts that previously had no proactive coverage: Signals alerts prompted adoption "
            "workshops that turned around more than half of the accounts flagged as high risk."
        ),
        (
            "Expansion pipeline grew by 31% in the first two quarters, as seat-utilisation signals gave account "
            "managers a timely reason to call. Regional leads no longer build spreadsheets; the 11 hours each "
            "spent weekly now go into deal reviews and coaching."
        ),
    ),
    second_quote=(
        (
            "Signals changed the rhythm of our week. Monday starts with a list of accounts that need "
            "us, and the reasons why, instead of a spreadsheet nobody trusts."
        ),
        "Ravi Menon, Director of Account Management APAC, Quillstack",
    ),
    looking_ahead=(
        (
            "Quillstack is using Lumora's forecast accuracy reports to set quotas for 2027 and plans to connect "
            "its billing data from Stripe Billing to forecast revenue as well as bookings."
        ),
    ),
    listing=approved(
        PRIYA,
        "2026-05-12T08:00:00+08:00",
        "2027-11-30",
        product=list(ALL_PRODUCTS),
        stage=["consideration", "expansion"],
        persona=["CRO", "RevOps", "VP Sales"],
        industry=["SaaS"],
        region=["APAC", "North America"],
        tags=["case study", "churn", "expansion", "product-led growth"],
    ),
    keywords=("SaaS", "churn", "HubSpot", "BigQuery", "APAC", "expansion"),
)

SOLARA = case_study(
    customer="Solara Home Brands",
    title="Solara Home Brands cuts its planning buffer from 12% to 4%",
    subtitle="A consumer goods maker selling to retail chains in Mexico and Brazil forecasts sell-in "
    "with Lumora Forecast",
    at_a_glance=(
        ("Customer", "Solara Home Brands, Monterrey, Mexico"),
        ("Industry", "Retail: home and kitchen products sold to retail chains and marketplaces"),
        ("Size", "2,300 employees; 70 key account managers in Mexico, Brazil and Colombia"),
        ("Products", "Lumora Forecast Business, Lumora Connect Plus (Salesforce, Snowflake)"),
        ("Live since", "March 2025"),
    ),
    opening="Solara Home Brands sells cookware and home products to the largest retail chains in Latin "
    "America. Its key account managers negotiate seasonal orders months in advance, and every "
    "forecast error turns into either empty shelves or expensive stock. Lumora Forecast gave Solara "
    "a sell-in forecast that finance and supply chain can plan on.",
    key_figures=(
        ("4%", "planning buffer, down from 12%"),
        ("3", "countries, 2 currencies, 1 forecast"),
        ("-18%", "end-of-season markdown spend"),
        ("5 months", "payback period"),
    ),
    challenge=(
        (
            "Solara's key account managers forecast seasonal programs for retail chains in Mexico, Brazil and "
            "Colombia. Forecasts were built in spreadsheets per customer and submitted monthly, in Spanish and "
            "Portuguese templates with different assumptions. The finance team added a 12% buffer to protect "
            "margins, and supply chain added its own safety stock on top."
        ),
        (
            "The result was too much stock in slow seasons and too little in peak ones. In the 2024 "
            "back-to-school season, Solara ran out of its best-selling cookware line in Brazil while holding "
            "excess inventory of the same line in Mexico. Markdowns at the end of the season cost more than "
            "the company's entire trade marketing budget for the quarter."
        ),
    ),
    first_quote=(
        (
            "Our people know their customers very well. What they did not have was a shared way to "
            "turn that knowledge into a number the company could plan on."
        ),
        "Carolina Reyes, Chief Financial Officer, Solara Home Brands",
    ),
    solution=(
        (
            "Solara deployed Lumora Forecast Business with Connect Plus. Salesforce opportunities represent "
            "seasonal programs per retail chain, with product lines as line items; Snowflake provides sell-out "
            "data that retailers share weekly. Lumora's AI forecast learns from both, so that a program's "
            "likelihood reflects how well the products are actually selling in store."
        ),
        (
            "Forecast submission moved into Lumora with Spanish and Portuguese interfaces, and the forecast is "
            "reported in both Mexican pesos and Brazilian reais with a corporate US dollar roll-up. Lumora's "
            "LATAM partner, Andina Revenue Partners, delivered the implementation in five weeks."
        ),
    ),
    solution_points=(
        "**Sell-in forecast informed by sell-out:** retailer data shapes the AI forecast per program.",
        "**Localised experience:** Spanish and Portuguese interfaces and local currencies.",
        "**Supply chain view:** forecast by product line and country for the monthly S&OP meeting.",
        "**Accuracy tracking:** by account manager, customer and season.",
    ),
    results=(
        (
            "After two seasons, finance reduced its planning buffer from 12% to 4%, freeing working capital "
            "that Solara invested in a new distribution centre in São Paulo. End-of-season markdown spend "
            "fell by 18%, and stock-outs on top product lines were halved. The investment paid back in five "
            "months."
        ),
        (
            "Account managers now review forecast accuracy per customer at the start of each season and use "
            "it in negotiations: retail buyers respond well to a supplier that can show how reliable its "
            "commitments have been."
        ),
    ),
    second_quote=(
        (
            "For the first time, sales, finance and supply chain walk into S&OP with the same number. "
            "The meeting is about decisions, not reconciliation."
        ),
        "Eduardo Lima, Director of Sales Operations Brazil, Solara Home Brands",
    ),
    looking_ahead=(
        (
            "Solara plans to add Lumora Signals to monitor marketplace accounts and to extend forecasting to "
            "its new Chilean subsidiary in 2027."
        ),
    ),
    listing=approved(
        RAFAEL,
        "2026-01-20T13:00:00-03:00",
        "2027-06-30",
        product=["Lumora Forecast", "Lumora Connect"],
        stage=["consideration", "decision"],
        persona=["CFO", "VP Sales"],
        industry=["Retail", "Manufacturing"],
        region=["LATAM"],
        tags=["case study", "S&OP", "multi-currency", "LATAM"],
    ),
    keywords=("retail", "LATAM", "S&OP", "Snowflake", "multi-currency"),
)

HALCYON = case_study(
    customer="Halcyon Insurance",
    title="Halcyon Insurance forecasts broker revenue with Lumora",
    subtitle="DRAFT for customer review: an Australian insurer brings broker channel forecasting into one "
    "view",
    at_a_glance=(
        ("Customer", "Halcyon Insurance Group, Sydney, Australia"),
        ("Industry", "Financial services: commercial property and liability insurance"),
        ("Size", "3,400 employees; 120 broker relationship managers"),
        ("Products", "Lumora Forecast Enterprise (APAC data region), Lumora Connect"),
        ("Live since", "April 2026"),
    ),
    opening="Halcyon Insurance sells commercial insurance through a network of more than 400 brokers. "
    "Forecasting premium from broker relationships had always been a mix of spreadsheets and "
    "experience. With Lumora Forecast, relationship managers submit weekly calls per broker and the "
    "commercial finance team sees a single view of expected gross written premium.",
    key_figures=(
        ("TBC", "forecast accuracy (awaiting Q3 figures)"),
        ("120", "relationship managers live"),
        ("APAC", "data region in Sydney"),
        ("7 weeks", "implementation"),
    ),
    challenge=(
        (
            "Halcyon's relationship managers track broker opportunities in Salesforce, but premium forecasts "
            "were built in spreadsheets by each state team. Renewals, new business and mid-term adjustments "
            "were mixed together, and the national forecast took a week to consolidate."
        ),
        (
            "APRA's prudential standards on outsourcing and data security meant that any forecasting vendor "
            "needed to host data in Australia and support audit rights for Halcyon and its regulator."
        ),
    ),
    first_quote=(
        "Quote pending approval from Halcyon's communications team.",
        "Name and title to be confirmed",
    ),
    solution=(
        (
            "Halcyon deployed Lumora Forecast Enterprise in Lumora's APAC data region in Sydney. Lumora "
            "Connect synchronises Salesforce opportunities with custom fields for premium, line of business "
            "and broker tier. Forecast hierarchies follow Halcyon's state and broker-tier structure."
        ),
        (
            "Implementation took seven weeks, including a security review against APRA CPS 234 requirements "
            "and a contract addendum covering regulator audit rights."
        ),
    ),
    solution_points=(
        "**Broker-level forecast:** calls submitted per broker and line of business.",
        "**Premium forecast:** gross written premium rather than deal count.",
        "**APAC data residency:** all data hosted in Sydney.",
    ),
    results=(
        (
            "Results section to be completed after the Q3 2026 quarter close. Early feedback: national "
            "consolidation now takes hours rather than a week, and relationship managers adopted weekly "
            "submissions within the first month."
        ),
    ),
    second_quote=("Second quote pending customer interview on 4 December.", "To be confirmed"),
    looking_ahead=(
        (
            "Halcyon is considering Lumora Signals to identify brokers whose submission volumes are declining. "
            "Section to be confirmed with the customer."
        ),
    ),
    listing=Listing(
        "draft",
        None,
        None,
        None,
        ("Lumora Forecast", "Lumora Connect"),
        ("decision",),
        ("CFO", "RevOps"),
        ("Financial services",),
        ("APAC",),
        ("case study", "draft", "insurance"),
    ),
    keywords=("insurance", "APAC", "APRA", "draft"),
)

CASE_STUDIES = (KESTREL, MEADOWLARK, TIDEWATER, QUILLSTACK, SOLARA, HALCYON)

HALCYON_NOTES = WordDoc(
    path="Case studies/Halcyon Insurance case study - interview notes DRAFT.docx",
    title="Halcyon Insurance case study: interview notes",
    subtitle="Working draft, not for distribution. Owner: Priya Raman, sales enablement.",
    blocks=(
        DocxBlock(
            "Status",
            paragraphs=(
                (
                    "Interview one completed with Halcyon's head of commercial finance on 14 October 2026. Second "
                    "interview with the national sales director is scheduled for 4 December. Customer "
                    "communications team must approve every quote and figure before the case study is published."
                ),
                (
                    "Do not share these notes or the draft PDF with prospects. Reps may mention Halcyon as a "
                    "customer in APAC conversations only after the logo approval is confirmed."
                ),
            ),
        ),
        DocxBlock(
            "Background from the first interview",
            paragraphs=(
                (
                    "Halcyon previously consolidated premium forecasts from six state teams in spreadsheets. The "
                    "national view took about a week each month. Relationship managers were sceptical of another "
                    "tool; adoption was driven by making weekly submission possible from Salesforce mobile."
                ),
                (
                    "Commercial finance wants to use Lumora forecast snapshots in its quarterly reinsurance "
                    "planning. They asked whether accuracy reports can be broken down by line of business; this "
                    "is possible with a custom forecast dimension."
                ),
            ),
        ),
        DocxBlock(
            "Numbers to confirm",
            bullets=(
                "Forecast accuracy at week three for Q3 2026 (expected around 90%, to be confirmed).",
                "Hours saved in consolidation per month (estimate: 30 hours across state finance teams).",
                "Number of brokers covered by weekly calls (currently 410).",
            ),
        ),
        DocxBlock(
            "Open questions for the second interview",
            bullets=(
                "How did the APRA CPS 234 review compare with previous vendor reviews?",
                "What changed in the weekly sales meeting after go-live?",
                "Would the national sales director act as a reference for APAC insurers?",
            ),
        ),
    ),
    listing=None,
    keywords=("draft", "interview notes", "insurance"),
)


# ---------------------------------------------------------------------------------------------------------
# Battlecards (internal)
# ---------------------------------------------------------------------------------------------------------


def battlecard(
    *,
    competitor: str,
    quick_take: str,
    snapshot: Sequence[tuple[str, str]],
    where_we_win: Sequence[str],
    where_they_win: Sequence[str],
    landmines: Sequence[str],
    objections: Sequence[tuple[str, str]],
    comparison: Sequence[tuple[str, str, str]],
    proof: Sequence[str],
    listing: Listing,
) -> PdfDoc:
    body = (
        lead(quick_take)
        + glance(snapshot)
        + h2("Where we win")
        + bullets(*where_we_win)
        + h2(f"Where {competitor} wins (be honest about it)")
        + bullets(*where_they_win)
        + h2("Landmines to set in discovery")
        + bullets(*landmines)
        + h2("Objection handling")
        + grid(("They say", "You say"), objections, widths=(32, 68))
        + h2("Side by side")
        + grid(("Capability", "Lumora", competitor), comparison, widths=(30, 35, 35))
        + h2("Proof points to use")
        + bullets(*proof)
        + callout(
            "Need help on a competitive deal?",
            "Post in #compete-" + competitor.lower() + " or e-mail james.okafor@lumora.example. "
            "Log every win and loss against " + competitor + " in the Salesforce 'Competitor' field "
            "so this card stays current.",
        )
    )
    return PdfDoc(
        path=f"Battlecards/Battlecard - Lumora vs {competitor}.pdf",
        kind="Battlecard",
        title=f"Lumora vs {competitor}",
        subtitle="How to position, which traps to set, and how to answer the objections you will hear",
        sections=(body,),
        pages=(1, 3),
        listing=listing,
        audience="internal",
        keywords=("battlecard", "competitive", competitor),
    )


FORECASTLY = battlecard(
    competitor="Forecastly",
    quick_take="Forecastly is the low-cost, quick-start option in mid-market deals. It is a tidy "
    "spreadsheet-style roll-up on top of Salesforce. We win when the buyer cares about accuracy, "
    "finance needs to trust the number, or the company is growing past 50 sellers. We lose when "
    "the deal is only about price and the buyer wants a roll-up, not a forecast.",
    snapshot=(
        ("Company", "Founded 2019 in Boston; about 150 employees; venture backed (Series B)"),
        ("Target", "Mid-market SaaS, 10-80 sellers, Salesforce only"),
        ("Pricing", "List around $45 per user per month; frequent 'first year at 50% off' promotions"),
        ("Strengths", "Fast setup, simple UI, low price, good Salesforce admin reviews"),
        ("Weaknesses", "No explainable AI forecast, no HubSpot or Dynamics, US hosting only, SOC 2 Type I"),
    ),
    where_we_win=(
        (
            "**Accuracy and explainability:** Forecastly's 'predicted' column is a weighted pipeline by stage. "
            "Lumora's AI forecast is trained per customer and explains every prediction with its drivers."
        ),
        (
            "**Finance involvement:** Forecastly has no scenario planning and no snapshot audit trail. As soon as "
            "the CFO or FP&A joins the evaluation, our win rate against Forecastly rises from 48% to 71%."
        ),
        (
            "**Beyond Salesforce:** HubSpot, Dynamics 365 and warehouse data (Connect Plus) are not supported by "
            "Forecastly at all."
        ),
        (
            "**Security and compliance:** SOC 2 Type II, ISO/IEC 27001 and an EU data region. Forecastly has a "
            "SOC 2 Type I report and hosts in the US only, which blocks most EMEA and regulated deals."
        ),
        "**Retention:** Lumora Signals adds churn and expansion signals; Forecastly only forecasts new business.",
    ),
    where_they_win=(
        "Price in small deals: below 25 users, Forecastly is often 30-40% cheaper than Forecast Team.",
        "Speed: a Salesforce admin can set Forecastly up in a day for a simple hierarchy.",
        "Familiarity: reps who like spreadsheets find the grid interface comfortable.",
    ),
    landmines=(
        '"How do you measure forecast accuracy today, and who in finance looks at it?"',
        '"When the forecast changes week to week, how do you explain the change to your CFO?"',
        (
            '"Which systems besides Salesforce hold data that should influence the forecast, such as usage or '
            'billing?"'
        ),
        '"Does your security team require SOC 2 Type II or data residency in the EU?"',
        '"How do you forecast renewals and churn, not just new business?"',
    ),
    objections=(
        (
            '"Forecastly is half the price."',
            (
                "List-to-list, Forecastly is about 30% cheaper than Forecast Team, and their first-year promotion "
                "doubles at renewal. Compare the three-year cost and what a 5-point accuracy gain is worth on your "
                "plan. Use the ROI calculator guide; do not match their price."
            ),
        ),
        (
            '"We just need a roll-up."',
            (
                "That is a fair starting point. Ask what happens when the roll-up is wrong: who catches it, how "
                "early, and what it costs. If the answer is 'nothing much', Forecastly may be enough; qualify out "
                "politely and keep the relationship."
            ),
        ),
        (
            '"Forecastly has AI too."',
            (
                "Ask them to show why a specific deal has its predicted value. Forecastly applies stage "
                "probabilities; Lumora trains a model on the customer's own history and shows the drivers."
            ),
        ),
        (
            '"Their setup takes a day."',
            (
                "Ours connects on day one as well. The six-week plan is about adoption and accuracy: hierarchies, "
                "quotas, historical data and training. A forecast nobody uses is not fast, it is just early."
            ),
        ),
    ),
    comparison=(
        ("AI forecast with explanations", "Yes, per-customer model with drivers", "Stage-weighted pipeline"),
        ("Scenario planning", "Yes, Business tier and above", "No"),
        ("CRMs supported", "Salesforce, HubSpot, Dynamics 365", "Salesforce only"),
        ("Warehouse data", "Snowflake, BigQuery, Databricks", "No"),
        ("Churn and expansion signals", "Lumora Signals", "No"),
        ("Certifications", "SOC 2 Type II, ISO/IEC 27001", "SOC 2 Type I"),
        ("Data regions", "US, EU, APAC", "US only"),
        ("List price (entry tier)", "$65 per user per month", "About $45 per user per month"),
    ),
    proof=(
        "Quillstack chose Lumora over Forecastly because of the BigQuery usage data and churn signals.",
        "Tidewater Payments could not use Forecastly: no EU data region and no Dynamics 365 connector.",
        "2026 win rate against Forecastly: 58% overall, 71% when finance is involved.",
    ),
    listing=approved(
        JAMES,
        "2026-08-04T12:00:00+00:00",
        "2027-03-31",
        product=["Lumora Forecast"],
        stage=["consideration", "decision"],
        persona=["Sales rep"],
        tags=["battlecard", "competitive", "Forecastly", "objection handling"],
    ),
)

PIPEIQ = battlecard(
    competitor="PipeIQ",
    quick_take="PipeIQ is a conversation intelligence vendor that records and transcribes sales calls. It "
    "added a forecasting module in 2024 and sells it as a bundle to existing call-recording "
    "customers. We win on forecast depth, finance features, privacy and total cost. We lose "
    "when the buyer's main goal is call coaching and the forecast is an afterthought.",
    snapshot=(
        ("Company", "Founded 2016 in San Francisco; about 900 employees; late-stage private"),
        ("Target", "Sales teams of 50-2,000 sellers that already record calls"),
        ("Pricing", "Platform fee plus about $120 per user per month for recording and forecasting bundle"),
        ("Strengths", "Call recording and transcripts, coaching, strong brand with sales leaders"),
        ("Weaknesses", "Forecast relies on call sentiment; needs call recording consent; US hosting only"),
    ),
    where_we_win=(
        (
            "**Forecasting is our product, not a module:** hierarchies, multiple forecast types, scenario "
            "planning, snapshots and accuracy tracking. PipeIQ's forecast is a roll-up with a sentiment score."
        ),
        (
            "**Finance and the CFO:** PipeIQ has no scenario planning or exports to planning tools. Bring "
            "finance into the deal early."
        ),
        (
            "**Privacy in EMEA and regulated industries:** Lumora does not need call recordings or message "
            "content. PipeIQ's forecast quality depends on recording every call, which requires consent and "
            "often triggers works council reviews in Germany and France."
        ),
        (
            "**Cost:** a team that only wants forecasting pays for recording seats with PipeIQ. Lumora "
            "Forecast Business is about 20% cheaper per user than PipeIQ's bundle."
        ),
    ),
    where_they_win=(
        "Call coaching and conversation insights: we do not record calls and should not pretend to.",
        "Existing PipeIQ customers often get forecasting 'free' for the first year in their renewal.",
        "Sales leaders who love the PipeIQ brand may see forecasting as a natural extension.",
    ),
    landmines=(
        '"What share of your deals have recorded calls today, and in which countries can you record?"',
        '"Who builds the board forecast today, and what tools does finance use?"',
        '"Do you need to forecast renewals, multiple product lines or several currencies?"',
        '"What happens to forecast accuracy when key conversations happen by e-mail or in person?"',
    ),
    objections=(
        (
            '"We already pay for PipeIQ."',
            (
                "Great, keep it for coaching. Lumora integrates with it: call activity counts feed our model. The "
                "question is whether the forecast module meets finance's needs; show the scenario and snapshot "
                "features side by side."
            ),
        ),
        (
            '"PipeIQ\'s AI listens to every call, so it must be more accurate."',
            (
                "Sentiment is one signal, and only for recorded calls. Lumora's model uses stage history, "
                "engagement, deal changes and your own win history; our customers' median accuracy is 94% at "
                "week three after two quarters."
            ),
        ),
        (
            '"Their forecasting is free in our renewal."',
            (
                "Free for year one. Ask for the year-two price in writing and compare the three-year cost, "
                "including the recording seats they will need to keep."
            ),
        ),
    ),
    comparison=(
        ("Forecast types and hierarchies", "Multiple, configurable without code", "Single hierarchy"),
        ("Scenario planning and what-if", "Yes", "No"),
        ("Depends on call recording", "No", "Yes, for its AI score"),
        ("Churn and renewal risk", "Lumora Signals", "Deal risk only"),
        ("Data regions", "US, EU, APAC", "US only"),
        ("Call coaching", "No (integrates with recorders)", "Yes, core strength"),
        (
            "Typical price, forecasting",
            "$99 per user per month (Business)",
            "About $120 per user per month bundle",
        ),
    ),
    proof=(
        (
            "Tidewater Payments rejected PipeIQ because recording calls across nine EU countries was not "
            "acceptable to its works councils and DPO."
        ),
        (
            "Kestrel Robotics runs PipeIQ for coaching and Lumora for the forecast; Kestrel is happy to say so "
            "on a reference call."
        ),
        "2026 win rate against PipeIQ in forecasting evaluations: 62%.",
    ),
    listing=approved(
        JAMES,
        "2026-08-04T12:30:00+00:00",
        "2027-03-31",
        product=["Lumora Forecast", "Lumora Signals"],
        stage=["consideration", "decision"],
        persona=["Sales rep"],
        tags=["battlecard", "competitive", "PipeIQ", "objection handling"],
    ),
)

REVLYTIC = WordDoc(
    path="Battlecards/Battlecard - Lumora vs Revlytic.docx",
    title="Battlecard: Lumora vs Revlytic",
    subtitle="INTERNAL USE ONLY. Enterprise revenue-suite competitor. Owner: James Okafor, "
    "competitive intelligence. Updated August 2026.",
    blocks=(
        DocxBlock(
            "Quick take",
            paragraphs=(
                (
                    "Revlytic is the incumbent enterprise revenue suite: territory and quota planning, forecasting, "
                    "compensation and analytics in one contract. It is strong in very large companies with complex "
                    "hierarchies and an appetite for long projects. We win on time to value, usability, "
                    "transparent pricing and AI forecast quality. We lose when the buyer wants one vendor for "
                    "planning, compensation and forecasting, and has budget and patience for a six-month rollout."
                ),
            ),
        ),
        DocxBlock(
            "Company snapshot",
            table=(
                ("Item", "Revlytic"),
                (
                    "Founded",
                    "2009, Chicago; about 2,400 employees; owned by a private equity firm since 2022",
                ),
                ("Target", "Enterprises with 500+ sellers; strong in manufacturing and financial services"),
                ("Pricing", "Not published; suite deals of $400K-$2M a year plus services billed hourly"),
                ("Implementation", "Typically 4-6 months with Revlytic professional services or a partner"),
            ),
        ),
        DocxBlock(
            "Where we win",
            bullets=(
                (
                    "**Time to value:** six weeks to a live forecast versus four to six months. Ask the buyer when "
                    "they need the first board forecast from the new system."
                ),
                (
                    "**Usability and adoption:** reps submit their call in Slack or Teams in under a minute. "
                    "Revlytic's interface is built for analysts, and field adoption is a known weakness in reviews."
                ),
                (
                    "**AI forecast quality:** Revlytic's predictive forecast is a separately licensed module with a "
                    "generic model; ours is trained on each customer's history and explains its drivers."
                ),
                (
                    "**Commercial clarity:** published pricing, fixed-fee implementation and a 5% renewal cap. "
                    "Revlytic's services are billed hourly and change orders are common."
                ),
                "**Configuration without services:** RevOps can change hierarchies and categories themselves.",
            ),
        ),
        DocxBlock(
            "Where Revlytic wins",
            bullets=(
                "Territory and quota planning, and incentive compensation: we do not offer these.",
                "Very large, matrixed organisations with 10+ forecast hierarchies and heavy customisation.",
                "Buyers who want a single suite vendor for procurement reasons.",
            ),
        ),
        DocxBlock(
            "Landmines to set",
            bullets=(
                (
                    '"When do you need the first forecast call in the new system, and what happens if it slips a '
                    'quarter?"'
                ),
                (
                    '"Who will maintain hierarchies and forecast categories after go-live, and how will they change '
                    'them?"'
                ),
                '"How will you measure adoption by managers and reps in the first 90 days?"',
                '"Has the services estimate been fixed in the contract, or is it time and materials?"',
            ),
        ),
        DocxBlock(
            "Objection handling",
            table=(
                ("They say", "You say"),
                (
                    '"Revlytic does everything in one suite."',
                    (
                        "It does a lot. Ask which modules they will use in year one; most buyers start with "
                        "forecasting. Lumora integrates with planning and compensation tools through Connect."
                    ),
                ),
                (
                    '"Revlytic is the safe enterprise choice."',
                    (
                        "Safe means adopted and accurate. Offer enterprise references (Kestrel, Tidewater) and our "
                        "SOC 2 Type II, ISO/IEC 27001 and 99.9% uptime SLA."
                    ),
                ),
                (
                    '"Their AI is more mature."',
                    (
                        "Propose a back-test on their own data: we will show how Lumora would have called their last "
                        "four quarters. Revlytic rarely agrees to a head-to-head back-test."
                    ),
                ),
                (
                    '"Revlytic offered a big discount."',
                    (
                        "Compare three-year total cost including services and change orders. Involve the deal desk "
                        "before responding; do not discount reactively."
                    ),
                ),
            ),
        ),
        DocxBlock(
            "Discount guidance in Revlytic deals",
            paragraphs=(
                (
                    "Revlytic discounts heavily in the final weeks of its fiscal quarters (quarters end in January, "
                    "April, July and October). Our standard discount approval matrix applies: up to 10% at rep "
                    "discretion, up to 20% with regional VP approval, up to 30% with the deal desk and VP Sales, and "
                    "anything beyond with CRO and CFO sign-off. A competitive displacement of Revlytic qualifies "
                    "for the 'strategic logo' programme; ask the deal desk."
                ),
            ),
        ),
        DocxBlock(
            "Proof points",
            bullets=(
                "Kestrel Robotics evaluated Revlytic and chose Lumora for its six-week implementation.",
                "2026 win rate against Revlytic: 44% overall; 63% when the buyer runs a back-test.",
                "Three 2026 customers replaced Revlytic forecasting while keeping Revlytic compensation.",
            ),
        ),
    ),
    listing=approved(
        JAMES,
        "2026-08-11T10:00:00+00:00",
        "2027-03-31",
        product=["Lumora Forecast"],
        stage=["decision"],
        persona=["Sales rep", "VP Sales"],
        industry=["Manufacturing", "Financial services"],
        region=["North America", "EMEA"],
        tags=["battlecard", "competitive", "Revlytic", "discount approval"],
    ),
    keywords=("battlecard", "Revlytic", "enterprise"),
)

BATTLECARD_PDFS = (FORECASTLY, PIPEIQ)


# ---------------------------------------------------------------------------------------------------------
# Pricing sheets
# ---------------------------------------------------------------------------------------------------------


#: Questions that every pricing sheet answers after the tables.
PRICING_FAQ: tuple[tuple[str, str], ...] = (
    (
        "Who counts as a user?",
        (
            "Anyone who submits, adjusts or reviews a forecast, or acts on Signals alerts. Executives who only view "
            "dashboards and snapshots are free. RevOps admins count as users."
        ),
    ),
    (
        "Can a customer mix editions?",
        (
            "No. All users in one tenant are on the same Forecast edition. Customers with a small team that needs "
            "Enterprise features (for example a multi-currency finance team) should buy Enterprise for everyone or "
            "talk to the deal desk about a separate tenant."
        ),
    ),
    (
        "What happens when a customer adds users mid-term?",
        (
            "Additional users are prorated to the end of the current term at the same per-user price as the "
            "original order, including any approved discount, and co-terminate with the subscription."
        ),
    ),
)


def pricing_sheet(
    *,
    year: int,
    intro: str,
    tiers: Sequence[tuple[str, str, str, str]],
    add_ons: Sequence[tuple[str, str, str]],
    services: Sequence[tuple[str, str, str]],
    discounts: Sequence[tuple[str, str, str]],
    terms: Sequence[str],
    changes: Sequence[str],
    listing: Listing,
) -> PdfDoc:
    body = (
        lead(intro)
        + h2("Subscriptions")
        + grid(("Edition", "List price", "Minimum", "Includes"), tiers, widths=(20, 18, 14, 48))
        + h2("Add-ons")
        + grid(("Add-on", "List price", "Notes"), add_ons, widths=(24, 26, 50))
        + h2("Implementation and services (fixed fee)")
        + grid(("Package", "Price", "Scope"), services, widths=(24, 16, 60))
        + h2("Discount approval matrix")
        + grid(
            ("Discount off list", "Approver", "What to include in the request"),
            discounts,
            widths=(20, 30, 50),
        )
        + h2("Commercial terms")
        + bullets(*terms)
        + h2(f"What changed for {year}")
        + bullets(*changes)
        + h2("Pricing questions reps ask")
        + "".join(h3(q) + paras(a) for q, a in PRICING_FAQ)
        + small(
            "All prices are in US dollars, per user per month, billed annually in advance unless stated "
            "otherwise. Local-currency price lists (EUR, GBP, AUD, BRL, MXN) are available from the deal "
            "desk. Taxes are not included. Internal reference: share with customers after qualification."
        )
    )
    return PdfDoc(
        path=f"Pricing/Pricing sheet {year}.pdf",
        kind="Pricing",
        title=f"Lumora pricing and packaging {year}",
        subtitle=f"List prices, add-ons, services and discount approvals effective 1 January {year}",
        sections=(body,),
        pages=(1, 2),
        listing=listing,
        keywords=("pricing", "discount approval", str(year), "packaging"),
    )


PRICING_2025 = pricing_sheet(
    year=2025,
    intro="Lumora is priced per user per month, with a user being anyone who submits or reviews a "
    "forecast. Read-only executive viewers are free. This sheet covers list prices for new "
    "subscriptions signed from 1 January 2025.",
    tiers=(
        (
            "Forecast Team",
            "$60",
            "10 users",
            (
                "Rep and manager calls, roll-up, pipeline inspection, Salesforce "
                "or HubSpot connector, standard support"
            ),
        ),
        (
            "Forecast Business",
            "$95",
            "25 users",
            (
                "Everything in Team plus AI forecast, scenario planning, "
                "accuracy tracking, Slack and Teams, Dynamics 365"
            ),
        ),
        (
            "Forecast Enterprise",
            "From $130",
            "100 users",
            ("Business plus multi-currency, multiple hierarchies, EU data region, SSO/SCIM, premium support"),
        ),
    ),
    add_ons=(
        ("Lumora Signals", "$35 per user", "Requires Forecast Business or Enterprise"),
        ("Connect Plus", "$1,500 per month", "Snowflake, BigQuery and Databricks connectors"),
        ("Sandbox environment", "$500 per month", "Enterprise only"),
    ),
    services=(
        ("QuickStart", "$7,500", "Up to 50 users, one hierarchy, one CRM, four weeks"),
        ("Guided", "$18,000", "Up to 250 users, two hierarchies, warehouse data, six weeks"),
        ("Enterprise rollout", "From $40,000", "Multi-region, multiple hierarchies, custom scoping"),
    ),
    discounts=(
        ("Up to 10%", "Account executive", "Reason and competitive context in the opportunity"),
        ("10% to 20%", "Regional sales manager", "Deal summary, term length, competitor"),
        ("20% to 30%", "Deal desk and VP Sales", "Business case, three-year value, executive sponsor"),
        ("Above 30%", "CRO and CFO", "Strategic rationale; reviewed weekly on Thursdays"),
    ),
    terms=(
        "Annual subscriptions, billed annually in advance; multi-year terms available.",
        (
            "Multi-year incentive: 5% off for a two-year term, 8% for three years, not combinable with "
            "promotional discounts."
        ),
        "Renewal uplift capped at 7% per year.",
    ),
    changes=(
        "Forecast Business price increased from $89 to $95 with the addition of scenario planning.",
        "Signals introduced as an add-on (previously in early access).",
    ),
    listing=Listing(
        "retired",
        RAFAEL,
        "2024-12-09T17:00:00-06:00",
        "2025-12-31",
        ALL_PRODUCTS,
        ("decision",),
        ("CFO", "VP Sales", "Sales rep"),
        ALL_INDUSTRIES,
        ALL_REGIONS,
        ("pricing", "2025", "discount approval"),
    ),
)

PRICING_2026 = pricing_sheet(
    year=2026,
    intro="Lumora is priced per user per month, with a user being anyone who submits or reviews a "
    "forecast or acts on Signals alerts. Read-only executive viewers are free and unlimited. This "
    "sheet replaces the 2025 pricing sheet for all quotes issued from 1 January 2026.",
    tiers=(
        (
            "Forecast Team",
            "$65",
            "10 users",
            (
                "Rep and manager calls, roll-up, pipeline inspection, Salesforce "
                "or HubSpot connector, standard support"
            ),
        ),
        (
            "Forecast Business",
            "$99",
            "25 users",
            (
                "Team plus AI forecast with drivers, scenario planning, "
                "accuracy tracking, Slack and Teams, Dynamics 365"
            ),
        ),
        (
            "Forecast Enterprise",
            "From $140",
            "100 users",
            (
                "Business plus multi-currency, multiple "
                "hierarchies, EU or APAC data region, SSO/SCIM, "
                "99.9% SLA, premium support, BAA on request"
            ),
        ),
        (
            "Platform bundle",
            "$129",
            "50 users",
            (
                "Forecast Business, Lumora Signals and Connect Plus together "
                "(saves about 25% against separate prices)"
            ),
        ),
    ),
    add_ons=(
        ("Lumora Signals", "$39 per user", "Requires Forecast Business or Enterprise; included in bundle"),
        ("Connect Plus", "$1,800 per month", "Warehouse connectors and reverse sync; included in bundle"),
        ("Customer-managed keys", "$1,000 per month", "Enterprise only"),
        ("Sandbox environment", "$500 per month", "Enterprise only"),
    ),
    services=(
        ("QuickStart", "$7,500", "Up to 50 users, one hierarchy, one CRM, four weeks"),
        ("Guided", "$19,500", "Up to 250 users, two hierarchies, warehouse data, six weeks"),
        ("Enterprise rollout", "From $45,000", "Multi-region, multiple hierarchies, custom scoping"),
        ("Signals back-test", "$6,000", "Proof of value on eight quarters; credited if signed in 60 days"),
    ),
    discounts=(
        ("Up to 10%", "Account executive", "Reason and competitive context in the opportunity"),
        ("10% to 20%", "Regional VP", "Deal summary, term length, competitor, mutual action plan"),
        ("20% to 30%", "Deal desk and VP Sales", "Business case, three-year value, executive sponsor"),
        ("Above 30%", "CRO and CFO", "Strategic rationale; reviewed at the weekly Thursday deal review"),
    ),
    terms=(
        "Annual subscriptions, billed annually in advance; quarterly billing available at a 3% premium.",
        "Multi-year incentive: 5% off for two years, 8% for three years; applied after approved discounts.",
        "Renewal uplift capped at 5% per year (down from 7%).",
        "Payment terms net 30; purchase orders accepted; non-profit and education pricing via the deal desk.",
        "Implementation is always a fixed fee; never quote services on time and materials.",
    ),
    changes=(
        "New Platform bundle replaces the 'Forecast + Signals' promotion.",
        "Team and Business list prices rise by about 5%; Enterprise from $140.",
        "APAC data region (Sydney) available on Enterprise; renewal cap lowered to 5%.",
        "Discount approvals between 10% and 20% move from regional sales managers to regional VPs.",
    ),
    listing=approved(
        RAFAEL,
        "2025-12-15T17:00:00-06:00",
        "2027-03-31",
        product=list(ALL_PRODUCTS),
        stage=["decision"],
        persona=["CFO", "VP Sales", "Sales rep"],
        tags=["pricing", "2026", "discount approval", "bundle"],
        supersedes="Pricing/Pricing sheet 2025.pdf",
    ),
)


# ---------------------------------------------------------------------------------------------------------
# One-pagers
# ---------------------------------------------------------------------------------------------------------


def one_pager(
    *,
    path: str,
    title: str,
    subtitle: str,
    opening: str,
    key_figures: Sequence[tuple[str, str]],
    sections: Sequence[tuple[str, str]],
    list_title: str,
    points: Sequence[str],
    next_step: tuple[str, str],
    listing: Listing | None,
    keywords: Sequence[str],
    proof: tuple[str, str] | None = None,
    kind: str = "One-pager",
    file_title: str = "",
) -> PdfDoc:
    body = (
        lead(opening)
        + figures(*key_figures)
        + "".join(h2(heading) + paras(text) for heading, text in sections)
        + (quote(*proof) if proof else "")
        + h2(list_title)
        + bullets(*points)
        + callout(*next_step)
    )
    return PdfDoc(
        path=path,
        kind=kind,
        title=title,
        subtitle=subtitle,
        sections=(body,),
        pages=(1, 1),
        listing=listing,
        keywords=tuple(keywords),
        file_title=file_title,
    )


FORECAST_ONE_PAGER = one_pager(
    path="One-pagers/Lumora Forecast one-pager.pdf",
    file_title="Lumora Forecast one-pager",
    proof=(
        "We stopped arguing about the number and started managing the business. Our week-three forecast is now within 7% of bookings.",
        "Marcus Feld, Director of Revenue Operations, Kestrel Robotics",
    ),
    title="Lumora Forecast",
    subtitle="One forecast for sales, finance and the board, with every gap explained",
    opening="Lumora Forecast replaces spreadsheet roll-ups and weekly debates with a single, auditable "
    "revenue forecast. Reps, managers and an AI model each make their call; Lumora shows them side "
    "by side and explains every difference, so leaders can act on risk weeks earlier.",
    key_figures=(
        ("94%", "median accuracy at week three"),
        ("6 weeks", "typical time to go live"),
        ("5.5 months", "median payback period"),
    ),
    sections=(
        (
            "An AI forecast you can explain",
            (
                "A model trained on your own win history predicts each deal and the quarter, and lists the drivers "
                "behind every prediction: stage age, engagement, close-date pushes and deal size. Your team's call "
                "stays in charge; the AI is the second opinion that never gets tired of asking why."
            ),
        ),
        (
            "Built for the way RevOps works",
            (
                "Configure forecast categories, hierarchies and quotas without code. Weekly snapshots lock the "
                "number with a full audit trail, and accuracy is tracked by team, segment and region. The forecast "
                "call agenda builds itself from the deals that moved."
            ),
        ),
        (
            "Trusted by finance",
            (
                "Scenario planning lets the CFO test win rates, ramp and seasonality against the plan. Exports go "
                "straight to Excel, Google Sheets and planning tools, and every change has a who, when and why."
            ),
        ),
    ),
    list_title="What is included",
    points=(
        "Rep, manager and AI forecasts side by side, submitted from Slack, Teams, Salesforce or the web app",
        "Deal inspection: slipped dates, stalled stages, single-threaded deals",
        "Native Salesforce, HubSpot and Microsoft Dynamics 365 connectors through Lumora Connect",
        "SOC 2 Type II, ISO/IEC 27001, GDPR DPA, US, EU and APAC data regions",
    ),
    next_step=(
        "See your own pipeline in Lumora",
        (
            "Ask your Lumora contact for a 30-minute demo on your Salesforce sandbox, or write to "
            "hello@lumora.example."
        ),
    ),
    listing=approved(
        MARIA,
        "2026-09-01T09:15:00+00:00",
        "2027-12-31",
        product=["Lumora Forecast"],
        stage=["awareness", "consideration"],
        persona=["CRO", "VP Sales", "RevOps"],
        tags=["one-pager", "overview"],
    ),
    keywords=("Lumora Forecast", "one-pager", "AI forecast", "forecast accuracy"),
)

SIGNALS_ONE_PAGER = one_pager(
    path="One-pagers/Lumora Signals one-pager.pdf",
    file_title="Lumora Signals one-pager",
    proof=(
        "Signals told our CSMs where to use their judgment, and gave them the evidence for a hard conversation with a hospital's leadership.",
        "Alicia Moreno, VP Customer Success, Meadowlark Health",
    ),
    title="Lumora Signals",
    subtitle="See churn and expansion coming, and know exactly why",
    opening="Lumora Signals turns product usage, support history and relationship data into a daily "
    "health score for every account, with the reasons attached. Customer success and account teams "
    "get an alert and a playbook when risk changes, and leaders see renewal risk in dollars inside "
    "the revenue forecast.",
    key_figures=(
        ("90 days", "typical early warning before renewal"),
        ("+6 pts", ("median gain in gross retention")),
        ("+31%", "expansion pipeline in two quarters"),
    ),
    sections=(
        (
            "Signals that predict churn",
            (
                "Usage decay, feature adoption, support escalations, champion departures and sponsor silence are "
                "scored separately and combined into one health score. Every score shows its top three drivers, so "
                "a CSM knows what to fix, not just that something is wrong."
            ),
        ),
        (
            "From alert to action",
            (
                "Alerts reach the account owner in Slack or Microsoft Teams with a suggested playbook: executive "
                "outreach, adoption workshop, commercial review or save offer. Actions are logged back to the CRM "
                "automatically, and the weekly retention review writes itself."
            ),
        ),
        (
            "Proven on your data first",
            (
                "Before go-live, Signals is back-tested on eight quarters of your history, so you see how many "
                "churned accounts it would have flagged and when. Thresholds are tuned per segment."
            ),
        ),
    ),
    list_title="Why revenue teams choose Signals",
    points=(
        "Renewal and expansion forecast in the same view as new business with Lumora Forecast",
        "No message content or call recordings needed: activity metadata only",
        "Expansion signals from seat utilisation and new teams adopting the product",
        "Configurable retention periods, EU data region and a GDPR Article 28 DPA",
    ),
    next_step=(
        "Start with a back-test",
        (
            "A Signals back-test on your last eight quarters takes two weeks and is credited against your "
            "subscription. Ask your Lumora contact or write to hello@lumora.example."
        ),
    ),
    listing=approved(
        MARIA,
        "2026-08-18T14:45:00+00:00",
        "2027-09-30",
        product=["Lumora Signals"],
        stage=["awareness", "expansion"],
        persona=["CRO", "VP Sales"],
        industry=["SaaS", "Healthcare", "Financial services"],
        tags=["one-pager", "churn", "retention"],
    ),
    keywords=("Lumora Signals", "churn", "health score", "retention"),
)

CONNECT_ONE_PAGER = one_pager(
    path="One-pagers/Lumora Connect one-pager.pdf",
    file_title="Lumora Connect one-pager",
    proof=(
        "Our product data knew which customers were in trouble. With Connect Plus, our forecast finally knows it too, and the data never leaves BigQuery.",
        "Wei Ling Tan, VP Revenue Operations, Quillstack",
    ),
    title="Lumora Connect",
    subtitle="Managed connectors that keep your revenue data complete, current and secure",
    opening="Lumora Connect is the data layer behind Lumora Forecast and Lumora Signals. Managed "
    "connectors sync your CRM, support desk, billing system and data warehouse every 15 minutes, "
    "with field mapping, data health checks and monitoring built in, so RevOps stops reconciling "
    "exports and starts analysing.",
    key_figures=(
        ("15 min", "incremental sync interval"),
        ("Day 1", "CRM connected and syncing"),
        ("<3%", "of daily Salesforce API limit used"),
    ),
    sections=(
        (
            "Salesforce, HubSpot and Dynamics 365",
            (
                "The Salesforce integration is an AppExchange managed package with a read-only integration user. "
                "HubSpot connects through an OAuth app, and Dynamics 365 Sales through the Dataverse Web API with "
                "an Entra ID app registration. Write-back of forecast calls and risk scores is optional."
            ),
        ),
        (
            "Connect Plus for the data warehouse",
            (
                "Bring product usage, billing and marketing data from Snowflake, BigQuery or Databricks into your "
                "forecasts and health scores. The zero-copy option reads views you define, so governance stays in "
                "your warehouse, and reverse sync sends scores back for your BI tools."
            ),
        ),
        (
            "Secure by design",
            (
                "OAuth 2.0 everywhere, least-privilege scopes, field-level exclusions for sensitive fields, "
                "AES-256 encryption at rest and TLS 1.2+ in transit. Data is stored in your chosen region."
            ),
        ),
    ),
    list_title="Supported sources",
    points=(
        "CRM: Salesforce Sales Cloud, HubSpot Sales Hub, Microsoft Dynamics 365 Sales",
        "Support: Zendesk, Freshdesk, ServiceNow Customer Service",
        "Billing and ERP: NetSuite, Chargebee, Stripe Billing",
        "Warehouse (Connect Plus): Snowflake, Google BigQuery, Databricks SQL",
    ),
    next_step=(
        "Connect a sandbox in an hour",
        (
            "Your Salesforce or HubSpot admin can connect a sandbox in a 60-minute session with a Lumora "
            "solutions engineer. Book through your Lumora contact."
        ),
    ),
    listing=approved(
        TOMAS,
        "2026-07-07T11:30:00+02:00",
        "2027-06-30",
        product=["Lumora Connect"],
        stage=["consideration"],
        persona=["IT/Security", "RevOps"],
        tags=["one-pager", "integration", "Salesforce integration"],
    ),
    keywords=("Lumora Connect", "Salesforce integration", "HubSpot", "Snowflake"),
)

FINSERV_ONE_PAGER = one_pager(
    path="One-pagers/Lumora for Financial services one-pager.pdf",
    proof=(
        "Lumora passed our outsourcing review faster than any vendor I have worked with. The EU hosting was real, not a promise on a roadmap.",
        "Cian Byrne, Head of Information Security, Tidewater Payments",
    ),
    title="Lumora for financial services",
    subtitle="Forecast revenue with the controls banks, insurers and payment providers require",
    opening="Financial services sales teams forecast complex revenue: payment volumes that ramp, premiums "
    "written through brokers, and multi-year mandates. Lumora gives commercial and finance leaders "
    "one auditable forecast, hosted in the region they choose and reviewed against the outsourcing "
    "and security standards regulators expect.",
    key_figures=(
        ("±3%", "Tidewater Payments' board forecast variance"),
        ("3", "data regions: US, EU, APAC"),
        ("4 weeks", "typical security and outsourcing review"),
    ),
    sections=(
        (
            "Revenue, not just bookings",
            (
                "Custom forecast fields capture payment volume ramps, premium and fee schedules, so the forecast "
                "reflects revenue recognition rather than signature dates. Multi-currency roll-ups use your "
                "corporate rates."
            ),
        ),
        (
            "Controls your auditors recognise",
            (
                "Weekly snapshots, a complete change history and role-based access support SOX and internal audit. "
                "SOC 2 Type II and ISO/IEC 27001 reports are available under NDA, with an outsourcing addendum "
                "covering audit, access and exit rights for EBA, APRA and similar frameworks."
            ),
        ),
        (
            "Data stays where it must",
            (
                "Choose US, EU (Frankfurt) or APAC (Sydney) hosting. Field-level exclusions keep sensitive client "
                "fields out of the sync entirely, and customer-managed encryption keys are available."
            ),
        ),
    ),
    list_title="Trusted by",
    points=(
        "Tidewater Payments: nine countries on one EU-hosted forecast, within 3% for four quarters",
        "Regional banks and insurers across North America, EMEA and APAC (references on request)",
        "Works with Salesforce Financial Services Cloud and Microsoft Dynamics 365",
    ),
    next_step=(
        "Bring your security team early",
        (
            "We share our security pack, standard questionnaire answers and the outsourcing addendum "
            "before the first demo. Ask your Lumora contact for the financial services pack."
        ),
    ),
    listing=approved(
        LENA,
        "2026-04-02T10:00:00+01:00",
        "2028-01-31",
        product=["Lumora Forecast", "Lumora Connect"],
        stage=["awareness", "consideration"],
        persona=["CFO", "IT/Security"],
        industry=["Financial services"],
        region=["EMEA", "North America", "APAC"],
        tags=["one-pager", "industry", "compliance", "GDPR"],
    ),
    keywords=("financial services", "banking", "insurance", "SOX", "outsourcing"),
)

HEALTHCARE_DRAFT_ONE_PAGER = one_pager(
    path="One-pagers/Lumora for Healthcare one-pager DRAFT.pdf",
    title="Lumora for healthcare technology (DRAFT)",
    subtitle="Working draft for review by product marketing and legal; not approved for customer use",
    opening="Healthcare technology companies sell long, committee-driven deals and multi-year renewals. "
    "Lumora helps them forecast new business and renewals in one view while keeping clinical and "
    "patient data out of scope entirely.",
    key_figures=(
        ("$2.4M", "renewals saved at Meadowlark Health"),
        ("0", "patient data fields synced"),
        ("BAA", "available on Enterprise"),
    ),
    sections=(
        (
            "Renewal risk you can act on",
            (
                "Lumora Signals combines usage, support and relationship data into account health scores, so "
                "customer success teams can intervene months before a hospital's renewal committee meets."
            ),
        ),
        (
            "Data minimisation by default",
            (
                "Field-level exclusions keep clinical and patient fields out of the sync. Legal is reviewing the "
                "wording of this section and the BAA claim before publication."
            ),
        ),
    ),
    list_title="Open items before approval",
    points=(
        "Legal review of BAA wording (owner: Tomas Berg)",
        "Second customer proof point needed besides Meadowlark Health",
        "Design review of the figures row",
    ),
    next_step=("Reviewer note", "Send comments to priya.raman@lumora.example by the end of the month."),
    listing=None,
    keywords=("healthcare", "draft"),
)

SUMMIT_INVITATION = one_pager(
    path="Events/Lumora Summit 2026 invitation.pdf",
    proof=(
        "The Summit is the one event where my RevOps team and my finance team come back with the same ideas.",
        "Dana Whitfield, CFO, Kestrel Robotics, 2025 attendee",
    ),
    kind="Event invitation",
    title="Lumora Summit 2026: Forecast Forward",
    subtitle="Austin, Texas · 12-13 May 2026 · For revenue, finance and RevOps leaders",
    opening="Join 600 revenue leaders for two days of practical sessions on forecasting, retention and "
    "revenue operations. Hear how Lumora customers call the quarter within a few points, see the "
    "2026 product roadmap, and meet peers who solve the same problems you do.",
    key_figures=(
        ("40+", "sessions and workshops"),
        ("600", "revenue leaders attending"),
        ("2 days", "12-13 May, Austin"),
    ),
    sections=(
        (
            "Keynote: the forecast accuracy gap",
            (
                "Lumora's CEO, Hannah Cole, presents findings from our 2026 benchmark of 412 B2B companies: why "
                "only 27% call the quarter within 5% by week three, and what the best teams do differently."
            ),
        ),
        (
            "Tracks for every role",
            (
                "CRO and sales leadership; CFO and FP&A; RevOps and systems; customer success and retention. Each "
                "track mixes customer stories from Kestrel Robotics, Tidewater Payments and Quillstack with "
                "hands-on workshops."
            ),
        ),
        (
            "Hands-on labs",
            (
                "Bring a laptop: certified Lumora admins lead labs on forecast configuration, Signals thresholds "
                "and Connect Plus warehouse connections. Attendees can earn the Lumora Admin certification on site."
            ),
        ),
    ),
    list_title="Practical details",
    points=(
        "Venue: Lakeshore Convention Center, Austin. Customer passes are complimentary; prospects by invitation",
        "Registration closes 30 April 2026; hotel block available until 15 April",
        "Sessions recorded and available to registered attendees for 90 days",
    ),
    next_step=(
        "Reserve your seat",
        ("Register at summit.lumora.example with the code FORWARD26, or ask your Lumora account team."),
    ),
    listing=Listing(
        "expired",
        LENA,
        "2026-01-28T09:00:00-06:00",
        "2026-06-30",
        ALL_PRODUCTS,
        ("awareness",),
        ("CRO", "CFO", "RevOps"),
        ALL_INDUSTRIES,
        ("North America",),
        ("event", "summit", "invitation"),
    ),
    keywords=("event", "summit", "2026"),
)

ONE_PAGERS = (
    FORECAST_ONE_PAGER,
    SIGNALS_ONE_PAGER,
    CONNECT_ONE_PAGER,
    FINSERV_ONE_PAGER,
    HEALTHCARE_DRAFT_ONE_PAGER,
    SUMMIT_INVITATION,
)


# ---------------------------------------------------------------------------------------------------------
# Whitepaper and security overview
# ---------------------------------------------------------------------------------------------------------

WHITEPAPER = PdfDoc(
    path="Whitepapers/The forecast accuracy gap - 2026 benchmark.pdf",
    kind="Whitepaper",
    title="The forecast accuracy gap",
    subtitle="Lumora's 2026 benchmark of revenue forecasting in 412 B2B companies, and what the most "
    "accurate teams do differently",
    sections=(
        lead(
            "Most B2B companies still cannot call their quarter within 5% until the quarter is nearly "
            "over. This report quantifies that gap, explains where it comes from, and describes the "
            "practices that separate the most accurate quartile from everyone else."
        )
        + h2("Executive summary")
        + paras(
            "Between February and April 2026, Lumora Analytics surveyed 412 revenue, finance and revenue "
            "operations leaders at B2B companies with annual revenue between $20M and $2B, and analysed "
            "anonymised, aggregated forecast history from 96 companies that opted in to share it. The "
            "results are consistent across regions and industries: forecasts are least reliable exactly "
            "when they are most useful, early in the quarter, and finance teams compensate by quietly "
            "discounting the number sales submits.",
            "Only 27% of companies forecast within 5% of final bookings by the third week of the quarter. "
            "By week ten the figure rises to 68%, but by then most hiring, spending and inventory decisions "
            "for the quarter have already been made. The gap is not explained by company size or sales "
            "cycle length. It is explained by how forecasts are built: how many systems feed them, whether "
            "an independent model challenges the team's call, and whether accuracy is measured at all.",
        )
        + figures(
            ("27%", "forecast within 5% at week three"),
            ("68%", "forecast within 5% at week ten"),
            ("11%", "average finance haircut on the sales forecast"),
            ("4.2", ("systems feeding a typical forecast")),
        )
        + h2("Key findings")
        + bullets(
            "**The early-quarter blind spot.** Median absolute forecast error at week three is 13.4%, falling "
            "to 4.1% by week ten. Companies in the top quartile are already at 3.8% by week three.",
            "**Fragmented data.** The typical forecast draws on 4.2 systems. Each additional manual data "
            "source is associated with 1.6 points more error at week three.",
            "**Finance does not trust the number.** 74% of finance leaders adjust the sales forecast before "
            "it reaches the board, by 11% on average.",
            "**Retention is the forgotten forecast.** Only 31% of companies forecast renewals and churn "
            "with the same rigour as new business, even though existing customers now produce 38% of new "
            "ARR.",
            "**Measurement drives accuracy.** Companies that track forecast accuracy by team every quarter "
            "are 2.3 times more likely to be in the top quartile.",
        ),
        h2("About the research")
        + paras(
            "The survey was fielded online in English, German, French, Spanish and Portuguese between "
            "12 February and 18 April 2026. Respondents held one of four roles: chief revenue officer or "
            "head of sales (38%), chief financial officer or head of FP&A (24%), head of revenue operations "
            "(29%), or head of customer success (9%). All respondents were directly involved in producing "
            "or consuming the company forecast.",
            "Respondents came from North America (46%), EMEA (32%), APAC (14%) and Latin America (8%). The "
            "largest industries were software and SaaS (41%), manufacturing (19%), financial services "
            "(16%), healthcare technology (12%) and retail and consumer goods (12%).",
            "In addition, 96 Lumora customers agreed to contribute anonymised forecast history: weekly "
            "forecast snapshots and final bookings for at least four quarters, aggregated before analysis so "
            "that no individual company or deal can be identified. This data allows us to measure forecast "
            "error directly rather than relying on self-reported accuracy, which respondents overstate by "
            "around six points on average.",
        )
        + h2("Limitations")
        + paras(
            "Survey respondents self-selected, and companies that already care about forecasting may be "
            "over-represented. The opt-in forecast history comes from Lumora customers, most of whom were "
            "measured before and after adopting Lumora; we report only their pre-adoption quarters when "
            "comparing practices, so that the findings describe the market rather than our product.",
        )
        + h2("How we measure forecast accuracy")
        + paras(
            "Throughout this report, forecast accuracy at week N is one minus the absolute percentage "
            "difference between the forecast submitted at the end of week N and the final bookings for the "
            "quarter. A forecast of $9.5M for a quarter that closes at $10M is 95% accurate. We report "
            "medians rather than means because a small number of companies with very large misses would "
            "otherwise dominate the averages.",
            "We chose week three and week ten as reference points because they correspond to the two "
            "decisions most companies make from the forecast: resource and spending decisions early in the "
            "quarter, and end-of-quarter deal strategy and guidance late in the quarter.",
        )
        + grid(
            ("Segment", "Respondents", "Median accuracy week 3", "Median accuracy week 10"),
            (
                ("Revenue $20M-$100M", "161", "85.9%", "95.6%"),
                ("Revenue $100M-$500M", "158", "86.8%", "96.0%"),
                ("Revenue $500M-$2B", "93", "87.4%", "96.2%"),
                ("All respondents", "412", "86.6%", "95.9%"),
            ),
            widths=(34, 18, 24, 24),
        )
        + small(
            "Sample sizes refer to survey respondents; accuracy figures combine the opt-in forecast history "
            "with self-reported figures adjusted for the measured over-statement."
        ),
        h2("Finding 1: the early-quarter blind spot")
        + paras(
            "Forecasts converge on reality as the quarter progresses, but far too slowly. At the end of week "
            "three, the median company's forecast is 13.4% away from where the quarter will land. For a "
            "company with a $50M quarterly target, that is a $6.7M range of uncertainty at the moment the "
            "company decides whether to release hiring requisitions, approve marketing programmes and place "
            "inventory orders.",
            "The pattern behind this is familiar to any sales leader. Early in the quarter, rep calls are "
            "optimistic: deals that are realistically next quarter's are still marked as closing this "
            "quarter. As the quarter progresses, those deals slip one by one, while a smaller number of "
            "unforecast deals appear late. The two effects partially cancel out, which makes the forecast "
            "look stable in aggregate while individual deals move a great deal underneath.",
            "Companies in the top quartile break this pattern. Their week-three forecast error is 3.8%, not "
            "because their reps are more pessimistic, but because they have an independent view that "
            "challenges the team's call. In 81% of top-quartile companies, a statistical or machine-learning "
            "forecast is reviewed alongside the team's call every week, compared with 22% of other "
            "companies.",
        )
        + callout(
            "What this means for leaders",
            "If your forecast only becomes reliable in the last month of the quarter, it is a scoreboard, "
            "not a planning tool. Measure accuracy at week three, not just at quarter end, and introduce "
            "an independent forecast that your team has to explain itself against.",
        )
        + grid(
            ("Week of quarter", "Median error, all", "Median error, top quartile"),
            (
                ("Week 1", "16.2%", "5.1%"),
                ("Week 3", "13.4%", "3.8%"),
                ("Week 6", "8.7%", "2.9%"),
                ("Week 10", "4.1%", "1.6%"),
                ("Week 13", "1.2%", "0.6%"),
            ),
            widths=(34, 33, 33),
        )
        + paras(
            "The table also shows where the biggest opportunity lies. Between week one and week six, the "
            "top quartile's error is roughly a third of everyone else's. After week ten, the difference "
            "almost disappears: by then, everybody knows which deals will close. Improving the forecast is "
            "therefore mostly about the first half of the quarter.",
        )
        + quote(
            "Our forecast was always right in week twelve. It just wasn't any use to anyone by then.",
            "Chief financial officer, US manufacturing company, survey respondent",
        ),
        h2("Finding 2: fragmented data makes forecasts worse")
        + paras(
            "The typical forecast in our survey draws on 4.2 distinct systems: the CRM, at least one "
            "spreadsheet, a billing or ERP system, and in a growing number of companies, product usage data "
            "from a data warehouse. Only 19% of respondents said that all of these sources are connected "
            "automatically. The rest rely on exports, copy-and-paste and manual reconciliation.",
            "Fragmentation has a measurable cost. In the opt-in forecast data, each additional manually "
            "maintained data source was associated with 1.6 percentage points more error at week three, "
            "after controlling for company size and sales cycle length. Manual sources go stale between "
            "updates, and they are usually updated by one person, which creates a single point of failure in "
            "the forecast process.",
            "Revenue operations teams carry the burden. RevOps leaders reported spending a median of 9.5 "
            "hours a week preparing forecast data, and 42% said forecast preparation was the main reason "
            "they could not take on more strategic analysis.",
        )
        + grid(
            ("Data sources connected automatically", "Share of companies", "Median error at week 3"),
            (
                ("All sources", "19%", "7.9%"),
                ("Some sources", "48%", "13.1%"),
                ("CRM only", "27%", "15.8%"),
                ("None (spreadsheet-based)", "6%", "19.4%"),
            ),
            widths=(44, 28, 28),
        )
        + quote(
            "We had more data than ever and less confidence than ever. The data was all there, just "
            "never in the same place at the same time.",
            "Head of revenue operations, European fintech, survey respondent",
        )
        + paras(
            "Product usage data deserves particular attention. Among SaaS respondents, 58% said usage data "
            "would improve their forecast, but only 17% include it today, usually because it lives in a "
            "data warehouse that the sales systems cannot reach. Companies that do include usage data "
            "reported 2.7 points lower error at week three, the largest effect of any single data source.",
        )
        + callout(
            "Start with one source",
            "Automating every source at once is rarely necessary. Pick the manual source that changes "
            "most often, usually a spreadsheet of rep adjustments or a weekly usage export, and "
            "connect it first.",
        ),
        h2("Finding 3: finance quietly discounts the sales forecast")
        + paras(
            "Nearly three quarters of finance leaders (74%) adjust the forecast they receive from sales "
            "before using it for planning or board reporting. The average adjustment is a reduction of 11%. "
            "Only 35% of finance leaders said the adjustment is discussed openly with sales leadership; in "
            "most companies it is a private buffer that sales never sees.",
            "The haircut is rational when the forecast is unreliable, but it has real costs. Companies with "
            "larger haircuts reported slower hiring, more conservative investment decisions and more "
            "frequent 'catch-up' spending late in the year when results exceed the discounted plan. Among "
            "manufacturing and retail respondents, the buffer also drives excess safety stock.",
            "Trust grows when finance can see how the forecast is built. Finance leaders whose companies "
            "keep weekly forecast snapshots with a change history applied an average haircut of 4%, compared "
            "with 14% where no history exists. Visibility of the 'why' behind each change matters more to "
            "finance than the accuracy of any single week's number.",
        )
        + figures(
            ("74%", "of finance leaders adjust the sales forecast"),
            ("11%", "average reduction"),
            ("4%", "average haircut where snapshots and history exist"),
        )
        + paras(
            "For CFOs, the practical question is how much of the haircut can safely be removed. Our data "
            "suggests a simple rule: once forecast accuracy at week three has been measured above 92% for "
            "two consecutive quarters, the buffer can be halved without increasing the risk of a miss."
        )
        + grid(
            ("Industry", "Finance adjusts forecast", "Average haircut", "With snapshot history"),
            (
                ("Software and SaaS", "69%", "9%", "3%"),
                ("Manufacturing", "81%", "14%", "5%"),
                ("Financial services", "77%", "12%", "4%"),
                ("Healthcare technology", "72%", "10%", "4%"),
                ("Retail and consumer goods", "79%", "13%", "5%"),
            ),
            widths=(34, 24, 20, 22),
        ),
        h2("Finding 4: retention is the forgotten forecast")
        + paras(
            "Existing customers now produce 38% of new annual recurring revenue for the SaaS companies in "
            "our sample, through expansion, and they are the source of nearly all revenue at risk, through "
            "churn and downgrades. Yet only 31% of companies forecast renewals and churn with the same "
            "process and rigour as new business. In 44% of companies, the renewal forecast is owned by "
            "customer success and never appears in the revenue forecast reviewed by the CRO and CFO.",
            "The consequences show up in the numbers. Companies that forecast renewals separately from new "
            "business were twice as likely to report a 'surprise' churn of more than 2% of ARR in the past "
            "year. Most churn is not sudden: in the opt-in data, 78% of churned accounts showed a sustained "
            "decline in product usage, support escalations or executive engagement at least 90 days before "
            "the renewal date.",
            "The most accurate companies treat retention as part of the revenue forecast. They score account "
            "health continuously, convert risk into dollars, and deduct it from the forecast with the "
            "reasons visible. They also use the same signals in reverse: accounts with high utilisation and "
            "new teams adopting the product are forecast as expansion pipeline.",
        )
        + callout(
            "A simple test",
            "Ask your CFO what next year's net revenue retention will be, and how confident they are. If "
            "the answer relies on last year's figure, retention is not yet part of your forecast.",
        )
        + figures(
            ("38%", "of new ARR from existing customers"),
            ("31%", "forecast renewals rigorously"),
            ("78%", "of churn visible 90+ days ahead"),
        )
        + paras(
            "Connecting retention to the forecast also changes who owns it. In companies where renewal risk "
            "appears in the CRO's forecast, customer success leaders join the weekly forecast call, and "
            "account executives are far more likely to be involved in saving at-risk accounts before the "
            "renewal negotiation begins.",
        ),
        h2("What the top quartile does differently")
        + paras(
            "We compared the 25% of companies with the lowest forecast error at week three with the rest of "
            "the sample. Five practices stand out. None of them depends on company size, and most can be "
            "adopted within a quarter or two.",
        )
        + h3("1. They measure accuracy early and often")
        + paras(
            "Top-quartile companies track forecast accuracy at fixed points in the quarter, by team and by "
            "manager, and review it in the same meeting as the forecast itself. Measurement changes "
            "behaviour: managers whose accuracy is visible call more carefully."
        )
        + h3("2. They use an independent forecast as a challenger")
        + paras(
            "A model forecast, trained on the company's own history, sits next to the team's call. The "
            "purpose is not to replace judgment but to force a conversation whenever the two disagree. "
            "Explainability matters: teams only engage with a model whose reasoning they can see."
        )
        + h3("3. They connect their data automatically")
        + paras(
            "CRM, billing and usage data flow into the forecast without manual exports. RevOps time moves "
            "from preparing data to analysing it, and the forecast reflects what happened this morning, "
            "not last Friday."
        )
        + h3("4. They keep a history of every change")
        + paras(
            "Weekly snapshots and a change log make it possible to explain why the forecast moved. This is "
            "the single practice most associated with finance trusting the sales number."
        )
        + h3("5. They forecast the whole customer lifecycle")
        + paras(
            "New business, expansion and renewal risk are reviewed together, with retention signals "
            "converted into dollars. The CRO and CFO see one number, not three."
        )
        + grid(
            ("Practice", "Top quartile", "Everyone else"),
            (
                ("Accuracy measured at fixed weeks", "88%", "29%"),
                ("Independent model forecast reviewed weekly", "81%", "22%"),
                ("All forecast sources connected automatically", "46%", "10%"),
                ("Weekly snapshots with change history", "79%", "26%"),
                ("Renewals forecast with new business", "62%", "21%"),
            ),
            widths=(56, 22, 22),
        ),
        h2("A 90-day plan to close the gap")
        + paras(
            "Closing the accuracy gap does not require a multi-year transformation. The following plan is "
            "based on how Lumora customers in the top quartile got there, and it can start next Monday.",
        )
        + h3("Days 1-30: measure and connect")
        + bullets(
            "Agree a definition of forecast accuracy with finance and record week-three and week-ten accuracy "
            "for the last four quarters.",
            "List every system and spreadsheet that feeds the forecast, and who maintains each one.",
            "Connect the CRM and the most important secondary source automatically; retire at least one "
            "manual export.",
        )
        + h3("Days 31-60: challenge and explain")
        + bullets(
            "Introduce an independent forecast, statistical or machine-learning, and review it next to the "
            "team's call in every weekly meeting.",
            "Start weekly snapshots with a short comment for every change above a threshold.",
            "Share accuracy by team with managers; celebrate improvement, not optimism.",
        )
        + h3("Days 61-90: extend and align")
        + bullets(
            "Add renewal risk and expansion to the forecast, converted into dollars.",
            "Review the finance haircut together with the CFO, using the accuracy history as evidence.",
            "Set an accuracy target for the next two quarters and make it part of the sales leadership "
            "scorecard.",
        )
        + quote(
            "The day we started measuring accuracy at week three was the day our forecast started "
            "improving. Nothing else changed in that first quarter.",
            "Chief revenue officer, North American SaaS company, survey respondent",
        )
        + callout(
            "How Lumora helps",
            "Lumora Forecast provides the independent AI forecast, weekly snapshots and accuracy "
            "tracking described in this plan; Lumora Connect automates the data sources; and Lumora "
            "Signals brings renewal and expansion risk into the same view. Most customers complete "
            "the first two phases of this plan within their six-week onboarding.",
        ),
        h2("Appendix: definitions")
        + grid(
            ("Term", "Definition used in this report"),
            (
                (
                    "Forecast accuracy",
                    (
                        "One minus the absolute percentage difference between the forecast at a "
                        "given week and final bookings for the quarter."
                    ),
                ),
                (
                    "Top quartile",
                    (
                        "The 25% of companies with the lowest median forecast error at week three over "
                        "the last four quarters."
                    ),
                ),
                (
                    "Finance haircut",
                    (
                        "The percentage by which finance reduces the sales forecast before using it "
                        "for planning or board reporting."
                    ),
                ),
                (
                    "Independent forecast",
                    (
                        "A forecast produced by a statistical or machine-learning model rather "
                        "than by the sales team's judgment."
                    ),
                ),
                (
                    "Net revenue retention",
                    (
                        "Recurring revenue from a cohort of customers after twelve months, "
                        "including expansion, downgrades and churn, divided by the starting "
                        "revenue of that cohort."
                    ),
                ),
            ),
            widths=(26, 74),
        )
        + h2("About Lumora Analytics")
        + paras(
            "Lumora Analytics helps B2B revenue teams forecast with confidence. Lumora Forecast provides one "
            "explainable revenue forecast for sales, finance and the board; Lumora Signals identifies churn "
            "and expansion before renewal conversations; and Lumora Connect keeps revenue data complete and "
            "current across CRM, billing and warehouse systems. More than 600 companies in 28 countries use "
            "Lumora. Learn more at lumora.example.",
            "This report may be quoted with attribution to 'Lumora Analytics, The forecast accuracy gap, "
            "2026'. For press enquiries, write to press@lumora.example.",
        ),
    ),
    pages=(8, 12),
    listing=approved(
        MARIA,
        "2026-05-05T09:00:00+00:00",
        "2028-06-30",
        product=["Lumora Forecast", "Lumora Signals"],
        stage=["awareness"],
        persona=["CRO", "CFO", "RevOps"],
        tags=["whitepaper", "benchmark", "thought leadership"],
    ),
    keywords=("whitepaper", "forecast accuracy", "benchmark", "2026"),
)

SECURITY_OVERVIEW = PdfDoc(
    path="Security/Security and compliance overview.pdf",
    kind="Security overview",
    title="Security and compliance at Lumora",
    subtitle="How we protect your revenue data: certifications, data protection, privacy, availability "
    "and how to run your security review",
    sections=(
        lead(
            "Revenue data is among the most sensitive information a company holds. This overview explains "
            "the controls that protect it in Lumora Forecast, Lumora Signals and Lumora Connect, and the "
            "documents your security, privacy and procurement teams can request."
        )
        + h2("Certifications and audits")
        + grid(
            ("Framework", "Status", "Available"),
            (
                (
                    "SOC 2 Type II",
                    (
                        "Annual audit covering security, availability and confidentiality; latest "
                        "period ended 30 June 2026 with no exceptions"
                    ),
                    "Under NDA",
                ),
                (
                    "ISO/IEC 27001:2022",
                    "Certified since 2023; surveillance audit passed in 2026",
                    ("Certificate public"),
                ),
                (
                    "ISO/IEC 27701",
                    "Privacy information management extension; certified 2025",
                    "Certificate public",
                ),
                (
                    "GDPR and UK GDPR",
                    "Standard DPA with EU Standard Contractual Clauses and UK addendum",
                    "Public",
                ),
                ("HIPAA", "Business associate agreement available on Enterprise", "On request"),
                (
                    "Penetration testing",
                    "Annual third-party test plus continuous bug bounty",
                    "Summary under NDA",
                ),
            ),
            widths=(24, 54, 22),
        )
        + h2("Data protection")
        + paras(
            "All customer data is encrypted at rest with AES-256 and in transit with TLS 1.2 or higher; "
            "older protocols are disabled. Encryption keys are managed in a hardware-backed key management "
            "service and rotated annually. Enterprise customers can bring their own keys (customer-managed "
            "keys), which allows them to revoke Lumora's access to their data at any time.",
            "Each customer's data is logically isolated in its own tenant schema, with tenant identifiers "
            "enforced at the database and application layers. Machine-learning models are trained per "
            "tenant; no customer data is used to train models for any other customer, and Lumora does not "
            "use customer data to train general-purpose or third-party AI models.",
        )
        + h2("Data residency")
        + grid(
            ("Region", "Location", "Available on"),
            (
                ("United States", "Virginia, with backups in Ohio", "All editions"),
                ("European Union", "Frankfurt, with backups in Dublin", "Enterprise"),
                ("Asia Pacific", "Sydney, with backups in Melbourne", "Enterprise"),
            ),
            widths=(28, 44, 28),
        )
        + paras(
            "Customer data, including backups, stays in the chosen region. Support engineers outside the "
            "region access data only with the customer's explicit, time-limited approval, which is logged "
            "and visible in the admin audit log."
        )
        + h2("Access control")
        + bullets(
            "Single sign-on with SAML 2.0 or OpenID Connect (Okta, Microsoft Entra ID, Google Workspace, "
            "Ping); SSO can be enforced for all users.",
            "SCIM 2.0 user provisioning and de-provisioning.",
            "Role-based access control by team, region and product line; reps see their own deals, finance "
            "sees the company view.",
            "Admin audit log of logins, configuration changes, exports and forecast edits, exportable to "
            "your SIEM.",
            "Lumora employees' production access requires hardware security keys, just-in-time approval "
            "and is reviewed quarterly.",
        )
        + h2("Application and infrastructure security")
        + paras(
            "Lumora runs on Amazon Web Services in a multi-account architecture with infrastructure defined "
            "as code. Every change is peer reviewed and passes automated static analysis, dependency and "
            "container scanning before deployment. Production systems are monitored continuously, and "
            "security events are triaged by an on-call security team around the clock.",
            "Lumora Connect uses OAuth 2.0 for every supported source. Credentials are stored in a vault, "
            "never in application databases, and connectors request read-only scopes by default. Customers "
            "can exclude individual fields from synchronisation, so sensitive fields never leave their "
            "systems.",
        )
        + h2("Availability and disaster recovery")
        + paras(
            "Lumora is deployed across three availability zones in each region. Business and Enterprise "
            "subscriptions include a 99.9% monthly uptime SLA with service credits. Backups are encrypted, "
            "taken hourly and retained for 35 days. Our recovery point objective is one hour and our "
            "recovery time objective is four hours; the disaster recovery plan is tested twice a year. "
            "Current and historical availability is published at status.lumora.example."
        )
        + h2("Privacy and GDPR")
        + paras(
            "Lumora acts as a processor for customer data. Our data processing agreement follows GDPR "
            "Article 28 and includes the EU Standard Contractual Clauses and the UK addendum. We publish our "
            "list of subprocessors and notify customers 30 days before adding a new one. Data subject "
            "requests are supported through admin tools and our support team.",
            "Lumora Signals uses activity metadata, such as counts, dates and participants, and does not "
            "read e-mail or message content. Customers configure retention periods per data type; on "
            "termination, data is exported on request and deleted within 30 days, with a deletion "
            "certificate provided.",
        )
        + h2("Incident response")
        + paras(
            "Our incident response plan defines severity levels, roles and communication steps, and is "
            "exercised quarterly. Customers are notified of a security incident affecting their data without "
            "undue delay and in any case within 48 hours of confirmation, which supports their own 72-hour "
            "GDPR notification obligations."
        )
        + h2("Running your security review")
        + paras(
            "Most security reviews of Lumora are completed within two to four weeks. To save time, we "
            "provide a security pack before you ask: this overview, our SOC 2 Type II report and penetration "
            "test summary (under NDA), the ISO certificates, a completed SIG Lite and CAIQ questionnaire, our "
            "DPA and the subprocessor list. Financial services customers can also request our outsourcing "
            "addendum covering audit, access and exit rights.",
        )
        + callout(
            "Security contacts",
            "Security questions and questionnaires: security@lumora.example. Trust portal: "
            "trust.lumora.example. Report a vulnerability: security.lumora.example/disclosure.",
        ),
    ),
    pages=(2, 5),
    listing=approved(
        TOMAS,
        "2026-07-15T10:00:00+02:00",
        "2027-07-31",
        product=list(ALL_PRODUCTS),
        stage=["consideration", "decision"],
        persona=["IT/Security", "CFO"],
        tags=["security", "SOC 2", "GDPR", "ISO 27001", "compliance"],
    ),
    keywords=("security", "SOC 2", "GDPR", "ISO 27001", "HIPAA", "data residency"),
)

PDF_DOCS: tuple[PdfDoc, ...] = (
    *CASE_STUDIES,
    *BATTLECARD_PDFS,
    PRICING_2025,
    PRICING_2026,
    *ONE_PAGERS,
    WHITEPAPER,
    SECURITY_OVERVIEW,
)


# ---------------------------------------------------------------------------------------------------------
# Word documents
# ---------------------------------------------------------------------------------------------------------

ONBOARDING_GUIDE = WordDoc(
    path="Onboarding/Customer onboarding guide.docx",
    title="Lumora customer onboarding guide",
    subtitle="From signed contract to your first company-wide forecast call in six weeks. For RevOps, "
    "Salesforce or HubSpot admins, IT/Security and executive sponsors.",
    blocks=(
        DocxBlock(
            "1. Welcome and how to use this guide",
            paragraphs=(
                (
                    "Welcome to Lumora. This guide describes the standard six-week onboarding for Lumora Forecast, "
                    "with notes on adding Lumora Signals and Lumora Connect Plus. Your onboarding manager will adapt "
                    "the plan to your organisation in the kickoff meeting, but the sequence below works for most "
                    "customers with up to 500 users."
                ),
                (
                    "Each section lists who is involved, what needs to happen and how you know it is done. Items "
                    "marked **Customer** are owned by your team; items marked **Lumora** are owned by your "
                    "onboarding manager or solutions engineer."
                ),
            ),
        ),
        DocxBlock(
            "2. Roles and responsibilities",
            paragraphs=(
                (
                    "A successful onboarding needs four named people on your side. They do not need to be full time: "
                    "the project lead spends about four hours a week, the others one to two hours."
                ),
            ),
            table=(
                ("Role", "Typical title", "Responsibilities"),
                (
                    "Executive sponsor",
                    "CRO, VP Sales or CFO",
                    ("Sets goals, removes blockers, attends kickoff and week-six review"),
                ),
                (
                    "Project lead",
                    "RevOps director or manager",
                    ("Owns the plan, configuration decisions and internal communication"),
                ),
                (
                    "CRM admin",
                    "Salesforce, HubSpot or Dynamics admin",
                    ("Connects the CRM, reviews field mapping, grants permissions"),
                ),
                (
                    "Security contact",
                    "IT/Security or privacy",
                    ("Completes security review, approves SSO and data settings"),
                ),
            ),
        ),
        DocxBlock(
            "3. Before kickoff",
            bullets=(
                (
                    "**Customer:** Complete the onboarding questionnaire (forecast categories, hierarchies, fiscal "
                    "calendar, currencies)."
                ),
                "**Customer:** Confirm the four named roles above and share their calendars for the next six weeks.",
                (
                    "**Customer:** Start the security review if it is not already complete; request the security pack "
                    "from your account team."
                ),
                "**Lumora:** Provision your tenant in the agreed data region and send admin invitations.",
            ),
        ),
        DocxBlock(
            "4. Week 1: kickoff and CRM connection",
            paragraphs=(
                (
                    "The kickoff is a 90-minute meeting with the executive sponsor and project lead. We agree the "
                    "success criteria for the first two quarters, confirm the plan and dates, and review your current "
                    "forecast process end to end, including the spreadsheets nobody likes to talk about."
                ),
            ),
        ),
        DocxBlock(
            "4.1 Connecting Salesforce",
            level=2,
            paragraphs=(
                (
                    "Install the Lumora managed package from AppExchange in a sandbox first. Create a dedicated "
                    "integration user with the 'Lumora Read Only' permission set; the package does not require "
                    "custom objects and does not change existing page layouts. Connect the sandbox from Lumora Admin "
                    "> Connections > Salesforce using OAuth, then review the proposed field mapping with your "
                    "onboarding manager."
                ),
                (
                    "When the mapping is approved, repeat the installation in production. The initial backfill loads "
                    "up to 12 quarters of opportunity history; for most customers this completes overnight and uses "
                    "less than 3% of the daily API allocation."
                ),
            ),
        ),
        DocxBlock(
            "4.2 Connecting HubSpot or Dynamics 365",
            level=2,
            paragraphs=(
                (
                    "HubSpot connects through the Lumora OAuth app; a super admin must approve the requested scopes. "
                    "Dynamics 365 Sales connects through the Dataverse Web API using an app registration in Microsoft "
                    "Entra ID with the 'Lumora Integration' security role. Your onboarding manager will send the "
                    "exact permissions list before the session."
                ),
            ),
        ),
        DocxBlock(
            "5. Weeks 2-3: configuration",
            paragraphs=(
                (
                    "Configuration decisions have the largest effect on adoption, so we make them together in two "
                    "working sessions. Everything is configured in Lumora Admin without code, and every change is "
                    "recorded in the audit log."
                ),
            ),
        ),
        DocxBlock(
            "5.1 Forecast categories and hierarchies",
            level=2,
            paragraphs=(
                (
                    "Map your CRM forecast categories (for example Pipeline, Best case, Commit, Closed) to Lumora "
                    "categories. Build the forecast hierarchy from your CRM role hierarchy or territories, or upload "
                    "it as a CSV. Enterprise customers can maintain several hierarchies, for example by region and by "
                    "product line."
                ),
            ),
        ),
        DocxBlock(
            "5.2 Quotas and fiscal calendar",
            level=2,
            paragraphs=(
                (
                    "Upload quotas per user and period, or sync them from Salesforce quota objects. Confirm your "
                    "fiscal calendar, including 4-4-5 calendars and non-standard year starts. Multi-currency "
                    "customers upload corporate exchange rates monthly or connect them from their ERP."
                ),
            ),
        ),
        DocxBlock(
            "5.3 AI forecast training",
            level=2,
            paragraphs=(
                (
                    "Once at least eight quarters of history are loaded, Lumora trains your AI forecast model and "
                    "runs a back-test. Your onboarding manager walks you through the back-test results: how accurate "
                    "the model would have been at week three and week ten of each past quarter, and which drivers "
                    "matter most in your data."
                ),
            ),
        ),
        DocxBlock(
            "6. Security and access settings",
            bullets=(
                "Configure SSO (SAML 2.0 or OpenID Connect) and enforce it for all users.",
                "Enable SCIM provisioning from your identity provider.",
                "Review roles: which teams can see which parts of the hierarchy, and who can export.",
                "Set field-level exclusions for any fields that must never leave the CRM.",
                "Confirm data retention periods and the admin audit log export to your SIEM.",
            ),
        ),
        DocxBlock(
            "7. Weeks 4-5: pilot with two teams",
            paragraphs=(
                (
                    "Pick two teams with engaged managers, ideally one strong and one struggling forecaster. They "
                    "run their weekly forecast in Lumora alongside the existing process for two weeks. The project "
                    "lead collects feedback daily in a shared channel, and we adjust configuration as needed."
                ),
                (
                    "Pilot success criteria: every rep in the pilot submits a call each week, managers run their "
                    "forecast meeting from Lumora, and the pilot teams agree that the Lumora number matches their "
                    "understanding of the pipeline."
                ),
            ),
        ),
        DocxBlock(
            "8. Training",
            table=(
                ("Audience", "Format", "Length", "Content"),
                (
                    "Reps",
                    "Live or recorded",
                    "20 minutes",
                    ("Submitting a call in Slack, Teams, Salesforce or the web app; deal flags"),
                ),
                (
                    "Managers",
                    "Live",
                    "45 minutes",
                    ("Adjusting calls, deal inspection, running the forecast meeting"),
                ),
                ("Executives", "Live, 1:1", "30 minutes", "Company view, scenarios, accuracy tracking"),
                ("Admins", "Live + certification", "2 x 90 minutes", "Configuration, data health, audit log"),
            ),
        ),
        DocxBlock(
            "9. Week 6: go-live",
            bullets=(
                "Retire the forecast spreadsheet: announce the date and archive the file read-only.",
                "Run the first company-wide forecast call in Lumora.",
                "Lock the first weekly snapshot and share it with finance.",
                "Hold the week-six review with the executive sponsor: success criteria, adoption, next steps.",
            ),
        ),
        DocxBlock(
            "10. Adding Lumora Signals",
            paragraphs=(
                (
                    "If you purchased Lumora Signals, its onboarding starts after Forecast is live, usually in week "
                    "seven, and takes about four weeks. Connect your support desk and, with Connect Plus, product "
                    "usage tables from your warehouse. We back-test health scores on eight quarters of history, agree "
                    "thresholds with customer success leadership, and enable alerts for one segment before rolling "
                    "out to all."
                ),
            ),
        ),
        DocxBlock(
            "11. Measuring success",
            paragraphs=(
                (
                    "We review these measures with you at the end of the first and second quarters live. Targets "
                    "are agreed at kickoff and recorded in your success plan."
                ),
            ),
            bullets=(
                "Weekly submission rate: share of reps submitting a call every week (target above 90%).",
                "Forecast accuracy at week three and week ten versus your baseline.",
                "Hours spent preparing the forecast, by RevOps and managers.",
                "Finance adoption: snapshots used in planning and board reporting.",
            ),
        ),
        DocxBlock(
            "12. Getting help",
            paragraphs=(
                (
                    "During onboarding, your onboarding manager is your first contact. After go-live, your customer "
                    "success manager leads quarterly business reviews, and support is available through the in-app "
                    "help, support@lumora.example and, for Enterprise customers, a 24/7 phone line for severity-1 "
                    "issues. The help centre at help.lumora.example has step-by-step articles for every "
                    "configuration task in this guide."
                ),
            ),
        ),
        DocxBlock(
            "Appendix: mutual action plan template",
            table=(
                ("Milestone", "Owner", "Target date", "Status"),
                ("Kickoff held; success criteria agreed", "Executive sponsor", "Week 1", ""),
                ("CRM connected in production; backfill complete", "CRM admin", "Week 1", ""),
                ("Security review and SSO complete", "Security contact", "Week 2", ""),
                ("Categories, hierarchy and quotas configured", "Project lead", "Week 3", ""),
                ("Pilot completed; feedback addressed", "Project lead", "Week 5", ""),
                ("First company-wide forecast call in Lumora", "Executive sponsor", "Week 6", ""),
            ),
        ),
    ),
    listing=approved(
        PRIYA,
        "2026-06-01T09:00:00+00:00",
        "2027-12-31",
        product=list(ALL_PRODUCTS),
        stage=["onboarding"],
        persona=["RevOps", "IT/Security"],
        tags=["onboarding", "implementation", "Salesforce integration", "customer success"],
    ),
    keywords=("onboarding", "implementation", "Salesforce", "HubSpot", "SSO"),
)

ROI_GUIDE = WordDoc(
    path="Sales tools/ROI calculator guide.docx",
    title="Lumora ROI calculator guide",
    subtitle="How to build a credible, conservative business case with a prospect's own numbers",
    blocks=(
        DocxBlock(
            "Why we build the ROI model with the customer",
            paragraphs=(
                (
                    "CFOs discount vendor ROI claims, often to zero. A model built with the prospect's FP&A team, "
                    "using their numbers and conservative assumptions, becomes their business case rather than ours. "
                    "Use the ROI calculator workbook (Sales tools > ROI calculator.xlsx in the internal drive) in a "
                    "45-minute working session, never as a slide you present."
                ),
            ),
        ),
        DocxBlock(
            "Inputs to collect in discovery",
            table=(
                ("Input", "Where to find it", "Example"),
                ("Annual bookings or revenue plan", "CFO, board deck, 10-K if public", "$180M"),
                ("Number of sellers and managers", "VP Sales, CRM", "120 sellers, 15 managers"),
                ("Hours per week on forecast prep", "Managers, RevOps", "5 hours per manager, 12 for RevOps"),
                ("Current accuracy at week three", "RevOps, finance", "82%"),
                ("Finance haircut on the forecast", "CFO or FP&A", "10%"),
                ("Gross revenue retention (for Signals)", "CS leader, finance", "87%"),
            ),
        ),
        DocxBlock(
            "The three value drivers",
            paragraphs=(
                (
                    "The calculator combines three drivers. Present them separately so the CFO can accept one and "
                    "challenge another; a business case that stands on time savings alone is usually still positive."
                ),
            ),
        ),
        DocxBlock(
            "Driver 1: time saved",
            level=2,
            paragraphs=(
                (
                    "Hours saved per week by managers, RevOps and finance, multiplied by a loaded hourly cost. "
                    "Customers typically save 60% of forecast preparation time. Use 40% in the model. Example: 15 "
                    "managers x 5 hours x 40% x 46 weeks x $95 per hour = $131,100 per year."
                ),
            ),
        ),
        DocxBlock(
            "Driver 2: better decisions from accuracy",
            level=2,
            paragraphs=(
                (
                    "A smaller finance haircut lets the company invest earlier: hiring, programmes, inventory. Model "
                    "it as the cost of capital on the buffer that can be released, or for manufacturing and retail "
                    "as reduced safety stock. Be conservative: assume half the haircut reduction our customers "
                    "achieve (they average 6 points; use 3)."
                ),
            ),
        ),
        DocxBlock(
            "Driver 3: retention (Signals only)",
            level=2,
            paragraphs=(
                (
                    "Revenue retained from earlier churn detection. Use a 2-point gain in gross revenue retention, "
                    "about a third of the median customer result, applied to the renewal base. Example: $60M renewal "
                    "base x 2% = $1.2M ARR retained per year."
                ),
            ),
        ),
        DocxBlock(
            "Costs to include",
            bullets=(
                "Subscription at the quoted price, not list, for each year of the term.",
                "Fixed-fee implementation (QuickStart, Guided or Enterprise rollout).",
                "Internal time: project lead four hours a week for six weeks, admins two hours a week thereafter.",
                "Any Connect Plus or sandbox add-ons.",
            ),
        ),
        DocxBlock(
            "Presenting the result",
            paragraphs=(
                (
                    "Show three-year ROI, payback period and a sensitivity table with the accuracy driver set to "
                    "zero. Median 2025 customer: 4.1x three-year ROI and 5.5-month payback; never quote these "
                    "medians as the prospect's result. Send the workbook to the prospect after the session so FP&A "
                    "can change any assumption; a model they own is a model they defend internally."
                ),
            ),
        ),
        DocxBlock(
            "Common mistakes",
            bullets=(
                "Counting the same hours twice (manager time in both driver 1 and driver 2).",
                "Using list price when a discount is under discussion, or a discount that has not been approved.",
                "Claiming revenue upside from accuracy; accuracy improves decisions, it does not create deals.",
                "Leaving the model with a rep instead of finance: the CFO's team must own the numbers.",
            ),
        ),
    ),
    listing=approved(
        RAFAEL,
        "2026-03-02T15:00:00-06:00",
        "2027-12-31",
        product=["Lumora Forecast", "Lumora Signals"],
        stage=["decision"],
        persona=["Sales rep", "CFO"],
        tags=["ROI", "business case", "CFO"],
    ),
    keywords=("ROI", "business case", "payback", "CFO"),
)

DISCOVERY_BANK = WordDoc(
    path="Sales tools/Discovery call question bank.docx",
    title="Discovery call question bank",
    subtitle="Questions that qualify, uncover pain and set up the Lumora story. Pick five to eight per call; "
    "never read the list aloud.",
    blocks=(
        DocxBlock(
            "How to use this bank",
            paragraphs=(
                (
                    "Good discovery sounds like a conversation between peers. Prepare by choosing questions for the "
                    "persona you are meeting, open with the situation questions, and follow the energy: when a "
                    "buyer describes a painful moment, stay there with follow-ups before moving on. Record answers in "
                    "the Salesforce discovery fields the same day; the deal desk and your manager read them."
                ),
            ),
        ),
        DocxBlock(
            "Current forecast process (RevOps, VP Sales)",
            bullets=(
                (
                    "Walk me through last Monday: how did the forecast get from reps to the number your CRO "
                    "presented?"
                ),
                "Which spreadsheets, exports or systems are involved, and who maintains each one?",
                "How many hours a week do managers and RevOps spend preparing the forecast?",
                (
                    "How are forecast categories like commit and best case defined, and does everyone use them the "
                    "same way?"
                ),
            ),
        ),
        DocxBlock(
            "Accuracy and consequences (CRO, CFO)",
            bullets=(
                (
                    "Where did your forecast land against actual bookings last quarter, at week three and at the "
                    "end?"
                ),
                "When did you last miss, and what happened as a result: hiring, guidance, inventory?",
                "Does finance adjust the sales forecast before it goes to the board? By how much?",
                "What would you do differently if you could trust the number within 3% by week three?",
            ),
        ),
        DocxBlock(
            "Retention and expansion (CRO, customer success)",
            bullets=(
                "What was your gross and net revenue retention last year, and what is the target?",
                "How early do you usually know that a customer is going to churn?",
                "Where does product usage data live, and does anyone in sales see it?",
                "How is expansion pipeline created today, and how much comes from customer signals?",
            ),
        ),
        DocxBlock(
            "Technical and security (IT/Security, admins)",
            bullets=(
                "Which CRM and edition do you run, and how customised is the opportunity object?",
                "Do you have a data warehouse (Snowflake, BigQuery, Databricks) with usage or billing data?",
                "What does your vendor security review require: SOC 2 Type II, ISO 27001, a DPA, data residency?",
                "Who approves new integrations with the CRM, and how long does that usually take?",
            ),
        ),
        DocxBlock(
            "Decision process and timing",
            bullets=(
                "Who else cares about the forecast being right, and who would sign off on a change?",
                "Have you evaluated other tools, such as Forecastly, PipeIQ or Revlytic? What did you like?",
                "Is there an event driving timing: a board meeting, a planning cycle, a new fiscal year?",
                "What does your procurement process look like, and is budget allocated this year?",
            ),
        ),
        DocxBlock(
            "Qualification checklist",
            table=(
                ("Criterion", "Qualified when", "Red flag"),
                ("Pain", "A recent, costly miss or a named process problem", "'Our forecast is fine'"),
                ("Sponsor", "CRO, CFO or VP Sales engaged", "Only an analyst involved"),
                ("Data", "CRM with 8+ quarters of history", "CRM adopted in the last six months"),
                ("Timing", "Planning cycle or board event within 6 months", "No date or event"),
                ("Budget", "Allocated or a clear path to it", "'We'll see next year'"),
            ),
        ),
    ),
    listing=approved(
        PRIYA,
        "2026-02-09T11:00:00+00:00",
        "2027-06-30",
        product=list(ALL_PRODUCTS),
        stage=["awareness", "consideration"],
        persona=["Sales rep"],
        tags=["discovery", "qualification", "enablement"],
    ),
    keywords=("discovery", "qualification", "questions"),
)

WORD_DOCS: tuple[WordDoc, ...] = (ONBOARDING_GUIDE, ROI_GUIDE, DISCOVERY_BANK, REVLYTIC, HALCYON_NOTES)


# ---------------------------------------------------------------------------------------------------------
# Markdown, HTML and plain-text assets
# ---------------------------------------------------------------------------------------------------------

FIRST_30_DAYS_MD = """\
# Your first 30 days with Lumora

*A success plan for revenue leaders and RevOps teams after go-live. Owner: Lumora Customer Success.*

Going live is the start, not the finish. The first 30 days after your first company-wide forecast call
decide whether Lumora becomes the way your company runs its number or just another tab. This plan
describes what good looks like each week, the habits to build and the measures we review together.

## Week 1: make the forecast call the Lumora call

- Run every forecast meeting from the Lumora **forecast call agenda**, not from exported spreadsheets.
- Ask managers to start with the deals that moved most since last week; Lumora lists them automatically.
- Lock the weekly snapshot every Friday and share the link with finance.
- Check the **submission rate** on Monday morning. Anything below 90% is a conversation, not a
  reminder e-mail.

> Tip from Kestrel Robotics: their CRO stopped accepting forecast numbers by e-mail in week one. Adoption
> reached 97% by week two.

## Week 2: bring finance in

The CFO's team is the most important second audience. In week two, hold a 30-minute session with FP&A
to walk through scenario planning and the snapshot history. Agree which weekly snapshot finance will
use for its own planning, and whether exports should go to Excel, Google Sheets or your planning tool.

Finance usually asks two questions: *how accurate is it?* and *why did it change?* The accuracy
dashboard answers the first after your first full quarter; the change waterfall between two snapshots
answers the second from day one.

## Week 3: coach with the AI forecast

By week three, the AI forecast has been visible next to every rep and manager call for a few weeks.
Use the gaps as coaching moments:

1. Filter to deals where the rep's call and the AI forecast differ by more than 30 points.
2. Open the **drivers** panel and ask the rep to explain what the model is missing.
3. Record the explanation as a note; notes appear in the next week's agenda.

The goal is not to make reps agree with the model. It is to make every disagreement explicit, so that
optimism and sandbagging become visible and discussable.

## Week 4: review and plan the next quarter

Hold a 60-minute 30-day review with your customer success manager and executive sponsor.

| Measure | Target at day 30 | Where to find it |
| --- | --- | --- |
| Weekly submission rate | 90% or more | Admin > Adoption |
| Managers running meetings from Lumora | All | Admin > Adoption |
| Forecast prep hours saved | 30% or more | Survey of managers and RevOps |
| Finance using snapshots | Yes | Snapshot share log |
| Data health issues open | Fewer than 50 | Connect > Data health |

Agree two improvements for the next 30 days, for example a second hierarchy for the partner channel,
enabling Slack submissions for field teams, or preparing the Lumora Signals back-test.

## Habits that separate great rollouts

- **One number.** Retire the old spreadsheet on go-live day and archive it read-only.
- **Visible accuracy.** Share week-three accuracy by team every quarter, starting with the first.
- **Short notes, every change.** A one-line reason for every change above your threshold makes the
  change history useful to finance.
- **Data hygiene weekly.** RevOps clears the data health queue (past close dates, zero amounts) every
  Friday before the snapshot locks.

## Getting help

Your customer success manager is your main contact after go-live. Product questions: in-app help or
support@lumora.example. Admin certification and recorded training: academy.lumora.example.
"""

OBJECTION_GUIDE_MD = """\
# Objection handling guide

*For Lumora account executives and SDRs. Owner: Sales Enablement. Last reviewed August 2026.*

Objections are questions in disguise. The pattern that works: **acknowledge** the concern, **ask** a
question to understand it, **answer** with evidence, and **advance** to a next step. Never argue, and
never answer a price objection with a discount in the room: discount approval follows the matrix in
the 2026 pricing sheet.

## Price and budget

### "Lumora is too expensive."

- **Acknowledge:** "Budget matters, and we should make sure the numbers work."
- **Ask:** "Too expensive compared with what: another tool, the current process, or the budget you
  have this year?"
- **Answer:** Compare three-year total cost, not first-year list price. Build the ROI model with their
  FP&A team using the ROI calculator guide; median payback for 2025 customers was 5.5 months.
- **Advance:** "Could we spend 45 minutes with your FP&A lead on the model next week?"

### "Forecastly is half the price."

List-to-list, Forecastly is about 30% cheaper than Forecast Team, and its first-year promotions double
at renewal. Ask how they measure forecast accuracy and whether finance relies on the number. See the
Forecastly battlecard for trap questions.

### "We don't have budget this year."

Ask what event would create budget: a planning cycle, a new fiscal year, a board request. Offer a
Signals back-test or a sandbox proof of value that fits current budget, and agree a date to revisit.
Record the timing in Salesforce so marketing nurtures the account.

## Need and priority

### "Our forecast is good enough."

Ask for the numbers: "Where did you land at week three last quarter?" Most teams do not know. Share
the benchmark from *The forecast accuracy gap* whitepaper: only 27% of companies are within 5% at week
three. If they truly are accurate and finance does not adjust their number, qualify out politely.

### "Salesforce already has forecasting."

CRM-native forecasting rolls up categories well. Ask how they explain changes to finance, whether they
use warehouse or usage data, and how they forecast renewals. Lumora adds the independent AI forecast
with drivers, snapshots with change history, scenarios and Signals, and runs on top of Salesforce, so
nothing is replaced.

### "We're changing CRM next year."

Lumora Connect supports Salesforce, HubSpot and Dynamics 365, and historical data stays in Lumora
through the migration. Several customers used Lumora as the stable forecast during a CRM migration.

## Trust in AI

### "We don't trust black-box AI."

Agree: they should not. Show the drivers panel for a specific deal. The model is trained only on their
own history, shown next to the team's call rather than replacing it, and accuracy is reported openly.
Offer a back-test on eight quarters of their data.

### "Reps will game the system."

Gaming is easier in spreadsheets. In Lumora, every change is versioned with who, when and why, and
the AI forecast makes unexplained optimism visible. Kestrel Robotics reports that sandbagging dropped
because managers could see it.

## Security, privacy and IT

### "Our security review takes six months."

Start it now, in parallel. Send the security pack (SOC 2 Type II, ISO/IEC 27001, SIG Lite, DPA) before
they ask, and offer a call with Lumora's security team. Most reviews finish in two to four weeks.

### "We need data to stay in the EU." / "We need GDPR compliance."

Lumora offers an EU data region in Frankfurt on Enterprise, a GDPR Article 28 DPA with Standard
Contractual Clauses, and a published subprocessor list. Signals does not read message content.

### "IT won't allow another integration into Salesforce."

The managed package is AppExchange security reviewed, read-only by default and needs no custom
objects. Typical API usage is under 3% of the daily limit. Offer a 60-minute sandbox session with their
admin.

## Timing and competition

### "Revlytic is already in procurement."

Ask about the implementation timeline and whether services are fixed fee. Offer a head-to-head
back-test on their data. See the Revlytic battlecard.

### "Send me some information and I'll get back to you."

Agree, and make it specific: "I'll send the case study closest to your situation and the one-pager.
Can we hold 20 minutes on Thursday to see if it's relevant?" Then send the *After the first meeting*
e-mail template the same day.
"""

FAQ_ITEMS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Product",
        (
            (
                "What is Lumora?",
                (
                    "Lumora Analytics provides revenue forecasting software for B2B companies. Lumora Forecast gives "
                    "sales, finance and the board one explainable forecast; Lumora Signals identifies churn and expansion "
                    "risk in existing customers; Lumora Connect keeps revenue data from the CRM, support desk, billing "
                    "system and data warehouse complete and current."
                ),
            ),
            (
                "How is Lumora Forecast different from the forecasting in our CRM?",
                (
                    "CRM forecasting rolls up the categories reps choose. Lumora adds an independent AI forecast trained "
                    "on your own win history, shows the drivers behind every prediction, keeps weekly snapshots with a "
                    "full change history, and lets finance run scenarios. It runs on top of your CRM, so nothing is "
                    "replaced."
                ),
            ),
            (
                "How accurate is the AI forecast?",
                (
                    "Across customers live for two or more quarters, the median accuracy of the AI forecast at week three "
                    "of the quarter is 94%. New customers typically see 88-90% in their first quarter. Before go-live we "
                    "back-test the model on your own history so you can see its accuracy up front."
                ),
            ),
            (
                "Does Lumora Signals read our e-mails or record calls?",
                (
                    "No. Signals uses activity metadata such as counts, dates and participants from your CRM, plus "
                    "support ticket metadata and product usage aggregates. It never reads message content and does not "
                    "require call recordings."
                ),
            ),
        ),
    ),
    (
        "Integrations",
        (
            (
                "Which CRMs do you support?",
                (
                    "Salesforce Sales Cloud (including Financial Services Cloud), HubSpot Sales Hub Professional and "
                    "Enterprise, and Microsoft Dynamics 365 Sales."
                ),
            ),
            (
                "How does the Salesforce integration work?",
                (
                    "Lumora is installed as an AppExchange managed package with a dedicated, read-only integration user. "
                    "It needs no custom objects, syncs incrementally every 15 minutes, and typically uses less than 3% of "
                    "your daily API allocation. Write-back of forecast calls and risk scores is optional."
                ),
            ),
            (
                "Can Lumora use data from our warehouse?",
                (
                    "Yes, with Connect Plus: Snowflake, Google BigQuery and Databricks SQL. A zero-copy option reads "
                    "views you define, so your data stays in your warehouse under your governance."
                ),
            ),
            (
                "Do you integrate with Slack and Microsoft Teams?",
                (
                    "Yes. Reps can submit their forecast call, and Signals alerts and playbooks are delivered, in Slack "
                    "or Microsoft Teams on the Business and Enterprise editions."
                ),
            ),
        ),
    ),
    (
        "Security and compliance",
        (
            (
                "Is Lumora SOC 2 compliant?",
                (
                    "Yes. Lumora has a SOC 2 Type II report covering security, availability and confidentiality, and "
                    "is certified to ISO/IEC 27001 and ISO/IEC 27701. Reports are available under NDA through "
                    "trust.lumora.example."
                ),
            ),
            (
                "Is Lumora GDPR compliant? Where is our data stored?",
                (
                    "Lumora offers a GDPR Article 28 data processing agreement with EU Standard Contractual Clauses. "
                    "Data is stored in the US (Virginia) by default, or in the EU (Frankfurt) or APAC (Sydney) regions "
                    "on Enterprise, including backups."
                ),
            ),
            (
                "Do you support SSO and SCIM?",
                (
                    "Yes: SAML 2.0 and OpenID Connect single sign-on with Okta, Microsoft Entra ID, Google Workspace "
                    "and Ping, plus SCIM 2.0 provisioning."
                ),
            ),
            (
                "Will you sign a BAA?",
                "A HIPAA business associate agreement is available on the Enterprise edition.",
            ),
        ),
    ),
    (
        "Pricing and contracts",
        (
            (
                "How is Lumora priced?",
                (
                    "Per user per month, billed annually. Forecast Team lists at $65, Forecast Business at $99, and "
                    "Forecast Enterprise from $140. The Platform bundle (Forecast Business, Signals and Connect Plus) "
                    "lists at $129. Read-only executive viewers are free. Your account team will share the current "
                    "pricing sheet."
                ),
            ),
            (
                "Is implementation included?",
                (
                    "Implementation is a fixed fee, from $7,500 for QuickStart (up to 50 users, four weeks). We never "
                    "bill implementation on time and materials."
                ),
            ),
            (
                "How long does it take to go live?",
                (
                    "Most customers run their first company-wide forecast call in Lumora six weeks after kickoff. The "
                    "CRM is usually connected and syncing on the first day."
                ),
            ),
            (
                "Can we export our data if we leave?",
                (
                    "Yes. You can export your data at any time in open formats. On termination, data is deleted within "
                    "30 days and we provide a deletion certificate."
                ),
            ),
        ),
    ),
)


def faq_html() -> str:
    """The product FAQ as a standalone HTML page, built from ``FAQ_ITEMS`` so questions stay data."""
    sections = []
    for heading, items in FAQ_ITEMS:
        entries = "\n".join(
            f"    <details open>\n      <summary>{html.escape(q)}</summary>\n      <p>{html.escape(a)}</p>\n"
            "    </details>"
            for q, a in items
        )
        anchor = heading.lower().replace(" ", "-")
        sections.append(
            f'  <section id="{anchor}">\n    <h2>{html.escape(heading)}</h2>\n{entries}\n  </section>'
        )
    body = "\n".join(sections)
    nav = "\n".join(
        f'      <li><a href="#{heading.lower().replace(" ", "-")}">{html.escape(heading)}</a></li>'
        for heading, _ in FAQ_ITEMS
    )
    return f"""\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Lumora product FAQ</title>
  <meta name="description" content="Answers to the questions prospects ask most about Lumora Forecast,
Lumora Signals and Lumora Connect: integrations, security, SOC 2, GDPR, pricing and implementation.">
  <meta name="author" content="{AUTHOR}">
  <meta name="keywords" content="FAQ, pricing, SOC 2, GDPR, Salesforce integration, onboarding">
  <style>
    body {{ font-family: Helvetica, Arial, sans-serif; color: {INK}; max-width: 46rem; margin: 0 auto;
           padding: 0 1rem 3rem; line-height: 1.5; }}
    header {{ background: {TEAL}; color: white; padding: 1.5rem 1rem; margin: 0 -1rem 1rem;
             border-bottom: 4px solid {AMBER}; }}
    header p {{ color: #D6E6EE; margin: 0.25rem 0 0; }}
    h2 {{ color: {TEAL}; margin-top: 2rem; }}
    summary {{ font-weight: bold; cursor: pointer; }}
    details {{ border-bottom: 1px solid #D9E2EC; padding: 0.5rem 0; }}
    footer {{ margin-top: 2rem; font-size: 0.85rem; color: #52606D; }}
  </style>
</head>
<body>
  <header>
    <h1>Lumora product FAQ</h1>
    <p>The questions prospects ask most, with answers approved by product marketing.</p>
  </header>
  <nav>
    <ul>
{nav}
    </ul>
  </nav>
{body}
  <footer>
    <p>© 2026 {COMPANY} Questions not answered here? Write to hello@{WEB}.</p>
  </footer>
</body>
</html>
"""


EMAIL_TEMPLATES_TXT = """\
Lumora e-mail template pack
For account executives and SDRs. Owner: Sales Enablement. Approved August 2026.

How to use: copy a template into Salesforce or your e-mail client, replace every [BRACKETED] field,
and cut anything that does not apply. Personalise the first line every time; templates that are sent
unedited get half the reply rate. Attach collateral from the Enablement Library only, so prospects
always receive the current approved version.

======================================================================================================
1. COLD OUTREACH: CRO / VP SALES
======================================================================================================
Subject: Week-three forecast at [COMPANY]

Hi [FIRST NAME],

[PERSONAL LINE: e.g. congratulations on the Series C / the new EMEA team / your post on pipeline
hygiene.]

Most revenue leaders we speak with can call the quarter within 5% in week ten. Only about a quarter
can do it in week three, when hiring and spending decisions are made. Our 2026 benchmark of 412 B2B
companies found the difference comes down to a few practices, not team size.

Kestrel Robotics went from 71% to 93% forecast accuracy at week three in two quarters, and their
CFO cut the planning buffer from 15% to 5%.

Worth 20 minutes to compare notes on how [COMPANY] builds its forecast?

[SIGNATURE]

======================================================================================================
2. COLD OUTREACH: CFO / FP&A
======================================================================================================
Subject: The haircut on your sales forecast

Hi [FIRST NAME],

Three out of four finance leaders adjust the sales forecast before it reaches the board, on average
by 11%. That buffer protects you from a miss, but it also slows hiring and investment when the
quarter turns out fine.

Tidewater Payments' CFO replaced the buffer with a forecast she can audit: weekly snapshots, every
change explained, and an AI forecast alongside the team's call. Their board forecast has landed
within 3% for four consecutive quarters.

Would a short conversation about how your team adjusts the sales number be useful?

[SIGNATURE]

======================================================================================================
3. AFTER THE FIRST MEETING
======================================================================================================
Subject: Lumora: summary and next steps

Hi [FIRST NAME],

Thank you for your time today. Here is what I heard:

  - Today: [CURRENT PROCESS, e.g. weekly spreadsheet roll-up from Salesforce, 2 days of RevOps time]
  - Impact: [PAIN, e.g. forecast missed by 12% in Q2; finance adds a 10% buffer]
  - Goal: [SUCCESS, e.g. a trusted number by week three before the FY27 planning cycle]

As promised, attached are the [ONE-PAGER] and the [CASE STUDY] from a company similar to yours.

Proposed next step: a tailored demo on your Salesforce sandbox on [DATE], with [ADMIN NAME] joining
for 30 minutes to connect the sandbox. Does that work?

[SIGNATURE]

======================================================================================================
4. SECURITY REVIEW KICK-OFF
======================================================================================================
Subject: Lumora security pack for [COMPANY]

Hi [SECURITY CONTACT],

[CHAMPION NAME] mentioned you will be reviewing Lumora. To save you time, here is our security pack:

  - Security and compliance overview (attached)
  - SOC 2 Type II report and penetration test summary: available after our mutual NDA is signed
  - ISO/IEC 27001 and 27701 certificates, SIG Lite and CAIQ answers: trust.lumora.example
  - Data processing agreement (GDPR Article 28, SCCs) and subprocessor list

Lumora stores data in [US / EU (Frankfurt) / APAC (Sydney)]. Our security team is happy to join a
call; reply with two or three times that suit you.

[SIGNATURE]

======================================================================================================
5. PRICING FOLLOW-UP (AFTER QUALIFICATION ONLY)
======================================================================================================
Subject: Lumora proposal for [COMPANY]

Hi [FIRST NAME],

Attached is our proposal for [NUMBER] users of [EDITION], with [ADD-ONS] and the [SERVICES PACKAGE]
implementation at a fixed fee. It follows the 2026 pricing sheet; the terms are valid until [DATE].

Internal note, delete before sending: any discount above 10% needs approval per the discount
approval matrix. Do not mention a discount in writing before it is approved in Salesforce.

I suggest we review the ROI model with [FP&A CONTACT] before your decision meeting on [DATE].

[SIGNATURE]

======================================================================================================
6. RE-ENGAGING A STALLED DEAL
======================================================================================================
Subject: Should I close the file?

Hi [FIRST NAME],

We last spoke on [DATE] about [GOAL]. I have not heard back, which usually means priorities have
changed, and that is fine.

Should I close the file for now, or is [GOAL] still on the agenda for [QUARTER]? Either answer helps.

[SIGNATURE]

======================================================================================================
7. EXPANSION: INTRODUCING LUMORA SIGNALS TO A FORECAST CUSTOMER
======================================================================================================
Subject: Renewal risk in your Lumora forecast

Hi [FIRST NAME],

Your team has run the forecast in Lumora for [N] quarters now. Congratulations on [RESULT].

Many Forecast customers next ask how to see renewal and churn risk in the same view. Lumora Signals
does that with a back-test first: we score your last eight quarters and show how many churned
accounts it would have flagged, and how early. Quillstack lifted gross retention from 84% to 91%.

Would a 30-minute look at a back-test proposal be useful before your next planning cycle?

[SIGNATURE]
"""

CALL_SCRIPT_TXT = """\
Lumora cold call script and talk tracks
For SDRs and account executives. Owner: Sales Enablement. Approved July 2026.

This is a structure, not a script to read. Sound like a person, listen twice as long as you talk,
and aim for one outcome: a 20-minute discovery meeting in the calendar.

------------------------------------------------------------------------------------------------------
OPENER (15 seconds)
------------------------------------------------------------------------------------------------------
"Hi [NAME], this is [YOUR NAME] from Lumora Analytics. I know I'm calling out of the blue. Can I take
30 seconds to tell you why I called, and you can decide if it's worth continuing?"

If yes, go to the reason for the call. If "I'm busy": "Understood. When is a better time for two
minutes?" Book it and hang up.

------------------------------------------------------------------------------------------------------
REASON FOR THE CALL (30 seconds), by persona
------------------------------------------------------------------------------------------------------
CRO / VP Sales:
"We work with sales leaders who can call the quarter in week ten but not in week three, when the
hiring and spending decisions get made. Companies like Kestrel Robotics went from 71% to 93%
accuracy at week three. How confident are you in your number at this point in the quarter?"

CFO / FP&A:
"Most finance leaders we speak with quietly discount the sales forecast by around 10% before it goes
to the board. We help finance get a forecast they can audit. How does your team adjust the number
sales gives you?"

RevOps:
"RevOps teams tell us they spend a day or two every week rebuilding the forecast from exports. We
connect Salesforce or HubSpot, warehouse data and billing automatically. How is your forecast built
today?"

Customer success / retention:
"We help revenue teams see churn about 90 days before the renewal call. How early do you usually
know a customer is at risk?"

------------------------------------------------------------------------------------------------------
DISCOVERY QUESTIONS (pick two or three)
------------------------------------------------------------------------------------------------------
- Where did last quarter land against the forecast you had in week three?
- How many spreadsheets or systems feed the forecast?
- Who in finance uses the sales forecast, and do they adjust it?
- Are you evaluating anything today, such as Forecastly, PipeIQ or Revlytic?

------------------------------------------------------------------------------------------------------
ASK FOR THE MEETING
------------------------------------------------------------------------------------------------------
"Based on what you said about [PAIN], it's worth 20 minutes with one of our account executives to
see how teams like yours solved it. Would Tuesday or Thursday work better?"

------------------------------------------------------------------------------------------------------
QUICK OBJECTION RESPONSES
------------------------------------------------------------------------------------------------------
"Not interested."
  "Fair enough. Out of curiosity, is that because the forecast is in good shape, or because it's not a
  priority right now?"

"We use Salesforce forecasting."
  "Most of our customers do too; Lumora runs on top of it. The question is whether you can explain to
  finance why the number moved this week."

"Send me an e-mail."
  "Happy to. So I send something relevant: is the bigger issue accuracy, or the time it takes to
  build the forecast?" Then send template 1 or 2 from the e-mail template pack within the hour.

"We don't have budget."
  "Understood; most teams don't until planning season. When does your next planning cycle start?
  I'll follow up a month before."

------------------------------------------------------------------------------------------------------
VOICEMAIL (under 25 seconds)
------------------------------------------------------------------------------------------------------
"Hi [NAME], [YOUR NAME] from Lumora Analytics. I'm calling about your week-three forecast: teams like
Kestrel Robotics moved from 71% to 93% accuracy in two quarters. I'll send a short e-mail with the
details; my number is [NUMBER]. Thanks."

------------------------------------------------------------------------------------------------------
AFTER THE CALL
------------------------------------------------------------------------------------------------------
Log the call in Salesforce within the hour with the persona, pain and next step. If a meeting is
booked, add the discovery notes so the account executive does not ask the same questions twice.
"""

TEXT_FILES: tuple[TextFile, ...] = (
    TextFile(
        "Onboarding/First 30 days.md",
        FIRST_30_DAYS_MD,
        approved(
            PRIYA,
            "2026-06-01T09:30:00+00:00",
            "2027-12-31",
            product=["Lumora Forecast"],
            stage=["onboarding"],
            persona=["RevOps", "CRO"],
            tags=["onboarding", "adoption", "success plan"],
        ),
    ),
    TextFile(
        "Sales tools/Objection handling guide.md",
        OBJECTION_GUIDE_MD,
        approved(
            PRIYA,
            "2026-08-25T10:00:00+00:00",
            "2027-06-30",
            product=list(ALL_PRODUCTS),
            stage=["consideration", "decision"],
            persona=["Sales rep"],
            tags=["objection handling", "enablement", "pricing", "security"],
        ),
    ),
    TextFile(
        "Product/Product FAQ.html",
        faq_html(),
        approved(
            MARIA,
            "2026-09-01T10:00:00+00:00",
            "2027-09-30",
            product=list(ALL_PRODUCTS),
            stage=["awareness", "consideration"],
            persona=["Sales rep", "IT/Security", "RevOps"],
            tags=["FAQ", "SOC 2", "GDPR", "pricing", "Salesforce integration"],
        ),
    ),
    TextFile(
        "Sales tools/Email template pack.txt",
        EMAIL_TEMPLATES_TXT,
        approved(
            PRIYA,
            "2026-08-25T10:30:00+00:00",
            "2027-06-30",
            product=list(ALL_PRODUCTS),
            stage=["awareness", "consideration", "decision", "expansion"],
            persona=["Sales rep"],
            tags=["e-mail templates", "prospecting", "follow-up"],
        ),
    ),
    TextFile(
        "Sales tools/Cold call script.txt",
        CALL_SCRIPT_TXT,
        approved(
            PRIYA,
            "2026-07-20T16:00:00+00:00",
            "2027-04-30",
            product=["Lumora Forecast", "Lumora Signals"],
            stage=["awareness"],
            persona=["Sales rep"],
            tags=["call script", "prospecting", "SDR"],
        ),
    ),
)


# ---------------------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------------------


def _all_listings() -> dict[str, Listing | None]:
    assets: dict[str, Listing | None] = {}
    groups: tuple[Sequence[Deck] | Sequence[PdfDoc] | Sequence[WordDoc] | Sequence[TextFile], ...] = (
        DECKS,
        PDF_DOCS,
        WORD_DOCS,
        TEXT_FILES,
    )
    for group in groups:
        for spec in group:
            if spec.path in assets:
                raise BuildError(f"two assets share the path {spec.path}")
            assets[spec.path] = spec.listing
    return assets


@dataclass(frozen=True)
class FieldTip:
    """A rep's tip marketing promoted, as ``catalog.json`` carries it under ``"field_tips"``: every rep sees it
    in the preview of its asset, with its author, so a new user meets the feature on real pages."""

    tip_id: str
    path: str  # the asset, by its path in the library
    page: int | None
    text: str
    author: str
    author_team: str
    promoted_by: str
    promoted_at: str


FIELD_TIPS = (
    FieldTip(
        tip_id="demo-tip-cfo-briefing-roi",
        path="Pitch decks/Lumora for CFOs executive briefing.pptx",
        page=5,
        text="With CFOs I skip to the ROI model on slide 5 and fill in their own variance numbers live: "
        "it turns the meeting from a pitch into a working session.",
        author="Dana Reyes",
        author_team="Enterprise West",
        promoted_by=PRIYA,
        promoted_at="2026-10-20T14:00:00+00:00",
    ),
    FieldTip(
        tip_id="demo-tip-forecast-deck-cost",
        path="Pitch decks/Lumora Forecast pitch deck.pptx",
        page=3,
        text="Ask what their last missed quarter cost before you show slide 3; their number beats ours.",
        author="Marcus Lee",
        author_team="Mid-market East",
        promoted_by=PRIYA,
        promoted_at="2026-10-22T09:30:00+00:00",
    ),
    FieldTip(
        tip_id="demo-tip-forecastly-price",
        path="Battlecards/Battlecard - Lumora vs Forecastly.pdf",
        page=2,
        text='On "half the price", compare cost per accurate forecast, not per seat: '
        "the objection table on page 2 has the numbers.",
        author="Sofia Martins",
        author_team="EMEA Mid-market",
        promoted_by=JAMES,
        promoted_at="2026-10-27T11:15:00+00:00",
    ),
)


# ---------------------------------------------------------------------------------------------------------
# Onboarding playlist
# ---------------------------------------------------------------------------------------------------------

# "Your first week" for every new hire: (asset path, due day, page range or None, why it matters).
FIRST_WEEK = (
    ("Onboarding/First 30 days.md", 1, None, "How your first month runs, and who to ask for what"),
    (
        "Pitch decks/Lumora Forecast pitch deck.pptx",
        2,
        (1, 6),
        "The story of a first meeting: know it by heart",
    ),
    (
        "Sales tools/Discovery call question bank.docx",
        2,
        None,
        "The questions to ask before any demo; shadow a discovery call with them",
    ),
    (
        "Battlecards/Battlecard - Lumora vs Forecastly.pdf",
        3,
        None,
        "Our most frequent competitor: learn the landmines before your first deal",
    ),
    ("Sales tools/Objection handling guide.md", 4, None, "The five objections you will hear this month"),
    ("Pricing/Pricing sheet 2026.pdf", 5, None, "Plans, and which discounts need approval"),
)


def demo_asset_id(path: str) -> str:
    """The fixed id the catalog gives a demo asset a playlist names: every computer that indexes the demo
    takes the catalog's id, so the playlist finds the asset whatever its file's bytes."""
    return hashlib.sha256(f"lumora-demo:{path}".encode()).hexdigest()[:32]


def playlists_document() -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for path, due_day, pages, note in FIRST_WEEK:
        item: dict[str, object] = {"asset": demo_asset_id(path), "due_day": due_day}
        item["title"] = Path(path).stem
        if pages is not None:
            item["pages"] = list(pages)
        item["note"] = note
        items.append(item)
    return [
        {
            "id": "your-first-week",
            "title": "Your first week",
            "for": {"role": "new_hire"},
            "description": "What every new rep reads, watches and practises before their first customer call.",
            "items": items,
        }
    ]


def catalog_document() -> dict[str, object]:
    """The manifest marketing maintains: listed assets only, sorted by path for a stable diff, the onboarding
    playlist and the tips marketing promoted. The assets the playlist and the tips name carry fixed ids, so
    every computer that indexes the demo finds them whatever its files' bytes."""
    listings = _all_listings()
    in_playlist = {path for path, *_ in FIRST_WEEK}
    fixed = in_playlist | {tip.path for tip in FIELD_TIPS}
    missing = fixed - {path for path, listing in listings.items() if listing}
    if missing:
        raise BuildError(f"the playlist or a tip names assets the catalog does not list: {sorted(missing)}")

    def entry(path: str, listing: Listing) -> dict[str, object]:
        data = listing.to_json()
        if path in fixed:
            data["id"] = demo_asset_id(path)
        return data

    tips = [
        {
            "tip_id": tip.tip_id,
            "asset_id": demo_asset_id(tip.path),
            "page": tip.page,
            "text": tip.text,
            "author": tip.author,
            "author_team": tip.author_team,
            "promoted_by": tip.promoted_by,
            "promoted_at": tip.promoted_at,
        }
        for tip in FIELD_TIPS
    ]
    return {
        "format": 1,
        "library": LIBRARY_NAME,
        "assets": {path: entry(path, listing) for path, listing in sorted(listings.items()) if listing},
        "playlists": playlists_document(),
        # in the order the app writes them (by asset id, page, tip), so marketing's next save keeps the diff small
        "field_tips": sorted(tips, key=lambda tip: (str(tip["asset_id"]), tip["page"] or 0, tip["tip_id"])),
    }


def _check_replaceable(out_dir: Path) -> None:
    """Only ever replace a folder this script built before (or an empty one)."""
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return
    try:
        ours = json.loads((out_dir / CATALOG_NAME).read_text(encoding="utf-8")).get("library") == LIBRARY_NAME
    except (OSError, ValueError):
        ours = False
    if not ours:
        raise BuildError(f"{out_dir} is not empty and is not a demo library; choose another folder")


def _target(out_dir: Path, relative: str) -> Path:
    path = out_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _status(listing: Listing | None) -> str:
    return listing.status if listing else "unlisted"


def build(out_dir: Path) -> None:
    """Write every asset and ``catalog.json`` into ``out_dir`` (replacing a previous build there)."""
    _build(out_dir)


def _build(out_dir: Path) -> BuildReport:
    """Build next to ``out_dir`` and swap it in at the end, so a failed build leaves the old library intact."""
    out_dir = Path(out_dir)
    _check_replaceable(out_dir)
    staging = out_dir.parent / f".{out_dir.name}.building"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        report = _write_assets(staging)
        _pin_mtimes(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)
    return report


def _write_assets(out_dir: Path) -> BuildReport:
    report = BuildReport()
    for deck in DECKS:
        slides = render_pptx(_target(out_dir, deck.path), deck)
        report.rows[deck.path] = ("pitch deck", slides, _status(deck.listing))
    for pdf in PDF_DOCS:
        pages = render_pdf(_target(out_dir, pdf.path), pdf)
        report.rows[pdf.path] = (pdf.kind.lower(), pages, _status(pdf.listing))
    for word in WORD_DOCS:
        render_docx(_target(out_dir, word.path), word)
        report.rows[word.path] = ("word document", None, _status(word.listing))
    for text_file in TEXT_FILES:
        _target(out_dir, text_file.path).write_text(text_file.text, encoding="utf-8", newline="\n")
        kind = {".md": "markdown", ".html": "html page", ".txt": "text"}[Path(text_file.path).suffix]
        report.rows[text_file.path] = (kind, None, _status(text_file.listing))
    catalog_text = json.dumps(catalog_document(), indent=2, ensure_ascii=False) + "\n"
    (out_dir / CATALOG_NAME).write_text(catalog_text, encoding="utf-8", newline="\n")
    return report


def _pin_mtimes(out_dir: Path) -> None:
    stamp = BUILD_INSTANT.timestamp()
    for path in sorted(out_dir.rglob("*"), reverse=True):  # children before their folders
        os.utime(path, (stamp, stamp))
    os.utime(out_dir, (stamp, stamp))


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or (args and args[0] in {"-h", "--help"}):
        log.info("usage: build_demo_library.py [OUT_DIR]  (default: %s)", DEFAULT_OUT_DIR)
        return 0 if args and args[0] in {"-h", "--help"} else 2
    out_dir = Path(args[0]) if args else DEFAULT_OUT_DIR
    try:
        report = _build(out_dir)
    except BuildError as error:
        log.error("demo library not built: %s", error)
        return 1
    total = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    for path, (kind, count, status) in sorted(report.rows.items()):
        log.info("%-72s %-18s %4s  %s", path, kind, "" if count is None else count, status)
    log.info("%d assets, %.1f KB in %s", len(report.rows), total / 1024, out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
