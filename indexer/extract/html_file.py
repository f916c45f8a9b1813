"""Saved web pages through BeautifulSoup, split into sections at h1–h3 headings.

Scripts, styles and other markup that no reader sees are dropped. The tree is walked with an explicit
stack because malformed pages can nest deeper than Python's recursion limit.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, ParserRejectedMarkup
from bs4.element import NavigableString, PreformattedString, Tag

from indexer.extract.document import (
    ExtractedDocument,
    ExtractionError,
    Section,
    first_title,
    one_line,
    readable_stem,
)

if TYPE_CHECKING:
    from pathlib import Path

    from bs4.element import PageElement

log = logging.getLogger(__name__)

_SECTION_TAGS = frozenset({"h1", "h2", "h3"})
_INVISIBLE_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "canvas",
        "iframe",
        "object",
        "button",
    }
)
# Tags that end a line when rendered; everything else flows inline.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_META_KEYS = {"author": "author", "description": "subject", "keywords": "keywords"}
_SPACE_RUNS = re.compile(r"[ \t\r\f\v\xa0]+")
_LINE_BREAK = object()  # pushed on the stack to end a block element's line once its children are done


def extract_html(path: Path) -> ExtractedDocument:
    # Bytes, not text: BeautifulSoup honours the page's own <meta charset> when it guesses the encoding.
    try:
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
    except ParserRejectedMarkup as error:
        log.debug("cannot parse %s: %s", path, error)
        raise ExtractionError("the web page cannot be read (the HTML is malformed)") from error

    page_title = soup.title.get_text(" ", strip=True) if soup.title is not None else ""
    metadata = _metadata(soup)
    sections: list[Section] = []
    heading = ""
    parts: list[str] = []
    first_h1 = ""
    root = soup.body if soup.body is not None else soup
    pending: list[PageElement | object] = list(reversed(root.contents))
    while pending:
        node = pending.pop()
        if node is _LINE_BREAK:
            parts.append("\n")
        elif isinstance(node, Tag):
            if node.name in _INVISIBLE_TAGS:
                continue
            if node.name in _SECTION_TAGS:
                if heading or parts:
                    sections.append(_section(len(sections) + 1, heading, parts))
                heading, parts = one_line(node.get_text(" ", strip=True)), []
                if node.name == "h1" and not first_h1:
                    first_h1 = heading
                continue
            if node.name in _BLOCK_TAGS:
                parts.append("\n")
                pending.append(_LINE_BREAK)
            pending.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node))  # comments, doctypes and CDATA are PreformattedStrings
    if heading or parts or not sections:
        sections.append(_section(len(sections) + 1, heading, parts))

    return ExtractedDocument(
        kind="html",
        title=first_title(page_title, first_h1) or readable_stem(path),
        sections=tuple(sections),
        page_count=len(sections),
        metadata=metadata,
    )


def _section(number: int, heading: str, parts: list[str]) -> Section:
    lines = (_SPACE_RUNS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return Section(number=number, title=heading, text="\n".join(line for line in lines if line))


def _metadata(soup: BeautifulSoup) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for meta in soup.find_all("meta", attrs={"name": True, "content": True}):
        key = _META_KEYS.get(str(meta.get("name", "")).lower())
        content = str(meta.get("content", "")).strip()
        if key and content and key not in metadata:
            metadata[key] = content
    return metadata
