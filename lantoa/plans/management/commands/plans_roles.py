from django.core.management.base import BaseCommand

from lantoa.plans.services.access import plans_roles_ensure


class Command(BaseCommand):
    help = "Cấp quyền của ứng dụng Kế hoạch cho các nhóm vai trò (chạy lại không sao)."

    def handle(self, *args, **options):
        plans_roles_ensure()
        self.stdout.write("Đã cấp quyền cho các vai trò.")
