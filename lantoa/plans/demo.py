"""Demo content of the plans app: a plan written for the demo (demo_data/ke-hoach-demo.txt),
imported through the same importer as real files, with tasks, reports and dissemination sessions
so the dashboards and the annual report have figures. When the seed plan 78-KH/ĐU is present in
settings.SEED_DIR it is imported too (from there; its text is never copied into the repository).
"""

from datetime import date
from pathlib import Path

from django.conf import settings

from lantoa.core.demo import demo_date
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


def _day(month: int, day: int) -> date:
    """The demo's date written as `month`/`day` of 2026 (see core.demo.WRITTEN_FOR)."""
    return demo_date(date(2026, month, day))


def _demo_text() -> bytes:
    """The demo plan's text, issued on its moved date: the importer reads the date and the year
    from the text, as from a real file."""
    issued = _day(5, 5)
    text = DEMO_FILE.read_text(encoding="utf-8")
    for written, moved in [
        ("ngày 05 tháng 5 năm 2026", f"ngày {issued:%d} tháng {issued.month} năm {issued.year}"),
        ("quốc tế năm 2026", f"quốc tế năm {issued.year}"),
    ]:
        if written not in text:  # the demo file and this code are edited together
            raise ValueError(f"{DEMO_FILE.name}: '{written}' not found")
        text = text.replace(written, moved)
    return text.encode()


