"""Monitoring's long work as background jobs (lantoa.core.jobs): bulk re-extraction."""

import csv
import io

from lantoa.core.jobs import JobOutput, Progress, job_kind

from .models import Item
from .services import item_reextract

REEXTRACT = "monitoring.reextract"


def reextract_candidates(*, source_ids: list[int] | None = None):
    """Items kept with a raw response (item_reextract refuses one that is not the item's page)."""
    items = Item.objects.filter(raw__isnull=False)
    if source_ids:
        items = items.filter(source_id__in=source_ids)
    return items.order_by("pk")


@job_kind(REEXTRACT, label="Trích xuất lại tin")
def reextract_job(job, progress: Progress) -> list[JobOutput]:
    """Extract again every item kept with its raw page (all sources or `source_ids`), e.g. after
    an extractor upgrade; a CSV lists each item whose extraction failed, with the reason."""
    ids = list(
        reextract_candidates(source_ids=job.params.get("source_ids")).values_list("pk", flat=True)
    )
    failures = []
    for done, item_id in enumerate(ids, 1):
        try:
            item_reextract(item_id=item_id)
        except Exception as exc:  # one bad page must not stop the batch; it is listed below
            failures.append((item_id, str(exc) or exc.__class__.__name__))
        if done % 20 == 0 or done == len(ids):
            progress(100 * done // len(ids), f"Đã trích xuất lại {done}/{len(ids)} tin")
    progress(100, f"Xong: {len(ids) - len(failures)} tin, {len(failures)} lỗi")
    if not failures:
        return []
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["item_id", "lý do"])
    writer.writerows(failures)
    return [JobOutput("trich-xuat-lai-loi.csv", out.getvalue().encode("utf-8-sig"))]
