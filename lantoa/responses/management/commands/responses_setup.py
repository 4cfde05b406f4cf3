from django.core.management.base import BaseCommand

from lantoa.responses.services import responses_setup


class Command(BaseCommand):
    help = (
        "Grant the role permissions for cases and create the 'Làm rõ thông tin' index with its "
        "leader approval workflow (idempotent)."
    )

    def handle(self, *args, **options):
        responses_setup()
        self.stdout.write("responses: quyền, mục «Làm rõ thông tin» và quy trình duyệt đã sẵn sàng")
