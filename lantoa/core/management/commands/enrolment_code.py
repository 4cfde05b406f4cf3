"""`manage.py enrolment_code USERNAME`: a two-factor enrolment code from the command line (the
first administrator has nobody to issue one in the admin)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lantoa.core.security.services import enrolment_code_issue


class Command(BaseCommand):
    help = (
        "Cấp mã đăng ký xác thực hai lớp (dùng một lần, có hạn) cho một tài khoản; mã chỉ in ra "
        "một lần."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username}.")
        code = enrolment_code_issue(user=user, issued_by=None)
        self.stdout.write(f"Mã đăng ký của {username}: {code}")
