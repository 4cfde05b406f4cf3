"""The annual report as a DOCX in the Party document format (Hướng dẫn 36-HD/VPTW).

Times New Roman 14, A4, margins 20/15/30/20 mm, header with the issuing body and the national
Party line, numbered sections. Section content comes from every app's `report_sections.py`; the
annex repeats the dashboard's figures so the report and the dashboard can be compared line by line.
"""

import re
from datetime import date
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from lantoa.core.reporting import ReportSection
from lantoa.core.text import vn_place_date

from ..selectors import Figure

FONT = "Times New Roman"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# Sections at or after this order are the report's own parts (assessment, directions…);
# before it they are the results, numbered 1., 2., … under "I. KẾT QUẢ THỰC HIỆN".
OWN_PART_ORDER = 900


def _style(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(1.5)
    section.left_margin, section.right_margin = Cm(3), Cm(2)


def _para(document, text="", *, bold=False, italic=False, size=None, align=None, indent=True):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    paragraph.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent and align is None:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def _cell_lines(cell, lines):
    cell.paragraphs[0].text = ""
    for index, (text, bold, italic, underline) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.size = Pt(13 if bold else 14)


def _header(document, *, issued_on: date) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    office = settings.LANTOA_OFFICE_NAME
    _cell_lines(
        table.cell(0, 0),
        [
            ("ĐẢNG BỘ TỈNH GIA LAI", False, False, False),
            (office.upper(), True, False, False),
            ("*", False, False, False),
            ("Số      -BC/ĐU", False, False, False),
        ],
    )
    _cell_lines(
        table.cell(0, 1),
        [
            ("ĐẢNG CỘNG SẢN VIỆT NAM", True, False, True),
            ("", False, False, False),
            (vn_place_date("Quy Nhơn", issued_on), False, True, False),
        ],
    )


def _table(document, table_data) -> None:
    _para(document, table_data.title, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    table = document.add_table(rows=1, cols=len(table_data.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, table_data.header, strict=False):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
        run.font.size = Pt(12)
    for row in table_data.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = ""
            cell.paragraphs[0].add_run(str(value)).font.size = Pt(12)


SUBHEADING = re.compile(r"^\d+\.\s\S")


def _section_body(document, section: ReportSection) -> None:
    for text in section.paragraphs:
        # "1. Ưu điểm": a short numbered line is a sub-heading of the part.
        _para(document, text, bold=bool(SUBHEADING.match(text)) and len(text) < 80)
    for table_data in section.tables:
        _table(document, table_data)


def _annex(document, figures: list[Figure], *, period: str) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(document, "PHỤ LỤC", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        document,
        f"Số liệu công tác thông tin đối ngoại ({period})",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Nội dung", "Chỉ số", "Số liệu"), strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    for figure in figures:
        rows = (
            [(str(c.label), c.value) for c in figure.counts]
            if figure.has_data
            else [("", "chưa có dữ liệu")]
        )
        for label, value in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, (figure.spec.title, label, value), strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(text)).font.size = Pt(12)


def build_annual_report_docx(
    *,
    out_path: Path,
    year: int,
    plan_number: str,
    sections: list[ReportSection],
    figures: list[Figure],
    period: str,
    issued_on: date,
) -> Path:
    document = Document()
    _style(document)
    _header(document, issued_on=issued_on)
    _para(document, "")
    _para(document, "BÁO CÁO", bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    subject = (
        f"kết quả thực hiện Kế hoạch số {plan_number} về công tác thông tin đối ngoại năm {year}"
        if plan_number
        else f"kết quả công tác thông tin đối ngoại năm {year}"
    )
    _para(document, subject, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER)

    results = [s for s in sections if s.order < OWN_PART_ORDER]
    own_parts = [s for s in sections if s.order >= OWN_PART_ORDER]
    _para(document, f"{ROMAN[0]}. KẾT QUẢ THỰC HIỆN", bold=True)
    for number, section in enumerate(results, 1):
        _para(document, f"{number}. {section.title}", bold=True)
        _section_body(document, section)
    for index, section in enumerate(own_parts, 1):
        _para(document, f"{ROMAN[index]}. {section.title.upper()}", bold=True)
        _section_body(document, section)

    signature = document.add_table(rows=1, cols=2)
    _cell_lines(
        signature.cell(0, 0),
        [
            ("Nơi nhận:", True, False, True),
            ("- Ban Thường vụ Đảng ủy phường,", False, False, False),
            ("- Lưu Văn phòng Đảng ủy.", False, False, False),
        ],
    )
    _cell_lines(
        signature.cell(0, 1),
        [("T/M BAN THƯỜNG VỤ", True, False, False), ("BÍ THƯ", False, False, False)],
    )
    _annex(document, figures, period=period)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    document.save(out_path)
    return out_path
