"""Demo content of the plans app: a plan written for the demo (demo_data/ke-hoach-demo.txt),
imported through the same importer as real files, with tasks, reports and dissemination sessions
so the dashboards and the annual report have figures. When the seed plan 78-KH/ĐU is present in
settings.SEED_DIR it is imported too (from there; its text is never copied into the repository).
"""

from datetime import date
from pathlib import Path

from django.conf import settings

from lantoa.core.models import Unit, User

from .constants import Audience, DocType, SessionForm
from .models import Plan
from .permissions import permissions_grant
from .services import (
    dissemination_session_record,
    document_number_allocate,
    inspection_finding_record,
    inspection_plan_create,
    inspection_recommend,
    inspection_visit_record,
    plan_import_file,
    plan_tasks_create,
    progress_report_review,
    progress_report_submit,
    required_report_create,
    task_create,
    task_deadline_change,
)

DEMO_FILE = Path(__file__).parent / "demo_data" / "ke-hoach-demo.txt"
DEMO_CODE = "15-KH/ĐU"
SEED_CODE = "78-KH/ĐU"


def _import(path: Path, code: str, log) -> Plan | None:
    plan = Plan.objects.filter(directive__code=code).first()
    if plan is None:
        plan = plan_import_file(data=path.read_bytes(), filename=path.name)
        log(f"plans: đã nhập {plan}")
    return plan


def _populate_demo(plan: Plan) -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    users = {user.unit.code: user for user in User.objects.filter(unit__isnull=False)}
    admin = User.objects.get(username="admin")
    tasks = {
        task.source_section.path: task
        for task in plan_tasks_create(
            plan=plan,
            start_date=date(2026, 5, 5),
            due_date=date(2026, 6, 30),
            end_date=date(2026, 12, 31),
        )
    }
    ubnd_task, front_task, follow_task = tasks["IV.1"], tasks["IV.2"], tasks["IV.3"]
    # The inspection task is extended the way an officer does it (the admin form and the API
    # call the same service), so its open period moves with the deadline.
    follow_task = task_deadline_change(
        task=follow_task, due_date=date(2026, 9, 30), reason="Gia hạn theo đề nghị của đơn vị."
    )

    def report(task, unit_code, on, text, review_on=None, completion=False, **figures):
        row = progress_report_submit(
            task=task,
            unit=units[unit_code],
            user=users.get(unit_code, admin),
            narrative=text,
            submitted_on=on,
            reports_completion=completion,
            **figures,
        )
        if review_on:
            reviewer = users.get(task.lead_unit.code, admin)
            if reviewer == row.submitted_by:  # separation of duties: someone else accepts
                reviewer = admin
            progress_report_review(report=row, user=reviewer, accept=True, on=review_on)
        return row

    q3 = ubnd_task.periods.get(label__startswith="Quý 3")
    report(
        ubnd_task,
        "ubnd",
        date(2026, 6, 28),
        "Đã mở chuyên mục tiếng Anh và tiếng Hàn.",
        date(2026, 6, 29),
        completion=True,
        articles_published=12,
    )
    ubnd_task.refresh_from_db()
    progress_report_submit(
        task=ubnd_task,
        unit=units["ubnd"],
        user=users["ubnd"],
        period=q3,
        narrative="Bổ sung chuyên mục tiếng Trung, tiếng Nhật.",
        submitted_on=date(2026, 10, 12),
        reports_completion=True,
        articles_published=9,
    )
    report(
        front_task,
        "doan-thanh-nien",
        date(2026, 6, 2),
        "Quán triệt trực tuyến cho đoàn viên.",
        date(2026, 6, 3),
        sessions_held=1,
        attendees=85,
    )
    report(
        front_task,
        "mttq",
        date(2026, 6, 25),
        "Hoàn thành quán triệt ở các tổ chức.",
        date(2026, 6, 26),
        completion=True,
        sessions_held=3,
        attendees=212,
    )
    training = task_create(
        title="Tổ chức lớp tập huấn viết tin, chụp ảnh cho cán bộ thông tin đối ngoại",
        lead_unit=units["van-hoa-xa-hoi"],
        coordinating_units=[units["doan-thanh-nien"]],
        start_date=date(2026, 5, 5),
        due_date=date(2026, 12, 15),
        plan=plan,
        source_section=plan.sections.get(path="III.1"),
    )
    progress_report_submit(
        task=training,
        unit=units["doan-thanh-nien"],
        user=users["doan-thanh-nien"],
        narrative="Đã lập danh sách 30 học viên.",
        submitted_on=date(2026, 11, 20),
    )
    for code, held_on, form, audience, invited, attended in [
        ("mttq", date(2026, 5, 20), SessionForm.CONFERENCE, Audience.CADRES, 130, 120),
        ("doan-thanh-nien", date(2026, 5, 28), SessionForm.ONLINE, Audience.YOUTH_MEMBERS, 90, 85),
        (
            "chi-bo-khu-pho-1",
            date(2026, 6, 5),
            SessionForm.CELL_MEETING,
            Audience.PARTY_MEMBERS,
            35,
            32,
        ),
        (
            "hoi-phu-nu",
            date(2026, 6, 10),
            SessionForm.ORGANISATION_MEETING,
            Audience.ASSOCIATION_MEMBERS,
            70,
            60,
        ),
    ]:
        dissemination_session_record(
            organisation=units[code],
            directive=plan.directive,
            held_on=held_on,
            form=form,
            audience=audience,
            invited=invited,
            attended=attended,
            task=front_task,
        )
    _populate_inspections(plan, units, admin)
    # IV.1: the ward government's yearly report to the Standing Committee, required by a date
    # and reminded through its follow-up task until it is received.
    required_report_create(
        title="Báo cáo kết quả thực hiện Kế hoạch 15-KH/ĐU năm 2026",
        reporting_unit=units["ubnd"],
        recipient="Ban Thường vụ Đảng ủy",
        year=2026,
        due_date=date(2026, 12, 15),
        plan=plan,
        source_section=plan.sections.get(path="IV.1"),
        start_date=date(2026, 11, 1),
        user=admin,
    )
    for title, on in [
        ("Báo cáo sơ kết 6 tháng", date(2026, 7, 10)),
        ("Báo cáo kết quả quán triệt", date(2026, 7, 20)),
        # The annual report takes its number from this entry of the register.
        ("Báo cáo kết quả thực hiện Kế hoạch số 15-KH/ĐU năm 2026", date(2026, 12, 1)),
    ]:
        document_number_allocate(
            issuing_unit=units["dang-uy"], doc_type=DocType.REPORT, issued_on=on, title=title
        )


