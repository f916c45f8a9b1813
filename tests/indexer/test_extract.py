"""Text extraction on real files generated in a temporary folder, one kind of collateral at a time."""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pptx
import pymupdf
import pytest
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from indexer.extract import (
    KIND_BY_SUFFIX,
    ExtractedDocument,
    ExtractionError,
    Section,
    extract,
    supported,
)
from indexer.extract.pdf import pdf_date_to_iso
from indexer.extract.plain_text import SECTION_SIZE
from tests.builders import make_docx, make_pdf, make_pptx

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_width(png: bytes) -> int:
    # The IHDR chunk always comes first: signature (8), length (4), type (4), then width as uint32.
    (width,) = struct.unpack(">I", png[16:20])
    return int(width)


# --- PDF ---------------------------------------------------------------------------------------------


def test_pdf_gives_one_section_per_page_with_metadata_and_thumbnail(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "acme.pdf",
        ["Acme beats Globex on price.", "", "Objection handling: security review."],
        title="Acme Battlecard",
        author="Dana Marketing",
    )

    doc = extract(path)

    assert doc.kind == "pdf"
    assert doc.title == "Acme Battlecard"
    assert doc.page_count == 3
    assert [section.number for section in doc.sections] == [1, 2, 3]
    assert all(section.title == "" and section.notes == "" for section in doc.sections)
    assert doc.sections[0].text == "Acme beats Globex on price."
    assert doc.sections[1].text == ""  # a page without a text layer keeps its place
    assert "security review" in doc.sections[2].text
    assert doc.metadata["author"] == "Dana Marketing"
    assert doc.thumbnail_png is not None
    assert doc.thumbnail_png.startswith(PNG_SIGNATURE)
    assert 230 <= png_width(doc.thumbnail_png) <= 250


def test_pdf_without_metadata_title_is_named_after_the_file(tmp_path: Path) -> None:
    doc = extract(make_pdf(tmp_path / "battlecard_acme-v2.pdf", ["Some text"]))

    assert doc.title == "Battlecard acme v2"


def test_pdf_thumbnail_can_be_skipped(tmp_path: Path) -> None:
    doc = extract(make_pdf(tmp_path / "a.pdf", ["text"]), thumbnail=False)

    assert doc.thumbnail_png is None


def test_pdf_page_that_overflows_the_text_box_is_still_all_there(tmp_path: Path) -> None:
    long_page = " ".join(f"word{n}" for n in range(3000))

    doc = extract(make_pdf(tmp_path / "long.pdf", [long_page]))

    assert "word0" in doc.sections[0].text
    assert "word2999" in doc.sections[0].text


