"""Periodic work of the plans app (created after every migrate: `core.beat`)."""

from lantoa.core.beat import Schedule

SCHEDULES = [
    # Reminders and follow-up letters for tasks near or past their deadline, 07:00.
    Schedule(
        name="Kế hoạch: nhắc việc, đôn đốc hằng ngày",
        task="lantoa.plans.tasks.followup_daily_task",
        minute="0",
        hour="7",
    ),
]
