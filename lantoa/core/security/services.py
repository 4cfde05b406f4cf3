"""Writes for access control: role permissions, lock-out lifting, two-factor enrolment."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantoa.core.audit import audit
from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

from .models import EnrolmentCode

DEVICE_NAME = "Lantoa"


@transaction.atomic
def security_roles_ensure() -> None:
    """Leaders see login lock-outs and lift them (idempotent)."""
    role_grant_permissions(
        role=Role.LEADER,
        app_label="axes",
        codenames=["view_accessattempt", "delete_accessattempt"],
    )


# Unambiguous characters (no 0/O, 1/I/L): a code is read aloud or copied from a screen.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31**12 ≈ 2**59


def _code_digest(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


@transaction.atomic
def enrolment_code_issue(*, user, issued_by) -> str:
    """A new single-use enrolment code for `user`, valid `LANTOA_2FA_ENROLMENT_HOURS` (24 h).

    Only an administrator issues one (`issued_by` is a superuser, or None for the command line);
    the user's earlier unused codes stop working. Returns the code, which is stored only hashed:
    show it once."""
    if issued_by is not None and not issued_by.is_superuser:
        raise PermissionDenied(_("Chỉ quản trị viên mới cấp được mã đăng ký xác thực hai lớp."))
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    hours = settings.LANTOA_2FA_ENROLMENT_HOURS
    EnrolmentCode.objects.create(
        user=user,
        digest=_code_digest(code),
        issued_by=issued_by,
        expires_at=timezone.now() + timedelta(hours=hours),
    )
    audit(user, "lantoa.2fa_code_issue", user=issued_by, data={"hours": hours})
    return "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4))


@transaction.atomic
def enrolment_code_redeem(*, user, code: str) -> bool:
    """Use `code` for `user`: True once for a valid, unexpired, unused code of theirs."""
    row = (
        EnrolmentCode.objects.select_for_update()
        .filter(
            user=user,
            digest=_code_digest(code),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if row is None:
        return False
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    audit(user, "lantoa.2fa_code_use", user=user)
    return True


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