def test_pdf_dates_become_iso_strings(tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "source.pdf", ["text"])
    with pymupdf.open(source) as document:
        document.set_metadata(
            {"creationDate": "D:20240131094500+01'00'", "modDate": "D:20240201120000Z", "subject": "Pricing"}
        )
        document.save(tmp_path / "dated.pdf")

    doc = extract(tmp_path / "dated.pdf")

    assert doc.metadata["created"] == "2024-01-31T09:45:00+01:00"
    assert doc.metadata["modified"] == "2024-02-01T12:00:00+00:00"
    assert doc.metadata["subject"] == "Pricing"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("D:20240131094500+01'00'", "2024-01-31T09:45:00+01:00"),
        ("D:20240131094500-05'30'", "2024-01-31T09:45:00-05:30"),
        ("D:20240131094500Z", "2024-01-31T09:45:00+00:00"),
        ("20240131", "2024-01-31T00:00:00"),
        ("D:2024", "2024-01-01T00:00:00"),
        ("D:20241399", ""),  # month 13
        ("last Tuesday", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_pdf_date_parsing(raw: str | None, iso: str) -> None:
    assert pdf_date_to_iso(raw) == iso


def test_encrypted_pdf_is_refused_as_password_protected(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "secret.pdf", ["Confidential pricing"], password="s3cret")

    with pytest.raises(ExtractionError, match="password-protected"):
        extract(path)


def test_pdf_with_only_an_owner_password_is_readable(tmp_path: Path) -> None:
    # Permission-restricted PDFs (no printing, no copying) open without a password and must be indexed.
    source = make_pdf(tmp_path / "source.pdf", ["Restricted but readable"])
    with pymupdf.open(source) as document:
        document.save(
            tmp_path / "restricted.pdf",
            encryption=pymupdf.PDF_ENCRYPT_AES_256,  # type: ignore[attr-defined]
            owner_pw="owner",
            permissions=0,
        )

    doc = extract(tmp_path / "restricted.pdf")

    assert doc.sections[0].text == "Restricted but readable"


def test_random_bytes_named_pdf_are_damaged(tmp_path: Path) -> None:
    path = tmp_path / "noise.pdf"
    path.write_bytes(os.urandom(4096))

    with pytest.raises(ExtractionError, match="damaged"):
        extract(path)


@pytest.mark.parametrize("kept", [0.1, 0.5, 0.7, 0.99])
def test_truncated_pdf_is_damaged(tmp_path: Path, kept: float) -> None:
    # Cut at different points MuPDF either fails to open the file or rebuilds its first pages; both
    # must be refused rather than half indexed.
    complete = make_pdf(tmp_path / "complete.pdf", [f"Page {n} " * 40 for n in range(10)])
    data = complete.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: int(len(data) * kept)])

    with pytest.raises(ExtractionError, match="damaged"):
        extract(truncated)


def test_pdf_with_junk_after_its_end_is_still_read(tmp_path: Path) -> None:
    # Some producers and mail gateways append bytes after %%EOF; MuPDF copes and so must we.
    path = make_pdf(tmp_path / "padded.pdf", ["Still fine"])
    path.write_bytes(path.read_bytes() + b"\r\n" + bytes(100))

    assert extract(path).sections[0].text == "Still fine"


# --- PowerPoint --------------------------------------------------------------------------------------


def test_pptx_gives_one_section_per_slide_with_notes(tmp_path: Path) -> None:
    path = make_pptx(
        tmp_path / "deck.pptx",
        [
            ("Why Acme wins", "Faster onboarding\nLower total cost", "Open with the customer story"),
            ("Pricing", "Three tiers", ""),
        ],
    )

    doc = extract(path)

    assert doc.kind == "pptx"
    assert doc.title == "Why Acme wins"  # no core title: the first slide's
    assert doc.page_count == 2
    first, second = doc.sections
    assert first == Section(
        number=1,
        title="Why Acme wins",
        text="Faster onboarding\nLower total cost",
        notes="Open with the customer story",
    )
    assert (second.number, second.title, second.text, second.notes) == (2, "Pricing", "Three tiers", "")
    assert doc.thumbnail_png is None


def test_pptx_core_title_wins_over_first_slide(tmp_path: Path) -> None:
    path = make_pptx(tmp_path / "deck.pptx", [("Agenda", "Intro", "")], title="Q3 Sales Kickoff")

    assert extract(path).title == "Q3 Sales Kickoff"


def test_pptx_reads_tables_and_grouped_shapes_but_not_the_title_twice(tmp_path: Path) -> None:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])  # "Title Only"
    assert slide.shapes.title is not None
    slide.shapes.title.text = "Competitive matrix"
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for (row, column), text in {(0, 0): "Vendor", (0, 1): "Price", (1, 0): "Globex", (1, 1): "$$$"}.items():
        table.cell(row, column).text = text
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(4), Inches(2), Inches(1)).text_frame.text = "Grouped callout"
    chart_data = CategoryChartData()
    chart_data.categories = ["Q1", "Q2"]
    chart_data.add_series("Wins", (3, 5))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(5), Inches(4), Inches(3), Inches(2), chart_data
    ).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Win rate by quarter"
    path = tmp_path / "matrix.pptx"
    presentation.save(str(path))

    section = extract(path).sections[0]

    assert section.title == "Competitive matrix"
    assert "Competitive matrix" not in section.text
    assert "Vendor | Price" in section.text
    assert "Globex | $$$" in section.text
    assert "Grouped callout" in section.text
    assert "Win rate by quarter" in section.text


