"""The API's permission matrix: every demo role, through a real API token, on the business
endpoints — what each may list, read and change, and unit scoping (a unit reporter of one unit
gets 404 for another unit's case, and never sees it in a list)."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import APIToken

from lantoa.core.demo import USERS
from lantoa.core.models import User
from lantoa.responses.services import case_open

pytestmark = pytest.mark.django_db

# who may open a case (responses.add_case) and change one (change_case)
ADD = {"xaydungdang", "theodoi", "phanung", "admin"}
CHANGE = {"lanhdao", "xaydungdang", "theodoi", "phanung", "admin"}
SCOPED = {"mttq": "mttq", "doanthanhnien": "doan-thanh-nien", "ubnd": "ubnd"}


@pytest.fixture
def cases(demo_ward, settings):
    settings.LANTOA_API_RATES = {"token": "100000/min", "anon": "100000/min"}
    call_command("roles_ensure", stdout=io.StringIO())  # the rights of a production install
    admin = User.objects.get(username="admin")
    return {
        code: case_open(
            claim=f"Tin sai liên quan {code}",
            description="Bài đăng sai sự thật",
            user=admin,
            responsible_unit=demo_ward[code],
        ).pk
        for code in ("mttq", "ubnd", "doan-thanh-nien")
    }


def _headers(username):
    _token, key = APIToken.create_token(user=User.objects.get(username=username), name="m")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("username", [u[0] for u in USERS] + ["admin"])
def test_case_endpoints_per_role(client, cases, username):
    headers = _headers(username)
    user = User.objects.get(username=username)
    listed = {c["id"] for c in client.get("/api/cases", headers=headers).json()}
    own_unit = SCOPED.get(username)
    if own_unit:
        assert listed == {cases[own_unit]}
    else:
        assert listed == set(cases.values())
    for code, case_id in cases.items():
        detail = client.get(f"/api/cases/{case_id}", headers=headers)
        visible = own_unit in (None, code)
        assert detail.status_code == (200 if visible else 404), (code, detail.content)
        evidence = client.post(
            f"/api/cases/{case_id}/evidence",
            {
                "kind": "link",
                "title": "Thông báo của UBND phường",
                "source": "UBND phường",
                "date": "2026-11-20",
                "url": "https://example.vn/a",
            },
            content_type="application/json",
            headers=headers,
        )
        if not visible:  # refused either way: no right to change cases, or not found
            assert evidence.status_code in (403, 404), (code, evidence.content)
        else:
            expected = 201 if user.has_perm("responses.change_case") else 403
            assert evidence.status_code == expected, (code, evidence.content)
    created = client.post(
        "/api/cases",
        {"claim": "Tin sai mới về Quy Nhơn", "description": "Mô tả"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == (201 if user.has_perm("responses.add_case") else 403)
    # The roles' rights are what the office decided (responses/services/setup.py).
    assert user.has_perm("responses.add_case") == (username in ADD)
    assert user.has_perm("responses.change_case") == (username in CHANGE)


def test_a_unit_reporter_never_sees_another_units_case_in_filters_or_exports(client, cases):
    headers = _headers("mttq")
    other = cases["ubnd"]
    for query in ("", "?q=ubnd", "?state=new", f"?q={other}"):
        assert other not in {
            c["id"] for c in client.get(f"/api/cases{query}", headers=headers).json()
        }
    client.force_login(User.objects.get(username="mttq"))
    for fmt in ("csv", "xlsx"):
        # Unit reporters have no case list in the admin at all: the export is refused too.
        response = client.get(f"/admin/snippets/responses/case/?export={fmt}")
        assert (response.status_code, response.url) == (302, "/admin/")


# --- plans, people, promotion: who may read what (the rights of the admin, roles_ensure) -------
EVERYONE = {u[0] for u in USERS} | {"admin"}
UNIT_WORK = {"lanhdao", "xaydungdang", "theodoi", "mttq", "doanthanhnien", "ubnd", "admin"}
STAFF = {"lanhdao", "xaydungdang", "mttq", "doanthanhnien", "ubnd", "admin"}
ROSTER = {"lanhdao", "xaydungdang", "theodoi", "phanung", "admin"}
COLLABORATORS = {"lanhdao", "xaydungdang", "admin"}
CALENDAR = {"lanhdao", "xaydungdang", "bientap", "admin"}
LISTS = {
    "/api/plans": EVERYONE,
    "/api/tasks": EVERYONE,
    "/api/progress-reports": UNIT_WORK,
    "/api/dissemination-sessions": UNIT_WORK,
    "/api/people/staff": STAFF,
    "/api/people/trainings": STAFF,
    "/api/people/on-call": ROSTER,
    "/api/people/collaborators": COLLABORATORS,
    "/api/promotion/campaigns": CALENDAR,
    "/api/promotion/plan-items": CALENDAR,
    "/api/promotion/posts": CALENDAR,
}
PHONES = {"mttq": "0905 111 222", "ubnd": "0905 333 444"}
COLLABORATOR_PHONE = "0906 777 888"
ERASED_PHONE = "0906 000 111"


@pytest.fixture
def records(demo_ward, settings):
    """Unit-owned records of two units (mttq, ubnd) in every app, as the services write them."""
    from datetime import date, datetime, timedelta

    from django.utils import timezone

    from lantoa.people.models import Collaborator, StaffMember, TeamMembership, Training
    from lantoa.people.services import (
        collaborator_create,
        collaborator_erase,
        roster_assign,
        training_attendance_record,
    )
    from lantoa.people.tests.factories import TeamFactory
    from lantoa.plans.models import Plan
    from lantoa.plans.services import dissemination_session_record, progress_report_submit
    from lantoa.plans.tests.factories import DirectiveFactory, make_task
    from lantoa.promotion.models import Campaign, ContentPlanItem
    from lantoa.promotion.services.calendar import channel_post_record

    settings.LANTOA_API_RATES = {"token": "100000/min", "anon": "100000/min"}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("roles_ensure", stdout=io.StringIO())
    admin = User.objects.get(username="admin")
    directive = DirectiveFactory(number="78", symbol="KH/ĐU")
    plan = Plan.objects.create(directive=directive, place="Quy Nhơn")
    ids = {"plan": plan.pk, "tasks": {}, "reports": {}, "sessions": {}, "staff": {}}
    for code in ("mttq", "ubnd"):
        task = make_task(demo_ward, lead=code, plan=plan, title=f"Tuyên truyền tại {code}")
        ids["tasks"][code] = task.pk
        ids["reports"][code] = progress_report_submit(
            task=task, unit=demo_ward[code], user=admin, narrative="Đã tổ chức hội nghị"
        ).pk
        ids["sessions"][code] = dissemination_session_record(
            organisation=demo_ward[code],
            directive=directive,
            held_on=date(2026, 3, 1),
            form="conference",
            audience="party_members",
            invited=40,
            attended=38,
        ).pk
        member = StaffMember.objects.create(
            full_name=f"Cán bộ {code}",
            unit=demo_ward[code],
            work_role="rapid_response",
            phone=PHONES[code],
        )
        ids["staff"][code] = member.pk
        training = Training.objects.create(
            title=f"Tập huấn {code}",
            start_date=date(2026, 4, 1),
            end_date=date(2026, 4, 1),
            organiser="Ban Tuyên giáo",
            unit=demo_ward[code],
        )
        training_attendance_record(training=training, staff=[member])
    team = TeamFactory(unit=demo_ward["van-phong-dang-uy"])
    on_call = StaffMember.objects.get(pk=ids["staff"]["ubnd"])
    TeamMembership.objects.create(team=team, staff=on_call, joined_on=date(2020, 1, 1))
    year, week, _ = timezone.localdate().isocalendar()
    roster_assign(team=team, staff=on_call, iso_year=year, iso_week=week)
    consent = {
        "kind": "artist",
        "agreed_activities": "Biểu diễn tại lễ hội",
        "consent_date": date(2026, 1, 10),
        "consent_scope": "Tên và điện thoại, năm 2026",
        "consent_method": "written",
    }
    kept = collaborator_create(
        user=admin,
        full_name="Kha Thị Diễm",
        unit=demo_ward["ubnd"],
        phone=COLLABORATOR_PHONE,
        **consent,
    )
    erased = collaborator_create(
        user=admin,
        full_name="Mạc Đình Phong",
        unit=demo_ward["ubnd"],
        phone=ERASED_PHONE,
        **consent,
    )
    collaborator_erase(collaborator=erased, requested_by=admin)
    assert Collaborator.objects.get(pk=erased.pk).erased_at is not None
    ids["collaborators"] = {"kept": kept.pk, "erased": erased.pk}
    campaign = Campaign.objects.create(
        name="Lễ hội biển", kind="local_event", starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 7)
    )
    item = ContentPlanItem.objects.create(
        title="Bài giới thiệu lễ hội",
        campaign=campaign,
        channel="facebook",
        language="vi",
        planned_at=timezone.make_aware(datetime(2026, 5, 30, 8)),
    )
    channel_post_record(
        channel="facebook",
        language="vi",
        url="https://facebook.com/quynhon/posts/1",
        posted_at=timezone.now() - timedelta(days=1),
        plan_item=item,
        reach=1200,
    )
    ids.update(campaign=campaign.pk, item=item.pk)
    return ids


@pytest.mark.parametrize("username", [u[0] for u in USERS] + ["admin"])
def test_plans_people_and_promotion_endpoints_answer_each_role_as_the_admin_does(
    client, records, username
):
    headers = _headers(username)
    for path, allowed in LISTS.items():
        response = client.get(path, headers=headers)
        expected = 200 if username in allowed else 403
        assert response.status_code == expected, (path, response.content)
        if expected == 403:
            assert "quyền" in response.json()["detail"]
    own_unit = SCOPED.get(username)
    for kind, path, allowed in (
        ("tasks", "/api/tasks", EVERYONE),
        ("reports", "/api/progress-reports", UNIT_WORK),
        ("sessions", "/api/dissemination-sessions", UNIT_WORK),
        ("staff", "/api/people/staff", STAFF),
    ):
        if username not in allowed:
            continue
        listed = {row["id"] for row in client.get(path, headers=headers).json()}
        for code, record_id in records[kind].items():
            visible = own_unit in (None, code)
            assert (record_id in listed) == visible, (path, code)
            detail = client.get(f"{path}/{record_id}", headers=headers)
            assert detail.status_code == (200 if visible else 404), (path, code)
    if username in EVERYONE:
        plan = client.get(f"/api/plans/{records['plan']}", headers=headers).json()
        assert sum(plan["buckets"].values()) == (
            1 if own_unit in ("mttq", "ubnd") else 0 if own_unit else 2
        )


def test_people_endpoints_show_contacts_only_to_roles_that_see_them_in_the_admin(client, records):
    for username in EVERYONE:
        headers = _headers(username)
        bodies = "".join(
            client.get(path, headers=headers).content.decode()
            for path in LISTS
            if path.startswith("/api/people/")
        )
        own_unit = SCOPED.get(username)
        for code, phone in PHONES.items():
            # a unit's staff phone: for leaders (every unit), that unit's reporter, and the
            # rapid-response roster (the on-call ubnd staff member)
            sees = (username in STAFF and own_unit in (None, code)) or (
                username in ROSTER and code == "ubnd"
            )
            assert (phone in bodies) == sees, (username, code)
        assert (COLLABORATOR_PHONE in bodies) == (username in COLLABORATORS), username
        assert ERASED_PHONE not in bodies and "Mạc Đình Phong" not in bodies


def test_an_erased_collaborator_is_gone_from_the_api(client, records):
    headers = _headers("lanhdao")
    erased, kept = records["collaborators"]["erased"], records["collaborators"]["kept"]
    listed = {c["id"] for c in client.get("/api/people/collaborators", headers=headers).json()}
    assert listed == {kept}
    assert client.get(f"/api/people/collaborators/{erased}", headers=headers).status_code == 404
    detail = client.get(f"/api/people/collaborators/{kept}", headers=headers).json()
    assert detail["contact"]["phone"] == COLLABORATOR_PHONE and detail["participations"] == []


def test_list_filters_narrow_like_the_admin_filters_and_refuse_unknown_values(client, records):
    headers = _headers("lanhdao")

    def ids(path):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.content)
        return {row["id"] for row in response.json()}

    tasks = records["tasks"]
    assert ids("/api/tasks?unit=mttq") == {tasks["mttq"]}
    assert ids(f"/api/tasks?plan={records['plan']}&q=ubnd") == {tasks["ubnd"]}
    from lantoa.plans.models import Task
    from lantoa.plans.selectors import task_bucket

    bucket = task_bucket(Task.objects.get(pk=tasks["mttq"]))  # overdue after 30/6/2026
    assert bucket.startswith("open_") and ids(f"/api/tasks?bucket={bucket}") == set(tasks.values())
    assert ids("/api/tasks?bucket=completed_late") == ids("/api/tasks?state=completed") == set()
    assert ids("/api/progress-reports?unit=ubnd") == {records["reports"]["ubnd"]}
    assert ids("/api/dissemination-sessions?organisation=mttq&since=2026-03-01&until=2026-03-01")
    assert ids("/api/dissemination-sessions?since=2026-03-02") == set()
    assert ids("/api/people/staff?unit=ubnd") == {records["staff"]["ubnd"]}
    assert ids("/api/people/collaborators?kind=business") == set()
    assert ids("/api/promotion/plan-items?channel=facebook&language=vi") == {records["item"]}
    assert ids("/api/promotion/plan-items?channel=zalo") == set()
    refused = client.get("/api/tasks?bucket=sap-het-han", headers=headers)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["msg"].startswith("Chỉ nhận một trong các giá trị")
