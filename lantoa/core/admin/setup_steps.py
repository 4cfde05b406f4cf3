"""Core's steps of the first-run setup page: the ward, the shipped configuration, units, staff
accounts, a test e-mail. Each form validates, its handler calls one service."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..imports import (
    STAFF_TEMPLATE,
    UNITS_TEMPLATE,
    office_profile_save,
    staff_import,
    test_email_send,
    units_import,
)
from ..office_setup import SetupOutcome, SetupStep, office_setup
from ..selectors import office
from ..uploads import XLSX_IMPORT, PolicyFileField


class OfficeForm(forms.Form):
    place = forms.CharField(label=gettext_lazy("Tên phường, xã"), max_length=100)
    province = forms.CharField(label=gettext_lazy("Tỉnh, thành phố"), max_length=100)
    office_name = forms.CharField(
        label=gettext_lazy("Tên cơ quan ký văn bản"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Để trống: “Đảng ủy phường <tên phường>”."),
    )
    parent_body = forms.CharField(
        label=gettext_lazy("Cấp ủy cấp trên"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Để trống: “Đảng bộ tỉnh <tên tỉnh>”."),
    )


def _office_initial(request) -> dict:
    current = office()
    return {"place": current.place, "province": current.province}


def _office_save(request, form) -> SetupOutcome:
    profile = office_profile_save(**form.cleaned_data, user=request.user)
    return SetupOutcome(
        _("Đã lưu: %(name)s, %(province)s.") % {"name": office().name, "province": profile.province}
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Nạp danh sách theo dõi, chủ đề và quy tắc cảnh báo có sẵn"),
        required=True,
    )


def _config_load(request, form) -> SetupOutcome:
    lines: list[str] = []
    office_setup(log=lines.append, skip=frozenset({"monitoring"}))
    return SetupOutcome(" · ".join(line.split(": ", 1)[-1] for line in lines))


class XlsxForm(forms.Form):
    file = PolicyFileField(label=gettext_lazy("Tệp XLSX theo mẫu"), policy=XLSX_IMPORT)


def _units(request, form) -> SetupOutcome:
    return units_import(data=form.cleaned_data["file"].read(), user=request.user)


def _staff(request, form) -> SetupOutcome:
    return staff_import(data=form.cleaned_data["file"].read(), user=request.user)


class EmailForm(forms.Form):
    to = forms.EmailField(label=gettext_lazy("Gửi thư thử tới"))


def _email(request, form) -> SetupOutcome:
    return test_email_send(to=form.cleaned_data["to"])


SETUP_STEPS = [
    SetupStep(
        key="office",
        order=10,
        title=gettext_lazy("Tên phường và tỉnh"),
        intro=gettext_lazy("Dùng ở dòng địa danh và tên cơ quan của văn bản, trang công khai."),
        form_class=OfficeForm,
        handle=_office_save,
        initial=_office_initial,
    ),
    SetupStep(
        key="config",
        order=15,
        title=gettext_lazy("Cấu hình theo dõi có sẵn"),
        intro=gettext_lazy(
            "Danh sách theo dõi phường, tỉnh, danh thắng, cơ quan lãnh đạo bằng sáu thứ tiếng; "
            "chủ đề nhạy cảm theo mục III.4 của kế hoạch; quy tắc cảnh báo mặc định. Chỉ thêm "
            "mục chưa có, không sửa mục đã có."
        ),
        form_class=ConfirmForm,
        handle=_config_load,
    ),
    SetupStep(
        key="units",
        order=20,
        title=gettext_lazy("Đơn vị"),
        intro=gettext_lazy(
            "Tải mẫu, điền mỗi dòng một đơn vị (Đảng ủy, chi bộ, UBND, MTTQ, đoàn thể…), rồi "
            "tải lên. Có dòng sai thì không lưu gì và báo từng dòng."
        ),
        form_class=XlsxForm,
        handle=_units,
        downloads=(("units", gettext_lazy("Tải mẫu đơn vị (XLSX)")),),
    ),
    SetupStep(
        key="staff",
        order=30,
        title=gettext_lazy("Tài khoản cán bộ"),
        intro=gettext_lazy(
            "Mỗi dòng một cán bộ với vai trò và đơn vị. Mật khẩu tạm hiện một lần sau khi nhập."
        ),
        form_class=XlsxForm,
        handle=_staff,
        downloads=(("staff", gettext_lazy("Tải mẫu tài khoản (XLSX)")),),
    ),
    SetupStep(
        key="email",
        order=50,
        title=gettext_lazy("Thư điện tử thử"),
        intro=gettext_lazy("Cảnh báo và bản tin hằng ngày đi bằng thư: kiểm tra máy chủ thư."),
        form_class=EmailForm,
        handle=_email,
        initial=lambda request: {"to": request.user.email},
    ),
]

TEMPLATES = {"units": UNITS_TEMPLATE, "staff": STAFF_TEMPLATE}