def test_pptx_without_slides_is_valid_and_has_no_sections(tmp_path: Path) -> None:
    path = tmp_path / "empty_deck.pptx"
    pptx.Presentation().save(str(path))

    doc = extract(path)

    assert (doc.sections, doc.page_count, doc.title) == ((), 0, "Empty deck")


def test_pptx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"this is not a presentation" * 10)

    with pytest.raises(ExtractionError, match="not a valid PowerPoint file"):
        extract(path)


def test_word_document_renamed_to_pptx_is_refused(tmp_path: Path) -> None:
    word = make_docx(tmp_path / "memo.docx", [("Memo", "Text")])
    renamed = word.rename(tmp_path / "memo.pptx")

    with pytest.raises(ExtractionError, match="not a valid PowerPoint file"):
        extract(renamed)


def test_pptx_with_a_missing_part_is_refused(tmp_path: Path) -> None:
    source = make_pptx(tmp_path / "source.pptx", [("Title", "Body", "")])
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as copy:
        for item in original.infolist():
            if item.filename != "ppt/slides/slide1.xml":
                copy.writestr(item, original.read(item))

    with pytest.raises(ExtractionError, match="not a valid PowerPoint file"):
        extract(broken)


def test_encrypted_office_file_is_refused_as_password_protected(tmp_path: Path) -> None:
    # Office saves a password-protected .pptx as an OLE compound file with an "EncryptedPackage"
    # stream. No library here can write one, so this is the header and stream name of such a file.
    path = tmp_path / "locked.pptx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    )

    with pytest.raises(ExtractionError, match="PowerPoint file is password-protected"):
        extract(path)


# --- Word --------------------------------------------------------------------------------------------


def test_docx_is_split_at_headings(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "playbook.docx",
        [("Discovery", "Ask about budget.\n\nAsk about timing."), ("Pricing", "Three tiers.")],
    )

    doc = extract(path)

    assert doc.kind == "docx"
    assert doc.title == "Discovery"  # no core title: the first Heading 1
    assert doc.page_count == 2
    assert doc.sections == (
        Section(number=1, title="Discovery", text="Ask about budget.\nAsk about timing."),
        Section(number=2, title="Pricing", text="Three tiers."),
    )


def test_docx_keeps_text_before_the_first_heading_and_table_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Acme Playbook", level=0)  # the "Title" style
    document.add_paragraph("Read this before every call.")
    document.add_heading("Competitors", level=1)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Pricing overview"
    for column, text in enumerate(["Globex", "Initech", "Umbrella"]):
        table.cell(1, column).text = text
    document.add_paragraph("After the table.")
    document.core_properties.author = "Dana"
    path = tmp_path / "playbook.docx"
    document.save(str(path))
    plain = docx.Document()
    plain.add_paragraph("Only a paragraph, no heading.")
    plain_path = tmp_path / "plain.docx"
    plain.save(str(plain_path))

    doc = extract(path)
    untitled = extract(plain_path)

    assert doc.title == "Acme Playbook"
    assert doc.sections[0] == Section(number=1, title="Acme Playbook", text="Read this before every call.")
    assert doc.sections[1].title == "Competitors"
    assert doc.sections[1].text == "Pricing overview\nGlobex | Initech | Umbrella\nAfter the table."
    assert doc.metadata["author"] == "Dana"
    assert untitled.sections == (Section(number=1, title="", text="Only a paragraph, no heading."),)
    assert untitled.title == "Plain"


def test_docx_core_title_wins(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "doc.docx", [("Intro", "Text")], title="Security Whitepaper")

    assert extract(path).title == "Security Whitepaper"


