"""`manage.py roles_ensure`: the role groups with every app's permissions, on any install."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from lantoa.core.constants import Role
from lantoa.core.registry import app_modules


class Command(BaseCommand):
    help = (
        "Tạo các nhóm vai trò và cấp quyền của từng ứng dụng cho chúng (chạy lại nhiều lần "
        "không sao). Dùng khi cài đặt thật, không nạp dữ liệu mẫu."
    )

    def handle(self, *args, **options):
        for module in app_modules("permissions"):
            module.permissions_grant()
        for role in Role:
            group = Group.objects.get(name=role.value)
            self.stdout.write(f"{role.value}: {group.permissions.count()} quyền")
