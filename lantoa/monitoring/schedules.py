"""Periodic work of monitoring (created after every migrate: `core.beat`)."""

from lantoa.core.beat import Schedule

SCHEDULES = [
    # Each source has its own next_fetch_at; this only looks every minute for the due ones.
    Schedule(
        name="monitoring: thu thập các nguồn đến hạn",
        task="lantoa.monitoring.tasks.sources_poll_due_task",
        every_seconds=60,
        queue="fetch",
    ),
    # Items stored but not yet analysed (a worker died after the store commit).
    Schedule(
        name="monitoring: hoàn tất phân tích tin còn dở",
        task="lantoa.monitoring.tasks.items_resume_task",
        every_seconds=600,
        queue="fetch",
    ),
]
