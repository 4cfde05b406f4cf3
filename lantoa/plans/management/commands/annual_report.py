"""`manage.py annual_report --plan 78-KH/ĐU --year 2026 --out report.docx`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantoa.plans.documents import annual_report_build
from lantoa.plans.models import Plan
from lantoa.plans.selectors import plan_by_code


class Command(BaseCommand):
    help = "Soạn báo cáo kết quả thực hiện kế hoạch trong năm (DOCX, thể thức văn bản Đảng)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help='Số, ký hiệu kế hoạch, ví dụ "78-KH/ĐU".')
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--number", default="", help="Số báo cáo (để trống nếu chưa lấy số).")

    def handle(self, *args, **options):
        from lantoa.core.text import nfc

        try:
            plan = plan_by_code(nfc(options["plan"]))
        except Plan.DoesNotExist:
            raise CommandError(
                f"Không có kế hoạch số {options['plan']}; hãy nhập kế hoạch trước "
                "(manage.py import_plan TỆP)."
            ) from None

        def progress(percent: int, message: str) -> None:
            self.stderr.write(f"{percent:3d}% {message}")

        out = annual_report_build(
            plan=plan,
            year=options["year"],
            out_path=options["out"],
            progress=progress,
            number=options["number"],
        )
        self.stdout.write(str(out))
