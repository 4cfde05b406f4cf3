from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from lantoa.core.models import User
from lantoa.people import selectors, services
from lantoa.people.constants import CollaboratorKind, ConsentMethod
from lantoa.people.models import Collaborator, CollaboratorParticipation, TeamMembership

from .factories import (
    CollaboratorFactory,
    StaffMemberFactory,
    TeamFactory,
    TrainingAttendanceFactory,
    TrainingFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def test_not_trained_this_year_excludes_last_year_and_incomplete_and_inactive():
    trained = StaffMemberFactory()
    last_year_only = StaffMemberFactory()
    incomplete = StaffMemberFactory()
    inactive = StaffMemberFactory(is_active=False)
    TrainingAttendanceFactory(staff=trained)
    TrainingAttendanceFactory(
        staff=last_year_only, training=TrainingFactory(start_date=date(2025, 11, 3))
    )
    TrainingAttendanceFactory(staff=incomplete, completed=False)
    start, end = YEAR
    assert set(selectors.staff_trained(start=start, end=end)) == {trained}
    assert set(selectors.staff_not_trained(start=start, end=end)) == {last_year_only, incomplete}
    assert inactive not in selectors.staff_not_trained(start=start, end=end)


def test_unit_filter_includes_child_units():
    parent = UnitFactory()
    child = UnitFactory(parent=parent)
    other = UnitFactory()
    inside = StaffMemberFactory(unit=child)
    StaffMemberFactory(unit=other)
    assert list(selectors.staff_active(unit=parent)) == [inside]


def test_roster_assigns_members_by_iso_week_and_refuses_others():
    team = TeamFactory()
    member = StaffMemberFactory()
    outsider = StaffMemberFactory()
    TeamMembership.objects.create(team=team, staff=member, joined_on=date(2026, 1, 1))
    shift = services.roster_assign(team=team, staff=member, iso_year=2026, iso_week=53)
    # 2026 has 53 ISO weeks; 31 December 2026 is in week 53.
    assert list(selectors.on_call(day=date(2026, 12, 31))) == [shift]
    assert list(selectors.on_call(day=date(2027, 1, 4))) == []
    with pytest.raises(ValidationError, match="không phải thành viên"):
        services.roster_assign(team=team, staff=outsider, iso_year=2026, iso_week=10)
    with pytest.raises(ValidationError, match="không tồn tại"):
        services.roster_assign(team=team, staff=member, iso_year=2025, iso_week=53)


def test_roster_refuses_a_member_who_left_before_the_week():
    team = TeamFactory()
    member = StaffMemberFactory()
    TeamMembership.objects.create(
        team=team, staff=member, joined_on=date(2026, 1, 1), left_on=date(2026, 3, 1)
    )
    services.roster_assign(team=team, staff=member, iso_year=2026, iso_week=9)
    with pytest.raises(ValidationError):
        services.roster_assign(team=team, staff=member, iso_year=2026, iso_week=10)


def test_collaborator_needs_a_recorded_consent():
    unit = UnitFactory()
    fields = dict(
        full_name="Người Thử",
        kind=CollaboratorKind.BUSINESS,
        unit=unit,
        agreed_activities="Giới thiệu doanh nghiệp",
    )
    with pytest.raises(ValidationError, match="phạm vi đồng ý, hình thức đồng ý"):
        services.collaborator_create(consent_date=date(2026, 1, 1), **fields)
    assert not Collaborator.objects.exists()
    created = services.collaborator_create(
        consent_date=date(2026, 1, 1),
        consent_scope="Lưu tên",
        consent_method=ConsentMethod.EMAIL,
        **fields,
    )
    assert created.pk


def test_erase_removes_personal_data_and_leaves_an_audit_entry_without_it(demo_ward):
    admin = User.objects.get(username="admin")
    collaborator = services.collaborator_create(
        user=admin,
        full_name="Nguyễn Thị Riêng Tư",
        kind=CollaboratorKind.ARTIST,
        unit=demo_ward["mttq"],
        agreed_activities="Hát tại lễ hội của Nguyễn Thị Riêng Tư",
        consent_date=date(2026, 2, 1),
        consent_scope="Lưu số 0912 345 678",
        consent_method=ConsentMethod.WRITTEN,
        phone="0912 345 678",
        email="riengtu@example.vn",
        contact_note="Gọi sau 17 giờ",
    )
    CollaboratorParticipation.objects.create(
        collaborator=collaborator, date=date(2026, 6, 1), event="Lễ hội", description="Hát"
    )
    services.collaborator_erase(collaborator=collaborator, requested_by=admin)

    collaborator.refresh_from_db()
    assert collaborator.erased_at is not None
    assert not collaborator.participations.exists()
    stored = " ".join(
        str(value)
        for value in Collaborator.objects.filter(pk=collaborator.pk).values().first().values()
    )
    for secret in ("Riêng Tư", "0912", "riengtu", "17 giờ", "Hát"):
        assert secret not in stored
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Collaborator),
        object_id=str(collaborator.pk),
    )
    assert entries.filter(action="people.collaborator_erase", user=admin).count() == 1
    for entry in entries:
        assert "Riêng Tư" not in entry.label and "0912" not in str(entry.data)
    assert collaborator not in selectors.collaborators_active()
    # Erasing twice changes nothing and logs nothing more.
    services.collaborator_erase(collaborator=collaborator, requested_by=admin)
    assert entries.filter(action="people.collaborator_erase").count() == 1


