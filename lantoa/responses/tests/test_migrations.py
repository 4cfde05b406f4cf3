"""Upgrading keeps the data: the deadline notices of `responses.Alert` survive its rename."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("responses", "0002_deadline_schedule")]
AFTER = [("responses", "0003_rename_alert_to_deadlinenotice")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
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
    _migrate(AFTER)
