"""Core's periodic work (created after every migrate: `core.beat`)."""

from .beat import Schedule
from .files import ORPHANS_TASK_NAME
from .security.retention import RETENTION_TASK_NAME

SCHEDULES = [
    Schedule(
        name="lantoa: xóa dữ liệu theo dõi quá hạn lưu giữ",
        task=RETENTION_TASK_NAME,
        minute="30",
        hour="3",
    ),
    Schedule(name="lantoa: báo cáo tệp mồ côi", task=ORPHANS_TASK_NAME, minute="15", hour="4"),
]
