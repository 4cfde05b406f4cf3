"""manage.py poll [--source ID] [--once]"""

import time

from django.core.management.base import BaseCommand, CommandError

from ...models import Source
from ...services import source_poll, sources_poll_due


class Command(BaseCommand):
    help = (
        "Thu thập các nguồn đến hạn. --once: thu thập mỗi nguồn đến hạn một lần rồi thoát; "
        "--source ID: chỉ một nguồn (kể cả chưa đến hạn)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int)
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--sleep", type=float, default=30.0, help="giây nghỉ giữa các vòng")

    def handle(self, *args, **options):
        if options["source"]:
            if not Source.objects.filter(pk=options["source"]).exists():
                raise CommandError(f"Không có nguồn số {options['source']}")
            run = source_poll(source_id=options["source"])
            if run is None:
                self.stdout.write("Nguồn đang được một tiến trình khác thu thập.")
                return
            self._report([run])
            return
        while True:
            self._report(sources_poll_due())
            if options["once"]:
                return
            time.sleep(options["sleep"])

    def _report(self, runs):
        for run in runs:
            counts = ", ".join(f"{k}={v}" for k, v in sorted(run.counts.items())) or "-"
            self.stdout.write(
                f"{run.source_id}\t{run.source.name}\t{run.outcome}\tmới={run.stored}\t{counts}"
            )
            if run.left_out:
                self.stdout.write(f"\tbỏ lại: {run.left_out_display()}")
            if run.error:
                self.stderr.write(f"  lỗi: {run.error.strip().splitlines()[-1]}")
