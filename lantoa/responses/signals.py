"""Wagtail → case: when staff act on a clarification page in the Wagtail editor, the case follows.

The handlers only look up the case and call the transition service that fits; the rules stay in
the services. A handler does nothing when the case is already where the page event would put it
(the services themselves also act on the page, which fires these signals again).
"""

from wagtail.models import WorkflowState
from wagtail.signals import (
    page_published,
    page_unpublished,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from .constants import CaseState


def _case_for(page):
    from .models import Case, ClarificationPage

    if not isinstance(page, ClarificationPage):
        return None
    return Case.objects.filter(clarification_id=page.pk).first()


def _workflow_page(workflow_state: WorkflowState):
    obj = workflow_state.content_object
    return obj.specific if hasattr(obj, "specific") else obj


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    from .services import case_submit_for_approval

    case = _case_for(_workflow_page(instance))
    if case is not None and case.state == CaseState.DRAFTING:
        case_submit_for_approval(case=case, user=user)


def on_workflow_sent_back(sender, instance, user=None, **kwargs):
    from .services import case_return_to_drafting

    case = _case_for(_workflow_page(instance))
    if case is not None and case.state in (CaseState.PENDING_APPROVAL, CaseState.APPROVED):
        case_return_to_drafting(case=case, user=user)


def on_page_published(sender, instance, revision=None, **kwargs):
    """A leader's approval in the workflow publishes the page: record approval, then publication."""
    from .services import case_approve, case_publish

    case = _case_for(instance)
    if case is None:
        return
    if case.state not in (CaseState.PENDING_APPROVAL, CaseState.APPROVED):
        return  # already published by a service, or an unexpected publish the admin hook refuses
    user = revision.user if revision is not None else None
    state = WorkflowState.objects.for_instance(instance).order_by("-created_at").first()
    if state is not None and state.status == state.STATUS_APPROVED:
        task_state = state.task_states.order_by("-finished_at").first()
        user = task_state.finished_by if task_state and task_state.finished_by else user
    elif case.state == CaseState.PENDING_APPROVAL:
        return
    if case.state == CaseState.PENDING_APPROVAL:
        case = case_approve(case=case, user=user)
    if case.state == CaseState.APPROVED:
        case_publish(case=case, user=user)


def on_page_unpublished(sender, instance, **kwargs):
    from .services import case_pause

    case = _case_for(instance)
    if case is not None and case.state == CaseState.PUBLISHED:
        case_pause(case=case, user=None, note="Trang làm rõ bị gỡ khỏi trang công khai.")


def connect() -> None:
    workflow_submitted.connect(on_workflow_submitted, dispatch_uid="responses_wf_submitted")
    workflow_rejected.connect(on_workflow_sent_back, dispatch_uid="responses_wf_rejected")
    workflow_cancelled.connect(on_workflow_sent_back, dispatch_uid="responses_wf_cancelled")
    page_published.connect(on_page_published, dispatch_uid="responses_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="responses_page_unpublished")
