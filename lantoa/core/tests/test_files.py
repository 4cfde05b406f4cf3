"""Stored files follow their records (removed after the commit of a delete, cascades included)
and orphans are found, reported by the nightly job and removed on request."""

import io
import os
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django_celery_beat.models import PeriodicTask

from lantoa.core.files import ORPHANS_TASK_NAME, orphan_files_find
from lantoa.core.models import User
from lantoa.plans.models import ProgressReport, ReportEvidence
from lantoa.plans.services import progress_report_submit
from lantoa.plans.tests.factories import make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(demo_ward, settings):
    task = make_task(demo_ward, lead="ubnd", coordinating=("mttq",))
    report = progress_report_submit(
        task=task,
        unit=demo_ward["mttq"],
        user=User.objects.get(username="mttq"),
        narrative="Kèm biên bản.",
        files=[("bien-ban.pdf", b"%PDF-1.4 bien ban")],
    )
    row = report.evidence.get()
    return row, settings.MEDIA_ROOT / row.file.name


def _age(path, hours=2):
    old = time.time() - hours * 3600
    os.utime(path, (old, old))


def test_deleting_a_report_removes_its_evidence_file_after_the_commit(
    evidence, django_capture_on_commit_callbacks
):
    row, path = evidence
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        row.report.delete()
        assert path.is_file()  # not before the commit
    assert not path.exists()


def test_a_cascade_from_the_task_removes_the_files_too(
    evidence, django_capture_on_commit_callbacks
):
    row, path = evidence
    with django_capture_on_commit_callbacks(execute=True):
        row.report.task.delete()
    assert not ReportEvidence.objects.exists() and not path.exists()


def test_a_rolled_back_delete_keeps_the_file(evidence):
    row, path = evidence
    with pytest.raises(RuntimeError), transaction.atomic():
        row.report.delete()
        raise RuntimeError("abandon")
    assert ProgressReport.objects.filter(pk=row.report_id).exists() and path.is_file()


def test_orphans_are_found_reported_and_removed_on_request(evidence, settings):
    _row, kept = evidence
    stray = settings.MEDIA_ROOT / "plans" / "evidence" / "2025" / "01" / "mat-ban-ghi.pdf"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"%PDF-1.4 stray")
    young = settings.MEDIA_ROOT / "plans" / "evidence" / "dang-tai-len.pdf"
    young.write_bytes(b"%PDF-1.4 uploading")
    _age(stray)
    _age(kept)
    report = orphan_files_find()
    assert report.paths == ["plans/evidence/2025/01/mat-ban-ghi.pdf"]
    assert report.bytes == len(b"%PDF-1.4 stray")

    from lantoa.core.tasks import orphan_files_report_task

    assert orphan_files_report_task.apply().get()["files"] == 1
    assert stray.exists()  # the job only reports

    out = io.StringIO()
    call_command("orphan_files", "--delete", stdout=out)
    assert "mat-ban-ghi.pdf" in out.getvalue() and "Đã xóa 1" in out.getvalue()
    assert not stray.exists() and kept.exists() and young.exists()
    assert PeriodicTask.objects.filter(task=ORPHANS_TASK_NAME, enabled=True).count() == 1
