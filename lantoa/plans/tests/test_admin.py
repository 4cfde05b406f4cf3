"""The admin screens: import review, unit scoping, dashboard panel, unit page, downloads."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantoa.core.models import User
from lantoa.plans.constants import Bucket, ReportState
from lantoa.plans.demo import DEMO_FILE
from lantoa.plans.models import Directive, Plan, ProgressReport, Task
from lantoa.plans.permissions import permissions_grant
from lantoa.plans.selectors import bucket_counts
from lantoa.plans.services import plan_import_file, progress_report_submit

from .factories import make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(demo_ward):
    permissions_grant()
    return demo_ward


@pytest.fixture
def demo_plan(ward):
    """The demo's own plan, imported through the importer as `load_demo` does."""
    return plan_import_file(data=DEMO_FILE.read_bytes(), filename=DEMO_FILE.name)


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def test_import_screen_shows_the_structure_before_saving(client, ward, seed_path):
    login(client, "admin")
    url = reverse("plans_admin:plan_import")
    with seed_path.open("rb") as handle:
        response = client.post(url, {"file": handle})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-field="chain">57-KL/TW → 59-KH/TU → 78-KH/ĐU<' in html
    assert re.search(r'data-path="IV.3"><td>IV.3</td><td>Ban Xây dựng đảng Đảng ủy</td>', html)
    assert "các cơ quan liên quan" in html
    assert Plan.objects.count() == 0
    text = response.context["review"].initial["text"]
    # The reviewer corrects the text (here: the issuer of 59-KH/TU) and saves.
    corrected = text.replace(
        "59-KH/TU, ngày 07/4/2026 của Bộ Chính trị",
        "59-KH/TU, ngày 07/4/2026 của Ban Thường vụ Tỉnh ủy",
    )
    response = client.post(
        url,
        {
            "text": corrected,
            "filename": seed_path.name,
            "create_tasks": "on",
            "start_date": "2026-04-20",
            "due_date": "2026-12-31",
            "save": "1",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans_admin:plan_outline", args=[plan.pk])
    assert Directive.objects.get(code="59-KH/TU").issuer == "Ban Thường vụ Tỉnh ủy"
    assert sorted(plan.tasks.values_list("lead_unit__code", flat=True)) == [
        "ban-xay-dung-dang",
        "mttq",
        "ubnd",
    ]
    outline = client.get(response.url).content.decode()
    assert 'data-path="III.3.1"' in outline and "57-KL/TW → 59-KH/TU → 78-KH/ĐU" in outline


def test_import_screen_refuses_a_legacy_doc_in_vietnamese(client, ward):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, "admin")
    upload = SimpleUploadedFile("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    response = client.post(reverse("plans_admin:plan_import"), {"file": upload})
    assert "Tệp Word cũ (.doc) không được hỗ trợ" in response.content.decode()
    assert Plan.objects.count() == 0


def test_unit_reporter_cannot_import(client, ward):
    login(client, "mttq")
    response = client.get(reverse("plans_admin:plan_import"))
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "no permission"


def test_unit_reporters_see_only_their_units_tasks(client, ward):
    mine = make_task(ward, lead="ubnd", coordinating=("mttq",), title="Việc phối hợp")
    other = make_task(ward, lead="hoi-nong-dan", title="Việc của Hội Nông dân")
    login(client, "mttq")
    listing = client.get(reverse("wagtailsnippets_plans_task:list")).content.decode()
    assert "Việc phối hợp" in listing and "Việc của Hội Nông dân" not in listing
    inspect = reverse("wagtailsnippets_plans_task:inspect", args=[other.pk])
    assert client.get(inspect).status_code == 404
    assert (
        client.get(reverse("wagtailsnippets_plans_task:inspect", args=[mine.pk])).status_code == 200
    )
    login(client, "lanhdao")
    listing = client.get(reverse("wagtailsnippets_plans_task:list")).content.decode()
    assert "Việc của Hội Nông dân" in listing


def test_task_list_filters_by_bucket_and_exports(client, ward):
    today = timezone.localdate()
    make_task(
        ward,
        title="Việc quá hạn",
        start_date=today - timedelta(days=30),
        due_date=today - timedelta(days=1),
    )
    make_task(ward, title="Việc trong hạn", start_date=today, due_date=today + timedelta(days=9))
    login(client, "admin")
    url = reverse("wagtailsnippets_plans_task:list")
    html = client.get(url, {"bucket": Bucket.OPEN_OVERDUE}).content.decode()
    assert "Việc quá hạn" in html and "Việc trong hạn" not in html
    export = client.get(url, {"export": "csv"})
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Tình trạng thực hiện" in csv and "Chưa hoàn thành, quá hạn" in csv
    xlsx = client.get(reverse("plans_admin:tasks_xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_dashboard_panel_counts_match_the_selectors(client, ward):
    today = timezone.localdate()
    make_task(ward, start_date=today - timedelta(days=30), due_date=today - timedelta(days=1))
    task = make_task(
        ward,
        lead="ban-xay-dung-dang",
        coordinating=("mttq",),
        start_date=today,
        due_date=today + timedelta(days=3),
    )
    progress_report_submit(
        task=task, unit=ward["mttq"], user=User.objects.get(username="mttq"), narrative="Đã làm."
    )
    login(client, "xaydungdang")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'data-panel="plans".*?</section>', html, re.S).group(0)

    def count(label):
        return int(re.search(rf'data-count="{label}">(\d+)<', panel).group(1))

    buckets = bucket_counts()
    assert count("Nhiệm vụ quá hạn") == buckets[Bucket.OPEN_OVERDUE] == 1
    assert count("Nhiệm vụ đang thực hiện") == 2
    assert count("Báo cáo chờ xem xét") == 1
    assert count("Kế hoạch") == 0


def test_unit_page_and_review_screen(client, ward):
    task = make_task(
        ward,
        lead="ban-xay-dung-dang",
        coordinating=("mttq",),
        title="Việc chung",
        start_date=date(2026, 1, 1),
        due_date=date(2099, 1, 1),
    )
    report = progress_report_submit(
        task=task,
        unit=ward["mttq"],
        user=User.objects.get(username="mttq"),
        narrative="Đã tổ chức hội nghị.",
        reports_completion=True,
    )
    login(client, "mttq")
    page = client.get(reverse("plans_admin:my_unit")).content.decode()
    assert f'data-task="{task.pk}"' in page and "Phối hợp" in page
    review_url = reverse("plans_admin:report_review", args=[report.pk])
    assert "Chấp nhận" not in client.get(review_url).content.decode()
    client.post(review_url, {"accept": "1"})  # no review rights: nothing changes
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    login(client, "doanthanhnien")
    assert client.get(review_url).status_code == 404
    login(client, "xaydungdang")
    response = client.post(review_url, {"return": "1", "note": ""})
    assert "Cần ghi lý do" in response.content.decode()
    response = client.post(review_url, {"accept": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    task.refresh_from_db()
    assert (report.state, task.state) == (ReportState.ACCEPTED, "completed")


def test_evidence_is_downloaded_only_by_those_who_see_the_report(client, ward):
    task = make_task(ward, lead="ban-xay-dung-dang", coordinating=("mttq",))
    report = progress_report_submit(
        task=task,
        unit=ward["mttq"],
        user=User.objects.get(username="mttq"),
        narrative="Biên bản kèm theo.",
        files=[("bien-ban.pdf", b"%PDF-1.4 bien ban")],
    )
    evidence = report.evidence.get()
    url = reverse("plans_admin:evidence_file", args=[evidence.pk])
    login(client, "xaydungdang")
    assert (
        url in client.get(reverse("plans_admin:report_review", args=[report.pk])).content.decode()
    )
    for username in ("mttq", "xaydungdang"):
        response = login(client, username).get(url)
        assert response.status_code == 200, username
        assert b"".join(response.streaming_content) == b"%PDF-1.4 bien ban"
        assert "attachment" in response["Content-Disposition"]
    assert login(client, "doanthanhnien").get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 403)


def test_coverage_view_names_the_organisations_missing(client, ward):
    from lantoa.plans.constants import Audience, SessionForm
    from lantoa.plans.services import dissemination_session_record

    from .factories import DirectiveFactory

    directive = DirectiveFactory()
    dissemination_session_record(
        organisation=ward["hoi-phu-nu"],
        directive=directive,
        held_on=date(2026, 5, 1),
        form=SessionForm.CONFERENCE,
        audience=Audience.ASSOCIATION_MEMBERS,
        attended=30,
    )
    login(client, "xaydungdang")
    html = client.get(reverse("plans_admin:coverage"), {"directive": directive.pk}).content.decode()
    assert 'data-missing-count="8"' in html
    assert 'data-unit="hoi-phu-nu" data-covered="1"' in html
    assert 'data-unit="hoi-nong-dan" data-covered="0"' in html


def test_leader_downloads_documents_reporter_may_not(client, ward):
    make_task(ward, due_date=date(2026, 2, 1))
    login(client, "mttq")
    assert client.get(reverse("plans_admin:reminder")).url == "/admin/"
    login(client, "lanhdao")
    response = client.post(reverse("plans_admin:reminder"), {"unit": ward["ubnd"].pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cong-van-don-doc')
    assert response.content[:2] == b"PK"


def test_annual_report_screen_starts_the_report_job(
    client, demo_plan, django_capture_on_commit_callbacks
):
    """The plans menu's annual report is the dashboard's job: DOCX and figure annex, in the
    background, listed with its progress; a unit reporter may not start it."""
    from lantoa.core.jobs.models import Job
    from lantoa.core.jobs.runner import job_run

    plan, url = demo_plan, reverse("plans_admin:annual_report")
    login(client, "mttq")
    assert client.post(url, {"plan": plan.pk, "year": 2026}).url == "/admin/"
    login(client, "lanhdao")
    assert "Lập báo cáo" in client.get(url).content.decode()
    assert client.post(url, {"plan": plan.pk, "year": 1999}).status_code == 200
    assert not Job.objects.exists()
    with django_capture_on_commit_callbacks():  # queued, not run: the worker's part is below
        response = client.post(url, {"plan": plan.pk, "year": 2026})
    job = Job.objects.get()
    assert response.url == reverse("core_jobs") + f"?highlight={job.pk}"
    assert job.params == {"year": 2026, "plan": plan.directive.code, "unit": None}
    job_run(job_id=job.pk)
    names = set(job.files.values_list("name", flat=True))
    assert {"bao-cao-ttdn-2026.docx", "bao-cao-ttdn-2026-phu-luc.xlsx"} <= names


def test_dissemination_session_created_through_the_viewset_is_scoped(client, ward):
    from .factories import DirectiveFactory

    directive = DirectiveFactory()
    login(client, "mttq")
    url = reverse("wagtailsnippets_plans_disseminationsession:add")
    response = client.post(
        url,
        {
            "organisation": ward["hoi-nong-dan"].pk,
            "directive": directive.pk,
            "held_on": "2026-05-02",
            "form": "conference",
            "audience": "people",
            "invited": "10",
            "attended": "9",
            "notes": "",
        },
    )
    assert response.status_code == 200  # another unit is not a valid choice
    response = client.post(
        url,
        {
            "organisation": ward["mttq"].pk,
            "directive": directive.pk,
            "held_on": "2026-05-02",
            "form": "conference",
            "audience": "people",
            "invited": "10",
            "attended": "9",
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert directive.dissemination_sessions.get().organisation.code == "mttq"


def test_task_created_in_the_admin_gets_its_periods(client, ward):
    login(client, "xaydungdang")
    response = client.post(
        reverse("wagtailsnippets_plans_task:add"),
        {
            "title": "Báo cáo hằng quý",
            "text": "",
            "lead_unit": ward["ubnd"].pk,
            "deadline_kind": "quarterly",
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
            "due_date": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    task = Task.objects.get(title="Báo cáo hằng quý")
    assert task.periods.count() == 2
    assert ProgressReport.objects.count() == 0


def test_plan_list_links_to_the_outline_and_menu_has_the_tools(client, demo_plan):
    plan = demo_plan
    login(client, "lanhdao")
    listing = client.get(reverse("wagtailsnippets_plans_plan:list")).content.decode()
    assert reverse("plans_admin:plan_outline", args=[plan.pk]) in listing
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in ("my_unit", "plan_import", "coverage", "annual_report", "reminder", "tasks_xlsx"):
        assert reverse(f"plans_admin:{name}") in home


def test_the_review_screen_does_not_offer_accept_to_the_submitter(client, ward):
    task = make_task(ward, lead="ubnd", title="Việc của UBND")
    report = progress_report_submit(
        task=task,
        unit=ward["ubnd"],
        user=User.objects.get(username="ubnd"),
        narrative="Đã làm.",
        reports_completion=True,
    )
    review_url = reverse("plans_admin:report_review", args=[report.pk])
    page = login(client, "ubnd").get(review_url).content.decode()
    assert 'name="accept"' not in page and "data-no-accept" in page and 'name="return"' in page
    response = client.post(review_url, {"accept": "1"})
    assert "không tự chấp nhận" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert 'name="accept"' in login(client, "lanhdao").get(review_url).content.decode()


def test_the_report_form_refuses_an_executable_and_records_it(client, ward):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lantoa.core.security.models import SecurityEvent

    task = make_task(ward, lead="ubnd", coordinating=("mttq",), due_date=date(2099, 1, 1))
    login(client, "mttq")
    response = client.post(
        reverse("plans_admin:report_submit"),
        {
            "task": task.pk,
            "narrative": "Kèm minh chứng.",
            "sessions_held": 0,
            "attendees": 0,
            "articles_published": 0,
            "evidence": [SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 100)],
        },
    )
    assert response.status_code == 200 and "không phải .pdf" in response.content.decode()
    assert not ProgressReport.objects.exists()
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user.username) == ("upload_refused", "mttq")


def test_task_list_shows_the_plan_section_and_bucket_tabs_with_the_filters_counts(
    client, ward, demo_plan
):
    from lantoa.plans.selectors import tasks_with_buckets

    section = demo_plan.sections.exclude(path="").order_by("order").last()
    today = timezone.localdate()
    planned = make_task(ward, title="Việc theo kế hoạch", plan=demo_plan, due_date=today)
    Task.objects.filter(pk=planned.pk).update(source_section=section)
    make_task(ward, title="Việc quá hạn", start_date=today - timedelta(days=30),
              due_date=today - timedelta(days=1))  # fmt: skip
    make_task(ward, title="Việc của MTTQ", lead="mttq", start_date=today,
              due_date=today + timedelta(days=9))  # fmt: skip
    login(client, "admin")
    url = reverse("wagtailsnippets_plans_task:list")
    html = client.get(url).content.decode()
    outline = reverse("plans_admin:plan_outline", args=[demo_plan.pk])
    assert f'href="{outline}#section-{section.pk}"' in html and section.path in html
    assert f'id="section-{section.pk}"' in client.get(outline).content.decode()

    def tabs(query):
        page = client.get(url, query).content.decode()
        found = re.findall(r'data-bucket-tab="(\w*)".*?data-count>\((\d+)\)', page, re.S)
        return page, {k: int(v) for k, v in found}

    _page, counts = tabs({})
    assert counts[""] == Task.objects.count()
    assert all(counts[b] == n for b, n in bucket_counts(Task.objects.all()).items())
    # With a filter, each tab counts what the list shows with that filter and that bucket.
    lead = {"lead_unit": ward["ubnd"].pk}
    page, counts = tabs(lead)
    mine = tasks_with_buckets(Task.objects.filter(lead_unit=ward["ubnd"]))
    assert counts[""] == mine.count() and counts[Bucket.OPEN_OVERDUE] >= 1
    for bucket in Bucket:
        listed = client.get(url, {**lead, "bucket": bucket.value}).content.decode()
        for task in mine:
            assert (task.title in listed) == (task.bucket == bucket.value)
        assert counts[bucket.value] == sum(task.bucket == bucket.value for task in mine)
    assert "Việc của MTTQ" not in page and f"lead_unit={ward['ubnd'].pk}&amp;bucket=" in page


def _task_form(task, **changes):
    data = {
        "title": task.title,
        "text": task.text,
        "plan": task.plan_id or "",
        "lead_unit": task.lead_unit_id,
        "coordinating_units": [unit.pk for unit in task.coordinating_units.all()],
        "deadline_kind": task.deadline_kind,
        "start_date": f"{task.start_date:%Y-%m-%d}",
        "due_date": f"{task.due_date:%Y-%m-%d}" if task.due_date else "",
        "end_date": f"{task.end_date:%Y-%m-%d}" if task.end_date else "",
    }
    data.update(changes)
    return data


def test_extending_a_deadline_in_the_admin_moves_the_open_period(client, ward, tmp_path):
    """The bug of issue 19: the edit form changed the task's due date but its open period kept
    the old one, so reminders, letters, the dashboard and the report still said "quá hạn"."""
    from lantoa.plans.documents.reminder import reminder_letter_build
    from lantoa.plans.models import Notification
    from lantoa.plans.services import followup_run

    task = make_task(ward, lead="mttq", due_date=date(2026, 6, 30))
    late = date(2026, 7, 5)
    followup_run(as_of=late, send_email=False)
    assert Notification.objects.filter(task=task, kind="overdue").count() == 1
    assert bucket_counts(Task.objects.filter(pk=task.pk), as_of=late)[Bucket.OPEN_OVERDUE] == 1

    login(client, "xaydungdang")
    url = reverse("wagtailsnippets_plans_task:edit", args=[task.pk])
    response = client.post(url, _task_form(task, due_date="2026-09-30"))
    assert response.status_code == 302, response.content.decode()[:3000]
    period = task.periods.get()
    assert (period.end, period.due, period.label) == (
        date(2026, 9, 30),
        date(2026, 9, 30),
        "Đến 30/09/2026",
    )
    counts = bucket_counts(Task.objects.filter(pk=task.pk), as_of=late)
    assert counts[Bucket.OPEN_OVERDUE] == 0 and counts[Bucket.OPEN_WITHIN] == 1
    followup_run(as_of=date(2026, 7, 6), send_email=False)
    assert not Notification.objects.filter(task=task, kind="overdue", created_on=date(2026, 7, 6))
    letter = reminder_letter_build(unit=ward["mttq"], as_of=late, out_path=tmp_path / "l.docx")
    from docx import Document

    text = "\n".join(
        cell.text for table in Document(letter).tables for row in table.rows for cell in row.cells
    )
    assert "30/09/2026" in text and "30/06/2026" not in text
    # The change is in the task's history with the old and new dates.
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="plans.task_deadline", object_id=str(task.pk))
    assert entry.data["before"]["due_date"] == "2026-06-30"
    assert entry.data["after"]["due_date"] == "2026-09-30"

    # A due date before the start is refused with a message, nothing saved.
    response = client.post(url, _task_form(task, due_date="2025-01-01"))
    assert response.status_code == 200
    assert "Hạn hoàn thành không được trước ngày bắt đầu." in response.content.decode()
    assert task.periods.get().due == date(2026, 9, 30)


def test_deadline_api_and_recurring_tasks_move_their_open_periods(client, ward):
    from lantoa.plans.services import task_deadline_change

    quarterly = make_task(
        ward,
        lead="ubnd",
        deadline_kind="quarterly",
        due_date=None,
        end_date=date(2026, 6, 30),
    )
    assert quarterly.periods.count() == 2
    task_deadline_change(task=quarterly, end_date=date(2026, 12, 31))
    assert list(quarterly.periods.values_list("due", flat=True)) == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]
    task_deadline_change(task=quarterly, end_date=date(2026, 8, 15))
    assert list(quarterly.periods.values_list("due", flat=True)) == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 8, 15),
    ]

    dated = make_task(ward, lead="ubnd", due_date=date(2026, 6, 30))
    login(client, "xaydungdang")
    url = f"/api/tasks/{dated.pk}/deadline"
    response = client.post(
        url,
        {"due_date": "2026-10-31", "reason": "Đơn vị đề nghị gia hạn"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert [p["due"] for p in response.json()["periods"]] == ["2026-10-31"]
    response = client.post(url, {"due_date": "2025-10-31"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Hạn hoàn thành không được trước ngày bắt đầu."


def test_the_report_list_and_the_home_tile_lead_to_the_review_screen(client, ward):
    task = make_task(ward, lead="ubnd", title="Việc cần xem xét")
    report = progress_report_submit(
        task=task,
        unit=ward["ubnd"],
        user=User.objects.get(username="ubnd"),
        narrative="Đã tổ chức 2 buổi.",
        files=[("bien-ban.pdf", b"%PDF-1.4 demo")],
    )
    review_url = reverse("plans_admin:report_review", args=[report.pk])
    edit_url = reverse("wagtailsnippets_plans_progressreport:edit", args=[report.pk])
    login(client, "lanhdao")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    tile = re.search(r'href="([^"]*progressreport[^"]*state=submitted[^"]*)"', home).group(1)
    listing = client.get(tile.replace("&amp;", "&")).content.decode()
    assert review_url in listing and edit_url not in listing
    assert reverse("plans_admin:report_submit") in listing  # "add" is the submission screen
    assert client.get(edit_url).url == review_url
    review = client.get(review_url).content.decode()
    assert "Đã tổ chức 2 buổi." in review and "bien-ban.pdf" in review
    assert 'name="accept"' in review and 'name="return"' in review


def test_task_list_reads_the_plan_filter_in_one_query_whatever_the_number_of_plans(client, ward):
    """The plan filter's labels are the plans' directives, read with the plans: the list's
    queries do not grow with the number of plans, and every plan is still offered by its name."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import DirectiveFactory

    make_task(ward, title="Một việc")
    login(client, "admin")
    url = reverse("wagtailsnippets_plans_task:list")

    def queries():
        client.get(url)  # caches (sidebar, drawer) warm, as on a running site
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    plans = [Plan.objects.create(directive=DirectiveFactory()) for _ in range(1)]
    few, _html = queries()
    plans += [Plan.objects.create(directive=DirectiveFactory()) for _ in range(4)]
    many, html = queries()
    assert many == few
    for plan in plans:
        assert f'<option value="{plan.pk}">{plan}</option>' in html
