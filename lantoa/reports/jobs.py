"""This app's job kinds (lantoa.core.jobs): the complete annual report and the KPI export."""

import tempfile
from datetime import date
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone

from lantoa.core.jobs import JobOutput, Progress, job_kind, noop_progress
from lantoa.core.models import Unit
from lantoa.core.reporting import ReportContext, collect_sections
from lantoa.core.text import nfc, vn_date
from lantoa.plans.documents import annual_report_build
from lantoa.plans.models import Plan
from lantoa.plans.selectors import plan_by_code

from .builders.pdf import convert_to_pdf
from .builders.xlsx import build_figures_xlsx
from .constants import ANNUAL_REPORT, KPI_EXPORT
from .selectors import kpi_figures


def _unit(params: dict) -> Unit | None:
    unit_id = params.get("unit")
    if not unit_id:
        return None
    try:
        return Unit.objects.get(pk=unit_id)
    except Unit.DoesNotExist as exc:
        raise ValidationError("Không tìm thấy đơn vị đã chọn.") from exc


def _plan(code: str):
    """The plan numbered `code`; None for ""; an unknown number is an error, not a silent
    report on every plan."""
    if not code:
        return None
    try:
        return plan_by_code(nfc(code))
    except ObjectDoesNotExist as exc:
        raise ValidationError(f"Không có kế hoạch số {code}.") from exc


def period_label(start: date, end: date) -> str:
    return f"từ {vn_date(start)} đến {vn_date(end)}"


def annual_report_files(
    *, year: int, plan_number: str, out_dir: Path, unit=None, progress: Progress = noop_progress
) -> list[Path]:
    """The annual report DOCX (built by the plans app's `annual_report_build`, the one builder),
    its XLSX annex of the dashboard's figures and, when LibreOffice is there, a PDF.

    `plan_number` "" reports on the year's work under every plan.
    """
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Năm {year} không hợp lệ.")
    plan = _plan(plan_number)
    slug = f"bao-cao-ttdn-{year}"
    ctx = ReportContext.for_year(year, plan=plan, unit=unit)
    progress(5, "Tổng hợp các phần báo cáo")
    sections = collect_sections(ctx)
    progress(40, f"Đã tổng hợp {len(sections)} phần")
    docx_path = annual_report_build(
        plan=plan,
        year=year,
        unit=unit,
        sections=sections,
        out_path=out_dir / f"{slug}.docx",
        progress=lambda percent, message=None: progress(40 + int(percent) * 35 // 100, message),
    )
    figures = kpi_figures(start=ctx.start, end=ctx.end, unit=unit, plan=plan)
    xlsx_path = build_figures_xlsx(
        out_path=out_dir / f"{slug}-phu-luc.xlsx",
        figures=figures,
        period=period_label(ctx.start, ctx.end),
        unit=str(unit) if unit else "Toàn phường",
    )
    progress(85, "Đã lập phụ lục XLSX")
    paths = [Path(docx_path), xlsx_path]
    pdf = convert_to_pdf(Path(docx_path))
    progress(95, "Đã chuyển sang PDF" if pdf else "Bỏ qua PDF: máy chưa cài LibreOffice")
    if pdf:
        paths.append(pdf)
    return paths


@job_kind(ANNUAL_REPORT, label="Báo cáo năm về công tác TTĐN")
def annual_report_job(job, progress: Progress) -> list[JobOutput]:
    params = job.params
    with tempfile.TemporaryDirectory() as folder:
        paths = annual_report_files(
            year=int(params.get("year") or timezone.localdate().year),
            plan_number=params.get("plan", ""),
            unit=_unit(params),
            out_dir=Path(folder),
            progress=progress,
        )
        return [JobOutput(path.name, path.read_bytes()) for path in paths]


@job_kind(KPI_EXPORT, label="Xuất số liệu (XLSX)")
def kpi_export_job(job, progress: Progress) -> list[JobOutput]:
    params = job.params
    start = date.fromisoformat(params["start"])
    end = date.fromisoformat(params["end"])
    unit = _unit(params)
    plan = Plan.objects.filter(pk=params["plan"]).first() if params.get("plan") else None
    progress(10, "Tính số liệu")
    figures = kpi_figures(start=start, end=end, unit=unit, plan=plan)
    progress(70, "Ghi tệp XLSX")
    with tempfile.TemporaryDirectory() as folder:
        path = build_figures_xlsx(
            out_path=Path(folder) / f"so-lieu-{start}-{end}.xlsx",
            figures=figures,
            period=period_label(start, end),
            unit=str(unit) if unit else "Toàn phường",
        )
        return [JobOutput(path.name, path.read_bytes())]