def test_empty_docx_is_valid_with_one_empty_section(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "blank.docx", [])

    doc = extract(path)

    assert doc.sections == (Section(number=1, title="", text=""),)
    assert doc.title == "Blank"


def test_docx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "memo.docx"
    path.write_text("plain text pretending to be Word")

    with pytest.raises(ExtractionError, match="not a valid Word file"):
        extract(path)


# --- Markdown, HTML, text ----------------------------------------------------------------------------


def test_markdown_is_split_at_headings_into_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "faq.md"
    path.write_text(
        "Preface line.\n\n"
        "# Acme *FAQ*\n\n"
        "See the [pricing page](https://example.com/pricing) and ![the logo](logo.png).\n\n"
        "| Plan | Price |\n|---|---|\n| Pro | 10 |\n\n"
        "## Security\n\n"
        "We are **SOC 2** certified.\n\n"
        "#### Details\n\n"
        "```\nencryption at rest\n```\n",
        encoding="utf-8",
    )

    doc = extract(path)

    assert doc.kind == "md"
    assert doc.title == "Acme FAQ"
    assert [section.title for section in doc.sections] == ["", "Acme FAQ", "Security"]
    assert doc.sections[0].text == "Preface line."
    assert doc.sections[1].text == "See the pricing page and the logo.\nPlan | Price\nPro | 10"
    assert doc.sections[2].text == "We are SOC 2 certified.\nDetails\nencryption at rest"
    assert doc.page_count == 3


def test_markdown_front_matter_title_and_stem_fallback(tmp_path: Path) -> None:
    with_front_matter = tmp_path / "a.md"
    with_front_matter.write_text('---\ntitle: "Renewal Guide"\n---\n# Heading\n\nText\n', encoding="utf-8")
    without_heading = tmp_path / "call_notes-2024.markdown"
    without_heading.write_text("Just notes.\n", encoding="utf-8")

    assert extract(with_front_matter).title == "Renewal Guide"
    assert extract(with_front_matter).sections[0].text == "Text"
    assert extract(without_heading).title == "Call notes 2024"


def test_html_drops_scripts_and_splits_at_headings(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title>Acme vs Globex</title><meta name='author' content='Web Team'>"
        "<style>p { color: red }</style></head><body>"
        "<p>Lead <b>paragraph</b>.</p><script>track('visit')</script>"
        "<h1>Overview</h1><p>Acme is faster.</p><ul><li>One</li><li>Two</li></ul>"
        "<h2>Pricing</h2><table><tr><td>Pro</td><td>$10</td></tr></table><!-- hidden note -->"
        "</body></html>",
        encoding="utf-8",
    )

    doc = extract(path)

    assert doc.kind == "html"
    assert doc.title == "Acme vs Globex"
    assert doc.metadata == {"author": "Web Team"}
    assert [(s.title, s.text) for s in doc.sections] == [
        ("", "Lead paragraph."),
        ("Overview", "Acme is faster.\nOne\nTwo"),
        ("Pricing", "Pro\n$10"),
    ]


def test_html_honours_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes(
        b'<html><head><meta charset="windows-1252"></head><body><h1>Caf\xe9 menu</h1><p>cr\xe8me</p></body></html>'
    )

    doc = extract(path)

    assert doc.title == "Café menu"
    assert doc.sections[0].text == "crème"


def test_txt_in_cp1252_decodes(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"Caf\xe9 pitch\r\n\r\nThe na\xefve approach costs \x80100.")

    doc = extract(path)

    assert doc.kind == "txt"
    assert doc.title == "Café pitch"
    assert doc.sections[0].text == "Café pitch\n\nThe naïve approach costs €100."