def test_training_counts_match_an_independent_count():
    unit = UnitFactory()
    in_unit = StaffMemberFactory(unit=unit)
    elsewhere = StaffMemberFactory()
    training = TrainingFactory()
    TrainingAttendanceFactory(training=training, staff=in_unit)
    TrainingAttendanceFactory(training=training, staff=elsewhere)
    TrainingAttendanceFactory(
        staff=elsewhere, training=TrainingFactory(start_date=date(2026, 9, 9))
    )
    TrainingAttendanceFactory(training=TrainingFactory(start_date=date(2025, 5, 5)))
    start, end = YEAR
    figures = {str(c.label): c.value for c in selectors.kpi_training(start=start, end=end)}
    assert figures == {
        "Lớp tập huấn": 2,
        "Lượt người tham gia": 3,
        "Cán bộ đã tập huấn": 2,
        "Cán bộ chưa tập huấn": 1,
    }
    scoped = {
        str(c.label): c.value for c in selectors.kpi_training(start=start, end=end, unit=unit)
    }
    assert scoped == {
        "Lớp tập huấn": 1,
        "Lượt người tham gia": 1,
        "Cán bộ đã tập huấn": 1,
        "Cán bộ chưa tập huấn": 0,
    }


def test_collaborator_counts_skip_erased_people():
    CollaboratorFactory(kind=CollaboratorKind.ARTIST)
    erased = CollaboratorFactory(kind=CollaboratorKind.ARTIST)
    CollaboratorFactory(kind=CollaboratorKind.BUSINESS)
    services.collaborator_erase(collaborator=erased, requested_by=None)
    start, end = YEAR
    figures = {str(c.label): c.value for c in selectors.kpi_collaborators(start=start, end=end)}
    assert figures["Văn nghệ sĩ"] == 1
    assert figures["Doanh nhân"] == 1
    assert figures["Người có uy tín"] == 0


def _collaborator(unit, name="Trần Văn Cộng Tác"):
    return services.collaborator_create(
        full_name=name,
        kind=CollaboratorKind.BUSINESS,
        unit=unit,
        agreed_activities="Chia sẻ bài quảng bá",
        consent_date=date(2026, 2, 1),
        consent_scope="Họ tên, số điện thoại; mời tham gia hoạt động trong năm",
        consent_method=ConsentMethod.WRITTEN,
    )


