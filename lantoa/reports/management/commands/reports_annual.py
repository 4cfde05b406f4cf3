"""Build the complete annual report from the command line (the same code the admin job runs)."""

import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lantoa.core.models import Unit
from lantoa.reports.report_jobs import annual_report_files


class Command(BaseCommand):
    help = "Lập báo cáo năm về công tác TTĐN: DOCX, phụ lục XLSX và PDF (khi có LibreOffice)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--plan", default="", help="Số kế hoạch, ví dụ 78-KH/ĐU")
        parser.add_argument("--unit", default="", help="Mã đơn vị (bỏ trống: toàn phường)")
        parser.add_argument("--out", required=True, help="Tệp DOCX; phụ lục ghi cạnh nó")

    def handle(self, *args, year, plan, unit, out, **options):
        unit_obj = None
        if unit:
            unit_obj = Unit.objects.filter(code=unit).first()
            if unit_obj is None:
                raise CommandError(f"Không có đơn vị mã «{unit}».")
        out_path = Path(out)

        def progress(percent, message=None):
            self.stdout.write(f"{int(percent):3d}% {message or ''}")

        with tempfile.TemporaryDirectory() as folder:
            try:
                paths = annual_report_files(
                    year=year,
                    plan_number=plan,
                    unit=unit_obj,
                    out_dir=Path(folder),
                    progress=progress,
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            out_path.parent.mkdir(parents=True, exist_ok=True)
            for path in paths:
                target = (
                    out_path
                    if path.suffix == ".docx"
                    else out_path.with_name(
                        f"{out_path.stem}{path.name.removeprefix(f'bao-cao-ttdn-{year}')}"
                    )
                )
                shutil.copyfile(path, target)
                self.stdout.write(self.style.SUCCESS(f"Đã ghi {target}"))
