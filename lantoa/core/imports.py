"""Services of the first-run setup: the office profile, units and staff accounts from the XLSX
templates Lantoa ships, and a test e-mail.

An import reads every row first and writes nothing unless every row is right: each bad row gets
its own Vietnamese message ("Dòng 4: …") and the whole file is refused (`RowsRefused`). Cells that
a spreadsheet would run as a formula are refused, not stored (they would come back in exports).
"""

import io
import re
import secrets
import smtplib
import unicodedata
from dataclasses import dataclass

import openpyxl
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from .audit import audit
from .constants import Role, UnitKind
from .exports import FORMULA_TRIGGERS
from .models import OfficeProfile, Unit, User
from .office_setup import RowsRefused, SetupOutcome
from .text import nfc
from .uploads import open_workbook

SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
MAX_ROWS = 2000  # an office has tens of units and staff; more is a wrong file


@dataclass(frozen=True)
class Template:
    """An XLSX template: the data sheet's column titles and the instructions sheet's lines."""

    filename: str
    sheet: str
    columns: tuple[str, ...]
    notes: tuple[str, ...]

    def workbook(self) -> bytes:
        book = openpyxl.Workbook()
        data = book.active
        data.title = self.sheet
        data.append(list(self.columns))
        for cell in data[1]:
            cell.font = Font(bold=True)
        for index, _title in enumerate(self.columns):
            data.column_dimensions[openpyxl.utils.get_column_letter(index + 1)].width = 28
        help_sheet = book.create_sheet(_("Hướng dẫn"))
        for line in self.notes:
            help_sheet.append([line])
        help_sheet.column_dimensions["A"].width = 110
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _role_names() -> str:
    return "; ".join(str(role.label) for role in Role)


UNITS_TEMPLATE = Template(
    "mau-don-vi.xlsx",
    "Đơn vị",
    ("Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại", "Mã đơn vị cấp trên", "Thư điện tử",
     "Tên gọi khác"),
    (
        "Mỗi dòng của trang “Đơn vị” là một đơn vị; dòng 1 là tiêu đề, giữ nguyên.",
        "Mã đơn vị: chữ thường không dấu, số, dấu gạch ngang (vd. chi-bo-khu-pho-1); duy nhất.",
        "Loại: một trong " + "; ".join(str(kind.label) for kind in UnitKind) + ".",
        "Mã đơn vị cấp trên: mã một đơn vị trong tệp này hoặc đã có trong Lantoa; để trống nếu "
        "là cấp cao nhất.",
        "Tên gọi khác: các cách gọi khác trong văn bản, cách nhau bởi dấu chấm phẩy (;).",
        "Nhập lại tệp thì đơn vị cùng mã được cập nhật, không tạo trùng.",
        "Không dùng công thức (ô bắt đầu bằng =, +, -, @).",
    ),
)  # fmt: skip

STAFF_TEMPLATE = Template(
    "mau-tai-khoan.xlsx",
    "Tài khoản",
    ("Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Mã đơn vị"),
    (
        "Mỗi dòng của trang “Tài khoản” là một cán bộ; dòng 1 là tiêu đề, giữ nguyên.",
        "Tên đăng nhập: chữ, số và . @ + - _ ; không trùng trong tệp và với tài khoản đã có.",
        "Vai trò: một hoặc nhiều trong " + "; ".join(str(role.label) for role in Role)
        + " (cách nhau bởi dấu chấm phẩy).",
        "Mã đơn vị: mã một đơn vị đã có (nhập tệp đơn vị trước); bắt buộc với cán bộ báo cáo của "
        "đơn vị.",
        "Mỗi tài khoản nhận một mật khẩu tạm, hiện một lần sau khi nhập: hãy trao cho cán bộ và "
        "đề nghị đổi ngay khi đăng nhập lần đầu.",
        "Không dùng công thức (ô bắt đầu bằng =, +, -, @).",
    ),
)  # fmt: skip


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text or "").split())).casefold()


