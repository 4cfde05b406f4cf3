"""Choices and role names shared by every app."""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
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


# Codes Unicode CLDR names that are not countries of ISO 3166-1: the European Union, the euro
# area, the United Nations, outlying Oceania, pseudo-locales and "unknown".
_NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}


@lru_cache(maxsize=4)
def _countries(language: str) -> dict[str, str]:
    """Code → name in `language`, Việt Nam first, then by name (read once per language)."""
    from babel import Locale, UnknownLocaleError

    from .text import fold_lower

    try:
        territories = Locale.parse(language).territories
    except (ValueError, UnknownLocaleError):
        territories = Locale("vi").territories
    names = {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    rest = sorted((c for c in names if c != "VN"), key=lambda c: fold_lower(names[c]))
    return {code: names[code] for code in ["VN", *rest]}


def _admin_countries() -> dict[str, str]:
    """The countries named in the admin's language (an administrator may read it in English);
    in Vietnamese in any other language, such as a public page's."""
    language = (get_language() or "vi").split("-")[0]
    admin = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    return _countries(language if language in admin else "vi")


def is_country_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code of a country we name ("VN", "JP"; upper case)."""
    return code in _countries("vi")


def country_choices() -> list[tuple[str, str]]:
    """Countries by their name in the admin's language, Vietnamese unless the person chose
    English (ISO 3166-1 alpha-2 codes, names from Unicode CLDR through Babel): Việt Nam first,
    then in the order of the alphabet. A plain function, so that a model field's `choices` refers
    to it instead of copying 250 names into a migration, and names them at each use."""
    return list(_admin_countries().items())


def country_name(code: str) -> str:
    """The name of a country code ("JP" → "Nhật Bản"; in English, "Japan"); an unknown code as
    "Quốc gia khác (XX)", an empty one as "Chưa rõ quốc gia"."""
    if not code:
        return str(_("Chưa rõ quốc gia"))
    known = _admin_countries().get(code.upper())
    return known or str(_("Quốc gia khác (%(code)s)") % {"code": code})


# A country of several time zones: the zone where most of its national press is written (its
# capital's, or its largest newsroom city's). Countries of one zone take it from Unicode CLDR.
_PRESS_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Gaza",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
    "UZ": "Asia/Tashkent",
}


@lru_cache(maxsize=64)
def country_zone(code: str):
    """The time zone (a ZoneInfo) a country's outlets write their clock times in, when a page
    does not say: its only zone, or for a country of several the one of _PRESS_ZONES. None for
    an unknown code or a country of several zones not listed there."""
    from zoneinfo import ZoneInfo

    from babel.core import get_global

    code = (code or "").upper()
    zones = _PRESS_ZONES.get(code) or get_global("territory_zones").get(code, ())
    if isinstance(zones, str):
        return ZoneInfo(zones)
    return ZoneInfo(zones[0]) if len(zones) == 1 else None


# Country-code domains sold to anyone for their letters (.co, .io, .tv, .me…): they say nothing
# of where an outlet is.
_GENERIC_COUNTRY_DOMAINS = {
    "ac", "ai", "am", "as", "bz", "cc", "cd", "co", "dj", "fm", "gg", "gl", "im", "io", "la",
    "ly", "me", "ms", "mu", "nu", "sh", "so", "st", "tk", "to", "tv", "vc", "ws",
}  # fmt: skip


def address_country(url: str) -> str:
    """The country of an address's country-code domain ("https://www.yna.co.kr/…" → "KR",
    ".uk" → "GB"); "" for a generic domain (.com, .org), one used for its letters (.io, .tv)
    or an IP address."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    domain = host.rstrip(".").rpartition(".")[2].lower()
    if domain in _GENERIC_COUNTRY_DOMAINS:
        return ""
    code = "GB" if domain == "uk" else domain.upper()
    return code if is_country_code(code) else ""
