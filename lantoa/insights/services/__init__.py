"""Insights writes. Entry point for the monitoring pipeline's analyse stage: `items_analyse`."""

from .alerts import (
    alert_digests_send,
    alert_mark_read,
    alert_raise,
    alert_rule_create,
    alert_rules_active,
    alerts_mark_all_read,
    alerts_raise_for_items,
    alerts_send_waiting,
    source_health_alerts,
    spikes_detect,
)
from .analysis import items_analyse, label_remove, label_set, label_validate, labels_import
from .delivery import alert_deliver, alert_delivery_give_up
from .feedback import (
    SensitivityError,
    alert_feedback_set,
    rule_sensitivity_learn,
    rule_sensitivity_undo,
)
from .learning import classifier_train, training_job_start

__all__ = [
    "SensitivityError",
    "alert_deliver",
    "alert_delivery_give_up",
    "alert_digests_send",
    "alert_feedback_set",
    "alert_mark_read",
    "alert_raise",
    "alert_rule_create",
    "alert_rules_active",
    "alerts_mark_all_read",
    "alerts_raise_for_items",
    "alerts_send_waiting",
    "classifier_train",
    "items_analyse",
    "label_remove",
    "label_set",
    "label_validate",
    "labels_import",
    "rule_sensitivity_learn",
    "rule_sensitivity_undo",
    "source_health_alerts",
    "spikes_detect",
    "training_job_start",
]
