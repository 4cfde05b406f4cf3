"""The annual report's one small interface: apps contribute sections, the plans app assembles them.

A section is data (headings, paragraphs, tables, figures), never formatting; the DOCX builder in
`lantoa.plans` lays it out in the Party document format. Every figure is computed from stored data
by the contributing app's selectors.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import translation

from .registry import app_modules

# Sections ordered before RESULTS_END are the results ("I. KẾT QUẢ THỰC HIỆN", numbered 1., 2., …);
# from RESULTS_END the report's own parts follow (assessment, directions: II., III., …); from
# ANNEX_FROM the annex, after the signature on its own page ("PHỤ LỤC").
RESULTS_END = 900
ANNEX_FROM = 1000


class Heading(str):
    """A paragraph of a section that is a sub-heading ("1. Ưu điểm"), laid out in bold."""


@dataclass(frozen=True)
class Link:
    """A table cell that links to the admin list of the records it counts (`url` is a path
    under the admin; the document builder makes it absolute with WAGTAILADMIN_BASE_URL)."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


class Cited(str):
    """A paragraph whose figures link to the records they count: `links` are pieces of the text
    (each found once, in order) with the admin list they count. Anything that reads paragraphs as
    text keeps working; the DOCX builder (and the PDF made from it) makes the pieces clickable."""

    links: tuple[Link, ...]

    def __new__(cls, text: str, links=()):
        paragraph = super().__new__(cls, text)
        paragraph.links = tuple(link for link in links if link.url and link.text)
        return paragraph

    def pieces(self) -> list[str | Link]:
        """The text cut into plain pieces and links, in reading order."""
        out: list[str | Link] = []
        position = 0
        for link in self.links:
            found = self.find(link.text, position)
            if found < 0:
                continue
            if found > position:
                out.append(str(self[position:found]))
            out.append(link)
            position = found + len(link.text)
        if position < len(self):
            out.append(str(self[position:]))
        return out


def cite(*parts: "str | Link") -> Cited:
    """A paragraph written as plain text and linked figures, in reading order:
    `cite("Có ", Link("3 lớp tập huấn", url), " trong năm.")`."""
    return Cited("".join(str(part) for part in parts), [p for p in parts if isinstance(p, Link)])


@dataclass(frozen=True)
class ItemEvidence:
    """Records of another app tagged to a plan item (a `plans.PlanSection`), as the annual report
    cites them: "2 lớp tập huấn" with the admin list they are in."""

    section_id: int
    label: str
    count: int
    url: str = ""


def plan_item_evidence(*, section_ids: list[int], start, end) -> dict[int, list[ItemEvidence]]:
    """Every app's evidence for the plan items: `<app>/plan_evidence.py` provides
    `evidence(*, section_ids, start, end) -> list[ItemEvidence]` (the records it tags to a plan
    item through their own `plan_item` field), found in the order of settings.LANTOA_APPS."""
    from .registry import app_modules

    found: dict[int, list[ItemEvidence]] = {}
    for module in app_modules("plan_evidence"):
        for row in module.evidence(section_ids=section_ids, start=start, end=end):
            if row.count:
                found.setdefault(row.section_id, []).append(row)
    return found


@dataclass
class ReportTable:
    title: str
    header: list[str]
    rows: list[list[Any]]


@dataclass
class ReportSection:
    key: str
    title: str
    order: int
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)
    # Whose figures: "plan" (only the reported plan's own records) or "ward" (the whole ward,
    # every plan); the builder labels each results section so the two are never mixed unlabelled.
    scope: str = "ward"
    # Named figures, so tests and dashboards can compare them with their own counts.
    figures: dict[str, int | float] = field(default_factory=dict)

    @property
    def part(self) -> str:
        """ "results", "own" (assessment, directions) or "annex": where the layout puts it."""
        if self.order >= ANNEX_FROM:
            return "annex"
        return "own" if self.order >= RESULTS_END else "results"


@dataclass(frozen=True)
class ReportContext:
    """What a report covers: a plan (or None for all), a period and optionally one unit."""

    year: int
    start: date
    end: date
    plan: Any = None
    unit: Any = None

    @classmethod
    def for_year(cls, year: int, **kwargs: Any) -> "ReportContext":
        return cls(year=year, start=date(year, 1, 1), end=date(year, 12, 31), **kwargs)


SectionBuilder = Callable[[ReportContext], ReportSection | None]
_BUILDERS: list[tuple[int, str, SectionBuilder]] = []


def report_section(*, key: str, order: int) -> Callable[[SectionBuilder], SectionBuilder]:
    """Register a function that builds one section of the annual report."""

    def decorator(func: SectionBuilder) -> SectionBuilder:
        if all(existing != key for _, existing, _ in _BUILDERS):
            _BUILDERS.append((order, key, func))
        return func

    return decorator


def collect_sections(context: ReportContext) -> list[ReportSection]:
    """Build every registered section for `context`, in order; builders may return None to skip.
    The report is a Vietnamese document whoever asks for it: choice labels, languages and
    countries are named in Vietnamese even for an administrator reading the admin in English."""
    app_modules("report_sections")
    sections = []
    with translation.override("vi"):
        for _order, _key, builder in sorted(_BUILDERS, key=lambda entry: (entry[0], entry[1])):
            section = builder(context)
            if section is not None:
                sections.append(section)
    return sections
