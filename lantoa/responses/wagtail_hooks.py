"""Admin integration: log actions, the Case ViewSet, the dashboard panel, page-editor guards."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from lantoa.core.audit import register_actions
from lantoa.core.panels import Count, CountsPanel

from . import selectors
from .constants import CaseState, EventKind
from .viewsets import CaseViewSet


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
    if "action-submit" in request.POST and case.state == CaseState.DRAFTING:
        from .constants import Verdict

        if case.verdict == Verdict.UNDETERMINED:
            messages.error(
                request,
                _("Hãy ghi kết luận xác minh trong vụ việc trước khi trình lãnh đạo duyệt."),
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    if "action-publish" in request.POST:
        messages.error(
            request,
            _("Chưa thể công bố: bản làm rõ phải được lãnh đạo duyệt qua quy trình duyệt."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


register_snippet(CaseViewSet)


@hooks.register("construct_homepage_panels")
def cases_panel(request, panels):
    if not request.user.has_perm("responses.view_case"):
        return
    now = timezone.now()
    visible = selectors.cases_visible_to(request.user)
    base = reverse("wagtailsnippets_responses_case:list")
    breached = visible.filter(pk__in=selectors.cases_overdue(now).values("pk")).count()
    panels.append(
        CountsPanel(
            name="responses",
            heading=_("Làm rõ thông tin"),
            order=300,
            counts=[
                Count(
                    _("Vụ việc đang mở"),
                    visible.filter(pk__in=selectors.cases_open().values("pk")).count(),
                    base,
                ),
                Count(
                    _("Đến hạn trong 24 giờ"),
                    visible.filter(pk__in=selectors.cases_due_within(24, now).values("pk")).count(),
                    f"{base}?overdue=false",
                    tone="warning",
                ),
                Count(
                    _("Đã quá hạn"),
                    breached,
                    f"{base}?overdue=true",
                    tone="warning" if breached else "",
                ),
            ],
        )
    )
    if notices := selectors.deadline_notices_unread(request.user):
        panels.append(DeadlineNoticesPanel(notices=notices))


class DeadlineNoticesPanel(Component):
    """The signed-in person's unread deadline notices (the in-app half of the notifications)."""

    name = "responses_deadline_notices"
    order = 290
    template_name = "responses/admin/deadline_notices_panel.html"

    def __init__(self, *, notices):
        self.notices = notices

    def get_context_data(self, parent_context=None):
        return {"notices": self.notices}
