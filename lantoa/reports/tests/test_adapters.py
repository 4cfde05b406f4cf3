"""Figures computed from other apps' selectors, checked against counts made by hand."""

import re
from datetime import date, timedelta

import pytest

from lantoa.core.models import User
from lantoa.reports import selectors

pytestmark = pytest.mark.django_db
YEAR = date.today().year


def _figure(key, unit=None):
    spec = next(spec for spec in selectors.FIGURES if spec.key == key)
    figure = selectors.figure_compute(
        spec, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), unit=unit
    )
    return {str(count.label): count for count in figure.counts or []}


def _rows(client, url):
    html = client.get(url).content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return len(re.findall(r"<tr", body.group(1))) if body else 0


def test_tasks_by_status_bucket_and_their_links(client, demo_ward):
    from lantoa.plans.tests.factories import make_task

    today = date.today()
    make_task(demo_ward, title="Quá hạn", due_date=today - timedelta(days=10))
    make_task(demo_ward, title="Còn hạn", due_date=today + timedelta(days=10))
    make_task(demo_ward, lead="mttq", title="Còn hạn MTTQ", due_date=today + timedelta(days=20))
    figures = _figure("tasks")
    assert {label: c.value for label, c in figures.items()} == {
        "Hoàn thành đúng hạn": 0,
        "Hoàn thành quá hạn": 0,
        "Đang thực hiện trong hạn": 2,
        "Chưa hoàn thành, quá hạn": 1,
    }
    assert figures["Chưa hoàn thành, quá hạn"].tone == "warning"
    client.force_login(User.objects.get(username="admin"))
    assert _rows(client, figures["Chưa hoàn thành, quá hạn"].url) == 1
    scoped = _figure("tasks", unit=demo_ward["mttq"])
    assert scoped["Đang thực hiện trong hạn"].value == 1
    assert _rows(client, scoped["Đang thực hiện trong hạn"].url) == 1


def test_no_tasks_means_no_data(demo_ward):
    assert _figure("tasks") == {}


def test_case_counts_and_timeliness(client, demo_ward):
    from lantoa.responses.tests.helpers import open_case

    user = User.objects.get(username="phanung")
    open_case(user)
    open_case(user)
    figures = _figure("cases")
    assert figures["Vụ việc"].value == 2
    assert figures["Đã công bố làm rõ"].value == 0
    # Nothing published and nothing due yet: no share to show rather than a made-up one.
    assert figures["Tỷ lệ đúng hạn (%)"].value == "—"
    client.force_login(User.objects.get(username="admin"))
    assert _rows(client, figures["Vụ việc"].url) == 2
