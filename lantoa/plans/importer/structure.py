"""The plain data a parsed plan becomes: dataclasses, no database, JSON-serialisable."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class DirectiveRef:
    """A document mentioned in the preamble ("Kết luận số 57-KL/TW, ngày 15/6/2023 …")."""

    code: str
    number: str
    symbol: str
    doc_type: str
    issuer: str = ""
    issued_on: date | None = None
    title: str = ""
    aliases: list[str] = field(default_factory=list)
    parent_code: str | None = None
    # "basis" (cited in a "Căn cứ" clause) or "implements" (a "Thực hiện"/"Triển khai" chain).
    relation: str = ""


@dataclass
class Header:
    parent_body: str = ""
    issuing_body: str = ""
    number: str = ""
    symbol: str = ""
    code: str = ""
    system: str = "party"
    place: str = ""
    issued_on: date | None = None
    doc_type: str = ""
    title: str = ""
    # Fixed lines of the header kept as written (quốc hiệu, tiêu ngữ, "*", "V/v" prefixes).
    formula: list[str] = field(default_factory=list)


@dataclass
class Section:
    kind: str
    label: str
    path: str
    heading: str = ""
    text: str = ""
    children: list[Section] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class AssignmentSpec:
    """One line of section IV, with the units it names (unit codes from the directory)."""

    path: str
    text: str
    subject: str = ""
    action: str = ""
    lead_unit: str | None = None
    coordinating_units: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    deadline_kind: str = "date"


@dataclass
class UnitMention:
    """A unit named in a task: a registry unit (code), a unit to create (no code), or text."""

    text: str
    code: str | None = None
    score: float = 1.0
    create: bool = False


@dataclass
class ProposedTask:
    """An actionable item anywhere in the plan, for the officer to accept or reject."""

    path: str
    text: str
    title: str = ""
    trigger: str = ""
    lead: UnitMention | None = None
    coordinating: list[UnitMention] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    deadline_kind: str = "date"
    due_date: date | None = None
    deadline_text: str = ""
    # "task", or "required_report" (the yearly report to the Standing Committee, IV.1) or
    # "inspection_plan" (kiểm tra, giám sát, IV.3); see constants.ProposalKind.
    kind: str = "task"
    # Who receives a required report ("Ban Thường vụ Đảng ủy"), as the plan names it.
    recipient: str = ""


@dataclass
class Signature:
    authority: str = ""
    title: str = ""
    name: str = ""
    # Lines of the block that are neither authority, title nor name ("(Đã ký)", a stamp note).
    other: list[str] = field(default_factory=list)


@dataclass
class ParsedPlan:
    header: Header
    directives: list[DirectiveRef]
    sections: list[Section]
    assignments: list[AssignmentSpec]
    recipients: list[str]
    signature: Signature
    preamble: str = ""
    # The cited directive this plan carries out directly (the end of the chain).
    implements: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Every actionable item of any section, with its units and deadline (the review screen).
    proposals: list[ProposedTask] = field(default_factory=list)
    # A decision that approves an attached plan: its number, title and articles are the basis.
    basis: list[str] = field(default_factory=list)
    # Lines the parser could not place (shown as "chưa nhận dạng được"), and page furniture set
    # aside (page numbers, running headers): nothing is dropped silently.
    unrecognised: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)

    def walk(self):
        for section in self.sections:
            yield from section.walk()

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class UnitEntry:
    code: str
    kind: str
    names: tuple[str, ...]


@dataclass
class UnitDirectory:
    """The organisation tree as plain data, so the parser can name units without the database."""

    units: list[UnitEntry] = field(default_factory=list)

    def codes_of_kind(self, kind: str) -> list[str]:
        return [unit.code for unit in self.units if unit.kind == kind]