def xlsx_rows(
    data: bytes, template: Template
) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """(row number, {column title: text}) of the first sheet's non-empty rows, after checking
    the header against the template, and a problem for each formula or formula-like cell."""
    try:
        book = open_workbook(io.BytesIO(data), data_only=False)
    except ValidationError:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ValueError(_("Không đọc được tệp XLSX (tệp hỏng hoặc không phải Excel).")) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_folded(cell) for cell in next(rows, ())]
        wanted = [_folded(title) for title in template.columns]
        if header[: len(wanted)] != wanted:
            raise ValueError(
                _("Dòng tiêu đề không đúng mẫu. Cần các cột: %(columns)s. Hãy tải mẫu và điền lại.")
                % {"columns": ", ".join(template.columns)}
            )
        found, problems = [], []
        for number, values in enumerate(rows, start=2):
            values = list(values[: len(wanted)]) + [None] * (len(wanted) - len(values))
            if all(value is None or str(value).strip() == "" for value in values):
                continue
            if len(found) >= MAX_ROWS:
                raise ValueError(
                    _("Tệp có hơn %(max)s dòng: không phải tệp của một cơ quan phường.")
                    % {"max": MAX_ROWS}
                )
            row = {}
            for title, value in zip(template.columns, values, strict=True):
                text = "" if value is None else nfc(str(value)).strip()
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    problems.append(
                        _("Dòng %(row)s, cột “%(column)s”: ô bắt đầu bằng “%(char)s” như một "
                          "công thức; Lantoa không nhận công thức.")
                        % {"row": number, "column": title, "char": value[:1]}
                    )  # fmt: skip
                row[title] = text
            found.append((number, row))
        if not found:
            raise ValueError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
        return found, problems
    finally:
        book.close()


def _unit_kind(text: str) -> str | None:
    for kind in UnitKind:
        if _folded(text) in {_folded(kind.value), _folded(kind.label)}:
            return kind.value
    return None


@transaction.atomic
def units_import(*, data: bytes, user=None) -> SetupOutcome:
    """Create or update units (by code) from the units template; all rows or none."""
    rows, problems = xlsx_rows(data, UNITS_TEMPLATE)
    code_col, name_col, short_col, kind_col, parent_col, email_col, alias_col = (
        UNITS_TEMPLATE.columns
    )
    seen: dict[str, int] = {}
    existing = set(Unit.objects.values_list("code", flat=True))
    for number, row in rows:
        code = row[code_col]
        try:
            if not code:
                raise ValidationError(_("thiếu mã đơn vị"))
            if len(code) > 64 or not SLUG.fullmatch(code):
                raise ValidationError(_("chỉ chữ thường không dấu, số và dấu gạch ngang"))
        except ValidationError as exc:
            problems.append(_("Dòng %(row)s: mã “%(code)s” không hợp lệ (%(why)s).") % {
                "row": number, "code": code, "why": " ".join(exc.messages)})  # fmt: skip
        if code in seen:
            problems.append(_("Dòng %(row)s: mã “%(code)s” trùng dòng %(other)s.") % {
                "row": number, "code": code, "other": seen[code]})  # fmt: skip
        seen.setdefault(code, number)
        if not row[name_col]:
            problems.append(_("Dòng %(row)s: thiếu tên đơn vị.") % {"row": number})
        if not _unit_kind(row[kind_col]):
            problems.append(_("Dòng %(row)s: loại “%(kind)s” không có; dùng: %(allowed)s.") % {
                "row": number, "kind": row[kind_col],
                "allowed": "; ".join(str(kind.label) for kind in UnitKind)})  # fmt: skip
        parent = row[parent_col]
        if parent and parent == code:
            problems.append(
                _("Dòng %(row)s: đơn vị không thể là cấp trên của chính nó.") % {"row": number}
            )
        elif parent and parent not in existing and parent not in {r[code_col] for _n, r in rows}:
            problems.append(_("Dòng %(row)s: không có đơn vị cấp trên mã “%(parent)s”.") % {
                "row": number, "parent": parent})  # fmt: skip
        if row[email_col]:
            try:
                validate_email(row[email_col])
            except ValidationError:
                problems.append(_("Dòng %(row)s: thư điện tử “%(email)s” không hợp lệ.") % {
                    "row": number, "email": row[email_col]})  # fmt: skip
        for column, limit in ((name_col, 255), (short_col, 64)):
            if len(row[column]) > limit:
                problems.append(_("Dòng %(row)s: “%(column)s” dài quá %(limit)s ký tự.") % {
                    "row": number, "column": column, "limit": limit})  # fmt: skip
    if problems:
        raise RowsRefused(problems)
    order = Unit.objects.count()
    units, created = {}, 0
    for number, row in rows:
        unit, is_new = Unit.objects.update_or_create(
            code=row[code_col],
            defaults={
                "name": row[name_col],
                "short_name": row[short_col],
                "kind": _unit_kind(row[kind_col]),
                "email": row[email_col],
                "aliases": "\n".join(a.strip() for a in row[alias_col].split(";") if a.strip()),
            },
        )
        if is_new:
            unit.sort_order = order + number
            unit.save(update_fields=["sort_order"])
        units[unit.code] = unit
        created += is_new
    for _number, row in rows:
        parent = row[parent_col]
        unit = units[row[code_col]]
        unit.parent = units.get(parent) or (Unit.objects.get(code=parent) if parent else None)
        unit.save(update_fields=["parent"])
    _check_no_cycle(units.values())
    for unit in units.values():
        audit(unit, "wagtail.edit", user=user)
    return SetupOutcome(
        _("Đã nhập %(total)s đơn vị: %(created)s mới, %(updated)s cập nhật.")
        % {"total": len(units), "created": created, "updated": len(units) - created}
    )


