"""Periodic work of monitoring (created after every migrate: `core.beat`)."""

from lantoa.core.beat import Schedule

POLL_DUE_EVERY_SECONDS = 10

SCHEDULES = [
    # Each source has its own next_fetch_at; this only looks for the due ones. Every 10 s, not
    # every minute: a source due just after a look waited for the next one, so a source polled
    # every minute was polled every 1–2 minutes and an alert took up to two minutes to leave
    # (`make bench BENCH_ARGS=latency`). A look that finds nothing due is two indexed queries.
    Schedule(
        name="monitoring: thu thập các nguồn đến hạn",
        task="lantoa.monitoring.tasks.sources_poll_due_task",
        every_seconds=POLL_DUE_EVERY_SECONDS,
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
