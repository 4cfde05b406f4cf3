"""Upgrades keep the data: notices survive the rename of `responses.Alert`, beat entries theirs."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("responses", "0002_deadline_schedule")]
AFTER = [("responses", "0003_rename_alert_to_deadlinenotice")]
LATEST = None  # every app at its newest migration, so later tests find every table


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_renaming_alert_to_deadline_notice_keeps_every_notice_and_its_permissions():
    old = _migrate(BEFORE)
    User = old.get_model("core", "User")
    Case = old.get_model("responses", "Case")
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    user = User.objects.create(username="phanung-migration")
    now = timezone.now()
    case = Case.objects.create(claim="Tin đồn thử nghiệm", due_at=now, detected_at=now)
    old.get_model("responses", "Alert").objects.create(
        recipient=user, case=case, kind="sla_alert", message="Sắp đến hạn làm rõ", created_at=now
    )
    content_type, _ = ContentType.objects.get_or_create(app_label="responses", model="alert")
    Permission.objects.get_or_create(
        content_type=content_type, codename="view_alert", defaults={"name": "Can view alert"}
    )

    new = _migrate(AFTER)
    notice = new.get_model("responses", "DeadlineNotice").objects.get()
    assert (notice.recipient_id, notice.case_id) == (user.pk, case.pk)
    assert notice.message == "Sắp đến hạn làm rõ"
    codenames = new.get_model("auth", "Permission").objects.filter(
        content_type__app_label="responses", content_type__model="deadlinenotice"
    )
    assert "view_deadlinenotice" in set(codenames.values_list("codename", flat=True))

    _migrate(BEFORE)  # and back down, as a rollback would
    assert old.get_model("responses", "Alert").objects.filter(message="Sắp đến hạn làm rõ").exists()
    _migrate(LATEST)


def test_the_beat_entry_follows_the_renamed_deadline_task_both_ways():
    old = _migrate(AFTER)
    # The entry as 0002 made it on an installed system (a flush by an earlier test removes it).
    every, _ = old.get_model("django_celery_beat", "IntervalSchedule").objects.get_or_create(
        every=15, period="minutes"
    )
    PeriodicTask = old.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__startswith="Làm rõ thông tin").delete()
    entry = PeriodicTask.objects.create(
        name="Làm rõ thông tin: cảnh báo hạn xử lý",
        task="lantoa.responses.tasks.cases_check_deadlines",
        interval=every,
    )
    new = _migrate(LATEST)
    entry = new.get_model("django_celery_beat", "PeriodicTask").objects.get(pk=entry.pk)
    assert entry.task == "lantoa.responses.tasks.cases_check_deadlines_task"
    assert entry.name == "Làm rõ thông tin: thông báo hạn xử lý" and entry.interval_id == every.pk
    old = _migrate(AFTER)
    entry = old.get_model("django_celery_beat", "PeriodicTask").objects.get(pk=entry.pk)
    assert entry.task == "lantoa.responses.tasks.cases_check_deadlines"
    _migrate(LATEST)


def test_each_existing_case_claim_becomes_its_first_claim():
    old = _migrate([("responses", "0006_violations_register")])
    Case = old.get_model("responses", "Case")
    now = timezone.now()
    first = Case.objects.create(claim="Cảng Quy Nhơn đóng cửa", due_at=now, detected_at=now)
    second = Case.objects.create(claim="Giá điện tăng gấp đôi", due_at=now, detected_at=now)

    new = _migrate([("responses", "0007_case_claims_and_recurrences")])
    claims = new.get_model("responses", "Claim").objects.order_by("case_id")
    assert [(c.case_id, c.text, c.language, c.sort_order) for c in claims] == [
        (first.pk, "Cảng Quy Nhơn đóng cửa", "vi", 0),
        (second.pk, "Giá điện tăng gấp đôi", "vi", 0),
    ]
    _migrate(LATEST)