def test_participation_links_a_campaign_of_the_editorial_calendar(demo_ward):
    from django.db import IntegrityError, transaction

    from lantoa.core.reporting import ReportContext
    from lantoa.people.report_sections import people_section
    from lantoa.promotion.constants import CampaignKind
    from lantoa.promotion.models import Campaign

    festival = Campaign.objects.create(
        name="Lễ hội biển",
        kind=CampaignKind.LOCAL_EVENT,
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 7),
    )
    first, second = _collaborator(demo_ward["mttq"]), _collaborator(demo_ward["mttq"], "Lê Thị B")
    row = services.participation_record(collaborator=first, on=date(2026, 6, 2), campaign=festival)
    # The same collaborator, day and campaign again: nothing new.
    assert (
        services.participation_record(collaborator=first, on=date(2026, 6, 2), campaign=festival)
        == row
    )
    services.participation_record(collaborator=second, on=date(2026, 6, 3), campaign=festival)
    services.participation_record(collaborator=second, on=date(2026, 9, 1), event="Hội chợ")
    assert list(festival.collaborator_participations.order_by("date")) == [
        row,
        second.participations.get(campaign=festival),
    ]
    with pytest.raises(ValidationError):
        services.participation_record(collaborator=first, on=date(2026, 7, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        CollaboratorParticipation.objects.create(collaborator=first, date=date(2026, 7, 1))

    section = people_section(ReportContext.for_year(2026))
    # Counted independently: 3 participations, 1 calendar campaign with 2 collaborators.
    assert section.figures["Lượt tham gia chiến dịch"] == CollaboratorParticipation.objects.count()
    assert section.figures["Lượt tham gia chiến dịch của lịch biên tập"] == 2
    assert "trong đó 2 lượt tham gia 1 chiến dịch của lịch biên tập" in section.paragraphs[1]
    table = next(t for t in section.tables if t.header[0] == "Chiến dịch, sự kiện")
    assert table.rows == [["Lễ hội biển", 2, 2], ["Hội chợ (ngoài lịch biên tập)", 1, 1]]


def test_a_case_nobody_takes_goes_to_the_person_on_call_that_week(demo_ward):
    from django.utils import timezone

    from lantoa.responses.tests.helpers import open_case

    team = TeamFactory()
    on_duty = User.objects.get(username="phanung")  # holds the rapid-response role
    member = StaffMemberFactory(user=on_duty, unit=demo_ward["van-phong-dang-uy"])
    TeamMembership.objects.create(team=team, staff=member, joined_on=date(2020, 1, 1))
    today = timezone.localdate()
    iso_year, iso_week, _ = today.isocalendar()
    leader = User.objects.get(username="lanhdao")  # not in the rapid-response force

    assert open_case(leader).responsible_user is None  # nobody on call yet
    services.roster_assign(team=team, staff=member, iso_year=iso_year, iso_week=iso_week)
    case = open_case(leader)
    assert case.responsible_user == on_duty
    assert case.responsible_unit == on_duty.unit
    # Someone from the force who opens a case keeps it.
    assert open_case(User.objects.get(username="theodoi")).responsible_user.username == "theodoi"


@pytest.mark.parametrize(
    ("day", "first_week", "last_week"),
    [
        (date(2026, 12, 4), 1, 53),  # the day the demo was written for; 2026 has 53 ISO weeks
        (date(2026, 12, 8), 2, 53),  # 1 January moves to Monday 5 January: week 2
        (date(2027, 1, 9), 1, 52),  # the team was formed in 2026: all of 2027's weeks
    ],
)
def test_the_demo_roster_loads_whatever_day_it_is_loaded(
    demo_ward, time_machine, day, first_week, last_week
):
    """The demo's dates move with today, so its team may be formed after week 1 began (from
    8 December 2026 on, 1 January moves into week 2): the roster then starts at the week the
    team was formed in, instead of refusing to put on call someone not yet a member."""
    from conftest import office_morning
    from lantoa.people import demo
    from lantoa.people.models import OnCallShift, RapidResponseTeam

    time_machine.move_to(office_morning(day))
    demo.load(log=lambda _message: None)
    team = RapidResponseTeam.objects.get(name="Tổ phản ứng nhanh phường Quy Nhơn")
    weeks = set(
        OnCallShift.objects.filter(team=team, iso_year=day.year).values_list("iso_week", flat=True)
    )
    assert weeks == set(range(first_week, last_week + 1))
