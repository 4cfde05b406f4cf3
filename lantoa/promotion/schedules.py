"""Periodic work of promotion (created after every migrate: `core.beat`)."""

from lantoa.core.beat import Schedule

SCHEDULES = [
    # Pages whose go-live (or expiry) time has come are published (unpublished) within a minute.
    Schedule(
        name="Quảng bá: đăng các trang đã hẹn giờ",
        task="lantoa.promotion.tasks.pages_publish_scheduled_task",
        every_seconds=60,
    ),
    # Library items whose rights end within 30 days on live pages, e-mailed to the editors.
    Schedule(
        name="Quảng bá: tư liệu sắp hết quyền sử dụng (hằng tuần)",
        task="lantoa.promotion.tasks.library_rights_weekly_task",
        minute="0",
        hour="7",
        day_of_week="1",
    ),
]
