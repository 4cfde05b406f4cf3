"""Access: lock-out after repeated failures, two-factor for leaders, session expiry, passwords."""

import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from lantoa.core.models import User
from lantoa.core.security.models import EnrolmentCode, SecurityEvent
from lantoa.core.security.services import enrolment_code_issue

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def post_login(client, username, password, remember=False):
    data = {"username": username, "password": password, "next": "/admin/"}
    if remember:
        data["remember"] = "on"
    return client.post(LOGIN, data)


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


# --- lock-out ----------------------------------------------------------------------------------


def test_repeated_failures_lock_the_account_until_a_leader_lifts_it(
    demo_ward, client, demo_password
):
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        response = post_login(client, "bientap", "sai-mat-khau")
        assert response.status_code == 200  # the form again, with its error
    locked = post_login(client, "bientap", "sai-mat-khau")
    assert locked.status_code == 429
    assert "tạm thời bị khóa" in locked.content.decode()
    # The right password no longer helps while the lock holds.
    assert post_login(client, "bientap", demo_password).status_code == 429
    attempt = AccessAttempt.objects.get(username="bientap")
    assert attempt.failures_since_start >= limit

    leader = client_for(User.objects.get(username="lanhdao"))
    listing = leader.get(reverse("security_lockouts:index"))
    assert listing.status_code == 200
    assert "bientap" in listing.content.decode()
    assert "khóa đăng nhập" in listing.content.decode().lower()
    lift = leader.post(reverse("security_lockouts:delete", args=[attempt.pk]))
    assert lift.status_code == 302
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete", object_id=str(attempt.pk)).exists()

    assert post_login(client, "bientap", demo_password)["Location"] == "/admin/"


def test_locks_are_not_visible_to_other_roles_and_never_editable(demo_ward, client):
    post_login(client, "bientap", "sai-mat-khau")
    attempt = AccessAttempt.objects.get(username="bientap")
    reporter = client_for(User.objects.get(username="mttq"))
    assert reporter.get(reverse("security_lockouts:index")).status_code in {302, 403}
    assert reporter.post(reverse("security_lockouts:delete", args=[attempt.pk])).status_code in {
        302,
        403,
    }
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    leader = client_for(User.objects.get(username="lanhdao"))
    assert leader.get(reverse("security_lockouts:edit", args=[attempt.pk])).status_code in {
        302,
        403,
    }


def test_a_lock_is_per_address_so_nobody_can_lock_a_colleague_out(demo_ward, client, demo_password):
    from django.test import Client

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "bientap", "sai-mat-khau")
    elsewhere = Client(REMOTE_ADDR="10.0.0.7")
    assert post_login(elsewhere, "bientap", demo_password)["Location"] == "/admin/"


# --- two-factor --------------------------------------------------------------------------------


def client_for(user, otp_device=None):
    from django.test import Client

    client = Client()
    client.force_login(user)
    if otp_device is not None:
        session = client.session
        session["otp_device_id"] = otp_device.persistent_id
        session.save()
    return client


