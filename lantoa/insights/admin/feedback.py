"""Marking an alert useful or not (alert page and inbox), and undoing a learnt move of a spike
rule's k (the rule's page)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantoa.core.roles import requires_perm

from ..models import SensitivityChange
from ..selectors import alerts_for_user
from ..services import SensitivityError, alert_feedback_set, rule_sensitivity_undo
from ..services.feedback import k_text
from .views import back_to_inbox


@require_POST
@requires_perm("insights.view_alert")
def alert_feedback_view(request, alert_id):
    alert = get_object_or_404(alerts_for_user(request.user), pk=alert_id)
    useful = request.POST.get("useful")
    if useful not in ("1", "0"):
        messages.error(request, _("Chọn “Hữu ích” hoặc “Không hữu ích”."))
        return back_to_inbox(request)
    alert_feedback_set(alert=alert, user=request.user, useful=useful == "1")
    rule = alert.rule
    rule.refresh_from_db()
    messages.success(
        request,
        _("Đã ghi nhận: cảnh báo %(useful)s. Độ nhạy k của quy tắc “%(rule)s” hiện là %(k)s.")
        % {
            "useful": _("hữu ích") if useful == "1" else _("không hữu ích"),
            "rule": rule.name,
            "k": k_text(rule.sensitivity),
        },
    )
    return back_to_inbox(request)


@require_POST
@requires_perm("insights.change_alertrule")
def sensitivity_undo_view(request, change_id):
    change = get_object_or_404(SensitivityChange, pk=change_id)
    try:
        undo = rule_sensitivity_undo(change=change, user=request.user)
    except SensitivityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, undo.reason)
    return redirect("insights_alertrule:inspect", change.rule_id)
