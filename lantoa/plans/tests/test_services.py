"""Tasks, periods, status buckets, report review, numbering, dissemination, follow-up."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lantoa.core.models import User
from lantoa.plans.constants import (
    Audience,
    Bucket,
    DeadlineKind,
    DocSystem,
    DocType,
    NotificationKind,
    ReportState,
    SessionForm,
    TaskState,
)
from lantoa.plans.models import DocumentNumber, Notification, ProgressReport, ReportEvidence
from lantoa.plans.selectors import bucket_counts, dissemination_coverage, task_bucket
from lantoa.plans.services import (
    dissemination_session_record,
    document_number_allocate,
    document_symbol_validate,
    followup_run,
    progress_report_review,
    progress_report_submit,
    task_cancel,
)

from .factories import DirectiveFactory, make_task

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def test_periods_follow_the_deadline_kind(demo_ward):
    quarterly = make_task(
        demo_ward,
        deadline_kind=DeadlineKind.QUARTERLY,
        start_date=date(2026, 2, 10),
        due_date=None,
        end_date=date(2026, 12, 31),
    )
    assert [(p.label, p.start, p.due) for p in quarterly.periods.all()] == [
        ("Quý 1/2026", date(2026, 2, 10), date(2026, 3, 31)),
        ("Quý 2/2026", date(2026, 4, 1), date(2026, 6, 30)),
        ("Quý 3/2026", date(2026, 7, 1), date(2026, 9, 30)),
        ("Quý 4/2026", date(2026, 10, 1), date(2026, 12, 31)),
    ]
    monthly = make_task(
        demo_ward,
        deadline_kind=DeadlineKind.MONTHLY,
        due_date=None,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 3, 15),
    )
    assert [p.due for p in monthly.periods.all()] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 15),
    ]
    annual = make_task(
        demo_ward,
        deadline_kind=DeadlineKind.ANNUAL,
        due_date=None,
        start_date=date(2026, 4, 1),
        end_date=date(2028, 12, 31),
    )
    assert [p.label for p in annual.periods.all()] == ["Năm 2026", "Năm 2027", "Năm 2028"]
    ongoing = make_task(
        demo_ward, deadline_kind=DeadlineKind.ONGOING, due_date=None, start_date=date(2026, 5, 4)
    )  # "thường xuyên": a check-in every quarter to the year's end, so it can be late
    assert [(p.label, p.due) for p in ongoing.periods.all()] == [
        ("Kiểm tra tiến độ Quý 2/2026", date(2026, 6, 30)),
        ("Kiểm tra tiến độ Quý 3/2026", date(2026, 9, 30)),
        ("Kiểm tra tiến độ Quý 4/2026", date(2026, 12, 31)),
    ]
    dated = make_task(demo_ward)
    assert [(p.start, p.due) for p in dated.periods.all()] == [
        (date(2026, 1, 1), date(2026, 6, 30))
    ]


def test_a_dated_task_needs_a_due_date_after_its_start(demo_ward):
    with pytest.raises(ValidationError, match="hạn hoàn thành"):
        make_task(demo_ward, due_date=None)
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        make_task(demo_ward, due_date=date(2025, 12, 1))


def test_lead_unit_is_never_also_coordinating(demo_ward):
    task = make_task(demo_ward, lead="ubnd", coordinating=("ubnd", "mttq"))
    assert [u.code for u in task.coordinating_units.all()] == ["mttq"]


def test_buckets_as_government_reports_count_them(demo_ward):
    within = make_task(demo_ward, due_date=date(2026, 6, 30))
    overdue = make_task(demo_ward, due_date=date(2026, 3, 31))
    on_time = make_task(demo_ward, due_date=date(2026, 6, 30))
    late = make_task(demo_ward, due_date=date(2026, 3, 31))
    cancelled = make_task(demo_ward, due_date=date(2026, 3, 31))
    task_cancel(task=cancelled)
    reviewer = user("ubnd")
    for task, on in ((on_time, date(2026, 6, 30)), (late, date(2026, 4, 1))):
        report = progress_report_submit(
            task=task,
            unit=demo_ward["ubnd"],
            user=reviewer,
            narrative="Xong.",
            reports_completion=True,
            submitted_on=on,
        )
        progress_report_review(report=report, user=user("lanhdao"), accept=True)
    as_of = date(2026, 5, 1)
    assert task_bucket(within, as_of=as_of) == Bucket.OPEN_WITHIN
    assert task_bucket(overdue, as_of=as_of) == Bucket.OPEN_OVERDUE
    assert task_bucket(on_time, as_of=as_of) == Bucket.COMPLETED_ON_TIME
    assert task_bucket(late, as_of=as_of) == Bucket.COMPLETED_LATE
    assert task_bucket(cancelled, as_of=as_of) == Bucket.CANCELLED
    assert bucket_counts(as_of=as_of) == {
        Bucket.COMPLETED_ON_TIME: 1,
        Bucket.COMPLETED_LATE: 1,
        Bucket.OPEN_WITHIN: 1,
        Bucket.OPEN_OVERDUE: 1,
        Bucket.CANCELLED: 1,
    }
    # The deadline is inclusive: due today is still within it.
    assert task_bucket(within, as_of=date(2026, 6, 30)) == Bucket.OPEN_WITHIN
    assert task_bucket(within, as_of=date(2026, 7, 1)) == Bucket.OPEN_OVERDUE


def test_recurring_task_is_overdue_while_a_past_period_is_open(demo_ward):
    task = make_task(
        demo_ward,
        deadline_kind=DeadlineKind.QUARTERLY,
        due_date=None,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 6, 30),
    )
    reporter = user("ubnd")
    assert task_bucket(task, as_of=date(2026, 4, 5)) == Bucket.OPEN_OVERDUE
    q1 = task.periods.first()
    report = progress_report_submit(
        task=task,
        unit=demo_ward["ubnd"],
        user=reporter,
        period=q1,
        narrative="Quý 1 xong.",
        reports_completion=True,
        submitted_on=date(2026, 3, 30),
    )
    progress_report_review(report=report, user=user("lanhdao"), accept=True)
    task.refresh_from_db()
    assert task.state == TaskState.IN_PROGRESS
    assert task_bucket(task, as_of=date(2026, 4, 5)) == Bucket.OPEN_WITHIN
    q2 = task.periods.last()
    report = progress_report_submit(
        task=task,
        unit=demo_ward["ubnd"],
        user=reporter,
        period=q2,
        narrative="Quý 2 xong.",
        reports_completion=True,
        submitted_on=date(2026, 7, 3),
    )
    progress_report_review(report=report, user=user("lanhdao"), accept=True)
    task.refresh_from_db()
    assert (task.state, task.completed_on) == (TaskState.COMPLETED, date(2026, 7, 3))
    assert task_bucket(task) == Bucket.COMPLETED_LATE


def test_report_flow_accept_and_return(demo_ward):
    task = make_task(demo_ward, lead="ban-xay-dung-dang", coordinating=("mttq",))
    reporter, lead, other = user("mttq"), user("xaydungdang"), user("doanthanhnien")
    with pytest.raises(ValidationError, match="không được giao"):
        progress_report_submit(
            task=task, unit=demo_ward["doan-thanh-nien"], user=other, narrative="x"
        )
    report = progress_report_submit(
        task=task,
        unit=demo_ward["mttq"],
        user=reporter,
        narrative="Đã tổ chức 2 hội nghị.",
        sessions_held=2,
        attendees=150,
        reports_completion=True,
        files=[("bien-ban.pdf", b"%PDF-1.4 minh chung")],
        submitted_on=date(2026, 5, 2),
    )
    task.refresh_from_db()
    assert task.state == TaskState.SUBMITTED
    evidence = ReportEvidence.objects.get(report=report)
    assert evidence.file.read() == b"%PDF-1.4 minh chung"
    with pytest.raises(PermissionDenied):
        progress_report_review(report=report, user=reporter, accept=True)
    with pytest.raises(ValidationError, match="lý do"):
        progress_report_review(report=report, user=lead, accept=False)
    progress_report_review(
        report=report, user=lead, accept=False, note="Thiếu biên bản.", on=date(2026, 5, 3)
    )
    report.refresh_from_db()
    task.refresh_from_db()
    assert (report.state, task.state) == (ReportState.RETURNED, TaskState.IN_PROGRESS)
    note = Notification.objects.get(unit=demo_ward["mttq"])
    assert note.kind == NotificationKind.REPORT_RETURNED and "Thiếu biên bản" in note.message
    again = progress_report_submit(
        task=task,
        unit=demo_ward["mttq"],
        user=reporter,
        narrative="Bổ sung biên bản.",
        reports_completion=True,
        submitted_on=date(2026, 5, 5),
    )
    progress_report_review(report=again, user=lead, accept=True)
    task.refresh_from_db()
    assert (task.state, task.completed_on) == (TaskState.COMPLETED, date(2026, 5, 5))
    with pytest.raises(ValidationError, match="đã được xem xét"):
        progress_report_review(report=again, user=lead, accept=True)
    with pytest.raises(ValidationError, match="hoàn thành"):
        progress_report_submit(task=task, unit=demo_ward["mttq"], user=reporter, narrative="x")


def test_numbering_runs_from_01_per_body_type_and_term(demo_ward):
    party, ubnd = demo_ward["dang-uy"], demo_ward["ubnd"]
    first = document_number_allocate(
        issuing_unit=party, doc_type=DocType.REPORT, issued_on=date(2026, 3, 1)
    )
    second = document_number_allocate(
        issuing_unit=party, doc_type=DocType.REPORT, issued_on=date(2026, 4, 1)
    )
    plan_number = document_number_allocate(
        issuing_unit=party, doc_type=DocType.PLAN, issued_on=date(2026, 4, 1)
    )
    next_term = document_number_allocate(
        issuing_unit=party, doc_type=DocType.REPORT, issued_on=date(2031, 1, 5)
    )
    state = document_number_allocate(
        issuing_unit=ubnd, doc_type=DocType.PLAN, issued_on=date(2026, 5, 5)
    )
    assert [first.code, second.code, plan_number.code, next_term.code, state.code] == [
        "01-BC/ĐU",
        "02-BC/ĐU",
        "01-KH/ĐU",
        "01-BC/ĐU",
        "01/KH-UBND",
    ]
    assert (first.term, next_term.term, state.term, state.system) == (
        "2025-2030",
        "2030-2035",
        "2026",
        DocSystem.STATE,
    )
    assert DocumentNumber.objects.count() == 5
    document_symbol_validate(
        code="05-BC/ĐU", system=DocSystem.PARTY, doc_type=DocType.REPORT, issuing_unit=party
    )
    with pytest.raises(ValidationError, match="BC/ĐU"):
        document_symbol_validate(
            code="05-BC/HU", system=DocSystem.PARTY, doc_type=DocType.REPORT, issuing_unit=party
        )
    with pytest.raises(ValidationError, match="sai dạng"):
        document_symbol_validate(
            code="BC/ĐU", system=DocSystem.PARTY, doc_type=DocType.REPORT, issuing_unit=party
        )
    document_symbol_validate(
        code="34/KH-UBND", system=DocSystem.STATE, doc_type=DocType.PLAN, issuing_unit=ubnd
    )


def test_coverage_lists_organisations_that_have_not_disseminated(demo_ward):
    directive = DirectiveFactory()
    dissemination_session_record(
        organisation=demo_ward["mttq"],
        directive=directive,
        held_on=date(2026, 5, 1),
        form=SessionForm.CONFERENCE,
        audience=Audience.CADRES,
        invited=50,
        attended=45,
    )
    with pytest.raises(ValidationError):
        dissemination_session_record(
            organisation=demo_ward["mttq"],
            directive=directive,
            held_on=date(2026, 5, 1),
            form=SessionForm.CONFERENCE,
            audience=Audience.CADRES,
            attended=-1,
        )
    rows = {row.unit.code: row for row in dissemination_coverage(directive)}
    expected = {
        "chi-bo-khu-pho-1",
        "chi-bo-khu-pho-2",
        "chi-bo-khu-pho-3",
        "chi-bo-co-quan-ubnd",
        "mttq",
        "doan-thanh-nien",
        "hoi-phu-nu",
        "hoi-nong-dan",
        "hoi-cuu-chien-binh",
    }
    assert set(rows) == expected
    assert (rows["mttq"].sessions, rows["mttq"].attended, rows["mttq"].covered) == (1, 45, True)
    assert sum(1 for row in rows.values() if not row.covered) == 8


def test_followup_notifies_once_a_day_and_mails_units(demo_ward):
    demo_ward["mttq"].email = "mttq@example.vn"
    demo_ward["mttq"].save()
    due_soon = make_task(
        demo_ward, lead="mttq", coordinating=("hoi-phu-nu",), due_date=date(2026, 5, 5)
    )
    overdue = make_task(demo_ward, lead="ubnd", due_date=date(2026, 4, 1))
    quarterly = make_task(
        demo_ward,
        lead="ubnd",
        deadline_kind=DeadlineKind.QUARTERLY,
        due_date=None,
        end_date=date(2026, 6, 30),
    )
    far = make_task(demo_ward, lead="ubnd", due_date=date(2026, 6, 30))
    counts = followup_run(as_of=date(2026, 5, 1))
    assert counts[NotificationKind.DUE_SOON] == 2  # lead and coordinating unit
    assert counts[NotificationKind.OVERDUE] == 2  # the dated task and quarter 1
    assert counts[NotificationKind.REPORT_MISSING] == 1  # quarter 1 has no report
    assert not Notification.objects.filter(task=far).exists()
    assert Notification.objects.filter(task=due_soon, unit=demo_ward["hoi-phu-nu"]).exists()
    assert Notification.objects.filter(task=overdue, kind=NotificationKind.OVERDUE).count() == 1
    assert Notification.objects.filter(task=quarterly, kind="report_missing").count() == 1
    assert [m.to for m in mail.outbox] == [["mttq@example.vn"]]
    assert "đến hạn ngày 05/05/2026" in mail.outbox[0].body
    again = followup_run(as_of=date(2026, 5, 1))
    assert sum(v for k, v in again.items() if k != "emails") == 0 and len(mail.outbox) == 1


def test_daily_job_and_its_beat_schedule(demo_ward):
    from django_celery_beat.models import PeriodicTask

    from lantoa.plans.tasks import followup_daily_task

    task = PeriodicTask.objects.get(task="lantoa.plans.tasks.followup_daily_task")
    assert task.crontab.hour == "7" and str(task.crontab.timezone) == "Asia/Ho_Chi_Minh"
    make_task(demo_ward, due_date=date(2026, 4, 1))
    result = followup_daily_task.apply(args=["2026-05-01"]).get()
    assert result[NotificationKind.OVERDUE] == 1


def test_the_submitter_cannot_accept_their_own_report(demo_ward, settings):
    task = make_task(demo_ward, lead="ubnd")
    submitter = user("ubnd")  # a reporter of the lead unit: a reviewer of the task's reports
    report = progress_report_submit(
        task=task,
        unit=demo_ward["ubnd"],
        user=submitter,
        narrative="Xong.",
        reports_completion=True,
    )
    with pytest.raises(PermissionDenied, match="không tự chấp nhận"):
        progress_report_review(report=report, user=submitter, accept=True)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    # Returning one's own report (to correct it) stays possible; someone else accepts.
    progress_report_review(report=report, user=submitter, accept=False, note="Gửi nhầm.")
    again = progress_report_submit(
        task=task,
        unit=demo_ward["ubnd"],
        user=submitter,
        narrative="Xong.",
        reports_completion=True,
    )
    progress_report_review(report=again, user=user("lanhdao"), accept=True)
    assert ProgressReport.objects.get(pk=again.pk).state == ReportState.ACCEPTED


def test_a_one_person_unit_may_turn_separation_of_duties_off(demo_ward, settings):
    settings.LANTOA_SEPARATION_OF_DUTIES = False
    task = make_task(demo_ward, lead="ubnd")
    submitter = user("ubnd")
    report = progress_report_submit(
        task=task,
        unit=demo_ward["ubnd"],
        user=submitter,
        narrative="Xong.",
        reports_completion=True,
    )
    progress_report_review(report=report, user=submitter, accept=True)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bien-ban.exe", b"MZ\x90\x00" + b"\x00" * 100),
        ("bien-ban.html", b"<html><script>alert(1)</script></html>"),
        ("anh.svg", b"<svg onload=alert(1)>"),
        ("bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        ("bien-ban.pdf", b"%PDF-1.4" + b" " * (30 * 1024 * 1024)),
    ],
)
def test_evidence_of_a_wrong_type_or_size_is_refused_and_nothing_is_saved(
    demo_ward, settings, name, content
):
    task = make_task(demo_ward, lead="ubnd", coordinating=("mttq",))
    with pytest.raises(ValidationError):
        progress_report_submit(
            task=task,
            unit=demo_ward["mttq"],
            user=user("mttq"),
            narrative="Kèm minh chứng.",
            files=[("bien-ban-that.pdf", b"%PDF-1.4 that"), (name, content)],
        )
    assert not ProgressReport.objects.exists() and not ReportEvidence.objects.exists()
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_evidence_is_stored_under_a_random_name(demo_ward):
    task = make_task(demo_ward, lead="ubnd", coordinating=("mttq",))
    report = progress_report_submit(
        task=task,
        unit=demo_ward["mttq"],
        user=user("mttq"),
        narrative="Kèm biên bản.",
        files=[("Biên bản hội nghị Nguyễn Văn A.pdf", b"%PDF-1.4 bien ban")],
    )
    evidence = report.evidence.get()
    assert "Nguy" not in evidence.file.name and evidence.file.name.endswith(".pdf")
    assert str(evidence) == "Biên bản hội nghị Nguyễn Văn A.pdf"
