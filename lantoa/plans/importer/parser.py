"""Parse a plan's text into a ParsedPlan: header, citations, outline, tasks, closing.

Vietnamese Party and state documents share one shape (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020):
a header block, the document type and title, a preamble citing what it carries out, an outline,
"Nơi nhận" and a signature block. A decision may approve a plan attached after its signature.
The parser never raises on odd text, and drops nothing silently: every non-empty line ends in the
header, a citation (preamble or basis), the outline, the recipients, the signature, the page
furniture set aside, or the "chưa nhận dạng được" list (see `accounting.unplaced_lines`).
"""

from __future__ import annotations

from lantoa.core.text import fold_lower

from ..constants import DocType, SectionKind
from .assignments import split_assignment
from .closing import find_attached, find_body_end, parse_closing
from .deadlines import deadline_kind_of
from .directives import implemented, parse_directive_chain
from .header import doc_type_of_symbol, parse_header
from .layout import prepare_lines
from .outline import parse_outline
from .structure import AssignmentSpec, Header, ParsedPlan, Signature, UnitDirectory
from .tasks import propose_tasks

__all__ = ["deadline_kind_of", "parse_plan"]


def parse_plan(text: str, directory: UnitDirectory | None = None) -> ParsedPlan:
    """Parse `text` (any string); units are matched against `directory` if given."""
    directory = directory or UnitDirectory()
    lines, furniture = prepare_lines(text)
    texts = [line.text for line in lines]
    parsed = _parse_document(texts, directory)
    parsed.furniture = furniture
    if not parsed.header.code:
        parsed.warnings.append('Không thấy số, ký hiệu văn bản (dòng "Số …").')
    if not parsed.sections:
        parsed.warnings.append("Không thấy phần, mục nào (I, II… hoặc 1, 2…).")
    if parsed.unrecognised:
        parsed.warnings.append(
            f"Có {len(parsed.unrecognised)} dòng chưa nhận dạng được: xem danh sách bên dưới."
        )
    return parsed


def _empty() -> ParsedPlan:
    return ParsedPlan(
        header=Header(),
        directives=[],
        sections=[],
        assignments=[],
        recipients=[],
        signature=Signature(),
    )


def _parse_document(lines: list[str], directory: UnitDirectory) -> ParsedPlan:
    parsed = _empty()
    body_start = parse_header(lines, parsed)
    body_end = find_body_end(lines, body_start)
    attached = find_attached(lines, body_end)
    closing_end = attached if attached is not None else len(lines)
    sections, preamble_end = parse_outline(lines[body_start:body_end])
    parsed.sections = sections
    parsed.preamble = " ".join(
        line for line in lines[body_start : body_start + preamble_end] if line
    )
    parsed.directives = parse_directive_chain(parsed.preamble)
    parsed.directives = [ref for ref in parsed.directives if ref.code != parsed.header.code]
    parsed.implements = implemented(parsed.directives, parsed.header.code)
    _fill_issuer(parsed)
    parse_closing(lines[body_end:closing_end], parsed)
    if attached is not None:
        _merge_attached(parsed, _parse_document(lines[attached:], directory))
    _parse_assignments(parsed, directory)
    parsed.proposals = propose_tasks(parsed, directory)
    return parsed


def _merge_attached(decision: ParsedPlan, plan: ParsedPlan) -> None:
    """A decision approving an attached plan: the plan's own parts, titled by the plan, with the
    decision's number, citations, articles and signature kept as its basis."""
    header = decision.header
    outline_lines = [
        " ".join(part for part in (s.label, s.heading, s.text) if part)
        for section in decision.sections
        for s in section.walk()
    ]
    decision.basis = [
        f"{DocType(header.doc_type).label if header.doc_type else ''} số {header.code}: "
        f"{header.title}".strip(),
        *outline_lines,
        *([plan.preamble] if plan.preamble else []),
        *plan.basis,
    ]
    if plan.header.code:
        header.code, header.number, header.symbol = (
            plan.header.code,
            plan.header.number,
            plan.header.symbol,
        )
    header.doc_type = plan.header.doc_type or DocType.PLAN
    header.title = plan.header.title or header.title
    header.formula.extend(plan.header.formula)
    if plan.header.issued_on or plan.header.place:
        day = plan.header.issued_on
        date_text = f", ngày {day.day} tháng {day.month} năm {day.year}" if day else ""
        header.formula.append(f"{plan.header.place}{date_text}")
    for body in (plan.header.parent_body, plan.header.issuing_body):
        if body:
            header.formula.append(body)
    known = {ref.code for ref in decision.directives}
    decision.directives += [
        ref for ref in plan.directives if ref.code not in known and ref.code != header.code
    ]
    decision.sections = plan.sections
    decision.recipients += plan.recipients
    signature = plan.signature
    decision.signature.other.extend(
        part for part in (signature.authority, signature.title, signature.name) if part
    )
    decision.signature.other.extend(signature.other)
    decision.unrecognised += plan.unrecognised


def _fill_issuer(parsed: ParsedPlan) -> None:
    import re

    header = parsed.header
    if not header.issuing_body:
        match = re.search(r"([A-ZĐỦ][^,;.]{3,80}?)\s+ban hành", parsed.preamble)
        if match:
            header.issuing_body = match.group(1).strip()
    if not header.doc_type and header.symbol:
        header.doc_type = doc_type_of_symbol(header.symbol)


def _parse_assignments(parsed: ParsedPlan, directory: UnitDirectory) -> None:
    """Section "Tổ chức thực hiện": one assignment per item (the plan's own division of work)."""
    part = next(
        (
            section
            for root in parsed.sections
            for section in root.walk()
            if section.kind == SectionKind.PART
            and "to chuc thuc hien" in fold_lower(section.heading or section.text)
        ),
        None,
    )
    if part is None:
        return
    items = [child for child in part.children if child.kind != SectionKind.PARAGRAPH] or list(
        part.children
    )
    for item in items:
        text = " ".join(piece for piece in (item.heading, item.text) if piece)
        for child in item.children:
            text = f"{text} {child.text}".strip()
        split = split_assignment(text, directory)
        parsed.assignments.append(
            AssignmentSpec(
                path=item.path,
                text=text,
                subject=split.subject,
                action=split.action,
                lead_unit=split.lead,
                coordinating_units=split.coordinating,
                unmatched=split.unmatched,
                deadline_kind=deadline_kind_of(text),
            )
        )
