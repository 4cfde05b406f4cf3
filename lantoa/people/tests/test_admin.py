import re
from datetime import date

import pytest
from django.urls import reverse

from conftest import office_morning
from lantoa.core.models import User
from lantoa.core.reporting import ReportContext
from lantoa.people import demo, selectors
from lantoa.people.models import Collaborator, CollaboratorParticipation, StaffMember, Training
from lantoa.people.report_sections import people_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(demo_ward):
    demo.load(log=lambda message: None)
    return demo_ward


def _login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def _rows(html: str) -> int:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return len(re.findall(r"<tr", body.group(1))) if body else 0


def test_demo_load_is_idempotent(demo_people):
    counts = (StaffMember.objects.count(), Collaborator.objects.count())
    demo.load(log=lambda message: None)
    assert (StaffMember.objects.count(), Collaborator.objects.count()) == counts


def test_the_demo_loaded_in_january_has_its_trainings_behind_it_and_no_twins_a_year_on(
    demo_ward, time_machine
):
    time_machine.move_to(office_morning(date(2027, 1, 8)))
    demo.load(log=lambda message: None)
    trainings = list(Training.objects.order_by("start_date"))
    assert len(trainings) == 3
    assert all(t.end_date < date(2027, 1, 8) for t in trainings)
    # A title names the year the training was held in.
    assert [t.title[-4:] for t in trainings if "năm" in t.title] == ["2025", "2026"]
    participations = CollaboratorParticipation.objects.count()
    assert participations > 0
    assert all(p.date < date(2027, 1, 8) for p in CollaboratorParticipation.objects.all())

    time_machine.move_to(office_morning(date(2028, 2, 1)))
    demo.load(log=lambda message: None)
    assert Training.objects.count() == 3
    assert Training.objects.order_by("start_date").first().start_date.year == 2026
    assert CollaboratorParticipation.objects.count() == participations


def test_every_kpi_link_lists_exactly_the_counted_records(client, demo_people):
    _login(client, "lanhdao")
    year = date.today().year
    for unit in (None, demo_people["mttq"], demo_people["van-hoa-xa-hoi"]):
        for count in selectors.kpi_training(
            start=date(year, 1, 1), end=date(year, 12, 31), unit=unit
        ) + selectors.kpi_collaborators(start=date(year, 1, 1), end=date(year, 12, 31), unit=unit):
            response = client.get(count.url)
            assert response.status_code == 200, count.url
            assert _rows(response.content.decode()) == count.value, (count.label, unit)


def test_not_trained_view_in_the_menu_lists_untrained_staff(client, demo_people):
    _login(client, "lanhdao")
    response = client.get(reverse("wagtailsnippets_people_staffmember:list") + "?trained=no")
    html = response.content.decode()
    year = date.today().year
    expected = selectors.staff_not_trained(start=date(year, 1, 1), end=date(year, 12, 31))
    assert expected.exists()
    assert _rows(html) == expected.count()
    for member in expected:
        assert member.full_name in html
    assert "Trần Minh Khoa" not in html  # trained in March


def test_unit_reporter_sees_only_their_unit(client, demo_people):
    _login(client, "mttq")
    response = client.get(reverse("wagtailsnippets_people_staffmember:list"))
    html = response.content.decode()
    assert "Huỳnh Thị Lan" in html
    assert "Phạm Quốc Bảo" not in html
    other = StaffMember.objects.get(full_name="Phạm Quốc Bảo")
    edit = client.get(reverse("wagtailsnippets_people_staffmember:edit", args=[other.pk]))
    assert edit.status_code == 404


def test_admin_form_refuses_a_collaborator_without_consent(client, demo_people):
    _login(client, "admin")
    url = reverse("wagtailsnippets_people_collaborator:add")
    response = client.post(
        url,
        {
            "full_name": "Người Chưa Đồng Ý",
            "kind": "business",
            "unit": demo_people["ubnd"].pk,
            "agreed_activities": "Giới thiệu đầu tư",
            "preferred_channel": "phone",
        },
    )
    assert response.status_code == 200
    assert not Collaborator.objects.filter(full_name="Người Chưa Đồng Ý").exists()


