"""Permission matrix: every role × every registered admin ViewSet (snippets included).

Nothing here names an app's models: the ViewSets are read from Wagtail's registry, so each app
that merges is covered automatically. For each role's demo user and each ViewSet it checks that
- the list, and the CSV export, answer 200 exactly when the ViewSet's permission policy grants
  any of add/change/delete/view, and refuse (302/403) otherwise;
- edit and inspect of each object answer 200 exactly when the policy allows it AND the object is
  within the user's unit for ViewSets scoped with UnitScopedViewSetMixin — another unit's record
  answers 404 (or a refusal), whichever way the URL was typed;
- a scoped list and its export contain only the user's unit's rows.
Anonymous visitors are sent to the login page everywhere.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from lantoa.core.constants import Role
from lantoa.core.models import User
from lantoa.core.roles import scope_to_unit
from lantoa.core.viewsets import UnitScopedViewSetMixin

pytestmark = pytest.mark.django_db

INDEX_PERMISSIONS = ["add", "change", "delete", "view"]
REFUSED = {302, 403, 404}
MAX_OBJECTS = 5  # per ViewSet and user: enough to meet several units, fast enough for CI


def model_viewsets() -> list[ModelViewSet]:
    import lantoa.urls  # noqa: F401 (registers every app's ViewSets)

    return [viewset for viewset in viewsets.viewsets if isinstance(viewset, ModelViewSet)]


def role_users() -> dict[str, User]:
    """One demo user per role (the one holding fewest other roles), plus the superuser."""
    users = {"superuser": User.objects.filter(is_superuser=True).order_by("pk").first()}
    for role in Role:
        group = Group.objects.get(name=role.value)
        members = sorted(group.user_set.filter(is_superuser=False), key=lambda u: u.groups.count())
        if members:
            users[role.name] = members[0]
    return users


def url(viewset, name, *args):
    try:
        return reverse(viewset.get_url_name(name), args=args)
    except NoReverseMatch:
        return None


def listing(viewset) -> str:
    """The list view: snippets name it "list" ("index" is their model chooser)."""
    return url(viewset, "list") or url(viewset, "index")


def objects_for(viewset, user):
    """Objects to probe: some the user may reach and, for scoped sets, some they may not."""
    everything = list(viewset.model._default_manager.order_by("pk")[:MAX_OBJECTS])
    if isinstance(viewset, UnitScopedViewSetMixin):
        outside = viewset.model._default_manager.exclude(
            pk__in=scope_to_unit(viewset.model._default_manager.all(), user, *viewset.unit_paths)
        ).order_by("pk")[:MAX_OBJECTS]
        everything += [obj for obj in outside if obj not in everything]
    return everything


def in_scope(viewset, user, obj) -> bool:
    if not isinstance(viewset, UnitScopedViewSetMixin):
        return True
    queryset = viewset.model._default_manager.filter(pk=obj.pk)
    return scope_to_unit(queryset, user, *viewset.unit_paths).exists()


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]


@pytest.fixture
def demo_site(demo_ward):
    call_command("load_demo", stdout=io.StringIO())  # every app's demo data, once merged


def test_the_matrix_covers_the_registered_viewsets():
    names = {viewset.model._meta.label for viewset in model_viewsets()}
    assert {"core.Unit", "core.User", "axes.AccessAttempt"} <= names


def test_permission_matrix(demo_site):
    problems: list[str] = []
    checked = 0
    users = role_users()
    assert {"superuser", "LEADER", "UNIT_REPORTER"} <= set(users)
    for viewset in model_viewsets():
        policy = viewset.permission_policy
        index = listing(viewset)
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            label = f"{viewset.model._meta.label} × {role} ({user.username})"
            may_list = policy.user_has_any_permission(user, INDEX_PERMISSIONS)
            status = client.get(index).status_code
            checked += 1
            if may_list != (status == 200) or (not may_list and status not in REFUSED):
                problems.append(f"{label}: list {status}, policy says {may_list}")
            if may_list and getattr(viewset, "list_export", None):
                export = client.get(index, {"export": "csv"})
                if export.status_code == 200 and isinstance(viewset, UnitScopedViewSetMixin):
                    expected = scope_to_unit(
                        viewset.model._default_manager.all(), user, *viewset.unit_paths
                    ).count()
                    if len(csv_rows(export)) != expected:
                        problems.append(f"{label}: export has rows outside the user's unit")
            for obj in objects_for(viewset, user):
                reachable = in_scope(viewset, user, obj)
                probes = [("edit", policy.user_has_permission(user, "change"))]
                if getattr(viewset, "inspect_view_enabled", False):
                    probes.append(("inspect", may_list))
                for view, allowed in probes:
                    target = url(viewset, view, obj.pk)
                    if target is None:
                        continue
                    expected = allowed and reachable
                    status = status_after_moves(client, target)
                    checked += 1
                    if expected != (status == 200) or (not expected and status not in REFUSED):
                        problems.append(
                            f"{label}: {view} #{obj.pk} {status}, expected "
                            f"{'200' if expected else 'refusal'} (in unit: {reachable})"
                        )
    assert checked > 50
    assert not problems, "\n".join(problems)


def status_after_moves(client, target):
    """The status of a record page; a page that moved elsewhere (the progress report's edit form
    now leads to its review screen) counts as what it leads to, while Wagtail's refusal (a redirect
    to the admin home or to the login form) stays a refusal."""
    response = client.get(target)
    refusals = (reverse("wagtailadmin_home"), reverse("wagtailadmin_login"))
    moved = response.status_code == 302 and response["Location"].split("?")[0] not in refusals
    if moved:
        return client.get(response["Location"]).status_code
    return response.status_code


def test_anonymous_visitors_are_sent_to_login(demo_site):
    client = Client()
    for viewset in model_viewsets():
        response = client.get(listing(viewset))
        assert response.status_code == 302, viewset.model._meta.label
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
