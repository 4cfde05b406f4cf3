"""Insights reads, by subdomain: `learning` (training data, the active model, the labelling queue),
`volumes` (counts over time, spikes, trends, forecasts, source health), `spikes` (why a
spike happened), `attention` (stories,
watchlists, a user's alerts), `kpi` (figures for the reports dashboard and annual report)."""

from .attention import (
    alerts_for_user,
    alerts_with_feedback,
    rules_with_feedback,
    story_summary,
    unread_alert_count,
    watchlists_with_counts,
)
from .forecast import backtest, forecast_next
from .international import international_items, international_view
from .kpi import (
    kpi_foreign_coverage,
    kpi_items_by_tone,
    kpi_items_by_topic,
    kpi_positive_neutral_share,
)
from .learning import (
    active_model,
    item_document,
    labelling_queue,
    training_data,
    training_examples,
)
from .spikes import spike_explain, spike_explanation_lines
from .stories import foreign_q, is_foreign, story_trace
from .volumes import (
    SOCIAL_OUTLET_TYPES,
    daily_counts,
    dashboard_counts,
    foreign_items,
    is_social,
    item_moment_field,
    positive_share,
    source_health,
    spike_check,
    spike_summaries,
    tone_counts,
    topic_counts,
    trends,
    unknown_tone_share,
    volume_series,
    window_counts,
)

__all__ = [
    "SOCIAL_OUTLET_TYPES",
    "active_model",
    "alerts_for_user",
    "alerts_with_feedback",
    "backtest",
    "daily_counts",
    "dashboard_counts",
    "forecast_next",
    "foreign_items",
    "foreign_q",
    "international_items",
    "international_view",
    "is_foreign",
    "is_social",
    "item_document",
    "item_moment_field",
    "kpi_foreign_coverage",
    "kpi_items_by_tone",
    "kpi_items_by_topic",
    "kpi_positive_neutral_share",
    "labelling_queue",
    "positive_share",
    "rules_with_feedback",
    "source_health",
    "spike_check",
    "spike_explain",
    "spike_explanation_lines",
    "spike_summaries",
    "story_summary",
    "story_trace",
    "tone_counts",
    "topic_counts",
    "training_data",
    "training_examples",
    "trends",
    "unknown_tone_share",
    "unread_alert_count",
    "volume_series",
    "watchlists_with_counts",
    "window_counts",
]
