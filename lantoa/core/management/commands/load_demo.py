"""Load the demo ward: organisation tree, users, and each app's demo content. Idempotent."""

from django.core.management.base import BaseCommand

from lantoa.core.demo import ADMIN_USERNAME, DEMO_PASSWORD
from lantoa.core.registry import app_modules


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu của phường (chạy lại nhiều lần không tạo bản ghi trùng)."

    def handle(self, *args, **options):
        for module in app_modules("demo"):
            module.load(log=lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(
            self.style.SUCCESS(
                "Dữ liệu mẫu đã sẵn sàng. Đăng nhập http://127.0.0.1:8000/admin/ "
                f"với tài khoản {ADMIN_USERNAME} / {DEMO_PASSWORD}"
            )
        )
