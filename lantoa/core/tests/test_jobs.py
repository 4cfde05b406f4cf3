"""The job machinery (lantoa.core.jobs): start, progress, failure with a reason, retry, the list."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantoa.core.jobs import JobOutput, job_kind
from lantoa.core.jobs import services as services
from lantoa.core.jobs.constants import JobState
from lantoa.core.jobs.models import Job
from lantoa.core.jobs.runner import job_run
from lantoa.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eager_celery():
    """Run tasks inline (as lantoa/reports/tests/conftest.py explains)."""
    from lantoa.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


CALLS = {"fail": True}


@job_kind("tests.flaky", label="Tác vụ thử")
def flaky(job, progress):
    progress(30, "Một phần ba")
    if CALLS["fail"]:
        raise ValueError("Nguồn dữ liệu không phản hồi")
    progress(60, "Gần xong")
    return [JobOutput("ket-qua.txt", b"xong")]


def test_job_starts_on_commit_runs_and_keeps_progress_messages(
    django_capture_on_commit_callbacks,
):
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.job_start(kind="tests.flaky", params={"n": 1})
    # Nothing runs before the transaction commits.
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()  # the eager Celery task runs the job
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.progress == 100
    assert [m["text"] for m in job.messages] == ["Một phần ba", "Gần xong", "Hoàn thành"]
    assert job.files.get().file.read() == b"xong"
    assert job.started_at <= job.finished_at


def test_failure_keeps_its_reason_and_retry_succeeds(django_capture_on_commit_callbacks):
    CALLS["fail"] = True
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="tests.flaky")
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error == "Nguồn dữ liệu không phản hồi"
    assert job.progress == 30
    assert not job.files.exists()

    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        services.job_retry(job=job)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2 and job.error == ""
    with pytest.raises(ValidationError):
        services.job_retry(job=job)


def test_a_job_the_broker_cannot_take_fails_visibly(
    broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    """With the broker down, the job ends failed with the reason (retry sends it again) instead
    of staying "queued" for a message that was never sent, and the request does not fail."""
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="tests.flaky")
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error == services.BROKER_DOWN
    assert job.attempts == 0 and job.finished_at is not None
    monkeypatch.undo()  # the broker "comes back" (tasks run inline again): retry runs it
    with django_capture_on_commit_callbacks(execute=True):
        services.job_retry(job=job)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED


def test_a_job_delivered_twice_runs_once(django_capture_on_commit_callbacks):
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="tests.flaky")
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.attempts == 1 and job.files.count() == 1


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="Không có loại tác vụ"):
        services.job_start(kind="khong.co")
    assert not Job.objects.exists()


def test_home_panel_counts_failed_jobs(client, demo_ward, django_capture_on_commit_callbacks):
    CALLS["fail"] = True
    user = User.objects.get(username="lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        services.job_start(kind="tests.flaky", user=user)
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'data-panel="jobs".*?</section>', html, re.S).group(0)
    assert re.search(r'data-count="Lỗi">1<', panel)


def test_job_list_shows_progress_reason_and_retry_to_its_owner_only(
    client, demo_ward, django_capture_on_commit_callbacks
):
    """The list is a Wagtail table whose rows carry what the progress poller needs; a failed job
    shows its reason and a working "Chạy lại" button; another person does not see it."""
    CALLS["fail"] = True
    owner = User.objects.get(username="mttq")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="tests.flaky", user=owner)
    client.force_login(owner)
    html = client.get(reverse("core_jobs"), {"highlight": job.pk}).content.decode()
    row = re.search(rf'<tr[^>]*data-job="{job.pk}"[^>]*>.*?</tr>', html, re.S).group(0)
    assert 'data-finished="1"' in row and "lantoa-job--highlight" in row
    assert 'data-state="failed"' in row and "Nguồn dữ liệu không phản hồi" in row
    assert 'value="30"' in row and "Một phần ba" in row
    retry = re.search(r'<form method="post" action="([^"]+)">', row).group(1)
    assert retry == reverse("core_job_retry", args=[job.pk])
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry)
    assert response.url == reverse("core_jobs") + f"?highlight={job.pk}"
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    file_url = reverse("core_job_file", args=[job.pk, job.files.get().pk])
    assert file_url in client.get(reverse("core_jobs")).content.decode()
    client.force_login(User.objects.get(username="lanhdao"))  # a leader sees every job
    assert f'data-job="{job.pk}"' in client.get(reverse("core_jobs")).content.decode()
    client.force_login(User.objects.get(username="bientap"))  # an editor: only their own jobs
    assert f'data-job="{job.pk}"' not in client.get(reverse("core_jobs")).content.decode()
    assert client.get(file_url).status_code == 404


def test_old_job_addresses_redirect_to_the_core_list(client, demo_ward):
    client.force_login(User.objects.get(username="lanhdao"))
    response = client.get("/admin/reports/jobs/?highlight=7")
    assert response.status_code == 301
    assert response.url == reverse("core_jobs") + "?highlight=7"
    response = client.get("/admin/reports/jobs/status.json?ids=1")
    assert response.url == reverse("core_job_status") + "?ids=1"
