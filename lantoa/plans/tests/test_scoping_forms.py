"""Form choices of plan records are scoped to the unit reporter's unit.

Every admin form a unit reporter can open that chooses a plan record (a task, a report, a
period, a session …) offers only their unit's records; a POST naming another unit's record is
refused with a Vietnamese message and nothing is saved.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from lantoa.core.models import User
from lantoa.core.roles import OUTSIDE_UNIT_MESSAGE, UNIT_SCOPED_MODELS, scope_to_unit_by_model
from lantoa.plans.models import DisseminationSession, ProgressReport, TaskPeriod
from lantoa.plans.permissions import permissions_grant

from .factories import DirectiveFactory, make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(demo_ward):
    """Tasks of the reporter's unit (mttq), of another unit (Hội Nông dân), and a shared one."""
    permissions_grant()
    own = make_task(demo_ward, lead="mttq", title="Quán triệt tại các khu dân cư")
    other = make_task(demo_ward, lead="hoi-nong-dan", title="Mô hình nông dân tuyên truyền")
    shared = make_task(
        demo_ward, lead="ubnd", coordinating=["mttq"], title="Chuyên mục nhiều thứ tiếng"
    )
    return {
        "units": demo_ward,
        "own": own,
        "other": other,
        "shared": shared,
        "directive": DirectiveFactory(),
        "reporter": User.objects.get(username="mttq"),
    }


def plans_admin_form_urls() -> list[str]:
    """The plans screens without arguments (report form, coverage, …)."""
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == "admin/":
            for inner in entry.url_patterns:
                if isinstance(inner, URLResolver) and inner.namespace == "plans_admin":
                    return [
                        reverse(f"plans_admin:{pattern.name}")
                        for pattern in inner.url_patterns
                        if isinstance(pattern, URLPattern) and not pattern.pattern.converters
                    ]
    return []


def forms_a_reporter_opens(client, user):
    """(URL, form) of every admin form the reporter may open: each registered ViewSet's add
    view, the edit view of each record they may edit, and the plans screens."""
    import lantoa.urls  # noqa: F401 (registers every app's ViewSets)

    urls = plans_admin_form_urls()
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet):
            continue
        policy = viewset.permission_policy
        if policy.user_has_permission(user, "add"):
            urls.append(reverse(viewset.get_url_name("add")))
        if policy.user_has_permission(user, "change"):
            for pk in scope_to_unit_by_model(
                viewset.model._default_manager.all(), user
            ).values_list("pk", flat=True)[:3]:
                urls.append(reverse(viewset.get_url_name("edit"), args=[pk]))
    for url in urls:
        response = client.get(url)
        context = response.context if response.status_code == 200 else None
        form = context.get("form") if context is not None else None  # a download has none
        if form is not None:
            yield url, form


def test_every_form_a_unit_reporter_opens_offers_only_their_units_plan_records(client, ward):
    user = ward["reporter"]
    client.force_login(user)
    checked = []
    for url, form in forms_a_reporter_opens(client, user):
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None or queryset.model not in UNIT_SCOPED_MODELS:
                continue
            if queryset.model._meta.app_label != "plans":
                continue
            offered = set(queryset.values_list("pk", flat=True))
            allowed = set(
                scope_to_unit_by_model(queryset.model._default_manager.all(), user).values_list(
                    "pk", flat=True
                )
            )
            assert offered <= allowed, f"{url} {name} offers another unit's records"
            checked.append(f"{url} {name}")
    # the session form's task, the report form's task and period at least
    assert len(checked) >= 3, checked
    assert any("disseminationsession/add" in entry and "task" in entry for entry in checked)


def _session_data(ward, **overrides):
    data = {
        "organisation": ward["units"]["mttq"].pk,
        "directive": ward["directive"].pk,
        "task": ward["own"].pk,
        "held_on": "2026-05-02",
        "form": "conference",
        "audience": "people",
        "invited": "10",
        "attended": "9",
        "notes": "",
    }
    return {**data, **overrides}


def test_a_session_cannot_be_attached_to_another_units_task(client, ward):
    client.force_login(ward["reporter"])
    url = reverse("wagtailsnippets_plans_disseminationsession:add")
    response = client.post(url, _session_data(ward, task=ward["other"].pk))
    assert response.status_code == 200
    assert str(OUTSIDE_UNIT_MESSAGE) in response.content.decode()
    assert not DisseminationSession.objects.exists()
    # a task the unit coordinates is its own to report on
    response = client.post(url, _session_data(ward, task=ward["shared"].pk))
    assert response.status_code == 302
    assert DisseminationSession.objects.get().task == ward["shared"]


def test_a_session_cannot_be_recorded_for_another_organisation(client, ward):
    client.force_login(ward["reporter"])
    url = reverse("wagtailsnippets_plans_disseminationsession:add")
    response = client.post(url, _session_data(ward, organisation=ward["units"]["hoi-nong-dan"].pk))
    assert response.status_code == 200
    assert str(OUTSIDE_UNIT_MESSAGE) in response.content.decode()
    assert not DisseminationSession.objects.exists()


def _report_data(task, **overrides):
    data = {
        "task": task.pk,
        "period": "",
        "narrative": "Đã tổ chức 2 hội nghị.",
        "sessions_held": "2",
        "attendees": "80",
        "articles_published": "0",
        "other_figures": "",
    }
    return {**data, **overrides}


def test_a_report_cannot_be_sent_on_another_units_task_or_period(client, ward):
    client.force_login(ward["reporter"])
    url = reverse("plans_admin:report_submit")
    response = client.post(url, _report_data(ward["other"]))
    assert response.status_code == 200
    assert str(OUTSIDE_UNIT_MESSAGE) in response.content.decode()
    other_period = TaskPeriod.objects.filter(task=ward["other"]).first()
    response = client.post(url, _report_data(ward["own"], period=other_period.pk))
    assert response.status_code == 200
    assert str(OUTSIDE_UNIT_MESSAGE) in response.content.decode()
    shared_period = TaskPeriod.objects.filter(task=ward["shared"]).first()
    response = client.post(url, _report_data(ward["own"], period=shared_period.pk))
    assert response.status_code == 200
    assert "Kỳ báo cáo này không thuộc nhiệm vụ đã chọn." in response.content.decode()
    assert not ProgressReport.objects.exists()
    response = client.post(url, _report_data(ward["own"]))
    assert response.status_code == 302
    assert ProgressReport.objects.get().task == ward["own"]


def test_the_chooser_does_not_hand_out_another_units_task(client, ward):
    client.force_login(ward["reporter"])
    listing = client.get(reverse("wagtailsnippetchoosers_plans_task:choose")).json()["html"]
    assert ward["own"].title in listing and ward["shared"].title in listing
    assert ward["other"].title not in listing
    results = client.get(
        reverse("wagtailsnippetchoosers_plans_task:choose_results"), {"q": "nông dân tuyên truyền"}
    ).content.decode()
    assert ward["other"].title not in results
    results = client.get(
        reverse("wagtailsnippetchoosers_plans_task:choose_results"), {"q": "khu dân cư"}
    ).content.decode()
    assert ward["own"].title in results
    chosen = "wagtailsnippetchoosers_plans_task:chosen"
    assert client.get(reverse(chosen, args=[ward["other"].pk])).status_code == 404
    assert client.get(reverse(chosen, args=[ward["own"].pk])).status_code == 200
