"""URLs of the insights admin pages that no ViewSet covers (mounted under /admin/insights/)."""

from django.urls import path

from . import backtests, feedback, views

urlpatterns = [
    path("queue/", views.labelling_queue_view, name="insights_queue"),
    path("items/<int:item_id>/", views.item_view, name="insights_item"),
    path("items/<int:item_id>/label/", views.label_view, name="insights_label_set"),
    path("labels-import/", views.labels_import_view, name="insights_labels_import"),
    path("train/", views.train_view, name="insights_train"),
    path("train/<int:job_id>/", views.training_job_view, name="insights_job"),
    path("trends/", views.trends_view, name="insights_trends"),
    path("international/", views.international_view_page, name="insights_international"),
    path("bulletin/", views.bulletin_view, name="insights_bulletin"),
    path("inbox/", views.alerts_inbox_view, name="insights_inbox"),
    path("inbox/<int:alert_id>/read/", views.alert_read_view, name="insights_alert_read"),
    path(
        "inbox/<int:alert_id>/feedback/",
        feedback.alert_feedback_view,
        name="insights_alert_feedback",
    ),
    path(
        "sensitivity/<int:change_id>/undo/",
        feedback.sensitivity_undo_view,
        name="insights_sensitivity_undo",
    ),
    path("inbox/read-all/", views.alerts_read_all_view, name="insights_alerts_read_all"),
    path(
        "backtests/watchlist/",
        backtests.watchlist_backtest_view,
        name="insights_backtest_watchlist",
    ),
    path("backtests/rule/", backtests.rule_backtest_view, name="insights_backtest_rule"),
    path("backtests/<int:backtest_id>/", backtests.backtest_view, name="insights_backtest"),
    path(
        "backtests/watchlist/<int:watchlist_id>/history/",
        backtests.watchlist_history_view,
        name="insights_backtest_watchlist_history",
    ),
    path(
        "backtests/rule/<int:rule_id>/history/",
        backtests.rule_history_view,
        name="insights_backtest_rule_history",
    ),
]
