"""Choices and role names shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Đảng ủy")
    PARTY_BOARD = "party_board", _("Ban, văn phòng của Đảng ủy")
    PARTY_CELL = "party_cell", _("Chi bộ, đảng bộ bộ phận")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    GOVERNMENT_OFFICE = "government_office", _("Cơ quan chuyên môn")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị - xã hội")
    OTHER = "other", _("Khác")


class Role(models.TextChoices):
    """Roles are Wagtail groups; the value is the group name staff see in the admin."""

    LEADER = "Lãnh đạo", _("Lãnh đạo")
    MONITOR = "Cán bộ theo dõi", _("Cán bộ theo dõi")
    EDITOR = "Biên tập viên", _("Biên tập viên")
    RAPID_RESPONSE = "Phản ứng nhanh", _("Thành viên phản ứng nhanh")
    UNIT_REPORTER = "Báo cáo đơn vị", _("Cán bộ báo cáo của đơn vị")


# Roles that see every unit's records; everyone else is limited to their own unit.
ROLES_SEEING_ALL_UNITS = frozenset({Role.LEADER, Role.MONITOR, Role.EDITOR, Role.RAPID_RESPONSE})


class Audience(models.TextChoices):
    """Who dissemination and promotion address (shared by plans and promotion).

    Overseas Vietnamese ("người Việt Nam ở nước ngoài") are an audience of their own in external
    information work (III.1 of a plan), apart from foreigners and the people at home.
    """

    CADRES = "cadres", _("Cán bộ")
    PARTY_MEMBERS = "party_members", _("Đảng viên")
    ASSOCIATION_MEMBERS = "association_members", _("Hội viên")
    YOUTH_MEMBERS = "youth_members", _("Đoàn viên")
    PEOPLE = "people", _("Nhân dân")
    OVERSEAS_VIETNAMESE = "overseas_vietnamese", _("Người Việt Nam ở nước ngoài")
    FOREIGNERS = "foreigners", _("Người nước ngoài, đối tác quốc tế")


# Languages by their Vietnamese name (ISO 639-1; the public site's "zh-hans" too), for figures
# and lists an office user reads: "Tiếng Anh", never "en".
LANGUAGE_CHOICES = [
    ("vi", _("Tiếng Việt")),
    ("en", _("Tiếng Anh")),
    ("zh", _("Tiếng Trung")),
    ("ko", _("Tiếng Hàn")),
    ("ja", _("Tiếng Nhật")),
    ("fr", _("Tiếng Pháp")),
    ("ru", _("Tiếng Nga")),
    ("lo", _("Tiếng Lào")),
    ("km", _("Tiếng Khmer")),
]
_LANGUAGE_ALIASES = {"zh-hans": "zh", "zh-hant": "zh"}


def language_name(code: str) -> str:
    """The Vietnamese name of a language code ("en" → "Tiếng Anh"); an unknown code is shown
    as "Ngôn ngữ khác (xx)", an empty one as "Chưa rõ ngôn ngữ"."""
    if not code:
        return str(_("Chưa rõ ngôn ngữ"))
    names = dict(LANGUAGE_CHOICES)
    known = names.get(code) or names.get(_LANGUAGE_ALIASES.get(code.lower(), ""))
    return str(known) if known else str(_("Ngôn ngữ khác (%(code)s)") % {"code": code})