def _check_no_cycle(units) -> None:
    for unit in units:
        seen, current = {unit.pk}, unit.parent
        while current is not None:
            if current.pk in seen:
                raise ValueError(
                    _("Đơn vị “%(code)s” nằm trong một vòng cấp trên – cấp dưới; hãy sửa cột "
                      "“Mã đơn vị cấp trên”.") % {"code": unit.code}
                )  # fmt: skip
            seen.add(current.pk)
            current = current.parent


def _roles(text: str) -> tuple[list[Role], list[str]]:
    found, unknown = [], []
    for part in text.replace(",", ";").split(";"):
        if not part.strip():
            continue
        role = next(
            (r for r in Role if _folded(part) in {_folded(r.value), _folded(r.label)}), None
        )
        (found.append(role) if role else unknown.append(part.strip()))
    return found, unknown


@transaction.atomic
def staff_import(*, data: bytes, user=None) -> SetupOutcome:
    """Create staff accounts with roles and units from the staff template; all rows or none.

    Each new account gets a random temporary password, returned once in the outcome's table
    (never stored in clear, never logged)."""
    rows, problems = xlsx_rows(data, STAFF_TEMPLATE)
    username_col, name_col, email_col, roles_col, unit_col = STAFF_TEMPLATE.columns
    units = {unit.code: unit for unit in Unit.objects.all()}
    taken = {name.casefold() for name in User.objects.values_list("username", flat=True)}
    seen, accepted = {}, []
    for number, row in rows:
        username = row[username_col]
        where = {"row": number, "username": username}
        try:
            if not username:
                raise ValidationError(_("thiếu tên đăng nhập"))
            if len(username) > 150:
                raise ValidationError(_("dài quá 150 ký tự"))
            UnicodeUsernameValidator()(username)
        except ValidationError as exc:
            problems.append(_("Dòng %(row)s: tên đăng nhập “%(username)s” không hợp lệ (%(why)s).")
                            % {**where, "why": " ".join(exc.messages)})  # fmt: skip
        if username.casefold() in seen:
            problems.append(_("Dòng %(row)s: tên đăng nhập “%(username)s” trùng dòng %(other)s.")
                            % {**where, "other": seen[username.casefold()]})  # fmt: skip
        elif username.casefold() in taken:
            problems.append(_("Dòng %(row)s: đã có tài khoản “%(username)s” (sửa trong mục Người "
                              "dùng).") % where)  # fmt: skip
        seen.setdefault(username.casefold(), number)
        if not row[name_col]:
            problems.append(_("Dòng %(row)s: thiếu họ và tên.") % where)
        if row[email_col]:
            try:
                validate_email(row[email_col])
            except ValidationError:
                problems.append(_("Dòng %(row)s: thư điện tử “%(email)s” không hợp lệ.")
                                % {**where, "email": row[email_col]})  # fmt: skip
        roles, unknown = _roles(row[roles_col])
        if unknown:
            problems.append(_("Dòng %(row)s: không có vai trò “%(role)s”; dùng: %(allowed)s.")
                            % {**where, "role": "; ".join(unknown),
                               "allowed": _role_names()})  # fmt: skip
        elif not roles:
            problems.append(_("Dòng %(row)s: cần ít nhất một vai trò.") % where)
        unit = units.get(row[unit_col]) if row[unit_col] else None
        if row[unit_col] and unit is None:
            problems.append(_("Dòng %(row)s: không có đơn vị mã “%(unit)s” (nhập đơn vị trước).")
                            % {**where, "unit": row[unit_col]})  # fmt: skip
        if Role.UNIT_REPORTER in roles and not row[unit_col]:
            problems.append(_("Dòng %(row)s: cán bộ báo cáo của đơn vị cần mã đơn vị.") % where)
        accepted.append((row, roles, unit))
    if problems:
        raise RowsRefused(problems)
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    if missing := [role.value for role in Role if role.value not in groups]:
        raise ValueError(
            _("Chưa có nhóm vai trò %(roles)s: chạy “manage.py roles_ensure” trước.")
            % {"roles": ", ".join(missing)}
        )
    table = []
    for row, roles, unit in accepted:
        family, _sep, given = row[name_col].rpartition(" ")
        password = secrets.token_urlsafe(9)
        account = User(
            username=row[username_col],
            first_name=given,
            last_name=family,
            email=row[email_col],
            unit=unit,
        )
        account.set_temporary_password(password)
        account.save()
        account.groups.add(*(groups[role.value] for role in roles))
        audit(account, "wagtail.create", user=user)
        table.append([account.username, account.get_full_name(), password])
    return SetupOutcome(
        _("Đã tạo %(count)s tài khoản. Mật khẩu tạm chỉ hiện một lần dưới đây: hãy trao cho "
          "từng cán bộ và đề nghị đổi ngay.") % {"count": len(table)},
        header=[_("Tên đăng nhập"), _("Họ và tên"), _("Mật khẩu tạm")],
        rows=table,
    )  # fmt: skip