def test_deleting_a_collaborator_in_the_admin_erases_their_data(client, demo_people):
    _login(client, "admin")
    collaborator = Collaborator.objects.get(full_name="Kha Thị Diễm")
    url = reverse("wagtailsnippets_people_collaborator:delete", args=[collaborator.pk])
    assert "dữ liệu cá nhân" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    collaborator.refresh_from_db()
    assert collaborator.erased_at and "Kha" not in collaborator.full_name
    listing = client.get(reverse("wagtailsnippets_people_collaborator:list")).content.decode()
    assert "Đã xóa dữ liệu cá nhân" in listing
    table = re.search(r"<tbody>(.*?)</tbody>", listing, re.S).group(1)
    assert "Kha Thị Diễm" not in table and "Cộng tác viên đã xóa" not in table
    assert _rows(listing) == Collaborator.objects.filter(erased_at__isnull=True).count()


def test_roster_export_carries_contact_preferences(client, demo_people):
    _login(client, "lanhdao")
    url = reverse("wagtailsnippets_people_oncallshift:list") + "?export=csv"
    body = b"".join(client.get(url).streaming_content).decode()
    assert "0905 100 003" in body  # Phạm Quốc Bảo's phone
    assert body.count("\n") > 50


def test_home_panel_counts_staff(client, demo_people):
    _login(client, "lanhdao")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'data-panel="people".*?</section>', html, re.S).group(0)
    value = re.search(r'data-count="Cán bộ TTĐN">(\d+)<', panel).group(1)
    assert int(value) == StaffMember.objects.filter(is_active=True).count()


def test_report_section_figures_equal_the_selectors(demo_people):
    year = date.today().year
    ctx = ReportContext.for_year(year)
    section = people_section(ctx)
    kpis = selectors.kpi_training(start=ctx.start, end=ctx.end) + selectors.kpi_collaborators(
        start=ctx.start, end=ctx.end
    )
    for count in kpis:
        assert section.figures[str(count.label)] == count.value
    assert section.figures["Cán bộ làm công tác TTĐN"] == StaffMember.objects.count()
    assert f"{section.figures['Lớp tập huấn']} lớp" in section.paragraphs[0]


def test_a_trainings_usage_page_shows_a_unit_reporter_only_their_units_attendance(
    client, demo_people
):
    """A training shared by several units: its usage page lists who attended, and a unit reporter
    reads only their own unit's rows (another unit's rows would be names and 404 links)."""
    from lantoa.core.models import Unit
    from lantoa.people.models import Training, TrainingAttendance

    mttq = Unit.objects.get(pk=demo_people["mttq"].pk)
    training = (
        Training.objects.filter(attendances__staff__unit=mttq)
        .filter(attendances__staff__unit__isnull=False)
        .exclude(attendances__staff__unit=None)
        .distinct()
        .first()
    )
    assert training is not None
    mine = TrainingAttendance.objects.filter(training=training, staff__unit=mttq)
    others = TrainingAttendance.objects.filter(training=training).exclude(staff__unit=mttq)
    if not others.exists():  # make the training shared, as a ward-wide course is
        outsider = StaffMember.objects.exclude(unit=mttq).first()
        TrainingAttendance.objects.create(training=training, staff=outsider)
    url = reverse("wagtailsnippets_people_training:usage", args=[training.pk])

    seen = {}
    for username in ("mttq", "admin"):
        _login(client, username)
        response = client.get(url)
        assert response.status_code == 200, username
        seen[username] = response.content.decode()
    for attendance in others.select_related("staff"):
        assert attendance.staff.full_name in seen["admin"]
        assert attendance.staff.full_name not in seen["mttq"]
    for attendance in mine.select_related("staff"):
        assert attendance.staff.full_name in seen["mttq"]
    assert _rows(seen["mttq"]) == mine.count()
    assert _rows(seen["admin"]) == TrainingAttendance.objects.filter(training=training).count()
