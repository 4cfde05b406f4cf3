"""Page set-up and paragraph helpers shared by both document formats."""

from dataclasses import dataclass, field

from django.conf import settings
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from lantoa.core.reporting import Cited, Link
from lantoa.core.selectors import office
from lantoa.core.text import vn_number

FONT = "Times New Roman"
# Margins in millimetres (Hướng dẫn 36 and Nghị định 30: top/bottom 20–25, left 30–35,
# right 15–20). settings.LANTOA_DOC_MARGINS overrides any of them.
DEFAULT_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_PT = 14


def margins_mm() -> dict[str, float]:
    return {**DEFAULT_MARGINS_MM, **settings.LANTOA_DOC_MARGINS}


def office_place() -> str:
    return office().place


def new_document() -> Document:
    """An empty A4 document in Times New Roman 14 with the configured margins."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins = margins_mm()
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    return document


def add_run(paragraph, text: str, *, bold=False, italic=False, underline=False, size=None):
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    return run


def cell_line(cell, text: str, *, first=False, align=WD_ALIGN_PARAGRAPH.CENTER, **run_kwargs):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = align
    add_run(paragraph, text, **run_kwargs)
    return paragraph


def two_column_table(document, widths_cm=(7.5, 9.0)):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
    return table


def body_paragraph(
    document, text: str, *, bold=False, italic=False, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY
):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    pieces = text.pieces() if isinstance(text, Cited) else [text]
    for piece in pieces:
        if isinstance(piece, Link):
            add_hyperlink(paragraph, piece.text, piece.url)
        else:
            add_run(paragraph, piece, bold=bold, italic=italic)
    return paragraph


def centered(document, text: str, *, size=BODY_PT, **run_kwargs):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, text, size=size, **run_kwargs)
    return paragraph


def data_table(document, header: list[str], rows: list[list]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        add_run(cell.paragraphs[0], str(text), bold=True, size=13)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            if isinstance(value, Link) and value.url:
                add_hyperlink(cell.paragraphs[0], value.text, value.url, size=13)
            else:
                text = value.text if isinstance(value, Link) else vn_number(value)
                add_run(cell.paragraphs[0], text, size=13)
    return table


def add_hyperlink(paragraph, text: str, url: str, *, size=None):
    """A clickable link (Word's hyperlink element with an external relationship); a path is made
    absolute with the admin's base URL."""
    if url.startswith("/"):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = add_run(paragraph, text, size=size)
    run.font.underline = True
    run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.append(run._element)
    paragraph._p.append(link)
    return link


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


@dataclass
class DocumentSpec:
    """What a document says, independent of the format that lays it out."""

    parent_body: str
    issuing_body: str
    number: str  # "" leaves the number blank for the office to fill in on issue
    symbol: str
    place: str
    date: object
    doc_type_title: str
    title_lines: list[str]
    recipients: list[str]
    authority: str
    signer_title: str
    signer_name: str
    addressee: str = ""
    body: list = field(default_factory=list)
