"""The plan importer's evaluation corpus: documents written by the team in the layouts offices
issue (bench/corpus/plans/NN-name.txt, with NN-name.json holding the expected result).

The JSON's "build" says how the text becomes the uploaded file:
- "txt": the text as UTF-8;
- "docx-table": a Word file whose header (and closing) is a two-column table: the text's lines
  before the first "==" are header rows "left || right", then body paragraphs, then after the
  second "==" the closing rows;
- "pdf": a PDF with a text layer (fpdf2, DejaVu Sans), wrapped at the page width, with a running
  header and page numbers, read back through pypdf like any upload;
- "doc": a legacy Word 97 file (OLE signature), which the importer must refuse with advice.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "plans"
HELD_OUT = Path(__file__).parent / "corpus" / "plans-heldout"
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Case:
    name: str
    text: str
    expected: dict
    build: str = "txt"
    skip: str = ""
    data: bytes = b""
    filename: str = ""
    lines: list[str] = field(default_factory=list)


def font_path() -> Path | None:
    for folder in FONT_DIRS:
        candidate = folder / "DejaVuSans.ttf"
        if candidate.is_file():
            return candidate
    return None


def load_cases(folder: Path = CORPUS) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        case = Case(path.stem, path.read_text(encoding="utf-8"), expected, expected["build"])
        build(case)
        cases.append(case)
    return cases


def build(case: Case) -> None:
    extension = {"docx-table": "docx", "txt": "txt"}.get(case.build, case.build)
    case.filename = f"{case.name}.{extension}"
    if case.build == "txt":
        case.data = case.text.encode("utf-8")
    elif case.build == "docx-table":
        case.data = docx_with_tables(case.text)
    elif case.build == "pdf":
        font = font_path()
        if font is None:
            case.skip = "DejaVu Sans not installed (apt-get install fonts-dejavu-core)"
            return
        case.data = pdf_with_pages(case.text, font)
    elif case.build == "doc":
        case.data = OLE_MAGIC + b"\x00" * 504 + case.text.encode("utf-16-le")
    else:
        raise ValueError(f"unknown build {case.build}")


def source_lines(case: Case) -> list[str]:
    """The non-empty lines a reader sees in the file (what must all be placed)."""
    text = case.text
    if case.build == "docx-table":
        lines = []
        for line in text.splitlines():
            if line.strip() == "==":
                continue
            lines.extend(part.strip() for part in line.split("||"))
        return [line for line in lines if line]
    return [line.strip() for line in text.splitlines() if line.strip()]


def docx_with_tables(text: str) -> bytes:
    import docx

    head, body, closing = (part.strip("\n") for part in text.split("\n==\n"))
    document = docx.Document()

    def table(rows: str) -> None:
        pairs = [row.split("||") for row in rows.splitlines()]
        grid = document.add_table(rows=1, cols=2)
        for column in range(2):
            cell = grid.rows[0].cells[column]
            cell.text = pairs[0][column].strip()
            for pair in pairs[1:]:
                cell.add_paragraph(pair[column].strip())

    table(head)
    for line in body.splitlines():
        document.add_paragraph(line)
    table(closing)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_with_pages(text: str, font: Path) -> bytes:
    import logging

    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter

    lines = text.splitlines()
    running = next((line for line in lines if line.startswith("Số")), "")

    class Document(FPDF):
        def header(self):
            if self.page_no() > 1 and running:
                self.set_font("dejavu", size=9)
                self.cell(0, 6, f"Kế hoạch {running.removeprefix('Số:').strip()}", align="C")
                self.ln(8)

        def footer(self):
            self.set_y(-15)
            self.set_font("dejavu", size=9)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Document(format=(148, 210))  # A5
    pdf.add_font("dejavu", fname=str(font))
    pdf.set_font("dejavu", size=10)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for line in lines:
        if not line.strip():
            pdf.ln(3)
            continue
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