@transaction.atomic
def office_profile_save(
    *, place: str, province: str, office_name: str = "", parent_body: str = "", user=None
) -> OfficeProfile:
    """Save the ward's name and province (the documents' place line and signing bodies)."""
    place, province = nfc(place).strip(), nfc(province).strip()
    if not place or not province:
        raise ValueError(_("Cần tên phường, xã và tên tỉnh, thành phố."))
    profile = OfficeProfile.objects.first() or OfficeProfile()
    profile.place, profile.province = place, province
    profile.office_name, profile.parent_body = nfc(office_name).strip(), nfc(parent_body).strip()
    profile.save()
    audit(profile, "wagtail.edit", user=user)
    return profile


def test_email_send(*, to: str) -> SetupOutcome:
    """Send one test message through the configured mail server; a failure is explained."""
    validate_email(to)
    try:
        send_mail(
            _("Lantoa: thư thử"),
            _("Thư này xác nhận Lantoa gửi được thư điện tử (cảnh báo, bản tin hằng ngày)."),
            settings.DEFAULT_FROM_EMAIL,
            [to],
            fail_silently=False,
        )
    except (smtplib.SMTPException, OSError) as exc:
        raise ValueError(
            _("Không gửi được thư: %(error)s. Kiểm tra DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT "
              "(docs/operations.md).") % {"error": exc}
        ) from None  # fmt: skip
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return SetupOutcome(
            _("Chế độ thử nghiệm (DJANGO_DEBUG=1): thư được ghi thành tệp trong %(folder)s, "
              "không gửi đi.") % {"folder": settings.EMAIL_FILE_PATH}
        )  # fmt: skip
    return SetupOutcome(
        _("Đã gửi thư thử tới %(to)s. Hãy kiểm tra hộp thư (cả mục thư rác).") % {"to": to}
    )