def test_long_txt_gives_several_sections_of_bounded_size(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {n}:" + " objection handling" * 30 for n in range(60)]
    path = tmp_path / "transcript.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8-sig")

    doc = extract(path)

    assert doc.page_count == len(doc.sections) > 5
    assert [section.number for section in doc.sections] == list(range(1, doc.page_count + 1))
    assert all(len(section.text) <= SECTION_SIZE for section in doc.sections)
    joined = "\n\n".join(section.text for section in doc.sections)
    assert joined == "\n\n".join(paragraphs)  # nothing lost, BOM gone
    assert doc.title == "transcript".capitalize()  # first line is longer than a title


def test_txt_with_one_huge_line_is_still_split(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    path.write_text("word " * 5000, encoding="utf-8")

    doc = extract(path)

    assert len(doc.sections) > 1
    assert all(len(section.text) <= SECTION_SIZE for section in doc.sections)


# --- every kind: bad files, pickling, dispatch -------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(KIND_BY_SUFFIX))
def test_zero_byte_file_is_empty(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"nothing{suffix}"
    path.touch()

    with pytest.raises(ExtractionError, match=r"the file is empty \(0 bytes\)"):
        extract(path)


@pytest.mark.parametrize("suffix", sorted(KIND_BY_SUFFIX))
def test_random_bytes_never_raise_anything_but_extraction_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(bytes(range(256)) * 16)

    try:
        doc = extract(path)
    except ExtractionError as error:
        assert str(error)
    else:
        assert KIND_BY_SUFFIX[suffix] in {"md", "txt", "html"}  # text formats decode anything
        assert doc.sections


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="disappeared"):
        extract(tmp_path / "gone.pdf")


def test_folder_named_like_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "archive.pdf"
    folder.mkdir()

    with pytest.raises(ExtractionError, match="folder"):
        extract(folder)


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xyz"
    path.write_text("data")

    with pytest.raises(ExtractionError, match=r"unsupported file type \.xyz"):
        extract(path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("deck.pptx", True),
        ("REPORT.PDF", True),
        ("notes.Markdown", True),
        ("page.htm", True),
        ("~$deck.pptx", False),  # Office's lock file beside an open deck
        ("sheet.xlsx", False),
        ("README", False),
    ],
)
def test_supported(name: str, expected: bool) -> None:
    assert supported(Path(name)) is expected


def test_results_and_errors_survive_pickling(tmp_path: Path) -> None:
    # extract() runs in worker processes: what it returns and raises must cross back intact.
    (tmp_path / "page.html").write_text("<h1>Title</h1><p>Body</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nBody", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Body", encoding="utf-8")
    paths = [
        make_pdf(tmp_path / "a.pdf", ["Page one"], title="A", author="B"),
        make_pptx(tmp_path / "b.pptx", [("Slide", "Body", "Notes")]),
        make_docx(tmp_path / "c.docx", [("Heading", "Body")]),
        tmp_path / "page.html",
        tmp_path / "notes.md",
        tmp_path / "plain.txt",
    ]

    for path in paths:
        doc = extract(path)
        assert isinstance(doc, ExtractedDocument)
        assert pickle.loads(pickle.dumps(doc)) == doc

    error = ExtractionError("the PDF is damaged and cannot be read")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_importing_the_package_loads_no_format_library() -> None:
    # The app imports indexer.extract on start-up for supported(); PyMuPDF and friends must wait.
    heavy = ["pymupdf", "fitz", "pptx", "docx", "bs4", "markdown_it"]
    code = f"import sys, indexer.extract; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert result.stdout.strip() == "[]"


def test_pdf_ligatures_are_expanded_so_words_stay_searchable(tmp_path: Path) -> None:
    # Helvetica's "fi" and "fl" come out of MuPDF as U+FB01 / U+FB02 unless ligatures are expanded.
    path = tmp_path / "ligatures.pdf"
    document = pymupdf.open()
    page = document.new_page()
    page.insert_htmlbox(pymupdf.Rect(72, 72, 500, 300), "<p>The financial officer's workflow</p>")
    document.save(path)
    document.close()

    text = extract(path).sections[0].text

    assert "financial" in text and "workflow" in text
    assert "\ufb01" not in text and "\ufb02" not in text
