"""The clarification page of a case: drafting it, and the case following what staff do to the page
in Wagtail's editor (workflow submitted, sent back, page published, page unpublished).

Wagtail's signals (`signals.py`) call one `case_follow_*` service each and decide nothing: the
branching lives here. Each service does nothing when the case already stands where the page event
would put it, because the case services themselves act on the page and so fire the same signals.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from lantoa.core.text import clean_text, fold

from ..constants import CaseState, EventKind
from ..models import Case, ClarificationPage
from ..selectors import case_for_page
from .cases import (
    case_approve,
    case_draft,
    case_pause,
    case_publish,
    case_return_to_drafting,
    case_submit_for_approval,
)
from .errors import CaseError, CaseTransitionError
from .events import case_event_record
from .pages import clarification_index_ensure


def _explanation_html(text: str) -> str:
    paragraphs = [p for p in clean_text(text).split("\n\n") if p]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


@transaction.atomic
def clarification_create_from_case(
    *, case: Case, user, title: str = "", explanation: str = ""
) -> ClarificationPage:
    """Draft the public page (not live) under "Làm rõ thông tin" from the case.

    A case still being verified moves to drafting. The page carries the case's claim and
    verdict; the explanation is written in the page editor (or given here as plain text).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.clarification_id is not None:
        raise CaseError(_("Vụ việc này đã có trang làm rõ."))
    if case.state == CaseState.VERIFYING:
        case = case_draft(case=case, user=user)
    if case.state != CaseState.DRAFTING:
        raise CaseTransitionError(
            _("Chỉ soạn được bản làm rõ khi vụ việc đang xác minh hoặc đang soạn (hiện: %(s)s).")
            % {"s": case.get_state_display()}
        )
    index = clarification_index_ensure()
    title = clean_text(title or "", keep_paragraphs=False) or _("Làm rõ: %(claim)s") % {
        "claim": case.claim
    }
    base_slug = slugify(fold(title))[:60].strip("-") or "lam-ro"
    slug, counter = base_slug, 1
    while index.get_children().filter(slug=slug).exists():
        counter += 1
        slug = f"{base_slug}-{counter}"
    page = index.add_child(
        instance=ClarificationPage(
            title=title,
            slug=slug,
            case=case,
            claim=case.claim,
            verdict=case.verdict,
            explanation=_explanation_html(explanation) or "<p></p>",
            issued_on=timezone.localdate(),
            locale=index.locale,
            live=False,
            owner=user,
        )
    )
    page.save_revision(user=user, log_action=True)
    case.clarification = page
    case.save(update_fields=["clarification", "updated_at"])
    case_event_record(case, EventKind.CLARIFICATION_CREATED, user=user, data={"page": page.pk})
    return page


# --- the case follows the page --------------------------------------------------------------------

UNPUBLISHED_NOTE = "Trang làm rõ bị gỡ khỏi trang công khai."


def _workflow_page(workflow_state: WorkflowState):
    obj = workflow_state.content_object
    return obj.specific if hasattr(obj, "specific") else obj


@transaction.atomic
def case_follow_workflow_submission(*, workflow_state: WorkflowState, user) -> Case | None:
    """Staff submitted the clarification page to the leader workflow: a drafting case is submitted
    for approval (the same checks as the case's own button)."""
    case = case_for_page(_workflow_page(workflow_state))
    if case is not None and case.state == CaseState.DRAFTING:
        case = case_submit_for_approval(case=case, user=user)
    return case


@transaction.atomic
def case_follow_workflow_return(*, workflow_state: WorkflowState, user) -> Case | None:
    """The leader asked for changes, or the workflow was cancelled: the case goes back to
    drafting."""
    case = case_for_page(_workflow_page(workflow_state))
    if case is not None and case.state in (CaseState.PENDING_APPROVAL, CaseState.APPROVED):
        case = case_return_to_drafting(case=case, user=user)
    return case


def _workflow_approval(page) -> tuple[bool, object]:
    """(approved, by whom) for the page's latest workflow."""
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    if state is None or state.status != state.STATUS_APPROVED:
        return False, None
    task_state = state.task_states.order_by("-finished_at").first()
    return True, task_state.finished_by if task_state else None


@transaction.atomic
def case_follow_page_publication(*, page, user=None) -> Case | None:
    """The clarification page went live. A leader's approval in the workflow publishes the page:
    record the approval (by the approving leader), then the publication.

    `user` is who published the revision; the approver of the workflow wins when there is one.
    A publication outside the workflow of a case still pending approval changes nothing (the
    admin refuses it before it happens); a case already published by its service is left alone.
    """
    case = case_for_page(page)
    if case is None or case.state not in (CaseState.PENDING_APPROVAL, CaseState.APPROVED):
        return case
    approved, approver = _workflow_approval(page)
    if not approved and case.state == CaseState.PENDING_APPROVAL:
        return case
    user = approver or user
    if case.state == CaseState.PENDING_APPROVAL:
        case = case_approve(case=case, user=user)
    if case.state == CaseState.APPROVED:
        case = case_publish(case=case, user=user)
    return case


@transaction.atomic
def case_follow_page_unpublication(*, page, user=None) -> Case | None:
    """The published clarification page was taken off the site: the case is paused, with a note
    saying so."""
    case = case_for_page(page)
    if case is not None and case.state == CaseState.PUBLISHED:
        case = case_pause(case=case, user=user, note=UNPUBLISHED_NOTE)
    return case
