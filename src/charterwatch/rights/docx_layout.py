"""The page furniture of a Word opinion: A4 pages, a title page, a table of contents, page numbers, fixed tables.

python-docx gives paragraphs and tables; what makes a file an opinion a lawyer can send is here: the page size
and margins, document properties (title, author, date: never the library's defaults), a TOC field Word fills
when the file is opened, "page X of Y" in the footer, and tables whose columns have fixed widths, so a word
processor never squeezes a column until words break mid-word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
TEXT_WIDTH_CM = 21.0 - 2 * 2.0
BODY_FONT, HEADING_FONT = "Times New Roman", "Arial"
TABLE_FONT_PT = 9


def new_document(*, title: str, author: str, date: dt.date, subject: str, keywords: str) -> Any:
    """An empty A4 document with the opinion's styles and properties."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.different_first_page_header_footer = True  # no page number on the title page
    styles = document.styles
    styles["Normal"].font.name = BODY_FONT
    styles["Normal"].font.size = Pt(10.5)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = HEADING_FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        style.paragraph_format.keep_with_next = True
    quote = styles["Quote"]
    quote.font.size = Pt(10)
    quote.paragraph_format.left_indent = Cm(0.8)
    quote.paragraph_format.space_after = Pt(4)
    properties = document.core_properties
    moment = dt.datetime.combine(date, dt.time(12, 0), tzinfo=dt.UTC)
    properties.title, properties.subject, properties.keywords = title, subject, keywords
    properties.author = properties.last_modified_by = author
    properties.created = properties.modified = moment
    properties.revision, properties.language, properties.category = 1, "en", "Expert opinion"
    properties.comments = ""
    return document


def title_page(document: Any, *, kicker: str, title: str, lines: Sequence[str], small: Sequence[str]) -> None:
    """The first page: what the opinion is, its title, who and when; then a page break."""
    for _ in range(5):
        document.add_paragraph()
    document.add_paragraph().add_run(kicker.upper()).font.size = Pt(11)
    document.add_paragraph(title, style="Title")
    for line in lines:
        document.add_paragraph().add_run(line).font.size = Pt(12.5)
    for _ in range(6):
        document.add_paragraph()
    for line in small:
        run = document.add_paragraph().add_run(line)
        run.font.size = Pt(9)
        run.italic = True
    page_break(document)


def page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) with ``placeholder`` as its result until it is updated."""

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        return element

    paragraph.add_run()._r.append(char("begin"))
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def table_of_contents(document: Any, *, heading: str = "Contents") -> None:
    """A TOC field over headings 1-2, which Word fills on opening (``updateFields``) and LibreOffice on update."""
    document.add_paragraph(heading, style="TOC Heading")
    _field(document.add_paragraph(), r'TOC \o "1-2" \h \z \u', "Update the field to show the contents.")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    page_break(document)


def fill_table_of_contents(document: Any) -> None:
    """Put the headings (levels 1-2) in the TOC field's result, so the contents show before an update.

    Word replaces them, with page numbers, when it updates the field on opening; a reader that does not
    update fields (LibreOffice's converter, a viewer) shows this list.
    """
    entries = [
        (int(p.style.name[-1]), p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2")
    ]
    field = next(
        p for p in document.paragraphs if "TOC" in "".join(t.text or "" for t in p._p.iter(qn("w:instrText")))
    )
    runs = field._p.findall(qn("w:r"))
    end, placeholder = runs[-1], runs[-2]
    field._p.remove(end)
    field._p.remove(placeholder)
    current = field
    for number, (level, text) in enumerate(entries):
        if number:
            element: Any = OxmlElement("w:p")
            current._p.addnext(element)
            current = Paragraph(element, field._parent)
        current.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        current.paragraph_format.space_after = Pt(1 if level > 1 else 3)
        run = current.add_run(text)
        run.font.size = Pt(10 if level > 1 else 11)
        run.bold = level == 1 or None
    current._p.append(end)


def page_footer(document: Any, text: str) -> None:
    """``text — page X of Y`` on every page but the title page."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{text} — page ").font.size = Pt(8.5)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ").font.size = Pt(8.5)
    _field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8.5)


Cell = (
    str | Sequence[tuple[str, str]]
)  # plain text, or lines each with a style: "" plain, "b" bold, "i" italic


def table(
    document: Any, header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float]
) -> Any:
    """A grid table of fixed column ``widths`` (cm, summing to the text width) with a repeated bold header.

    All rows are made at once (adding them one by one is slow). A cell is a text or a list of styled lines,
    each its own paragraph (a ground in bold, its words, the basis in italics).
    """
    grid = document.add_table(rows=len(rows) + 1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    properties = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
    for number, row in enumerate(grid.rows):
        values = header if number == 0 else rows[number - 1]
        for cell, width, text in zip(row.cells, widths, values, strict=True):
            cell.width = Cm(width)
            _fill(cell, text, bold=number == 0)
    heading_row = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    heading_row.append(repeat)
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    mark, size = OxmlElement("w:rPr"), OxmlElement("w:sz")  # a small paragraph mark: a thin gap, not a line
    size.set(qn("w:val"), "10")
    mark.append(size)
    spacer._p.get_or_add_pPr().append(mark)
    return grid


def _fill(cell: Any, value: Cell, *, bold: bool) -> None:
    lines = [(value, "b" if bold else "")] if isinstance(value, str) else list(value)
    for number, (text, style) in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(1)
        run = paragraph.add_run(text)
        run.font.size = Pt(TABLE_FONT_PT)
        run.bold = style == "b" or None
        run.italic = style == "i" or None
