"""Two-factor authentication (TOTP, django-otp) for the admin.

Leaders and superusers must enrol and verify an authenticator app before using the admin when
`LANTOA_REQUIRE_2FA` is on (the default in production, off under DEBUG so the demo login works).
Anyone else may enrol; once enrolled, they verify at every login too.

A leader or administrator enrols only with a single-use enrolment code an administrator issued
(`services.enrolment_code_issue`, a button in the user list or `manage.py enrolment_code`): the
password alone does not let anyone bind their own authenticator to such an account.
"""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantoa.core.constants import Role
from lantoa.core.roles import user_has_role

from .events import SecurityEventKind, security_event_record
from .services import (
    enrolment_code_issue,
    enrolment_code_redeem,
    totp_device_confirm,
    totp_device_start,
)

ENROLMENT_SESSION_KEY = "lantoa_2fa_enrolment_user"


def requires_two_factor(user) -> bool:
    """Leaders and administrators hold the most sensitive rights: they need a second factor."""
    return bool(user.is_superuser) or user_has_role(user, Role.LEADER)


def _exempt_paths() -> tuple[str, ...]:
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("lantoa_2fa_setup"),
        reverse("lantoa_2fa_verify"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_password_reset"),
        settings.STATIC_URL,
    )


def _guarded(path: str) -> bool:
    return path.startswith(("/admin/", "/api/")) and not path.startswith(_exempt_paths())


class TwoFactorMiddleware:
    """Sends a session that still lacks its second factor to enrolment or verification."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and _guarded(request.path)
        ):
            needed = _needed_step(user)
            if needed:
                return _refuse(request, needed)
        return self.get_response(request)


def _needed_step(user) -> str | None:
    if user_has_device(user, confirmed=True):
        return "lantoa_2fa_verify"
    if settings.LANTOA_REQUIRE_2FA and requires_two_factor(user):
        return "lantoa_2fa_setup"
    return None


def _refuse(request, step: str):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": str(_("Cần xác thực hai lớp trước khi dùng API bằng phiên đăng nhập."))},
            status=403,
        )
    return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": ""}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "")


# django-otp doubles a device's waiting time after each wrong code: say so.
WRONG_CODE = _(
    "Mã không đúng hoặc đã hết hạn. Sau mỗi lần nhập sai, hãy đợi vài giây rồi nhập mã mới "
    "trên ứng dụng."
)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=_("Mã đăng ký do quản trị viên cấp"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": ""}),
    )


def needs_enrolment_code(request) -> bool:
    """Leaders and administrators show an enrolment code before they see an authenticator key."""
    return requires_two_factor(request.user) and (
        request.session.get(ENROLMENT_SESSION_KEY) != request.user.pk
    )


def _enrolment_code_step(request):
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enrolment_code_redeem(user=request.user, code=form.cleaned_data["enrolment_code"]):
            request.session[ENROLMENT_SESSION_KEY] = request.user.pk
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('lantoa_2fa_setup')}?{query}")
        security_event_record(
            kind=SecurityEventKind.ENROLMENT_REFUSED,
            message="Mã đăng ký xác thực hai lớp sai, đã dùng hoặc hết hạn.",
            request=request,
            target=request.user.get_username(),
        )
        form.add_error(
            "enrolment_code",
            _("Mã đăng ký không đúng, đã dùng hoặc đã hết hạn. Hãy xin quản trị viên cấp mã mới."),
        )
    return TemplateResponse(
        request,
        "security/two_factor_enrolment_code.html",
        {"form": form, "next": _next_url(request)},
    )


def setup_view(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code.

    A leader or administrator first gives an enrolment code (see `needs_enrolment_code`)."""
    if user_has_device(request.user, confirmed=True):
        return redirect("lantoa_2fa_verify")
    if needs_enrolment_code(request):
        return _enrolment_code_step(request)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None or request.method == "GET":
        if user_has_device(request.user, confirmed=True):
            return redirect("lantoa_2fa_verify")
        device = totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    secret = base64.b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (SVG generated by qrcode)
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _next_url(request),
        },
    )


def verify_view(request):
    """Second step of every login for an enrolled user."""
    if not user_has_device(request.user, confirmed=True):
        return redirect("lantoa_2fa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return TemplateResponse(
        request, "security/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def may_remove_devices(request_user, target) -> bool:
    """Leaders and administrators remove a colleague's lost authenticator; only an administrator
    removes an administrator's."""
    if target.is_superuser:
        return bool(request_user.is_superuser)
    return bool(request_user.is_superuser) or user_has_role(request_user, Role.LEADER)


def enrolment_code_view(request, user_id: int):
    """An administrator issues a user's enrolment code; it is shown on this page, once."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    if not request.user.is_superuser:
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    code = None
    if request.method == "POST":
        code = enrolment_code_issue(user=target, issued_by=request.user)
    response = TemplateResponse(
        request,
        "security/two_factor_enrolment_issue.html",
        {"target": target, "code": code, "hours": settings.LANTOA_2FA_ENROLMENT_HOURS},
    )
    response["Cache-Control"] = "no-store"  # the code must not stay in a cache
    return response


def reset_view(request, user_id: int):
    """Confirm, then remove a user's authenticator devices (audited)."""
    from django.contrib import messages
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    from .services import totp_devices_remove

    target = get_object_or_404(get_user_model(), pk=user_id)
    if not may_remove_devices(request.user, target):
        raise PermissionDenied
    if request.method == "POST":
        count = totp_devices_remove(user=target, removed_by=request.user)
        messages.success(
            request,
            _(
                "Đã gỡ %(count)s thiết bị xác thực của %(user)s; "
                "lần đăng nhập tới họ sẽ đăng ký lại."
            )
            % {"count": count, "user": target.get_full_name() or target.get_username()},
        )
        if request.user.has_perm("auth.change_user"):
            return redirect("wagtailusers_users:index")
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "security/two_factor_reset.html",
        {
            "target": target,
            "devices": TOTPDevice.objects.filter(user=target).count(),
        },
    )
