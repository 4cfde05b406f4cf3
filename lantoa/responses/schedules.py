"""Periodic work of responses (created after every migrate: `core.beat`)."""

from lantoa.core.beat import Schedule

SCHEDULES = [
    # Warn the person responsible before a case's deadline, escalate after it.
    Schedule(
        name="Làm rõ thông tin: thông báo hạn xử lý",
        task="lantoa.responses.tasks.cases_check_deadlines_task",
        every_seconds=15 * 60,
    ),
]
