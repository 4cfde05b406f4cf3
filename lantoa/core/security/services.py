"""Writes for access control: role permissions, lock-out lifting, two-factor enrolment."""

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantoa.core.audit import audit
from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

DEVICE_NAME = "Lantoa"


@transaction.atomic
def security_roles_ensure() -> None:
    """Leaders see login lock-outs and lift them (idempotent)."""
    role_grant_permissions(
        role=Role.LEADER,
        app_label="axes",
        codenames=["view_accessattempt", "delete_accessattempt"],
    )


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """An unconfirmed authenticator for `user`; a previous unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm `device` with a code from the app; the session counts as verified on success."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit(request.user, "lantoa.2fa_enable", user=request.user)
    return True


@transaction.atomic
def totp_devices_remove(*, user, removed_by) -> int:
    """Remove every authenticator of `user` (lost phone); they enrol again at their next login.

    Audited on the user with the number of devices removed. Returns that number.
    """
    count, _by_model = TOTPDevice.objects.filter(user=user).delete()
    if count:
        audit(user, "lantoa.2fa_reset", user=removed_by, data={"devices": count})
    return count
