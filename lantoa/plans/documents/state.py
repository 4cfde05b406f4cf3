"""State document layout (Nghị định 30/2020/NĐ-CP): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:",
"TM." — kept separate from the Party layout because the two rules differ in many small ways."""

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH

from lantoa.core.text import vn_place_date

from .layout import DocumentSpec, add_run, cell_line, centered, new_document, two_column_table


def _body_lines(spec: DocumentSpec) -> tuple[str, str]:
    """One issuing body is written on two lines ("ỦY BAN NHÂN DÂN" / "PHƯỜNG QUY NHƠN")."""
    parent, body = spec.parent_body.upper(), spec.issuing_body.upper()
    match = re.match(r"^((?:ỦY BAN|HỘI ĐỒNG) NHÂN DÂN)\s+(.+)$", body)
    if not parent and match:
        return match.group(1), match.group(2)
    return parent, body


def state_document(spec: DocumentSpec, write_body) -> object:
    document = new_document()
    header = two_column_table(document, widths_cm=(6.5, 10.0))
    left, right = header.rows[0].cells
    parent, body = _body_lines(spec)
    cell_line(left, parent, first=True, size=13)
    cell_line(left, body, bold=True, size=13)
    cell_line(left, "_______", size=13)
    cell_line(left, f"Số: {spec.number or '     '}/{spec.symbol}", size=13)
    cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first=True, bold=True, size=13)
    cell_line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=14)
    cell_line(right, "")
    cell_line(right, vn_place_date(spec.place, spec.date), italic=True, size=14)

    document.add_paragraph()
    centered(document, spec.doc_type_title.upper(), bold=True, size=14)
    for line in spec.title_lines:
        centered(document, line, bold=True, size=14)
    centered(document, "_______", size=14)
    if spec.addressee:
        centered(document, f"Kính gửi: {spec.addressee}", size=14)
    write_body(document)

    closing = two_column_table(document, widths_cm=(8.0, 8.5))
    left, right = closing.rows[0].cells
    paragraph = left.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    add_run(paragraph, "Nơi nhận:", bold=True, italic=True, size=12)
    for index, recipient in enumerate(spec.recipients):
        end = "." if index == len(spec.recipients) - 1 else ";"
        cell_line(left, f"- {recipient}{end}", align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    authority = spec.authority.upper().replace("T/M ", "TM. ")
    cell_line(right, authority, first=True, bold=True, size=14)
    cell_line(right, spec.signer_title.upper(), bold=True, size=14)
    for _line in range(3):
        cell_line(right, "")
    cell_line(right, spec.signer_name, bold=True, size=14)
    return document
