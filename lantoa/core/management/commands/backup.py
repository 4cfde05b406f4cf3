"""`manage.py backup`: database + media + raw store in one timestamped, verifiable archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lantoa.core.security.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu, tệp tải lên (media) và kho dữ liệu thô vào một tệp .tar.gz "
        "có manifest (số dòng và tổng kiểm tra từng bảng, từng tệp); chỉ chủ sở hữu đọc được "
        "(0600), mã hóa nếu có LANTOA_BACKUP_KEY (.tar.gz.enc)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="Thư mục chứa tệp sao lưu (mặc định var/backups).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Chỉ giữ N bản sao lưu mới nhất trong thư mục (0: giữ tất cả).",
        )

    def handle(self, *args, output: str, keep: int, **options):
        output_dir = Path(output)
        try:
            result = backup_create(output_dir=output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = result.manifest["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {result.path} ({result.path.stat().st_size} byte): "
                f"{len(tables)} bảng, {sum(t['rows'] for t in tables.values())} dòng, "
                f"{len(result.manifest['files']) - 1} tệp."
            )
        )
        if keep > 0:
            archives = sorted(
                [*output_dir.glob("lantoa-*.tar.gz"), *output_dir.glob("lantoa-*.tar.gz.enc")]
            )
            for old in archives[:-keep]:
                old.unlink()
                self.stdout.write(f"Đã xóa bản sao lưu cũ {old.name}")
