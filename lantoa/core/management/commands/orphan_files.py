"""`manage.py orphan_files`: list (and with --delete remove) uploaded files no record names."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from lantoa.core.files import orphan_files_delete, orphan_files_find


class Command(BaseCommand):
    help = (
        "Liệt kê các tệp trong MEDIA_ROOT không còn bản ghi nào dùng (tệp mồ côi, cũ hơn 1 giờ); "
        "--delete để xóa chúng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Xóa các tệp mồ côi tìm được.")

    def handle(self, *args, delete: bool, **options):
        report = orphan_files_find()
        for name in report.paths:
            self.stdout.write(name)
        self.stdout.write(f"{len(report.paths)} tệp mồ côi, tổng {filesizeformat(report.bytes)}.")
        if delete and report.paths:
            removed = orphan_files_delete(report=report)
            self.stdout.write(self.style.SUCCESS(f"Đã xóa {removed} tệp mồ côi."))
