"""This app's job kinds: the complete annual report and the KPI export."""

import tempfile
from datetime import date
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone

from lantoa.core.models import Unit
from lantoa.core.reporting import ReportContext, collect_sections
from lantoa.core.text import nfc, vn_date
from lantoa.plans.documents import annual_report_build
from lantoa.plans.selectors import plan_by_code

from .builders.docx import build_annual_report_docx
from .builders.pdf import convert_to_pdf
from .builders.xlsx import build_figures_xlsx
from .constants import ANNUAL_REPORT, KPI_EXPORT
from .jobs import JobOutput, Progress, job_kind, noop_progress
from .selectors import kpi_figures


def _unit(params: dict) -> Unit | None:
    unit_id = params.get("unit")
    if not unit_id:
        return None
    try:
        return Unit.objects.get(pk=unit_id)
    except Unit.DoesNotExist as exc:
        raise ValidationError("Không tìm thấy đơn vị đã chọn.") from exc


def _plan_or_none(code: str):
    if not code:
        return None
    try:
        return plan_by_code(nfc(code))
    except ObjectDoesNotExist:
        return None


def period_label(start: date, end: date) -> str:
    return f"từ {vn_date(start)} đến {vn_date(end)}"


def annual_report_files(
    *, year: int, plan_number: str, out_dir: Path, unit=None, progress: Progress = noop_progress
) -> list[Path]:
    """Build the annual report DOCX, its XLSX annex and (when LibreOffice is there) a PDF.

    Uses the plans app's `annual_report_build` when the plan exists; without a plan it
    lays out every app's report sections itself. Either way the sections come from
    `collect_sections` and the annex from the dashboard's selectors.
    """
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Năm {year} không hợp lệ.")
    slug = f"bao-cao-ttdn-{year}"
    docx_path = out_dir / f"{slug}.docx"
    plan = _plan_or_none(plan_number)
    # Sections read ctx.plan as the plans app's Plan (None: every plan).
    ctx = ReportContext.for_year(year, plan=plan, unit=unit)
    progress(5, "Tính số liệu")
    figures = kpi_figures(start=ctx.start, end=ctx.end, unit=unit)
    if plan is not None:
        progress(10, "Lập báo cáo theo mẫu của kế hoạch")
        docx_path = Path(
            annual_report_build(
                plan=plan,
                year=year,
                out_path=docx_path,
                progress=lambda p, m=None: progress(10 + int(p) * 6 // 10, m),
            )
        )
    else:
        progress(15, "Tổng hợp các phần báo cáo")
        sections = collect_sections(ctx)
        progress(50, f"Đã tổng hợp {len(sections)} phần")
        build_annual_report_docx(
            out_path=docx_path,
            year=year,
            plan_number=plan_number,
            sections=sections,
            figures=figures,
            period=period_label(ctx.start, ctx.end),
            issued_on=timezone.localdate(),
        )
    progress(75, "Đã lập tệp DOCX")
    xlsx_path = build_figures_xlsx(
        out_path=out_dir / f"{slug}-phu-luc.xlsx",
        figures=figures,
        period=period_label(ctx.start, ctx.end),
        unit=str(unit) if unit else "Toàn phường",
    )
    progress(85, "Đã lập phụ lục XLSX")
    paths = [docx_path, xlsx_path]
    pdf = convert_to_pdf(docx_path)
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
    progress(10, "Tính số liệu")
    figures = kpi_figures(start=start, end=end, unit=unit)
    progress(70, "Ghi tệp XLSX")
    with tempfile.TemporaryDirectory() as folder:
        path = build_figures_xlsx(
            out_path=Path(folder) / f"so-lieu-{start}-{end}.xlsx",
            figures=figures,
            period=period_label(start, end),
            unit=str(unit) if unit else "Toàn phường",
        )
        return [JobOutput(path.name, path.read_bytes())]
