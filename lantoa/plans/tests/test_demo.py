"""The demo plan goes through the real importer and is loaded idempotently."""

import pytest
from django_celery_beat.models import PeriodicTask

from lantoa.plans import demo
from lantoa.plans.models import DisseminationSession, DocumentNumber, Plan, ProgressReport, Task

pytestmark = pytest.mark.django_db


def test_demo_plan_is_imported_with_work_and_loads_twice(demo_ward, settings, tmp_path):
    settings.SEED_DIR = tmp_path  # no seed: only the demo's own plan
    messages = []
    demo.load(log=messages.append)
    demo.load(log=messages.append)
    plan = Plan.objects.get()
    assert plan.code == "15-KH/ĐU"
    assert [d.code for d in plan.directive.chain()] == ["57-KL/TW", "59-KH/TU", "15-KH/ĐU"]
    assert list(plan.sections.filter(parent=None).values_list("label", flat=True)) == [
        "I",
        "II",
        "III",
        "IV",
    ]
    leads = dict(plan.assignments.values_list("section__path", "lead_unit__code"))
    assert leads == {"IV.1": "ubnd", "IV.2": "mttq", "IV.3": "ban-xay-dung-dang"}
    assert Task.objects.count() == 6  # with an inspection follow-up and a required report
    assert ProgressReport.objects.count() == 5
    assert DisseminationSession.objects.count() == 4
    assert list(DocumentNumber.objects.order_by("number").values_list("code", flat=True)) == [
        "01-BC/ĐU",
        "02-BC/ĐU",
        "03-BC/ĐU",
    ]
    assert PeriodicTask.objects.filter(task="lantoa.plans.tasks.followup_daily_task").count() == 1
    assert messages.count("plans: đã nhập Kế hoạch số 15-KH/ĐU") == 1
