"""The annual report on a plan ("Báo cáo kết quả thực hiện Kế hoạch số … năm …")."""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from lantoa.core.reporting import ReportContext, collect_sections

from ..constants import DocSystem
from .layout import ROMAN, DocumentSpec, body_paragraph, data_table, office_place
from .party import party_document
from .state import state_document

Progress = Callable[[int, str], None]


def _issuer_suffix(plan) -> str:
    symbol = plan.directive.symbol
    return (
        symbol.split("/")[-1] if plan.directive.system == DocSystem.PARTY else symbol.split("-")[-1]
    )


def report_spec(plan, year: int, *, number: str = "", on=None) -> DocumentSpec:
    directive = plan.directive
    party = directive.system == DocSystem.PARTY
    suffix = _issuer_suffix(plan)
    superior = next((r for r in plan.recipient_list() if "b/c" in r), "")
    return DocumentSpec(
        parent_body=plan.parent_body
        or getattr(settings, "LANTOA_PARTY_PARENT_BODY", "Đảng bộ tỉnh Gia Lai"),
        issuing_body=getattr(settings, "LANTOA_OFFICE_NAME", "") or plan.issuing_body,
        number=number,
        symbol=f"BC/{suffix}" if party else f"BC-{suffix}",
        place=plan.place or office_place(),
        date=on or timezone.localdate(),
        doc_type_title="Báo cáo",
        title_lines=[
            f"kết quả thực hiện {directive.get_doc_type_display()} số {directive.code} năm {year}"
        ],
        recipients=[
            r
            for r in (
                superior,
                "Các đồng chí Ủy viên Ban Thường vụ Đảng ủy" if party else "Thường trực HĐND",
                "Lưu Văn phòng Đảng ủy" if party else "Lưu: VT",
            )
            if r
        ],
        authority=plan.signature_authority
        or ("T/M BAN THƯỜNG VỤ" if party else "TM. ỦY BAN NHÂN DÂN"),
        signer_title=plan.signer_title or ("BÍ THƯ" if party else "CHỦ TỊCH"),
        signer_name=plan.signer_name,
    )


def annual_report_build(
    *, plan, year: int, out_path, progress: Progress | None = None, number: str = "", on=None
) -> Path:
    """Write the annual report of `plan` for `year` to `out_path` and return the path.

    The body is every app's report sections (lantoa.core.reporting.collect_sections), numbered
    I, II, …; `progress(percent, message)` is called as the work advances (for a background job).
    """
    report = progress or (lambda percent, message: None)
    report(5, "Đang tổng hợp số liệu")
    context = ReportContext.for_year(year, plan=plan)
    sections = collect_sections(context)
    report(60, "Đang soạn văn bản")
    spec = report_spec(plan, year, number=number, on=on)
    directive = plan.directive
    issuer = plan.issuing_body or spec.issuing_body

    def write_body(document):
        body_paragraph(
            document,
            f"Thực hiện {directive.get_doc_type_display()} số {directive.code}"
            + (f" về {directive.title}" if directive.title else "")
            + f", {issuer} báo cáo kết quả thực hiện năm {year} như sau:",
        )
        for index, section in enumerate(sections):
            body_paragraph(
                document, f"{ROMAN[index]}. {section.title.upper()}", bold=True, indent=False
            )
            for text in section.paragraphs:
                body_paragraph(document, text)
            for table in section.tables:
                body_paragraph(document, table.title, indent=False)
                data_table(document, table.header, table.rows)

    layout = party_document if directive.system == DocSystem.PARTY else state_document
    document = layout(spec, write_body)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    report(100, "Đã xong")
    return out
