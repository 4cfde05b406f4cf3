"""The annual report on a plan ("Báo cáo kết quả thực hiện Kế hoạch số … năm …").

The one builder of the annual report: the `annual_report` command, the plans admin screen and the
reports app's background job all call `annual_report_build`. Its content is every app's report
sections (lantoa.core.reporting): the results under "I. KẾT QUẢ THỰC HIỆN", the written parts
(assessment, directions) as II., III., and the annex (the dashboard's figures) after the signature.
"""

from pathlib import Path

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from lantoa.core.jobs import Progress, noop_progress
from lantoa.core.reporting import Heading, ReportContext, ReportSection, collect_sections
from lantoa.core.selectors import office

from ..constants import DocSystem
from ..selectors import report_number_in_register
from .layout import ROMAN, DocumentSpec, body_paragraph, centered, data_table, office_place
from .party import party_document
from .state import state_document


def _issuer_suffix(plan) -> str:
    symbol = plan.directive.symbol
    return (
        symbol.split("/")[-1] if plan.directive.system == DocSystem.PARTY else symbol.split("-")[-1]
    )


def _office_spec(year: int, *, number: str, on) -> DocumentSpec:
    """A report on the year's work under every plan: the ward Party committee's own header."""
    return DocumentSpec(
        parent_body=office().parent_body,
        issuing_body=office().name,
        number=number,
        symbol="BC/ĐU",
        place=office_place(),
        date=on or timezone.localdate(),
        doc_type_title="Báo cáo",
        title_lines=[f"kết quả công tác thông tin đối ngoại năm {year}"],
        recipients=["Các đồng chí Ủy viên Ban Thường vụ Đảng ủy", "Lưu Văn phòng Đảng ủy"],
        authority="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        signer_name="",
    )


def report_spec(plan, year: int, *, number: str = "", on=None) -> DocumentSpec:
    if plan is None:
        return _office_spec(year, number=number, on=on)
    directive = plan.directive
    party = directive.system == DocSystem.PARTY
    suffix = _issuer_suffix(plan)
    superior = next((r for r in plan.recipient_list() if "b/c" in r), "")
    return DocumentSpec(
        parent_body=plan.parent_body or (office().parent_body if party else ""),
        # A Party plan's header names the Party committee; a state plan keeps its own header.
        issuing_body=(office().name or plan.issuing_body) if party else plan.issuing_body,
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


def _write_section_body(document, section: ReportSection) -> None:
    for text in section.paragraphs:
        if isinstance(text, Heading):
            body_paragraph(document, text, bold=True)
        else:
            body_paragraph(document, text)
    for table in section.tables:
        if table.title:
            body_paragraph(document, table.title, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        data_table(document, table.header, table.rows)


def _scope_label(plan, section: ReportSection) -> str:
    """Which figures a results section gives: the plan's own, or the whole ward's."""
    directive = plan.directive
    if section.scope == "plan":
        return f"(Số liệu riêng của {directive.get_doc_type_display()} số {directive.code}.)"
    return "(Số liệu chung của toàn phường, không riêng kế hoạch này.)"


def _opening(plan, year: int, spec: DocumentSpec) -> str:
    if plan is None:
        return (
            f"Ban Thường vụ Đảng ủy báo cáo kết quả công tác thông tin đối ngoại năm {year} "
            "như sau:"
        )
    directive = plan.directive
    if directive.system == DocSystem.PARTY:
        issuer = "Ban Thường vụ Đảng ủy" if "THƯỜNG VỤ" in spec.authority.upper() else "Đảng ủy"
    else:
        issuer = "Ủy ban nhân dân phường"
    return (
        f"Thực hiện {directive.get_doc_type_display()} số {directive.code}"
        + (f" về {directive.title}" if directive.title else "")
        + f", {issuer} báo cáo kết quả thực hiện năm {year} như sau:"
    )


def annual_report_build(
    *,
    plan,
    year: int,
    out_path,
    unit=None,
    sections: list[ReportSection] | None = None,
    progress: Progress = noop_progress,
    number: str = "",
    on=None,
) -> Path:
    """Write the annual report of `plan` (None: the year's work under every plan) for `year`
    to `out_path` and return the path.

    `number` (and the date) default to the report's entry in the document register ("Sổ số văn
    bản", see `selectors.report_number_in_register`); without one the number stays blank.
    `sections` defaults to every app's report sections for the plan, year and `unit`
    (lantoa.core.reporting.collect_sections): figures computed by the apps' selectors, the
    editable assessment and directions, the annex of dashboard figures. `progress(percent,
    message)` is called as the work advances (for a background job).
    """
    progress(5, "Đang tổng hợp số liệu")
    if sections is None:
        sections = collect_sections(ReportContext.for_year(year, plan=plan, unit=unit))
    progress(60, "Đang soạn văn bản")
    if not number:
        entry = report_number_in_register(plan, year)
        if entry is not None:
            number, on = f"{entry.number:02d}", on or entry.issued_on
    spec = report_spec(plan, year, number=number, on=on)
    results = [s for s in sections if s.part == "results"]
    own_parts = [s for s in sections if s.part == "own"]
    annex = [s for s in sections if s.part == "annex"]

    def write_body(document):
        body_paragraph(document, _opening(plan, year, spec))
        headings = iter(ROMAN)
        if results:
            body_paragraph(
                document, f"{next(headings)}. KẾT QUẢ THỰC HIỆN", bold=True, indent=False
            )
        for index, section in enumerate(results, 1):
            body_paragraph(document, f"{index}. {section.title}", bold=True)
            if plan is not None:
                body_paragraph(document, _scope_label(plan, section), italic=True)
            _write_section_body(document, section)
        for section in own_parts:
            body_paragraph(
                document, f"{next(headings)}. {section.title.upper()}", bold=True, indent=False
            )
            _write_section_body(document, section)

    party = plan is None or plan.directive.system == DocSystem.PARTY
    document = (party_document if party else state_document)(spec, write_body)
    if annex:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        centered(document, "PHỤ LỤC", bold=True)
        for section in annex:
            centered(document, section.title, italic=True)
            _write_section_body(document, section)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    progress(100, "Đã xong")
    return out
