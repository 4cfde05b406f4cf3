"""The case workflow through its services: each transition checks the state and records who/when."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from lantoa.responses import services
from lantoa.responses.constants import CaseState, EventKind, Severity, Verdict
from lantoa.responses.models import Case, ClarificationPage
from lantoa.responses.services import (
    AppearanceSpec,
    CaseError,
    CasePermissionError,
    CaseTransitionError,
)

from .factories import ItemFactory
from .helpers import drafted_case, open_case

pytestmark = pytest.mark.django_db


def test_open_from_items_records_appearances_due_time_and_responsible(monitor):
    item = ItemFactory()
    case = open_case(monitor, item=item, severity=Severity.CRITICAL)
    assert case.state == CaseState.DETECTED
    assert case.verdict == Verdict.UNDETERMINED
    assert case.opened_from == "items"
    assert list(case.items.all()) == [item]
    first = case.first_appearance()
    assert (first.url, first.appeared_at, first.item) == (item.url, item.published_at, item)
    assert case.due_at - case.detected_at == timedelta(hours=24)
    assert case.responsible_user == monitor and case.responsible_unit == monitor.unit
    assert sorted(t.name for t in case.topics.all()) == ["biển", "du lịch"]
    event = case.events.get()
    assert (event.kind, event.user, event.to_state) == (EventKind.OPENED, monitor, "detected")
    assert ModelLogEntry.objects.filter(action="responses.opened", object_id=str(case.pk)).exists()


def test_open_by_hand_with_a_url_and_the_first_appearance(monitor):
    now = timezone.now()
    case = services.case_open(
        claim="  Cầu   Thị Nại\nđóng cửa vĩnh viễn ",
        user=monitor,
        severity=Severity.LOW,
        appearances=[
            AppearanceSpec("http://127.0.0.1/b", now - timedelta(hours=1)),
            AppearanceSpec("http://127.0.0.1/a", now - timedelta(hours=5), "Trang A"),
        ],
    )
    assert case.claim == "Cầu Thị Nại đóng cửa vĩnh viễn"
    assert case.first_appearance().url == "http://127.0.0.1/a"
    assert case.due_at - case.detected_at == timedelta(days=7)


def test_open_needs_a_source_and_a_rapid_response_member(monitor, leader):
    with pytest.raises(CaseError, match="ít nhất một tin"):
        services.case_open(claim="Tin đồn", user=monitor)
    with pytest.raises(CaseError, match="không thuộc lực lượng phản ứng nhanh"):
        services.case_open(
            claim="Tin đồn", user=monitor, description="Nghe kể lại", responsible_user=leader
        )
    assert not Case.objects.exists()


def test_sla_hours_come_from_settings_at_call_time(monitor, settings):
    settings.LANTOA_SLA_HOURS = {**settings.LANTOA_SLA_HOURS, "high": 6}
    assert open_case(monitor).due_at - timezone.now() < timedelta(hours=6, minutes=1)
    settings.LANTOA_SLA_HOURS = {**settings.LANTOA_SLA_HOURS, "high": 10}
    case = open_case(monitor)
    assert case.due_at - case.detected_at == timedelta(hours=10)
    services.case_update(case=case, user=monitor, severity=Severity.MEDIUM)
    case.refresh_from_db()
    assert case.due_at - case.detected_at == timedelta(hours=72)


def test_whole_path_through_the_wagtail_workflow(site, monitor, leader):
    case, page = drafted_case(monitor)
    assert case.state == CaseState.DRAFTING and case.clarification == page
    assert not page.live and page.get_parent().slug == "lam-ro-thong-tin"
    assert page.get_workflow().name == "Duyệt bản làm rõ thông tin"

    case = services.case_submit_for_approval(case=case, user=monitor)
    page.refresh_from_db()
    assert case.state == CaseState.PENDING_APPROVAL
    assert page.current_workflow_state.status == "in_progress"

    case = services.case_approve(case=case, user=leader)
    page.refresh_from_db()
    assert case.state == CaseState.PUBLISHED  # Wagtail publishes on the workflow's approval
    assert page.live and page.claim == case.claim and page.verdict == Verdict.FALSE
    assert case.approved_at and case.published_at and case.published_on_time is True
    kinds = list(case.events.values_list("kind", "user__username"))
    assert kinds[-2:] == [("approve", "lanhdao"), ("publish", "lanhdao")]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_publishing_before_approval_is_refused_in_vietnamese(site, monitor):
    case, page = drafted_case(monitor)
    with pytest.raises(CaseTransitionError) as refused:
        services.case_publish(case=case, user=monitor)
    assert "chưa được lãnh đạo duyệt" in refused.value.message
    services.case_submit_for_approval(case=case, user=monitor)
    with pytest.raises(CaseTransitionError, match="chưa được lãnh đạo duyệt"):
        services.case_publish(case=case, user=monitor)
    page.refresh_from_db()
    assert not page.live
    assert Case.objects.get(pk=case.pk).state == CaseState.PENDING_APPROVAL


def test_only_a_leader_approves(site, monitor):
    case, _page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    with pytest.raises(CasePermissionError, match="Chỉ lãnh đạo"):
        services.case_approve(case=case, user=monitor)


def test_submit_needs_a_verdict_and_a_page(site, monitor):
    case = open_case(monitor)
    services.case_start_verification(case=case, user=monitor)
    services.case_draft(case=case, user=monitor)
    with pytest.raises(CaseError, match="kết luận"):
        services.case_submit_for_approval(case=case, user=monitor)
    services.case_set_verdict(case=case, user=monitor, verdict=Verdict.INACCURATE)
    with pytest.raises(CaseError, match="trang làm rõ"):
        services.case_submit_for_approval(case=case, user=monitor)


def test_editing_a_submitted_or_published_verdict_is_refused(site, monitor, leader):
    case, page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    with pytest.raises(CaseTransitionError, match="Không được sửa kết luận"):
        services.case_set_verdict(case=case, user=monitor, verdict=Verdict.ACCURATE)
    services.case_approve(case=case, user=leader)
    with pytest.raises(CaseTransitionError, match="tạm dừng và đính chính"):
        services.case_set_verdict(case=case, user=leader, verdict=Verdict.ACCURATE)
    with pytest.raises(CaseTransitionError, match="Không được sửa nội dung"):
        services.case_update(case=case, user=leader, claim="Một nội dung khác")
    # Nor through the page itself: its verdict must match the case's.
    page = ClarificationPage.objects.get(pk=page.pk)
    page.verdict = Verdict.ACCURATE
    with pytest.raises(Exception, match="Không được sửa kết luận"):
        page.save_revision(user=leader)
    assert Case.objects.get(pk=case.pk).verdict == Verdict.FALSE


def test_pause_and_correct_leave_a_public_record(site, monitor, leader):
    case, page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    case = services.case_approve(case=case, user=leader)
    first_published = case.published_at

    with pytest.raises(CaseError, match="lý do tạm dừng"):
        services.case_pause(case=case, user=leader)
    with pytest.raises(CaseTransitionError, match="trước hết hãy tạm dừng"):
        services.case_correct(case=case, user=leader, note="Sửa")
    case = services.case_pause(case=case, user=leader, note="Có số liệu mới")
    page.refresh_from_db()
    assert case.state == CaseState.PAUSED and not page.live

    case = services.case_correct(
        case=case,
        user=monitor,
        note="Bổ sung: một phần thông tin là đúng.",
        verdict=Verdict.INCOMPLETE,
    )
    assert case.state == CaseState.DRAFTING and case.verdict == Verdict.INCOMPLETE
    correction = case.corrections.get()
    assert (correction.previous_verdict, correction.new_verdict) == ("false", "incomplete")
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().verdict == Verdict.INCOMPLETE

    services.case_submit_for_approval(case=case, user=monitor)
    case = services.case_approve(case=case, user=leader)
    page.refresh_from_db()
    assert case.state == CaseState.PUBLISHED and page.live and page.verdict == "incomplete"
    assert case.published_at == first_published  # timeliness keeps the first publication
    assert page.revisions.count() == 2  # the draft and the corrected revision


def test_wagtail_rejection_sends_the_case_back_to_drafting(site, monitor, leader):
    case, page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    page.refresh_from_db()
    page.current_workflow_state.current_task_state.specific.reject(user=leader, comment="Bổ sung")
    case.refresh_from_db()
    assert case.state == CaseState.DRAFTING
    assert case.events.last().kind == "return_to_drafting"
    # Resubmitting through Wagtail moves the case again.
    services.case_submit_for_approval(case=case, user=monitor)
    assert Case.objects.get(pk=case.pk).state == CaseState.PENDING_APPROVAL


def test_unpublishing_in_wagtail_pauses_the_case(site, monitor, leader):
    case, page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    services.case_approve(case=case, user=leader)
    ClarificationPage.objects.get(pk=page.pk).unpublish(user=leader)
    assert Case.objects.get(pk=case.pk).state == CaseState.PAUSED


def test_not_applicable_and_close(site, monitor, leader):
    case = open_case(monitor)
    with pytest.raises(CaseError, match="lý do"):
        services.case_mark_not_applicable(case=case, user=monitor)
    case = services.case_mark_not_applicable(case=case, user=monitor, note="Không liên quan")
    assert case.state == CaseState.NOT_APPLICABLE and case.closed_at and case.first_action_at
    with pytest.raises(CaseTransitionError, match="Không thể «Bắt đầu xác minh»"):
        services.case_start_verification(case=case, user=monitor)

    case, _page = drafted_case(monitor)
    with pytest.raises(CaseTransitionError):
        services.case_close(case=case, user=monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    services.case_approve(case=case, user=leader)
    case = services.case_close(case=case, user=leader, note="Đã xong")
    assert case.state == CaseState.CLOSED


def test_every_transition_records_who_and_when(site, monitor, leader):
    case, _page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    services.case_approve(case=case, user=leader)
    transitions = case.events.exclude(from_state="").order_by("at", "pk")
    assert [(e.kind, e.from_state, e.to_state, e.user.username) for e in transitions] == [
        ("start_verification", "detected", "verifying", "theodoi"),
        ("draft", "verifying", "drafting", "theodoi"),
        ("submit_for_approval", "drafting", "pending_approval", "theodoi"),
        ("approve", "pending_approval", "approved", "lanhdao"),
        ("publish", "approved", "published", "lanhdao"),
    ]
    logged = ModelLogEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True)
    assert {"responses.approve", "responses.publish", "responses.evidence_added"} <= set(logged)


def test_evidence_and_channels_validate_input(site, monitor):
    case = open_case(monitor)
    today = timezone.localdate()
    with pytest.raises(CaseError, match="tiêu đề và nguồn"):
        services.evidence_add(case=case, user=monitor, kind="link", title="", source="", date=today)
    with pytest.raises(CaseError, match="URL"):
        services.evidence_add(
            case=case, user=monitor, kind="link", title="A", source="B", date=today
        )
    with pytest.raises(CaseError, match="tương lai"):
        services.channel_add(
            case=case, user=monitor, kind="press_conference", date=today + timedelta(days=1)
        )
    channel = services.channel_add(
        case=case, user=monitor, kind="press_correction", date=today, url="http://127.0.0.1/x"
    )
    assert channel.get_kind_display() == "Đề nghị cơ quan báo chí đăng cải chính"
    assert not case.evidence.exists()


def test_evidence_upload_whose_content_is_not_its_type_is_refused_and_nothing_saved(site, monitor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    case = open_case(monitor)
    for name, content in (
        ("cong-van.pdf", b"MZ\x90\x00" + b"\x00" * 100),  # a program renamed to .pdf
        ("cong-van.txt", b"<html><script>alert(1)</script></html>"),
        ("anh.svg", b"<svg onload=alert(1)>"),
    ):
        with pytest.raises(CaseError):
            services.evidence_add(
                case=case,
                user=monitor,
                kind="document",
                title="Công văn",
                source="UBND phường",
                date=timezone.localdate(),
                upload=SimpleUploadedFile(name, content),
            )
    assert not case.evidence.exists() and not get_document_model().objects.exists()


def test_a_leader_approving_in_wagtail_approves_and_publishes_the_case_in_their_name(
    site, monitor, leader
):
    case, page = drafted_case(monitor)
    page.get_workflow().start(page, monitor)  # submitted from Wagtail's page editor
    assert Case.objects.get(pk=case.pk).state == CaseState.PENDING_APPROVAL
    page.refresh_from_db()
    page.current_workflow_state.current_task_state.specific.approve(user=leader)
    case.refresh_from_db()
    assert case.state == CaseState.PUBLISHED and ClarificationPage.objects.get(pk=page.pk).live
    kinds = list(case.events.values_list("kind", "user__username"))
    assert kinds[-3:] == [
        ("submit_for_approval", "theodoi"),
        ("approve", "lanhdao"),
        ("publish", "lanhdao"),
    ]


def test_a_publication_outside_the_workflow_leaves_a_pending_case_waiting(site, monitor):
    case, page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    followed = services.case_follow_page_publication(page=page, user=monitor)
    assert followed.state == CaseState.PENDING_APPROVAL
    assert not case.events.filter(kind__in=["approve", "publish"]).exists()


def test_page_events_of_a_page_without_a_case_change_nothing(site, monitor):
    assert services.case_follow_page_publication(page=site, user=monitor) is None
    assert services.case_follow_page_unpublication(page=site, user=monitor) is None
