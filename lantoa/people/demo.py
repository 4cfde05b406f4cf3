"""The demo ward's TTĐN staff, trainings, rapid-response roster and collaborators.

Every name here is invented for the demo.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from lantoa.core.demo import demo_date
from lantoa.core.models import Unit, User
from lantoa.promotion.constants import CampaignKind
from lantoa.promotion.models import Campaign

from .constants import CollaboratorKind, ConsentMethod, ContactChannel, TeamRole, WorkRole
from .models import (
    Collaborator,
    RapidResponseTeam,
    StaffMember,
    TeamMembership,
    Training,
)
from .permissions import permissions_grant
from .services import (
    collaborator_create,
    participation_record,
    roster_assign,
    training_attendance_record,
)

DEMO_CAMPAIGN = "Tuần lễ quảng bá du lịch biển Quy Nhơn"


def _demo_campaign():
    """The editorial-calendar campaign the demo collaborators took part in (invented)."""
    campaign, _created = Campaign.objects.update_or_create(
        name=DEMO_CAMPAIGN,
        defaults={
            "kind": CampaignKind.LOCAL_EVENT,
            "starts_on": demo_date(date(2026, 6, 10)),
            "ends_on": demo_date(date(2026, 6, 16)),
            "description": "Cộng tác viên chia sẻ bài quảng bá, dẫn đoàn khách (dữ liệu mẫu).",
        },
    )
    return campaign


# (username or None, full name, unit code, work role, languages, phone)
STAFF = [
    ("lanhdao", "Trần Minh Khoa", "ban-thuong-vu", WorkRole.LEADER, "en", "0905 100 001"),
    ("xaydungdang", "Lê Thị Hồng Nhung", "ban-xay-dung-dang", WorkRole.COORDINATOR, "", ""),
    ("theodoi", "Phạm Quốc Bảo", "van-hoa-xa-hoi", WorkRole.MONITOR, "en, zh", "0905 100 003"),
    ("bientap", "Võ Thanh Tâm", "van-hoa-xa-hoi", WorkRole.EDITOR, "en, fr", "0905 100 004"),
    ("phanung", "Đặng Hoài Nam", "van-phong-dang-uy", WorkRole.RAPID_RESPONSE, "en", ""),
    ("mttq", "Huỳnh Thị Lan", "mttq", WorkRole.REPORTER, "", "0905 100 006"),
    ("doanthanhnien", "Ngô Gia Huy", "doan-thanh-nien", WorkRole.REPORTER, "en, ko", ""),
    ("ubnd", "Bùi Văn Lực", "ubnd", WorkRole.REPORTER, "", ""),
    (None, "Lý Thị Thu Hà", "van-hoa-xa-hoi", WorkRole.TRANSLATOR, "en, ja", "0905 100 009"),
    (None, "Châu Văn Tín", "chi-bo-khu-pho-1", WorkRole.REPORTER, "", "0905 100 010"),
    (None, "Tô Ngọc Mai", "hoi-phu-nu", WorkRole.REPORTER, "", "0905 100 011"),
]

COLLABORATORS = [
    (
        "Mạc Đình Phong",
        CollaboratorKind.BUSINESS,
        "ubnd",
        "Giới thiệu môi trường đầu tư của phường khi tiếp đoàn doanh nghiệp nước ngoài.",
    ),
    (
        "Kha Thị Diễm",
        CollaboratorKind.ARTIST,
        "van-hoa-xa-hoi",
        "Biểu diễn bài chòi trong các sự kiện quảng bá văn hóa biển.",
    ),
    (
        "Giang Văn Lộc",
        CollaboratorKind.STANDING,
        "chi-bo-khu-pho-2",
        "Chia sẻ thông tin chính thống của phường tới bà con khu phố.",
    ),
    (
        "Ông Thị Bảo Ngân",
        CollaboratorKind.YOUTH_VOLUNTEER,
        "doan-thanh-nien",
        "Dịch và chia sẻ bài quảng bá tiếng Anh, tiếng Hàn.",
    ),
]


@transaction.atomic
def load(*, log) -> None:
    permissions_grant()
    year = timezone.localdate().year
    units = {unit.code: unit for unit in Unit.objects.all()}
    staff = {}
    for username, name, unit_code, role, languages, phone in STAFF:
        member, _ = StaffMember.objects.update_or_create(
            full_name=name,
            unit=units[unit_code],
            defaults={
                "user": User.objects.filter(username=username).first() if username else None,
                "work_role": role,
                "languages": languages,
                "phone": phone,
                "preferred_channel": ContactChannel.ZALO if phone else ContactChannel.VIA_UNIT,
            },
        )
        staff[name] = member

    # Dated back from today as the rest of the demo is (core.demo.demo_date): loaded in January,
    # the trainings are behind, not months ahead. A training is found again by its organiser and
    # topics, so that loading the demo on another day moves it instead of adding a second one.
    trainings = [
        (
            "Bồi dưỡng nghiệp vụ thông tin đối ngoại năm {year}",
            demo_date(date(2026, 3, 12)),
            demo_date(date(2026, 3, 13)),
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "Kết luận 57-KL/TW; kỹ năng phát ngôn; quảng bá hình ảnh địa phương",
            "ban-xay-dung-dang",
            ["Trần Minh Khoa", "Phạm Quốc Bảo", "Võ Thanh Tâm", "Đặng Hoài Nam", "Lý Thị Thu Hà"],
        ),
        (
            "Kỹ năng nhận diện và phản bác thông tin sai lệch trên mạng",
            demo_date(date(2026, 8, 20)),
            demo_date(date(2026, 8, 20)),
            "Đảng ủy phường Quy Nhơn",
            "Xác minh thông tin; soạn thông cáo làm rõ; an toàn thông tin",
            "van-phong-dang-uy",
            ["Phạm Quốc Bảo", "Đặng Hoài Nam", "Ngô Gia Huy"],
        ),
        (
            "Tập huấn quảng bá trên mạng xã hội năm {year}",
            demo_date(date(2025, 10, 5)),
            demo_date(date(2025, 10, 5)),
            "Trung tâm Văn hóa - Thông tin tỉnh",
            "Nội dung đa ngôn ngữ; lịch biên tập",
            "van-hoa-xa-hoi",
            ["Huỳnh Thị Lan", "Tô Ngọc Mai", "Võ Thanh Tâm"],
        ),
    ]
    for title, start, end, organiser, topics, unit_code, names in trainings:
        training, _ = Training.objects.update_or_create(
            organiser=organiser,
            topics=topics,
            defaults={
                "title": title.format(year=start.year),
                "start_date": start,
                "end_date": end,
                "unit": units[unit_code],
                "location": "Hội trường Đảng ủy phường",
            },
        )
        training_attendance_record(training=training, staff=[staff[name] for name in names])

    team, _ = RapidResponseTeam.objects.update_or_create(
        name="Tổ phản ứng nhanh phường Quy Nhơn",
        defaults={
            "unit": units["van-phong-dang-uy"],
            "description": "Tiếp nhận, xác minh và làm rõ thông tin sai lệch về phường.",
        },
    )
    members = [
        ("Đặng Hoài Nam", TeamRole.LEAD),
        ("Phạm Quốc Bảo", TeamRole.DEPUTY),
        ("Lý Thị Thu Hà", TeamRole.MEMBER),
    ]
    joined = demo_date(date(2026, 1, 1))
    for name, role in members:
        TeamMembership.objects.update_or_create(
            team=team, staff=staff[name], defaults={"role": role, "joined_on": joined}
        )
    # The roster covers this year's weeks from the one the team was formed in: the demo's dates
    # move with today, so the members may join after week 1 (loaded from 8 December on, the
    # first of January moves into week 2, and week 1 had no member to put on call).
    last_week = date(year, 12, 28).isocalendar()[1]
    weeks = [w for w in range(1, last_week + 1) if date.fromisocalendar(year, w, 7) >= joined]
    for week in weeks:
        roster_assign(
            team=team,
            staff=staff[members[week % len(members)][0]],
            iso_year=year,
            iso_week=week,
        )

    campaign = _demo_campaign()
    for name, kind, unit_code, activities in COLLABORATORS:
        collaborator = Collaborator.objects.filter(full_name=name).first()
        if collaborator is None:
            collaborator = collaborator_create(
                full_name=name,
                kind=kind,
                unit=units[unit_code],
                agreed_activities=activities,
                consent_date=demo_date(date(2026, 2, 15)),
                consent_scope="Lưu họ tên và số điện thoại để mời tham gia hoạt động TTĐN "
                "của phường trong năm; không chia sẻ cho bên thứ ba.",
                consent_method=ConsentMethod.WRITTEN,
                preferred_channel=ContactChannel.PHONE,
            )
        if not collaborator.participations.filter(campaign=campaign).exists():
            participation_record(
                collaborator=collaborator, on=demo_date(date(2026, 6, 14)), campaign=campaign
            )
    log(
        f"people: {len(staff)} cán bộ, {len(trainings)} lớp tập huấn, "
        f"lịch trực {len(weeks)} tuần, {len(COLLABORATORS)} cộng tác viên"
    )
