"""The demo plan goes through the real importer and is loaded idempotently."""

from datetime import date

import pytest
from django_celery_beat.models import PeriodicTask

from conftest import office_morning
from lantoa.core.demo import WRITTEN_FOR
from lantoa.plans import demo
from lantoa.plans.models import (
    DisseminationSession,
    DocumentNumber,
    Plan,
    ProgressReport,
    RequiredReport,
    Task,
)
from lantoa.reports import demo as reports_demo
from lantoa.reports.models import AnnualReportNarrative

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


# Reports as the demo was written on WRITTEN_FOR (4 Dec 2026): sent on these days.
WRITTEN_REPORTS = [date(2026, 6, 2), date(2026, 6, 25), date(2026, 6, 28), date(2026, 10, 12)]
WRITTEN_REPORTS += [date(2026, 11, 20)]


@pytest.mark.parametrize(
    "today, reports_this_year",
    [
        (date(2026, 12, 4), 5),  # the day it was written for
        (date(2027, 1, 2), 0),  # the plan began last year; its year is last year
        (date(2027, 6, 15), 4),  # the plan spans the turn of the year
        (date(2028, 12, 4), 5),  # two years on: the same plan, this year
    ],
)
def test_the_demo_plan_tells_the_same_story_on_any_day_it_is_loaded(
    demo_ward, settings, tmp_path, time_machine, today, reports_this_year
):
    """Loaded on any day, the plan is as it stood on the day it was written for: each report as
    many days old, nothing sent after today, and this year's dashboards count its work. The
    annual report's narrative is there for the plan's year and this one."""
    settings.SEED_DIR = tmp_path
    time_machine.move_to(office_morning(today))
    demo.load(log=lambda message: None)
    reports_demo.load(log=lambda message: None)
    shift = today - WRITTEN_FOR
    plan = Plan.objects.get()
    issued = plan.directive.issued_on
    assert issued == date(2026, 5, 5) + shift <= today
    assert plan.directive.title.endswith(f"năm {issued.year}")
    sent = sorted(ProgressReport.objects.values_list("submitted_on", flat=True))
    assert sent == [day + shift for day in WRITTEN_REPORTS]
    assert ProgressReport.objects.filter(submitted_on__year=today.year).count() == reports_this_year
    assert max(DisseminationSession.objects.values_list("held_on", flat=True)) < today
    report = RequiredReport.objects.get()
    assert (report.year, report.due_date) == (issued.year, date(2026, 12, 15) + shift)
    assert report.title.endswith(f"năm {issued.year}")
    narratives = set(AnnualReportNarrative.objects.values_list("year", flat=True))
    assert narratives == {issued.year, today.year}
    # The late report of the ward government is for the quarter that ended before it was sent.
    late = ProgressReport.objects.get(submitted_on=date(2026, 10, 12) + shift)
    assert late.period.end < late.submitted_on
    assert late.period.end == max(
        p.end for p in late.task.periods.all() if p.end < late.submitted_on
    )
