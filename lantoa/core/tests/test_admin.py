import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lantoa.core.models import Unit, User


@pytest.fixture
def admin_client_vi(client, demo_ward):
    client.force_login(User.objects.get(username="admin"))
    return client


def test_admin_is_in_vietnamese_with_organisation_counts(admin_client_vi):
    response = admin_client_vi.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi"' in html
    panel = re.search(r'data-panel="core".*?</section>', html, re.S).group(0)
    units = re.search(r'data-count="Đơn vị">(\d+)<', panel).group(1)
    users = re.search(r'data-count="Người dùng">(\d+)<', panel).group(1)
    assert int(units) == Unit.objects.filter(is_active=True).count()
    assert int(users) == User.objects.filter(is_active=True).count()


def test_user_form_carries_the_unit(admin_client_vi, demo_ward):
    url = reverse("wagtailusers_users:add")
    response = admin_client_vi.post(
        url,
        {
            "username": "moi",
            "email": "moi@example.vn",
            "first_name": "Mới",
            "last_name": "Nguyễn Văn",
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
            "is_active": "on",
            "unit": demo_ward["hoi-phu-nu"].pk,
            "groups": [Group.objects.get(name="Báo cáo đơn vị").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="moi").unit == demo_ward["hoi-phu-nu"]


def test_unit_changes_are_logged(admin_client_vi, demo_ward):
    from wagtail.models import ModelLogEntry

    unit = demo_ward["hoi-nong-dan"]
    url = reverse("wagtailsnippets_core_unit:edit", args=[unit.pk])
    response = admin_client_vi.post(
        url,
        {
            "code": unit.code,
            "name": "Hội Nông dân phường Quy Nhơn",
            "short_name": "Hội ND",
            "kind": unit.kind,
            "parent": unit.parent_id,
            "aliases": "",
            "email": "",
            "sort_order": 3,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    entry = ModelLogEntry.objects.filter(object_id=str(unit.pk), action="wagtail.edit").get()
    assert entry.user.username == "admin"


def test_unit_reporter_can_enter_admin_but_not_edit_units(client, demo_ward):
    reporter = User.objects.get(username="mttq")
    client.force_login(reporter)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    unit = demo_ward["mttq"]
    assert not reporter.has_perm("core.change_unit")
    response = client.get(reverse("wagtailsnippets_core_unit:edit", args=[unit.pk]))
    assert response.status_code in (302, 403)
    assert Permission.objects.filter(codename="access_admin", group__name="Báo cáo đơn vị").exists()
