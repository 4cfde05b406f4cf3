"""`manage.py pseudonymise_posts`: rewrite social posts stored before handles in URLs and
@mentions in text were pseudonymised (run once after the upgrade; safe to run again)."""

from django.core.management.base import BaseCommand

from lantoa.monitoring.services import items_pseudonymise


class Command(BaseCommand):
    help = (
        "Ẩn danh tài khoản trong đường dẫn và @nhắc tên của các bài đăng đã lưu trước đây "
        "(chạy một lần sau khi nâng cấp; chạy lại không sao)."
    )

    def handle(self, *args, **options):
        counts = items_pseudonymise()
        self.stdout.write(
            f"Tin đã viết lại: {counts['items']}; bản gốc đã viết lại: {counts['raw']}; "
            f"trùng đường dẫn (để nguyên): {counts['conflicts']}."
        )
