"""`manage.py restore ARCHIVE`: put a backup back, then prove the data is identical."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantoa.core.security.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp sao lưu: thay toàn bộ cơ sở dữ liệu, media và kho dữ liệu thô, rồi "
        "kiểm tra số dòng và tổng kiểm tra từng bảng khớp với bản sao lưu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            help="Tệp lantoa-YYYYMMDD-HHMMSS.tar.gz (hoặc .tar.gz.enc, giải mã bằng "
            "LANTOA_BACKUP_KEY)",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Không hỏi lại (dữ liệu hiện tại sẽ bị thay thế)."
        )

    def handle(self, *args, archive: str, yes: bool, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        if not yes:
            answer = input(f"Dữ liệu hiện tại sẽ bị thay bằng {path.name}. Gõ 'co' để tiếp tục: ")
            if answer.strip().lower() not in {"co", "có"}:
                raise CommandError("Đã hủy, không thay đổi gì.")
        try:
            manifest = backup_restore(archive=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = manifest["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {path.name} (tạo lúc {manifest['created_at']}): {len(tables)} bảng, "
                f"{sum(t['rows'] for t in tables.values())} dòng khớp số dòng và tổng kiểm tra."
            )
        )
