"""Monitors mark alerts useful or not; a spike rule's sensitivity k learns from the marks.

The rule, applied after every mark on a spike alert (`rule_sensitivity_learn`):

- Only alerts raised since k last moved are judged (they were raised with the current k). Each
  alert counts once, by the majority of its marks; an alert with as many marks each way is not
  judged.
- Nothing moves before SENSITIVITY_MARKS alerts are judged.
- If at least SENSITIVITY_NOISY_SHARE of them were "không hữu ích", k goes up by
  SENSITIVITY_STEP_UP (fewer, larger spikes), at most SENSITIVITY_MAX.
- If every one of them was useful, k goes down by SENSITIVITY_STEP_DOWN, at least
  SENSITIVITY_MIN. Lowering asks for all of them, not most: Lantoa has no record of the spikes a
  rule missed, so it lowers only when nothing argues against, and more slowly than it raises.
- Each move is a `SensitivityChange` with its reason in words (the rule's history, on the rule's
  page) and an audit entry; the newest move can be undone (`rule_sensitivity_undo`), which is a
  move of its own and starts the count again.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lantoa.core.audit import audit

from ..constants import (
    SENSITIVITY_MARKS,
    SENSITIVITY_MAX,
    SENSITIVITY_MIN,
    SENSITIVITY_NOISY_SHARE,
    SENSITIVITY_STEP_DOWN,
    SENSITIVITY_STEP_UP,
    AlertKind,
)
from ..models import Alert, AlertFeedback, AlertRule, SensitivityChange


class SensitivityError(ValueError):
    """A move of k that is refused; the message is Vietnamese."""


def k_text(value: float) -> str:
    """A sensitivity as people write it: "3,5", "0,25"."""
    return f"{value:g}".replace(".", ",")


@transaction.atomic
def alert_feedback_set(*, alert: Alert, user, useful: bool) -> AlertFeedback:
    """Record `user`'s mark on `alert` (replacing an earlier one) and, for a spike alert, let
    its rule's k learn from it."""
    feedback, _created = AlertFeedback.objects.update_or_create(
        alert=alert, user=user, defaults={"useful": useful}
    )
    audit(alert, "insights.alert_feedback", user=user, data={"useful": useful})
    if alert.kind == AlertKind.SPIKE:
        rule_sensitivity_learn(rule=alert.rule)
    return feedback


def _verdicts(rule: AlertRule) -> tuple[int, int]:
    """(useful, not useful) alerts of the rule raised since its k last moved, by majority."""
    alerts = Alert.objects.filter(rule=rule, kind=AlertKind.SPIKE)
    last = rule.sensitivity_changes.order_by("-created_at", "-id").first()
    if last:
        alerts = alerts.filter(created_at__gt=last.created_at)
    rows = alerts.annotate(
        yes=Count("feedback", filter=Q(feedback__useful=True)),
        no=Count("feedback", filter=Q(feedback__useful=False)),
    ).values_list("yes", "no")
    useful = sum(1 for yes, no in rows if yes > no)
    not_useful = sum(1 for yes, no in rows if no > yes)
    return useful, not_useful


@transaction.atomic
def rule_sensitivity_learn(*, rule: AlertRule) -> SensitivityChange | None:
    """Apply the rule of this module's docstring; returns the move, or None if k stays."""
    rule = AlertRule.objects.select_for_update().get(pk=rule.pk)
    useful, not_useful = _verdicts(rule)
    judged = useful + not_useful
    if judged < SENSITIVITY_MARKS:
        return None
    old = rule.sensitivity
    if not_useful / judged >= SENSITIVITY_NOISY_SHARE:
        new = min(old + SENSITIVITY_STEP_UP, SENSITIVITY_MAX)
        why = _(
            "%(no)d trong %(n)d cảnh báo gần nhất bị đánh giá không hữu ích: tăng k từ %(old)s "
            "lên %(new)s để bớt báo động (tối đa %(max)s)."
        )
    elif useful == judged:
        new = max(old - SENSITIVITY_STEP_DOWN, SENSITIVITY_MIN)
        why = _(
            "Cả %(n)d cảnh báo gần nhất đều hữu ích: giảm k từ %(old)s xuống %(new)s để nhạy "
            "hơn một chút (tối thiểu %(min)s)."
        )
    else:
        return None
    if new == old:
        return None  # already at the bound: nothing to record
    change = SensitivityChange.objects.create(
        rule=rule,
        old_k=old,
        new_k=new,
        useful=useful,
        not_useful=not_useful,
        reason=why
        % {
            "no": not_useful,
            "n": judged,
            "old": k_text(old),
            "new": k_text(new),
            "max": k_text(SENSITIVITY_MAX),
            "min": k_text(SENSITIVITY_MIN),
        },
    )
    AlertRule.objects.filter(pk=rule.pk).update(sensitivity=new)
    audit(rule, "insights.sensitivity", data={"old": old, "new": new, "change": change.pk})
    return change


@transaction.atomic
def rule_sensitivity_undo(*, change: SensitivityChange, user) -> SensitivityChange:
    """Put k back where `change` found it. Only the rule's newest move can be undone, once."""
    rule = AlertRule.objects.select_for_update().get(pk=change.rule_id)
    newest = rule.sensitivity_changes.order_by("-created_at", "-id").first()
    if newest is None or newest.pk != change.pk or change.undoes_id:
        raise SensitivityError(_("Chỉ hoàn tác được lần thay đổi k gần nhất, một lần."))
    if rule.sensitivity != change.new_k:
        raise SensitivityError(
            _("k của quy tắc đã được sửa tay thành %(k)s sau lần thay đổi này.")
            % {"k": k_text(rule.sensitivity)}
        )
    undo = SensitivityChange.objects.create(
        rule=rule,
        old_k=change.new_k,
        new_k=change.old_k,
        reason=_("Hoàn tác: đưa k từ %(new)s về lại %(old)s.")
        % {"new": k_text(change.new_k), "old": k_text(change.old_k)},
        user=user,
        undoes=change,
    )
    AlertRule.objects.filter(pk=rule.pk).update(sensitivity=change.old_k)
    audit(rule, "insights.sensitivity", user=user, data={"undo": change.pk, "new": change.old_k})
    return undo
