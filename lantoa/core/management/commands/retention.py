"""`manage.py retention`: remove data older than the retention periods (every app's rules), now."""

from django.core.management.base import BaseCommand

from lantoa.core.security.retention import retention_periods, retention_rules, retention_run


class Command(BaseCommand):
    help = (
        "Xóa bản lưu thô, lượt thu thập và bài đăng mạng xã hội cũ hơn thời hạn lưu giữ "
        "(LANTOA_RETENTION_*_DAYS), theo từng lô; ghi nhật ký số lượng đã xóa."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None, help="Số dòng mỗi lô.")

    def handle(self, *args, batch_size: int | None, **options):
        periods = retention_periods()
        result = retention_run(batch_size=batch_size)
        for rule in retention_rules():
            kind, label, days = rule.kind, rule.label, periods[rule.kind]
            kept = f"giữ {days} ngày" if days else "giữ vĩnh viễn"
            self.stdout.write(f"{label} ({kept}): đã xóa {result.totals[kind]}")
