"""XLSX export of tasks with their status buckets (everything, one row per task)."""

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from .selectors import tasks_with_buckets

HEADER = [
    "Mã",
    "Kế hoạch",
    "Mục nguồn",
    "Nhiệm vụ",
    "Nội dung",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Loại thời hạn",
    "Ngày bắt đầu",
    "Hạn hoàn thành",
    "Ngày kết thúc",
    "Hạn gần nhất",
    "Trạng thái",
    "Ngày hoàn thành",
    "Tình trạng thực hiện",
    "Số báo cáo",
]


def tasks_workbook(queryset, *, as_of: date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    tasks = (
        tasks_with_buckets(queryset, as_of=as_of)
        .select_related("plan__directive", "source_section", "lead_unit")
        .prefetch_related("coordinating_units", "reports")
        .order_by("pk")
    )
    for task in tasks:
        sheet.append(
            [
                task.pk,
                task.plan.code if task.plan else "",
                task.source_section.path if task.source_section else "",
                task.title,
                task.text,
                task.lead_unit.name,
                ", ".join(unit.name for unit in task.coordinating_units.all()),
                task.get_deadline_kind_display(),
                task.start_date,
                task.due_date,
                task.end_date,
                task.open_due,
                task.get_state_display(),
                task.completed_on,
                task.bucket_label(),
                len(task.reports.all()),
            ]
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
