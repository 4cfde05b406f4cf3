"""Periodic work of insights (created after every migrate: `core.beat`); times are the office's."""

from lantoa.core.beat import Schedule

SCHEDULES = [
    Schedule(
        name="insights: bản tin tổng hợp dư luận",
        task="lantoa.insights.tasks.bulletin_send_task",
        minute="30",
        hour="6",
    ),
    Schedule(
        name="insights: gửi tin khớp chờ hết thời gian giãn cách",
        task="lantoa.insights.tasks.alerts_waiting_task",
        minute="*/5",
    ),
    Schedule(
        name="insights: tổng hợp tin khớp mỗi giờ",
        task="lantoa.insights.tasks.digests_hourly_task",
        minute="5",
    ),
    Schedule(
        name="insights: tổng hợp tin khớp mỗi ngày",
        task="lantoa.insights.tasks.digests_daily_task",
        minute="0",
        hour="7",
    ),
    Schedule(
        name="insights: phát hiện đột biến",
        task="lantoa.insights.tasks.spikes_detect_task",
        minute="*/15",
    ),
    Schedule(
        name="insights: sức khỏe nguồn tin theo nhịp riêng",
        task="lantoa.insights.tasks.source_health_task",
        minute="20",
    ),
    Schedule(
        name="insights: huấn luyện lại hằng tuần",
        task="lantoa.insights.tasks.classifier_retrain_all_task",
        minute="0",
        hour="2",
        day_of_week="0",
    ),
]
