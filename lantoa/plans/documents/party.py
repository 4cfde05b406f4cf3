"""Party document layout (Hướng dẫn 36-HD/VPTW): header block, title, body, "Nơi nhận", "T/M"."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from lantoa.core.text import vn_place_date

from .layout import DocumentSpec, add_run, cell_line, centered, new_document, two_column_table


def party_document(spec: DocumentSpec, write_body) -> object:
    """Lay out `spec`; `write_body(document)` adds the body between title and signature."""
    document = new_document()
    header = two_column_table(document)
    left, right = header.rows[0].cells
    cell_line(left, spec.parent_body.upper(), first=True, size=14)
    cell_line(left, spec.issuing_body.upper(), bold=True, size=14)
    cell_line(left, "*", size=14)
    number = spec.number or "     "
    cell_line(left, f"Số {number}-{spec.symbol}", size=14)
    if not spec.doc_type_title:  # an official letter: its subject sits under the number
        for line in spec.title_lines:
            cell_line(left, line, italic=True, size=12)
    cell_line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", first=True, bold=True, underline=True, size=15)
    cell_line(right, "")
    cell_line(right, vn_place_date(spec.place, spec.date), italic=True, size=14)

    document.add_paragraph()
    if spec.doc_type_title:
        centered(document, spec.doc_type_title.upper(), bold=True, size=16)
        for line in spec.title_lines:
            centered(document, line, bold=True, size=14)
        centered(document, "-----", size=14)
    if spec.addressee:
        centered(document, f"Kính gửi: {spec.addressee}", size=14)
    write_body(document)

    closing = two_column_table(document, widths_cm=(8.0, 8.5))
    left, right = closing.rows[0].cells
    paragraph = left.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    add_run(paragraph, "Nơi nhận:", underline=True, size=14)
    for index, recipient in enumerate(spec.recipients):
        end = "." if index == len(spec.recipients) - 1 else ","
        cell_line(left, f"- {recipient}{end}", align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
    cell_line(right, spec.authority.upper(), first=True, bold=True, size=14)
    cell_line(right, spec.signer_title.upper(), bold=True, size=14)
    for _line in range(3):
        cell_line(right, "")
    cell_line(right, spec.signer_name, bold=True, size=14)
    return document
