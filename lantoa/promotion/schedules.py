"""Periodic work of promotion (created after every migrate: `core.beat`)."""

from lantoa.core.beat import Schedule

SCHEDULES = [
    # Pages whose go-live (or expiry) time has come are published (unpublished) within a minute.
    Schedule(
        name="Quảng bá: đăng các trang đã hẹn giờ",
        task="lantoa.promotion.tasks.pages_publish_scheduled_task",
        every_seconds=60,
    ),
]
