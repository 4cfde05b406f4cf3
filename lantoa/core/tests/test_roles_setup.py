"""A production install (no demo data) gets the same role permissions as the demo; a leader removes
a colleague's lost authenticator from the user list, with an audit entry."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from lantoa.core.constants import Role
from lantoa.core.models import User
from lantoa.core.registry import app_modules
from lantoa.core.tests.test_security_access import client_for

pytestmark = pytest.mark.django_db


def _grants() -> dict[str, set[str]]:
    return {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.filter(name__in=[role.value for role in Role])
    }


def test_roles_ensure_on_an_empty_database_grants_what_the_demo_grants():
    # Fresh migrate: at most the leaders' lock-out rights (granted after migrate), nothing else.
    others = [role.value for role in Role if role != Role.LEADER]
    assert not Group.objects.filter(name__in=others).exists()
    out = io.StringIO()
    call_command("roles_ensure", stdout=out)
    production = _grants()
    assert set(production) == {role.value for role in Role}
    assert "responses.act_on_case" in production[Role.RAPID_RESPONSE.value]
    assert "plans.view_task" in production[Role.LEADER.value]
    assert "insights.add_label" in production[Role.MONITOR.value]
    assert "axes.delete_accessattempt" in production[Role.LEADER.value]
    assert f"{Role.LEADER.value}: " in out.getvalue()
    call_command("roles_ensure", stdout=io.StringIO())  # idempotent
    assert _grants() == production
    # Everything the demo loaders grant is already there (they add content, not rights).
    for module in app_modules("demo"):
        module.load(log=lambda message: None)
    assert _grants() == production


def _refused(response) -> bool:
    """Wagtail turns PermissionDenied in the admin into a redirect home with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


@pytest.fixture
def lost_phone(demo_ward, settings):
    settings.LANTOA_REQUIRE_2FA = True
    reporter = User.objects.get(username="mttq")
    TOTPDevice.objects.create(user=reporter, name="Lantoa", confirmed=True)
    leader = User.objects.get(username="lanhdao")
    device = TOTPDevice.objects.create(user=leader, name="Lantoa", confirmed=True)
    return reporter, client_for(leader, otp_device=device)


def test_a_leader_removes_a_lost_authenticator_with_an_audit_entry(lost_phone):
    reporter, leader = lost_phone
    admin = User.objects.get(username="admin")
    admin_client = client_for(admin, TOTPDevice.objects.create(user=admin, confirmed=True))
    url = reverse("lantoa_2fa_reset", args=[reporter.pk])
    # The button sits in the user list (for whoever may see the list, e.g. administrators).
    assert url in admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "thiết bị xác thực" in leader.get(url).content.decode()
    response = leader.post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    entry = ModelLogEntry.objects.get(action="lantoa.2fa_reset", object_id=str(reporter.pk))
    assert entry.user.username == "lanhdao" and entry.data == {"devices": 1}
    listing = admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    assert url not in listing


def test_only_leaders_remove_devices_and_only_admins_remove_an_admins(lost_phone):
    reporter, leader = lost_phone
    admin = User.objects.get(username="admin")
    TOTPDevice.objects.create(user=admin, name="Lantoa", confirmed=True)
    assert _refused(leader.post(reverse("lantoa_2fa_reset", args=[admin.pk])))
    assert TOTPDevice.objects.filter(user=admin).exists()
    other = client_for(reporter, otp_device=TOTPDevice.objects.get(user=reporter))
    assert _refused(other.post(reverse("lantoa_2fa_reset", args=[reporter.pk])))
    assert TOTPDevice.objects.filter(user=reporter).count() == 1
    assert not ModelLogEntry.objects.filter(action="lantoa.2fa_reset").exists()
