"""Admin integration: log actions, the Case ViewSet, the dashboard panel, page-editor guards."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lantoa.core.audit import register_actions

from .constants import CaseState, EventKind


@hooks.register("register_log_actions")
def log_actions(actions):
    register_actions(
        actions,
        {f"responses.{kind.value}": (kind.label, kind.label) for kind in EventKind},
    )


@hooks.register("before_edit_page")
def refuse_direct_publication(request, page):
    """A clarification goes public only through the leader workflow; once approved or published
    it changes only through a recorded correction."""
    from .models import Case, ClarificationPage

    if request.method != "POST" or not isinstance(page.specific, ClarificationPage):
        return None
    case = Case.objects.filter(clarification_id=page.pk).first()
    if case is None:
        return None
    if case.state in (CaseState.APPROVED, CaseState.PUBLISHED, CaseState.PAUSED) or (
        case.state in (CaseState.CLOSED, CaseState.NOT_APPLICABLE)
    ):
        messages.error(
            request,
            _(
                "Bản làm rõ này đã được duyệt hoặc công bố (vụ việc: %(state)s). Không sửa trực "
                "tiếp được: hãy tạm dừng và đính chính trong vụ việc."
            )
            % {"state": case.get_state_display()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if "action-publish" in request.POST:
        messages.error(
            request,
            _("Chưa thể công bố: bản làm rõ phải được lãnh đạo duyệt qua quy trình duyệt."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
