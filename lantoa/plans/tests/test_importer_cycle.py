"""The importer closes the plan's cycle: "PHẦN I" parts, semiannual and relative deadlines, and
the items that become a required report (IV.1) or an inspection plan (IV.3), not a task."""

from datetime import date
from pathlib import Path

import pytest

from bench.eval_plans import demo_directory
from lantoa.plans.constants import DeadlineKind, ProposalKind
from lantoa.plans.importer import parse_plan
from lantoa.plans.importer.accounting import unplaced_lines
from lantoa.plans.importer.deadlines import read_deadline
from lantoa.plans.importer.tasks import classify

DIRECTORY = demo_directory()
HELD_OUT_PARTS = Path(__file__).resolve().parents[3] / "bench/corpus/plans-heldout"


@pytest.mark.parametrize(
    ("text", "issued_on", "kind", "due"),
    [
        ("báo cáo kết quả định kỳ 6 tháng.", None, DeadlineKind.SEMIANNUAL, None),
        ("sơ kết 6 tháng một lần", None, DeadlineKind.SEMIANNUAL, None),
        # a period of the year, not a recurrence
        ("báo cáo kết quả 6 tháng đầu năm trước ngày 15/6/2026", None, "date", date(2026, 6, 15)),
        (
            "hoàn thành trong vòng 30 ngày kể từ ngày ban hành Kế hoạch",
            date(2026, 9, 15),
            "date",
            date(2026, 10, 15),
        ),
        ("gửi chậm nhất sau 15 ngày kể từ ngày ký", date(2026, 12, 20), "date", date(2027, 1, 4)),
        # without the document's date the deadline stays undated, never guessed
        ("hoàn thành trong vòng 30 ngày kể từ ngày ban hành", None, "date", None),
    ],
)
def test_semiannual_and_relative_deadlines(text, issued_on, kind, due):
    deadline = read_deadline(text, issued_on)
    assert (deadline.kind, deadline.due) == (kind, due)


@pytest.mark.parametrize(
    ("action", "deadline_kind", "expected"),
    [
        (
            "chỉ đạo cụ thể hóa Kế hoạch; định kỳ hằng năm, báo cáo kết quả thực hiện cho Ban "
            "Thường vụ Đảng ủy (qua Ban Xây dựng đảng Đảng ủy).",
            DeadlineKind.ANNUAL,
            (ProposalKind.REQUIRED_REPORT, "Ban Thường vụ Đảng ủy"),
        ),
        # a department reporting to UBND, and a quarterly report, are ordinary tasks
        ("theo dõi, tổng hợp, báo cáo UBND phường trước ngày 15/11/2026.", "date", ("task", "")),
        ("tổng hợp, báo cáo Ban Thường vụ Đảng ủy định kỳ hằng quý.", "quarterly", ("task", "")),
        (
            "theo dõi, kiểm tra, đôn đốc việc thực hiện Kế hoạch và báo cáo Ban Thường vụ Đảng ủy.",
            "date",
            (ProposalKind.INSPECTION_PLAN, ""),
        ),
        ("sẽ kiểm tra việc thực hiện tại phường vào Quý IV/2026.", "date", ("task", "")),
    ],
)
def test_what_an_item_becomes(action, deadline_kind, expected):
    assert classify(action, deadline_kind) == expected


def test_phan_parts_with_report_and_inspection_items():
    text = (HELD_OUT_PARTS / "24-ubnd-phan-bao-cao.txt").read_text(encoding="utf-8")
    parsed = parse_plan(text, DIRECTORY)
    parts = [(s.label, s.path, s.heading) for s in parsed.sections]
    assert parts[1] == ("PHẦN II", "II", "NHIỆM VỤ CỤ THỂ")
    assert unplaced_lines(text, parsed) == []
    by_path = {p.path: p for p in parsed.proposals}
    assert by_path["II.1"].due_date == date(2026, 10, 15)  # 30 days after 15/9/2026
    assert by_path["II.2"].deadline_kind == DeadlineKind.SEMIANNUAL
    report, inspection = by_path["III.1"], by_path["III.2"]
    assert (report.kind, report.lead.code, report.due_date) == (
        ProposalKind.REQUIRED_REPORT,
        "ubnd",
        date(2026, 12, 15),
    )
    assert report.recipient == "Ban Thường vụ Đảng ủy"
    assert (inspection.kind, inspection.lead.code) == (
        ProposalKind.INSPECTION_PLAN,
        "ban-xay-dung-dang",
    )


@pytest.mark.django_db
def test_accepted_items_become_a_task_a_required_report_and_an_inspection_plan(demo_ward):
    from lantoa.plans.models import InspectionPlan, RequiredReport, Task
    from lantoa.plans.services import TaskDecision, plan_import, plan_proposals_accept

    text = (HELD_OUT_PARTS / "24-ubnd-phan-bao-cao.txt").read_text(encoding="utf-8")
    parsed = parse_plan(text, DIRECTORY)
    plan = plan_import(parsed=parsed, source_text=text, source_filename="24.txt")
    decisions = [
        TaskDecision(
            path=p.path,
            title=p.title,
            lead=p.lead.code,
            coordinating=[m.code for m in p.coordinating],
            deadline_kind=p.deadline_kind,
            due_date=p.due_date,
            text=p.text,
            kind=p.kind,
            recipient=p.recipient,
        )
        for p in parsed.proposals
        if p.path in ("II.2", "III.1", "III.2")
    ]
    created = plan_proposals_accept(
        plan=plan, decisions=decisions, start_date=date(2026, 9, 15), default_due=date(2026, 12, 31)
    )
    task, report, inspection = created
    assert isinstance(task, Task) and task.deadline_kind == DeadlineKind.SEMIANNUAL
    assert [p.label for p in task.periods.order_by("start")] == ["6 tháng cuối năm 2026"]
    assert isinstance(report, RequiredReport)
    assert (report.reporting_unit.code, report.year, report.due_date) == (
        "ubnd",
        2026,
        date(2026, 12, 15),
    )
    assert report.recipient == "Ban Thường vụ Đảng ủy" and report.source_section.path == "III.1"
    assert report.task.due_date == date(2026, 12, 15)  # followed up like every deadline
    assert isinstance(inspection, InspectionPlan)
    assert (inspection.inspecting_unit.code, inspection.end) == (
        "ban-xay-dung-dang",
        date(2026, 12, 31),
    )
    assert Task.objects.filter(plan=plan).count() == 2  # the semiannual task + the report's task
