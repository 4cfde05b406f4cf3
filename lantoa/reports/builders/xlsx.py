"""XLSX annex: one sheet with every dashboard figure, one sheet per figure group."""

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ..selectors import Figure

NO_DATA = "chưa có dữ liệu"


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", " ", title)[:28].strip() or "Sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def build_figures_xlsx(*, out_path: Path, figures: list[Figure], period: str, unit: str) -> Path:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Tổng hợp"
    summary.append(["Số liệu công tác thông tin đối ngoại"])
    summary.append(["Kỳ", period])
    summary.append(["Đơn vị", unit])
    summary.append([])
    summary.append(["Mã", "Nội dung", "Chỉ số", "Số liệu"])
    for cell in summary[5]:
        cell.font = Font(bold=True)
    summary["A1"].font = Font(bold=True, size=13)
    used = {summary.title}
    for figure in figures:
        if not figure.has_data:
            summary.append([figure.spec.key, figure.spec.title, "", NO_DATA])
            continue
        sheet = workbook.create_sheet(_sheet_title(figure.spec.title, used))
        sheet.append(["Chỉ số", "Số liệu"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for count in figure.counts:
            summary.append([figure.spec.key, figure.spec.title, str(count.label), count.value])
            sheet.append([str(count.label), count.value])
        sheet.column_dimensions["A"].width = 40
    for column, width in zip("ABCD", (20, 40, 40, 16), strict=True):
        summary.column_dimensions[column].width = width
    out_path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out_path)
    return out_path
