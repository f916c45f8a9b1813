"""Markdown files through markdown-it-py, split into sections at h1–h3 headings.

The index gets what a reader sees, not the syntax: link text without the URL, image alt text, table cells,
code as written. A YAML front matter ``title:`` (common in docs sites) wins over the first heading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from indexer.extract.document import (
    ExtractedDocument,
    Section,
    first_title,
    one_line,
    readable_stem,
    tidy_text,
)
from indexer.extract.plain_text import decode_text

if TYPE_CHECKING:
    from pathlib import Path

    from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_SECTION_TAGS = frozenset({"h1", "h2", "h3"})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_HTML_TAG = re.compile(r"<[^>]*>")


def extract_markdown(path: Path) -> ExtractedDocument:
    source = decode_text(path.read_bytes())
    front_matter_title = ""
    front_matter = _FRONT_MATTER.match(source)
    if front_matter is not None:
        title_line = _FRONT_MATTER_TITLE.search(front_matter.group(1))
        if title_line is not None:
            front_matter_title = title_line.group(1).strip("\"'")
        source = source[front_matter.end() :]

    sections: list[Section] = []
    heading = ""
    lines: list[str] = []
    first_h1 = ""
    row: list[str] | None = None  # cells of the table row being read
    tokens = _PARSER.parse(source)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.type == "heading_open" and token.tag in _SECTION_TAGS:
            if heading or lines:
                sections.append(_section(len(sections) + 1, heading, lines))
            heading, lines = one_line(_inline_text(tokens[index])), []
            index += 1  # the heading's inline token is read
            if token.tag == "h1" and not first_h1:
                first_h1 = heading
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            lines.append(" | ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            text = _inline_text(token)
            if row is not None:
                row.append(text.strip())
            elif text.strip():
                lines.append(text)
        elif token.type in ("fence", "code_block"):
            lines.append(token.content.rstrip("\n"))
        elif token.type == "html_block":
            lines.append(" ".join(_HTML_TAG.sub(" ", token.content).split()))
    if heading or lines or not sections:
        sections.append(_section(len(sections) + 1, heading, lines))

    return ExtractedDocument(
        kind="md",
        title=first_title(front_matter_title, first_h1) or readable_stem(path),
        sections=tuple(sections),
        page_count=len(sections),
        metadata={},
    )


def _section(number: int, heading: str, lines: list[str]) -> Section:
    return Section(number=number, title=heading, text=tidy_text("\n".join(lines)))


def _inline_text(token: Token) -> str:
    """What a reader sees of an inline token: its text, code and image alt text, without markup."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "image"):  # an image's content is its alt text
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)
