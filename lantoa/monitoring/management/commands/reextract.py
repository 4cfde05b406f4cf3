"""`manage.py reextract [--source ID …]`: queue the bulk re-extraction job (progress shown)."""

from django.core.management.base import BaseCommand

from lantoa.core.jobs.services import job_start
from lantoa.monitoring.jobs import REEXTRACT, reextract_candidates


class Command(BaseCommand):
    help = "Trích xuất lại nội dung các tin từ bản gốc đã lưu (chạy nền, xem ở Tác vụ nền)."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", help="Mã nguồn (lặp lại được)")

    def handle(self, *args, source=None, **options):
        count = reextract_candidates(source_ids=source).count()
        job = job_start(kind=REEXTRACT, params={"source_ids": source or []})
        self.stdout.write(f"Tác vụ #{job.pk}: {count} tin sẽ được trích xuất lại.")