def test_leader_must_enrol_then_verify_before_using_the_admin(
    demo_ward, client, demo_password, settings
):
    settings.LANTOA_REQUIRE_2FA = True
    assert post_login(client, "lanhdao", demo_password)["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("lantoa_2fa_setup"))
    # The API, through the same session, is closed too.
    assert client.get("/api/me").status_code == 403

    # The password alone shows no authenticator key: an administrator's enrolment code first.
    asked = client.get(response["Location"])
    assert "data-enrolment-code" in asked.content.decode() and "<svg" not in asked.content.decode()
    code = enrolment_code_issue(
        user=User.objects.get(username="lanhdao"), issued_by=User.objects.get(username="admin")
    )
    entered = client.post(reverse("lantoa_2fa_setup"), {"enrolment_code": code, "next": "/admin/"})
    assert entered.status_code == 302

    setup = client.get(entered["Location"])
    assert setup.status_code == 200
    body = setup.content.decode()
    assert "<svg" in body and "Thiết lập xác thực hai lớp" in body
    device = TOTPDevice.objects.get(user__username="lanhdao", confirmed=False)

    wrong = client.post(reverse("lantoa_2fa_setup"), {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    time.sleep(1.1)  # django-otp throttles a device for 1 s after one wrong code
    ok = client.post(reverse("lantoa_2fa_setup"), {"token": code_for(device), "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert client.get("/api/me").status_code == 200

    # Next login: the code is asked again, and a code cannot be replayed.
    client.post(reverse("wagtailadmin_logout"))
    post_login(client, "lanhdao", demo_password)
    assert client.get("/admin/")["Location"].startswith(reverse("lantoa_2fa_verify"))
    bad = client.post(reverse("lantoa_2fa_verify"), {"token": "123456"})
    assert bad.status_code == 200 and "Mã không đúng" in bad.content.decode()
    time.sleep(1.1)
    good = client.post(reverse("lantoa_2fa_verify"), {"token": code_for(device, steps_ahead=1)})
    assert good.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_leader_with_only_the_password_cannot_enrol_an_authenticator(demo_ward, settings):
    settings.LANTOA_REQUIRE_2FA = True
    leader = client_for(User.objects.get(username="lanhdao"))
    page = leader.get(reverse("lantoa_2fa_setup")).content.decode()
    assert "data-enrolment-code" in page and 'data-testid="secret"' not in page
    assert not TOTPDevice.objects.filter(user__username="lanhdao").exists()
    # Guessing a code is refused and recorded; no device, no key.
    wrong = leader.post(reverse("lantoa_2fa_setup"), {"enrolment_code": "AAAA-BBBB-CCCC"})
    assert "không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user__username="lanhdao").exists()
    assert SecurityEvent.objects.get().kind == "enrolment_refused"
    # Posting an authenticator code straight away does not skip the step either.
    leader.post(reverse("lantoa_2fa_setup"), {"token": "123456"})
    assert not TOTPDevice.objects.filter(user__username="lanhdao").exists()


def test_enrolment_codes_are_single_use_expiring_hashed_and_issued_by_administrators(
    demo_ward, settings
):
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from lantoa.core.security.services import enrolment_code_redeem

    leader_user = User.objects.get(username="lanhdao")
    admin = User.objects.get(username="admin")
    with pytest.raises(PermissionDenied):
        enrolment_code_issue(user=leader_user, issued_by=User.objects.get(username="xaydungdang"))
    code = enrolment_code_issue(user=leader_user, issued_by=admin)
    stored = EnrolmentCode.objects.get()
    assert code.replace("-", "") not in stored.digest and len(stored.digest) == 64
    assert not enrolment_code_redeem(user=User.objects.get(username="ubnd"), code=code)
    assert enrolment_code_redeem(user=leader_user, code=code.lower())
    assert not enrolment_code_redeem(user=leader_user, code=code)  # single use
    expired = enrolment_code_issue(user=leader_user, issued_by=admin)
    EnrolmentCode.objects.filter(used_at__isnull=True).update(expires_at=timezone.now())
    assert not enrolment_code_redeem(user=leader_user, code=expired)
    first = enrolment_code_issue(user=leader_user, issued_by=admin)
    enrolment_code_issue(user=leader_user, issued_by=admin)
    assert not enrolment_code_redeem(user=leader_user, code=first)  # replaced by the new one


def test_an_administrator_issues_a_code_shown_once_in_the_admin(demo_ward, settings):
    settings.LANTOA_REQUIRE_2FA = False
    leader_user = User.objects.get(username="lanhdao")
    url = reverse("lantoa_2fa_enrolment_code", args=[leader_user.pk])
    admin = client_for(User.objects.get(username="admin"))
    users_page = admin.get(reverse("wagtailusers_users:index")).content.decode()
    assert url in users_page
    issued = admin.post(url)
    assert "no-store" in issued["Cache-Control"]
    code = issued.content.decode().split("data-enrolment-code")[1].split(">")[1].split("<")[0]
    assert len(code) == 14 and EnrolmentCode.objects.filter(user=leader_user).count() == 1
    assert code not in admin.get(url).content.decode()  # never shown again
    other_leader = client_for(User.objects.get(username="xaydungdang"))
    assert other_leader.post(url).status_code in (302, 403)
    assert EnrolmentCode.objects.filter(user=leader_user).count() == 1


def test_superuser_needs_two_factor_but_other_staff_do_not(demo_ward, settings):
    settings.LANTOA_REQUIRE_2FA = True
    admin = client_for(User.objects.get(username="admin"))
    assert admin.get("/admin/")["Location"].startswith(reverse("lantoa_2fa_setup"))
    editor = client_for(User.objects.get(username="bientap"))
    assert editor.get("/admin/").status_code == 200


def test_staff_who_enrolled_voluntarily_verify_at_every_login(demo_ward, settings):
    settings.LANTOA_REQUIRE_2FA = False
    editor = User.objects.get(username="bientap")
    device = TOTPDevice.objects.create(user=editor, name="Lantoa", confirmed=True)
    assert client_for(editor).get("/admin/")["Location"].startswith(reverse("lantoa_2fa_verify"))
    assert client_for(editor, otp_device=device).get("/admin/").status_code == 200


def test_without_the_requirement_the_demo_leader_logs_straight_in(demo_ward, settings):
    settings.LANTOA_REQUIRE_2FA = False
    assert client_for(User.objects.get(username="lanhdao")).get("/admin/").status_code == 200


def test_two_factor_next_parameter_cannot_redirect_off_site(demo_ward, settings):
    settings.LANTOA_REQUIRE_2FA = True
    leader = User.objects.get(username="lanhdao")
    device = TOTPDevice.objects.create(user=leader, name="Lantoa", confirmed=True)
    client = client_for(leader)
    response = client.post(
        reverse("lantoa_2fa_verify"), {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("wagtailadmin_home")


# --- sessions and passwords --------------------------------------------------------------------


def test_sessions_expire(demo_ward, client, demo_password):
    post_login(client, "bientap", demo_password)
    assert client.session.get_expire_at_browser_close()
    client.post(reverse("wagtailadmin_logout"))
    post_login(client, "bientap", demo_password, remember=True)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.parametrize("password", ["12345678", "password", "bientap2026", "ngắn"])
def test_weak_passwords_are_refused(demo_ward, password):
    user = User.objects.get(username="bientap")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)
