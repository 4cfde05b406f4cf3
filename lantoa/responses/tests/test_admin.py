"""The Case admin through Django's test client: open, filter, inspect, act, export, dashboard."""

import pytest
from django.urls import reverse

from lantoa.responses.constants import CaseState, Severity
from lantoa.responses.models import Case, DeadlineNotice
from lantoa.responses.services import cases_check_deadlines, responses_setup

from .factories import ItemFactory
from .helpers import drafted_case, open_case

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_responses_case:list"


@pytest.fixture
def setup(site):
    responses_setup()


def test_monitor_opens_a_case_from_an_item(client, setup, monitor):
    item = ItemFactory()
    client.force_login(monitor)
    add = reverse("wagtailsnippets_responses_case:add")
    form = client.get(f"{add}?items={item.pk}")
    assert form.status_code == 200 and item.title in form.content.decode()
    response = client.post(
        add,
        {
            "claim": "Phường thu phí chụp ảnh ở quảng trường",
            "severity": "high",
            "items": [item.pk],
            "description": "",
            "topics": "du lịch",
            "responsible_user": monitor.pk,
            "responsible_unit": "",
            "notes": "",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "appearances-MIN_NUM_FORMS": "0",
            "appearances-MAX_NUM_FORMS": "1000",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_responses_case:inspect", args=[case.pk])
    assert case.first_appearance().item == item and case.events.get().kind == "opened"


def test_open_without_a_source_shows_the_vietnamese_error(client, setup, monitor):
    client.force_login(monitor)
    response = client.post(
        reverse("wagtailsnippets_responses_case:add"),
        {
            "claim": "Tin đồn không nguồn",
            "severity": "low",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "ít nhất một tin theo dõi" in response.content.decode()
    assert not Case.objects.exists()


def test_list_filters_and_export(client, setup, monitor, leader):
    critical = open_case(monitor, severity=Severity.CRITICAL)
    low = open_case(monitor, severity=Severity.LOW)
    Case.objects.filter(pk=low.pk).update(due_at=low.detected_at)  # overdue
    client.force_login(leader)
    html = client.get(reverse(LIST) + "?severity=critical").content.decode()
    assert f"/inspect/{critical.pk}/" in html and f"/inspect/{low.pk}/" not in html
    html = client.get(reverse(LIST) + "?overdue=true").content.decode()
    assert f"/inspect/{low.pk}/" in html and f"/inspect/{critical.pk}/" not in html
    export = client.get(reverse(LIST) + "?export=csv")
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert text.count("\n") >= 3 and "Phường Quy Nhơn thu phí" in text


def test_inspect_shows_timeline_and_only_allowed_actions(client, setup, monitor, leader):
    case, _page = drafted_case(monitor)
    client.force_login(monitor)
    html = client.get(
        reverse("wagtailsnippets_responses_case:inspect", args=[case.pk])
    ).content.decode()
    assert 'data-action="submit_for_approval"' in html and 'data-action="approve"' not in html
    assert 'data-event="evidence_added"' in html and "Ý kiến của Phòng Văn hóa" in html
    # Publishing before approval through the admin is refused with the service's message.
    response = client.post(
        reverse("wagtailsnippets_responses_case:action", args=[case.pk, "publish"]), follow=True
    )
    assert "chưa được lãnh đạo duyệt" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == CaseState.DRAFTING


def test_buttons_walk_the_case_and_the_leader_approves(client, setup, monitor, leader):
    case = open_case(monitor)
    client.force_login(monitor)
    act = lambda action, **data: client.post(  # noqa: E731
        reverse("wagtailsnippets_responses_case:action", args=[case.pk, action]), data
    )
    act("start_verification")
    client.post(
        reverse("wagtailsnippets_responses_case:verdict", args=[case.pk]), {"verdict": "false"}
    )
    response = client.post(reverse("wagtailsnippets_responses_case:clarification", args=[case.pk]))
    case.refresh_from_db()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[case.clarification_id])
    act("submit_for_approval")
    client.force_login(leader)
    act("approve")
    case.refresh_from_db()
    assert case.state == CaseState.PUBLISHED and case.clarification.live


def test_evidence_form_uploads_a_document(client, setup, monitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = open_case(monitor)
    client.force_login(monitor)
    url = reverse("wagtailsnippets_responses_case:evidence", args=[case.pk])
    response = client.post(
        url,
        {
            "kind": "document",
            "title": "Công văn số 12/UBND",
            "source": "UBND phường",
            "date": "2026-01-05",
            "file": SimpleUploadedFile("cong-van.txt", b"Noi dung cong van"),
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    evidence = case.evidence.get()
    assert evidence.document.title == "Công văn số 12/UBND" and evidence.link.startswith(
        "/documents/"
    )
    bad = client.post(url, {"kind": "link", "title": "A", "source": "B", "date": "2026-01-05"})
    assert "URL" in bad.content.decode()


def test_internal_evidence_document_is_served_to_case_staff_only(
    client, setup, monitor, unit_reporter
):
    """Evidence not meant for the public goes to a staff-only collection: its /documents/ URL
    serves the monitor, not a unit reporter or an anonymous visitor; public evidence stays public.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = open_case(monitor)
    client.force_login(monitor)
    url = reverse("wagtailsnippets_responses_case:evidence", args=[case.pk])
    for title, public in (("Biên bản nội bộ", False), ("Công văn công khai", True)):
        form = {"kind": "document", "title": title, "source": "UBND phường", "date": "2026-01-05"}
        form["file"] = SimpleUploadedFile(f"{public}.txt", f"noi dung {public}".encode())
        if public:
            form["is_public"] = "on"
        assert client.post(url, form).status_code == 302
    internal = case.evidence.get(is_public=False).link
    public = case.evidence.get(is_public=True).link
    assert internal.startswith("/documents/") and public.startswith("/documents/")
    assert b"".join(client.get(internal).streaming_content) == b"noi dung False"
    client.force_login(unit_reporter)
    assert client.get(internal).status_code == 302  # to the login page, file not served
    client.logout()
    assert client.get(internal).status_code == 302
    assert b"".join(client.get(public).streaming_content) == b"noi dung True"


def test_unit_reporter_cannot_reach_a_case(client, setup, monitor, unit_reporter):
    case = open_case(monitor)
    client.force_login(unit_reporter)
    url = reverse("wagtailsnippets_responses_case:inspect", args=[case.pk])
    assert client.get(url).status_code in (302, 403, 404)


def test_editing_a_published_case_claim_is_refused(client, setup, monitor, leader):
    from lantoa.responses import services

    case, _page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    services.case_approve(case=case, user=leader)
    client.force_login(monitor)
    edit = reverse("wagtailsnippets_responses_case:edit", args=[case.pk])
    response = client.post(
        edit,
        {
            "claim": "Nội dung khác hẳn",
            "severity": case.severity,
            "topics": "du lịch",
            **{
                f"{name}-{key}": value
                for name in ("appearances", "evidence", "channels")
                for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert "Hãy tạm dừng và đính chính" in response.content.decode()
    assert Case.objects.get(pk=case.pk).claim == case.claim


def test_page_editor_refuses_direct_publication(client, setup, monitor, leader):
    _case, page = drafted_case(monitor)
    client.force_login(leader)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": page.title, "slug": page.slug, "explanation": "{}", "action-publish": "1"},
        follow=True,
    )
    assert "phải được lãnh đạo duyệt qua quy trình duyệt" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_dashboard_panel_counts(client, setup, monitor, leader):
    open_case(monitor, severity=Severity.CRITICAL)
    late = open_case(monitor, severity=Severity.LOW)
    Case.objects.filter(pk=late.pk).update(due_at=late.detected_at)
    client.force_login(leader)
    html = client.get("/admin/").content.decode()
    assert 'data-panel="responses"' in html
    for label, value in (("Vụ việc đang mở", 2), ("Đến hạn trong 24 giờ", 1), ("Đã quá hạn", 1)):
        assert f'data-count="{label}">{value}<' in html


def test_evidence_form_refuses_an_executable_and_records_the_refusal(client, setup, monitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lantoa.core.security.models import SecurityEvent

    case = open_case(monitor)
    client.force_login(monitor)
    url = reverse("wagtailsnippets_responses_case:evidence", args=[case.pk])
    response = client.post(
        url,
        {
            "kind": "document",
            "title": "Công văn số 12/UBND",
            "source": "UBND phường",
            "date": "2026-01-05",
            "file": SimpleUploadedFile("cong-van.exe", b"MZ\x90\x00" + b"\x00" * 100),
            "is_public": "on",
        },
    )
    assert response.status_code == 200 and "Không nhận loại tệp .exe" in response.content.decode()
    assert not case.evidence.exists()
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user) == ("upload_refused", monitor)


def test_the_dashboard_lists_only_my_unread_deadline_notices(client, setup, monitor, leader):
    late = open_case(monitor, severity=Severity.CRITICAL)
    Case.objects.filter(pk=late.pk).update(due_at=late.detected_at)
    cases_check_deadlines()
    mine = DeadlineNotice.objects.get(recipient=monitor)
    client.force_login(monitor)
    html = client.get("/admin/").content.decode()
    assert 'data-panel="responses_deadline_notices"' in html and mine.message in html
    DeadlineNotice.objects.filter(pk=mine.pk).update(read_at=mine.created_at)
    html = client.get("/admin/").content.decode()
    assert 'data-panel="responses_deadline_notices"' not in html


def test_list_says_deadlines_in_words_and_people_by_name(client, setup, monitor, leader):
    from datetime import timedelta

    from django.utils import timezone

    soon = open_case(monitor, severity=Severity.CRITICAL)
    late = open_case(monitor, severity=Severity.LOW)
    now = timezone.now()
    Case.objects.filter(pk=soon.pk).update(due_at=now + timedelta(hours=5, minutes=10))
    Case.objects.filter(pk=late.pk).update(due_at=now - timedelta(hours=2, minutes=5))
    client.force_login(leader)
    html = client.get(reverse(LIST)).content.decode()
    assert "còn 5 giờ" in html and "quá hạn 2 giờ" in html
    assert html.count("quá hạn") == 1  # said once, in the deadline column, not again as a badge
    assert monitor.get_full_name() in html and f">{monitor.username}<" not in html
    for header in ("Trạng thái", "Mức độ", "Kết luận", "Hạn công bố", "Người phụ trách"):
        assert header in html and header.lower() not in html.replace(header, "")


def test_case_page_offers_only_what_the_services_accept(client, setup, monitor, leader):
    from lantoa.responses.services import case_action_refusal, case_actions_allowed

    case = open_case(monitor)
    inspect = reverse("wagtailsnippets_responses_case:inspect", args=[case.pk])
    client.force_login(monitor)
    html = client.get(inspect).content.decode()
    assert 'data-case-state="detected"' in html and 'data-case-verdict="undetermined"' in html
    assert case_actions_allowed(case, monitor) == ["start_verification", "mark_not_applicable"]
    for action in ("start_verification", "mark_not_applicable"):
        assert f'data-action="{action}"' in html
    for action in ("draft", "submit_for_approval", "approve", "publish", "close", "pause"):
        assert f'data-action="{action}"' not in html
    # Drafting without a verdict and page: no "submit" button, and the service refuses with
    # the same sentence the rule gives.
    for step in ("start_verification", "draft"):
        client.post(reverse("wagtailsnippets_responses_case:action", args=[case.pk, step]))
    case.refresh_from_db()
    html = client.get(inspect).content.decode()
    assert 'data-action="submit_for_approval"' not in html
    refusal = case_action_refusal(case, "submit_for_approval", monitor)
    response = client.post(
        reverse("wagtailsnippets_responses_case:action", args=[case.pk, "submit_for_approval"]),
        follow=True,
    )
    assert refusal.message in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == CaseState.DRAFTING