def _populate_inspections(plan: Plan, units, user) -> None:
    """IV.3: one inspection plan, two visits, their findings and a recommendation whose
    follow-up task is a real task of the inspected unit."""
    inspection = inspection_plan_create(
        title="Kiểm tra việc thực hiện Kế hoạch 15-KH/ĐU năm 2026",
        year=2026,
        inspecting_unit=units["ban-xay-dung-dang"],
        start=date(2026, 8, 1),
        end=date(2026, 11, 30),
        plan=plan,
        source_section=plan.sections.get(path="IV.3"),
        user=user,
    )
    front = inspection_visit_record(
        inspection=inspection,
        unit=units["mttq"],
        planned_on=date(2026, 9, 10),
        held_on=date(2026, 9, 10),
        team="Trưởng Ban Xây dựng đảng (trưởng đoàn), 01 chuyên viên Văn phòng Đảng ủy",
        summary="Tổ chức quán triệt đầy đủ; lưu trữ biên bản chưa thống nhất.",
        user=user,
    )
    inspection_finding_record(
        visit=front, kind="strength", text="Quán triệt đến 100% tổ chức thành viên.", user=user
    )
    gap = inspection_finding_record(
        visit=front,
        kind="shortcoming",
        text="Biên bản các buổi quán triệt chưa lưu đủ danh sách tham dự.",
        user=user,
    )
    inspection_recommend(
        visit=front,
        finding=gap,
        text="Bổ sung danh sách tham dự vào hồ sơ các buổi quán triệt",
        unit=units["mttq"],
        due_date=date(2026, 10, 15),
        user=user,
    )
    inspection_visit_record(
        inspection=inspection,
        unit=units["doan-thanh-nien"],
        planned_on=date(2026, 11, 5),
        user=user,
    )


def _populate_seed(plan: Plan) -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    plan_tasks_create(
        plan=plan,
        start_date=date(2026, 4, 20),
        due_date=date(2026, 12, 31),
        end_date=date(2026, 12, 31),
    )
    for code, held_on, form, audience, attended in [
        ("mttq", date(2026, 5, 12), SessionForm.CONFERENCE, Audience.CADRES, 95),
        (
            "chi-bo-khu-pho-2",
            date(2026, 5, 15),
            SessionForm.CELL_MEETING,
            Audience.PARTY_MEMBERS,
            28,
        ),
    ]:
        dissemination_session_record(
            organisation=units[code],
            directive=plan.directive,
            held_on=held_on,
            form=form,
            audience=audience,
            invited=attended,
            attended=attended,
        )


def load(*, log) -> None:
    permissions_grant()
    plan = _import(DEMO_FILE, DEMO_CODE, log)
    if not plan.tasks.exists():
        _populate_demo(plan)
    seed = Path(settings.SEED_DIR) / "ke-hoach-78-KH-DU.txt"
    if seed.is_file():
        seed_plan = _import(seed, SEED_CODE, log)
        if not seed_plan.tasks.exists():
            _populate_seed(seed_plan)
    log(
        f"plans: {Plan.objects.count()} kế hoạch, "
        f"{sum(p.tasks.count() for p in Plan.objects.all())} nhiệm vụ"
    )
