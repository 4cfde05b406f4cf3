"""The in-app alerts inbox: unread count, mark read / unread, mark all read, links to items."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import expect

from lantoa.core.models import User

from .. import demo
from ..constants import AlertKind
from ..models import Alert, AlertRule
from ..wagtail_hooks import inbox_menu_item
from .factories import indexed_items

pytestmark = pytest.mark.django_db


def _alerts(n=3):
    rule = AlertRule.objects.filter(kind=AlertKind.MATCH).first()
    items = indexed_items(*[{"title": f"Quy Nhơn tin số {k}"} for k in range(n)])
    alerts = []
    for k, item in enumerate(items):
        alert = Alert.objects.create(
            rule=rule, kind=AlertKind.MATCH, title=f"Cảnh báo {k}", dedup_key=f"inbox-{k}"
        )
        alert.items.add(item)
        alerts.append(alert)
    return alerts, items


def _menu_label(username):
    """The inbox entry of the admin menu as `username` sees it."""
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username=username)
    return str(inbox_menu_item().render_component(request).label)


@pytest.fixture
def monitor_client(client, demo_ward):
    demo.load(log=lambda m: None)
    client.force_login(User.objects.get(username="theodoi"))
    return client


def test_inbox_read_unread_and_read_all(monitor_client):
    alerts, items = _alerts()
    inbox = monitor_client.get(reverse("insights_inbox"))
    content = inbox.content.decode()
    assert inbox.context["unread"] == 3
    assert 'data-inbox-unread="3"' in content
    assert reverse("insights_item", args=[items[0].pk]) in content  # each alert links its items
    assert "Cảnh báo chưa đọc" in monitor_client.get("/admin/").content.decode()
    assert _menu_label("theodoi") == "Hộp cảnh báo (3)"

    response = monitor_client.post(
        reverse("insights_alert_read", args=[alerts[0].pk]), {"read": "1"}
    )
    assert response.status_code == 302
    theodoi = User.objects.get(username="theodoi")
    assert list(Alert.objects.filter(read_by=theodoi)) == [alerts[0]]
    unread_page = monitor_client.get(reverse("insights_inbox"))
    assert [a.pk for a in unread_page.context["alerts"]] == [alerts[2].pk, alerts[1].pk]
    all_page = monitor_client.get(reverse("insights_inbox") + "?show=all")
    assert len(all_page.context["alerts"]) == 3

    monitor_client.post(reverse("insights_alert_read", args=[alerts[0].pk]), {"read": "0"})
    assert not Alert.objects.filter(read_by=theodoi).exists()

    monitor_client.post(reverse("insights_alerts_read_all"))
    assert Alert.objects.filter(read_by=theodoi).count() == 3
    assert monitor_client.get(reverse("insights_inbox")).context["unread"] == 0
    # another person's inbox is untouched
    assert not Alert.objects.filter(read_by__username="lanhdao").exists()
    assert _menu_label("theodoi") == "Hộp cảnh báo"
    assert _menu_label("lanhdao") == "Hộp cảnh báo (3)"


def test_opening_an_alert_reads_it(monitor_client):
    alerts, _ = _alerts(1)
    page = monitor_client.get(reverse("insights_alert:inspect", args=[alerts[0].pk]))
    assert page.status_code == 200
    assert alerts[0].read_by.filter(username="theodoi").exists()


def test_unit_reporter_has_no_inbox(client, demo_ward):
    demo.load(log=lambda m: None)
    client.force_login(User.objects.get(username="mttq"))
    assert client.get(reverse("insights_inbox")).status_code in (302, 403)  # Wagtail: 302
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="mttq")
    assert not inbox_menu_item().is_shown(request)
    assert client.get("/admin/").status_code == 200  # the dashboard counts no alerts for them


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_monitor_works_through_the_inbox_in_a_browser(page, admin_login, demo_ward):
    demo.load(log=lambda m: None)
    alerts, items = _alerts(2)
    admin_login("theodoi")
    page.goto("/admin/insights/inbox/")
    expect(page.locator("[data-inbox-unread]")).to_have_attribute("data-inbox-unread", "2")
    page.locator(f'[data-alert="{alerts[1].pk}"] [data-mark=read]').click()
    expect(page.locator("[data-inbox-unread]")).to_have_attribute("data-inbox-unread", "1")
    expect(page.locator(f'[data-alert="{alerts[1].pk}"]')).to_have_count(0)
    page.click("[data-inbox-read-all]")
    expect(page.locator("[data-inbox-empty]")).to_be_visible()
    page.click("[data-inbox-show=all]")
    page.locator(f'[data-alert-item="{items[0].pk}"]').click()
    expect(page.locator("h1")).to_contain_text(items[0].title)
