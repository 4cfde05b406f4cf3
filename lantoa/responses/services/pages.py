"""Writes on the public clarification pages and their Wagtail workflow.

These helpers do page work only; the case transitions that call them live in `cases.py`.
When staff act in the page editor, Wagtail's signals call the `case_follow_*` services
(`clarifications.py`); every helper here is idempotent, so a service and a signal never do the
same step twice.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from lantoa.core.constants import Role
from lantoa.core.services import roles_ensure
from lantoa.promotion.models import HomePage

from ..models import ClarificationIndexPage, ClarificationPage
from .errors import CaseError

SOURCE_LANGUAGE = "vi"
INDEX_SLUG = "lam-ro-thong-tin"
WORKFLOW_NAME = "Duyệt bản làm rõ thông tin"
TASK_NAME = "Lãnh đạo duyệt"
PAGE_PERMISSIONS = {
    Role.RAPID_RESPONSE: ["add_page", "change_page"],
    Role.LEADER: ["add_page", "change_page", "publish_page"],
}


@transaction.atomic
def clarification_index_ensure() -> ClarificationIndexPage:
    """The "Làm rõ thông tin" index below the Vietnamese home page, with its leader workflow and
    page permissions (idempotent)."""
    locale = Locale.objects.filter(language_code=SOURCE_LANGUAGE).first()
    home = HomePage.objects.filter(locale=locale).first() if locale else None
    if home is None:
        raise CaseError(_("Chưa có trang chủ công khai; hãy tạo trang chủ trước."))
    index = ClarificationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ClarificationIndexPage(
                title="Làm rõ thông tin",
                slug=INDEX_SLUG,
                intro=(
                    "Thông tin chính thức của cơ quan về những nội dung sai lệch, "
                    "không chính xác hoặc thiếu đầy đủ liên quan đến địa phương."
                ),
                locale=locale,
            )
        )
        index.save_revision().publish()
    clarification_workflow_ensure(index=index)
    return index


@transaction.atomic
def clarification_workflow_ensure(*, index: ClarificationIndexPage) -> Workflow:
    """A one-step workflow (a leader approves) on the index, and who may edit and publish there."""
    groups = roles_ensure()
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(groups[Role.LEADER.value])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    for role, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
    return workflow


def _page(case) -> ClarificationPage | None:
    if case.clarification_id is None:
        return None
    return ClarificationPage.objects.get(pk=case.clarification_id)


def clarification_sync_from_case(*, case, user) -> None:
    """Copy the case's claim and verdict into the page's latest draft (a new, logged revision)."""
    page = _page(case)
    if page is None:
        return
    draft = page.get_latest_revision_as_object()
    if draft.claim == case.claim and draft.verdict == case.verdict:
        return
    draft.claim, draft.verdict = case.claim, case.verdict
    draft.save_revision(user=user, log_action=True)
    if not page.live:
        ClarificationPage.objects.filter(pk=page.pk).update(claim=case.claim, verdict=case.verdict)


def clarification_workflow_start(*, case, user) -> None:
    """Put the page into the leader workflow unless it is already there."""
    page = _page(case)
    if page is None:
        return
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        return
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return
    workflow = page.get_workflow()
    if workflow is None:
        raise CaseError(_("Mục làm rõ thông tin chưa có quy trình duyệt."))
    if page.latest_revision_id is None:
        page.save_revision(user=user)
    workflow.start(page, user)


def clarification_workflow_approve(*, case, user) -> None:
    """Approve the page's waiting leader task; Wagtail then publishes the page."""
    page = _page(case)
    if page is None:
        return
    state = page.current_workflow_state
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return
    task_state = state.current_task_state
    if task_state is not None and task_state.status == task_state.STATUS_IN_PROGRESS:
        task_state.specific.approve(user=user)


def clarification_publish(*, case, user) -> None:
    """Publish the page's latest revision unless that revision is already live."""
    page = _page(case)
    if page is None:
        return
    if page.live and not page.has_unpublished_changes:
        return
    page.get_latest_revision().publish(user=user, skip_permission_checks=True)


def clarification_unpublish(*, case, user) -> None:
    page = _page(case)
    if page is not None and page.live:
        page.unpublish(user=user)
