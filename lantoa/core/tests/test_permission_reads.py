"""A person's roles and permissions are read in one query per request
(core.roles.user_auth_load through core.security.backends.OneQueryPermissionBackend), give the
same answers as Django's ModelBackend, and nothing is kept across requests: a right revoked
between two requests is refused on the second."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantoa.core.models import User
from lantoa.core.roles import user_roles

pytestmark = pytest.mark.django_db
SOURCES = reverse("wagtailsnippets_monitoring_source:list")
ONLY_MODEL_BACKEND = [
    "lantoa.core.security.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]


def perm(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def reader(db):
    """Someone whose admin access comes from a role and whose source right is their own."""
    user = User.objects.create_user(username="doc-nguon", password="x")
    group = Group.objects.create(name="Vào trang quản trị thử")
    group.permissions.add(perm("wagtailadmin.access_admin"))
    user.groups.add(group)
    user.user_permissions.add(perm("monitoring.view_source"))
    return user


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def test_the_same_answers_as_model_backend(reader):
    other = Group.objects.create(name="Nhóm thử thứ hai")
    other.permissions.add(perm("monitoring.view_item"), perm("monitoring.view_source"))
    reader.groups.add(other)
    inactive = User.objects.create_user(username="nghi", password="x", is_active=False)
    inactive.groups.add(other)
    boss = User.objects.create_superuser(username="sep", password="x")
    for person in (reader, inactive, boss):
        mine, django = fresh(person), fresh(person)
        assert mine.get_all_permissions() == ModelBackend().get_all_permissions(django)
        assert mine.get_user_permissions() == ModelBackend().get_user_permissions(fresh(person))
        assert mine.get_group_permissions() == ModelBackend().get_group_permissions(fresh(person))
        assert user_roles(fresh(person)) == set(person.groups.values_list("name", flat=True))
    assert fresh(reader).has_perm("monitoring.view_item")
    assert fresh(reader).has_perm("wagtailadmin.access_admin")
    assert not fresh(reader).has_perm("monitoring.delete_source")
    assert not fresh(inactive).has_perm("monitoring.view_item")
    assert user_roles(fresh(inactive)) == {"Nhóm thử thứ hai"}
    assert fresh(boss).has_perm("monitoring.delete_source")


def test_roles_and_both_permission_sets_are_one_query(reader):
    person = fresh(reader)
    with CaptureQueriesContext(connection) as queries:
        assert user_roles(person) == {"Vào trang quản trị thử"}
        assert person.has_perm("monitoring.view_source")
        assert person.has_perm("wagtailadmin.access_admin")
        assert not person.has_perm("monitoring.delete_source")  # ModelBackend asks nothing more
        assert not person.has_perm("monitoring.change_source")
    assert len(queries) == 1, [q["sql"] for q in queries.captured_queries]


def test_an_admin_list_makes_two_queries_fewer_than_with_model_backend_alone(
    client, reader, settings
):
    def page_queries() -> list[str]:
        client.force_login(reader)
        client.get(SOURCES)  # caches filled
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SOURCES).status_code == 200
        return [q["sql"] for q in queries.captured_queries]  # read now: a request resets the log

    ours = page_queries()
    settings.AUTHENTICATION_BACKENDS = ONLY_MODEL_BACKEND
    django = page_queries()
    assert len(ours) == len(django) - 2, (ours, django)
    reads = [sql for sql in ours if "auth_permission" in sql or "core_user_groups" in sql]
    assert len(reads) == 1 and "UNION ALL" in reads[0], reads
    # ModelBackend's own two reads, and the roles' read (which alone finds nothing to reuse)
    assert len([sql for sql in django if "auth_permission" in sql]) == 3


@pytest.mark.parametrize("revoke", ["own permission", "role's permission", "role", "deactivated"])
def test_a_right_revoked_between_two_requests_is_refused_at_once(client, reader, revoke):
    client.force_login(reader)
    assert client.get(SOURCES).status_code == 200
    if revoke == "own permission":
        reader.user_permissions.remove(perm("monitoring.view_source"))
    elif revoke == "role's permission":
        Group.objects.get(name="Vào trang quản trị thử").permissions.clear()
    elif revoke == "role":
        reader.groups.clear()
    else:
        reader.is_active = False
        reader.save(update_fields=["is_active"])
    response = client.get(SOURCES)
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert "/login" in response["Location"] or "/admin/" in response["Location"]


def test_a_password_login_keeps_model_backend_as_the_sessions_backend(client, reader):
    assert client.login(username="doc-nguon", password="x")
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert client.get(SOURCES).status_code == 200
