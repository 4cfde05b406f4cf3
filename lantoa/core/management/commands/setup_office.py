"""`manage.py setup_office`: load the office's shipped configuration (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from lantoa.core.office_setup import ConfigError, office_setup


class Command(BaseCommand):
    help = (
        "Nạp cấu hình ban đầu của cơ quan từ các tệp trong kho mã (danh sách theo dõi, chủ đề, "
        "quy tắc cảnh báo, nguồn tin khởi đầu). Chỉ tạo mục chưa có, không sửa mục đã có; chạy "
        "lại nhiều lần không sao."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip",
            action="append",
            default=[],
            metavar="APP",
            help="Bỏ qua cấu hình của một ứng dụng (vd. --skip monitoring: không thêm nguồn tin).",
        )

    def handle(self, *args, **options):
        try:
            office_setup(
                log=lambda message: self.stdout.write(f"  {message}"),
                skip=frozenset(options["skip"]),
            )
        except ConfigError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS("Cấu hình ban đầu đã sẵn sàng."))
