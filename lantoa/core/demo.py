"""The demo ward's organisation tree, roles and users (all names invented for the demo), and the
day the demo's fixed dates were written for."""

from datetime import date

from django.utils import timezone

from .constants import Role, UnitKind
from .services import UnitSpec, roles_ensure, units_ensure, user_ensure

DEMO_PASSWORD = "lantoa-demo-2026"  # noqa: S105 (documented demo login)
ADMIN_USERNAME = "admin"
# The demo plan's dates (its issue, reports, sessions, inspection) tell the story of a plan as it
# stood on this day. Loaded later, they move with the day, as the demo's other records are dated
# back from today: the plan stands as it did on this day, whatever the day of loading.
WRITTEN_FOR = date(2026, 12, 4)


def demo_date(day: date) -> date:
    """A date written for WRITTEN_FOR, moved by as many days as today is after it."""
    return day + (timezone.localdate() - WRITTEN_FOR)


UNITS = [
    UnitSpec(
        "dang-uy",
        "Đảng ủy phường Quy Nhơn",
        UnitKind.PARTY_COMMITTEE,
        "ĐU",
        aliases=("Đảng ủy", "Đảng ủy phường"),
    ),
    UnitSpec(
        "ban-thuong-vu",
        "Ban Thường vụ Đảng ủy",
        UnitKind.PARTY_BOARD,
        "BTV",
        parent="dang-uy",
        aliases=("Ban Thường vụ", "Ban Thường vụ Đảng ủy phường"),
    ),
    UnitSpec(
        "ban-xay-dung-dang",
        "Ban Xây dựng đảng Đảng ủy",
        UnitKind.PARTY_BOARD,
        "BXDĐ",
        parent="dang-uy",
        aliases=("Ban Xây dựng đảng", "Ban xây dựng đảng Đảng ủy"),
    ),
    UnitSpec(
        "van-phong-dang-uy",
        "Văn phòng Đảng ủy",
        UnitKind.PARTY_BOARD,
        "VPĐU",
        parent="dang-uy",
        aliases=("Văn phòng Đảng ủy phường",),
    ),
    UnitSpec(
        "chi-bo-khu-pho-1", "Chi bộ Khu phố 1", UnitKind.PARTY_CELL, "CB KP1", parent="dang-uy"
    ),
    UnitSpec(
        "chi-bo-khu-pho-2", "Chi bộ Khu phố 2", UnitKind.PARTY_CELL, "CB KP2", parent="dang-uy"
    ),
    UnitSpec(
        "chi-bo-khu-pho-3", "Chi bộ Khu phố 3", UnitKind.PARTY_CELL, "CB KP3", parent="dang-uy"
    ),
    UnitSpec(
        "chi-bo-co-quan-ubnd",
        "Chi bộ Cơ quan Ủy ban nhân dân phường",
        UnitKind.PARTY_CELL,
        "CB UBND",
        parent="dang-uy",
    ),
    UnitSpec(
        "ubnd",
        "Ủy ban nhân dân phường Quy Nhơn",
        UnitKind.PEOPLES_COMMITTEE,
        "UBND",
        aliases=("Ủy ban nhân dân phường", "UBND phường", "Ủy ban nhân dân"),
    ),
    UnitSpec(
        "van-hoa-xa-hoi",
        "Phòng Văn hóa - Xã hội phường",
        UnitKind.GOVERNMENT_OFFICE,
        "VH-XH",
        parent="ubnd",
        aliases=("Phòng Văn hóa - Xã hội",),
    ),
    UnitSpec(
        "mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        UnitKind.FATHERLAND_FRONT,
        "MTTQ",
        aliases=("Ủy ban Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc", "MTTQ phường"),
    ),
    UnitSpec(
        "doan-thanh-nien",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường",
        UnitKind.MASS_ORGANISATION,
        "Đoàn TN",
        parent="mttq",
        aliases=("Đoàn TNCS Hồ Chí Minh", "Đoàn thanh niên"),
    ),
    UnitSpec(
        "hoi-phu-nu",
        "Hội Liên hiệp Phụ nữ phường",
        UnitKind.MASS_ORGANISATION,
        "Hội LHPN",
        parent="mttq",
        aliases=("Hội LHPN", "Hội Phụ nữ"),
    ),
    UnitSpec(
        "hoi-nong-dan",
        "Hội Nông dân phường",
        UnitKind.MASS_ORGANISATION,
        "Hội ND",
        parent="mttq",
        aliases=("Hội Nông dân",),
    ),
    UnitSpec(
        "hoi-cuu-chien-binh",
        "Hội Cựu chiến binh phường",
        UnitKind.MASS_ORGANISATION,
        "Hội CCB",
        parent="mttq",
        aliases=("Hội Cựu chiến binh",),
    ),
]

# (username, full name, unit code, roles)
USERS = [
    ("lanhdao", "Trần Minh Khoa", "ban-thuong-vu", (Role.LEADER,)),
    ("xaydungdang", "Lê Thị Hồng Nhung", "ban-xay-dung-dang", (Role.LEADER, Role.MONITOR)),
    ("theodoi", "Phạm Quốc Bảo", "van-hoa-xa-hoi", (Role.MONITOR, Role.RAPID_RESPONSE)),
    ("bientap", "Võ Thanh Tâm", "van-hoa-xa-hoi", (Role.EDITOR,)),
    ("phanung", "Đặng Hoài Nam", "van-phong-dang-uy", (Role.RAPID_RESPONSE,)),
    ("mttq", "Huỳnh Thị Lan", "mttq", (Role.UNIT_REPORTER,)),
    ("doanthanhnien", "Ngô Gia Huy", "doan-thanh-nien", (Role.UNIT_REPORTER,)),
    ("ubnd", "Bùi Văn Lực", "ubnd", (Role.UNIT_REPORTER,)),
]


def load(*, log) -> None:
    units = units_ensure(specs=UNITS)
    roles_ensure()
    user_ensure(
        username=ADMIN_USERNAME,
        password=DEMO_PASSWORD,
        full_name="Quản trị viên Lantoa",
        unit=units["van-phong-dang-uy"],
        is_superuser=True,
    )
    for username, full_name, unit_code, roles in USERS:
        user_ensure(
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            unit=units[unit_code],
            roles=roles,
        )
    log(f"core: {len(units)} đơn vị, {len(USERS) + 1} người dùng")