def _import(data: bytes, filename: str, code: str, log) -> Plan | None:
    plan = Plan.objects.filter(directive__code=code).first()
    if plan is None:
        plan = plan_import_file(data=data, filename=filename)
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
            start_date=_day(5, 5),
            due_date=_day(6, 30),
            end_date=_day(12, 31),
        )
    }
    ubnd_task, front_task, follow_task = tasks["IV.1"], tasks["IV.2"], tasks["IV.3"]
    # The inspection task is extended the way an officer does it (the admin form and the API
    # call the same service), so its open period moves with the deadline.
    follow_task = task_deadline_change(
        task=follow_task, due_date=_day(9, 30), reason="Gia hạn theo đề nghị của đơn vị."
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

    # A late report for the quarter that ended before it (Quý 3 on the day the demo was written).
    late_on = _day(10, 12)
    quarter = ubnd_task.periods.filter(end__lt=late_on).order_by("-end").first()
    report(
        ubnd_task,
        "ubnd",
        _day(6, 28),
        "Đã mở chuyên mục tiếng Anh và tiếng Hàn.",
        _day(6, 29),
        completion=True,
        articles_published=12,
    )
    ubnd_task.refresh_from_db()
    progress_report_submit(
        task=ubnd_task,
        unit=units["ubnd"],
        user=users["ubnd"],
        period=quarter,
        narrative="Bổ sung chuyên mục tiếng Trung, tiếng Nhật.",
        submitted_on=late_on,
        reports_completion=True,
        articles_published=9,
    )
    report(
        front_task,
        "doan-thanh-nien",
        _day(6, 2),
        "Quán triệt trực tuyến cho đoàn viên.",
        _day(6, 3),
        sessions_held=1,
        attendees=85,
    )
    report(
        front_task,
        "mttq",
        _day(6, 25),
        "Hoàn thành quán triệt ở các tổ chức.",
        _day(6, 26),
        completion=True,
        sessions_held=3,
        attendees=212,
    )
    training = task_create(
        title="Tổ chức lớp tập huấn viết tin, chụp ảnh cho cán bộ thông tin đối ngoại",
        lead_unit=units["van-hoa-xa-hoi"],
        coordinating_units=[units["doan-thanh-nien"]],
        start_date=_day(5, 5),
        due_date=_day(12, 15),
        plan=plan,
        source_section=plan.sections.get(path="III.1"),
    )
    progress_report_submit(
        task=training,
        unit=units["doan-thanh-nien"],
        user=users["doan-thanh-nien"],
        narrative="Đã lập danh sách 30 học viên.",
        submitted_on=_day(11, 20),
    )
    for code, held_on, form, audience, invited, attended in [
        ("mttq", _day(5, 20), SessionForm.CONFERENCE, Audience.CADRES, 130, 120),
        ("doan-thanh-nien", _day(5, 28), SessionForm.ONLINE, Audience.YOUTH_MEMBERS, 90, 85),
        (
            "chi-bo-khu-pho-1",
            _day(6, 5),
            SessionForm.CELL_MEETING,
            Audience.PARTY_MEMBERS,
            35,
            32,
        ),
        (
            "hoi-phu-nu",
            _day(6, 10),
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
    year = plan.directive.issued_on.year  # of the moved issue date the importer read
    # IV.1: the ward government's yearly report to the Standing Committee, required by a date
    # and reminded through its follow-up task until it is received.
    required_report_create(
        title=f"Báo cáo kết quả thực hiện Kế hoạch 15-KH/ĐU năm {year}",
        reporting_unit=units["ubnd"],
        recipient="Ban Thường vụ Đảng ủy",
        year=year,
        due_date=_day(12, 15),
        plan=plan,
        source_section=plan.sections.get(path="IV.1"),
        start_date=_day(11, 1),
        user=admin,
    )
    for title, on in [
        ("Báo cáo sơ kết 6 tháng", _day(7, 10)),
        ("Báo cáo kết quả quán triệt", _day(7, 20)),
        # The annual report takes its number from this entry of the register.
        (f"Báo cáo kết quả thực hiện Kế hoạch số 15-KH/ĐU năm {year}", _day(12, 1)),
    ]:
        document_number_allocate(
            issuing_unit=units["dang-uy"], doc_type=DocType.REPORT, issued_on=on, title=title
        )


def _populate_inspections(plan: Plan, units, user) -> None:
    """IV.3: one inspection plan, two visits, their findings and a recommendation whose
    follow-up task is a real task of the inspected unit."""
    year = plan.directive.issued_on.year
    inspection = inspection_plan_create(
        title=f"Kiểm tra việc thực hiện Kế hoạch 15-KH/ĐU năm {year}",
        year=year,
        inspecting_unit=units["ban-xay-dung-dang"],
        start=_day(8, 1),
        end=_day(11, 30),
        plan=plan,
        source_section=plan.sections.get(path="IV.3"),
        user=user,
    )
    front = inspection_visit_record(
        inspection=inspection,
        unit=units["mttq"],
        planned_on=_day(9, 10),
        held_on=_day(9, 10),
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
        due_date=_day(10, 15),
        user=user,
    )
    inspection_visit_record(
        inspection=inspection,
        unit=units["doan-thanh-nien"],
        planned_on=_day(11, 5),
        user=user,
    )


def _populate_seed(plan: Plan) -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    plan_tasks_create(
        plan=plan,
        start_date=_day(4, 20),
        due_date=_day(12, 31),
        end_date=_day(12, 31),
    )
    for code, held_on, form, audience, attended in [
        ("mttq", _day(5, 12), SessionForm.CONFERENCE, Audience.CADRES, 95),
        (
            "chi-bo-khu-pho-2",
            _day(5, 15),
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
    plan = _import(_demo_text(), DEMO_FILE.name, DEMO_CODE, log)
    if not plan.tasks.exists():
        _populate_demo(plan)
    seed = Path(settings.SEED_DIR) / "ke-hoach-78-KH-DU.txt"
    if seed.is_file():
        seed_plan = _import(seed.read_bytes(), seed.name, SEED_CODE, log)
        if not seed_plan.tasks.exists():
            _populate_seed(seed_plan)
    log(
        f"plans: {Plan.objects.count()} kế hoạch, "
        f"{sum(p.tasks.count() for p in Plan.objects.all())} nhiệm vụ"
    )
