"""Writes for organisations, users and roles."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from wagtail.models import Task, Workflow

from .constants import Role, UnitKind
from .models import Unit, User


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: UnitKind
    short_name: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()


@transaction.atomic
def units_ensure(*, specs: list[UnitSpec]) -> dict[str, Unit]:
    """Create or update units by code (idempotent); parents must come before their children."""
    units: dict[str, Unit] = {}
    for order, spec in enumerate(specs):
        parent = units.get(spec.parent) or (
            Unit.objects.get(code=spec.parent) if spec.parent else None
        )
        unit, _ = Unit.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "parent": parent,
                "aliases": "\n".join(spec.aliases),
                "sort_order": order,
            },
        )
        units[spec.code] = unit
    return units


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the role groups, each allowed into the Wagtail admin (idempotent).

    Model permissions are granted by each app (see `role_grant_permissions`).
    """
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.add(admin_access)
        groups[role.value] = group
    permission_names_translate()
    wagtail_defaults_translate()
    return groups


# Django names a model's permissions "Can add <verbose name>" in English when `migrate` creates
# them, and the group page shows those names: they are rewritten in Vietnamese.
_PERMISSION_VERBS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}
_PERMISSION_NAMES = {
    ("wagtailadmin", "access_admin"): "Vào trang quản trị",
    ("wagtail_localize", "submit_translation"): "Gửi đi dịch",
    ("wagtailcore", "bulk_delete_page"): "Xóa trang có trang con",
    ("wagtailcore", "lock_page"): "Khóa/mở khóa trang mình đã khóa",
    ("wagtailcore", "publish_page"): "Xuất bản mọi trang",
    ("wagtailcore", "unlock_page"): "Mở khóa mọi trang",
    ("wagtaildocs", "choose_document"): "Chọn tài liệu",
    ("wagtailimages", "choose_image"): "Chọn ảnh",
}
# Models of Wagtail and wagtail-localize whose verbose name has no translation hook.
_MODEL_NAMES = {
    ("wagtailcore", "locale"): "ngôn ngữ",
    ("wagtail_localize", "translation"): "bản dịch",
}
# What Wagtail's own migrations create in English: its default groups, workflow and task.
_WAGTAIL_GROUPS = {"Moderators": "Người kiểm duyệt", "Editors": "Người biên tập trang"}
_WAGTAIL_WORKFLOW = {"Moderators approval": "Duyệt của người kiểm duyệt"}


@transaction.atomic
def permission_names_translate() -> int:
    """Name every permission in Vietnamese (idempotent); returns how many were renamed."""
    renamed = 0
    with translation.override("vi"):
        for permission in Permission.objects.select_related("content_type"):
            app_label = permission.content_type.app_label
            name = _PERMISSION_NAMES.get((app_label, permission.codename))
            action = permission.codename.split("_", 1)[0]
            model = permission.content_type.model_class()
            default = (
                model is not None and permission.codename == f"{action}_{model._meta.model_name}"
            )
            if name is None and action in _PERMISSION_VERBS and default:
                label = (app_label, model._meta.model_name)
                model_name = _MODEL_NAMES.get(label) or model._meta.verbose_name
                name = f"{_PERMISSION_VERBS[action]} {model_name}"
            if name and permission.name != name[:255]:
                permission.name = name[:255]
                permission.save(update_fields=["name"])
                renamed += 1
    return renamed


@transaction.atomic
def wagtail_defaults_translate() -> None:
    """Rename Wagtail's default groups, workflow and task while they keep their English names."""
    for english, vietnamese in _WAGTAIL_GROUPS.items():
        if not Group.objects.filter(name=vietnamese).exists():
            Group.objects.filter(name=english).update(name=vietnamese)
    for english, vietnamese in _WAGTAIL_WORKFLOW.items():
        Workflow.objects.filter(name=english).update(name=vietnamese)
        Task.objects.filter(name=english).update(name=vietnamese)


@transaction.atomic
def role_grant_permissions(*, role: Role, app_label: str, codenames: list[str]) -> None:
    """Give a role the named model permissions of one app (idempotent)."""
    group, _ = Group.objects.get_or_create(name=role.value)
    perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    missing = set(codenames) - set(perms.values_list("codename", flat=True))
    if missing:
        raise ValueError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    group.permissions.add(*perms)


@transaction.atomic
def user_ensure(
    *,
    username: str,
    password: str,
    full_name: str,
    unit: Unit | None = None,
    roles: tuple[Role, ...] = (),
    is_superuser: bool = False,
    email: str = "",
) -> User:
    """Create a user with a known password, or leave an existing one's password alone."""
    family, _, given = full_name.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": given, "last_name": family, "email": email}
    )
    user.unit = unit
    user.is_staff = user.is_staff or is_superuser
    user.is_superuser = user.is_superuser or is_superuser
    if created:
        user.set_password(password)
    user.save()
    if roles:
        user.groups.add(*Group.objects.filter(name__in=[role.value for role in roles]))
    return user


def crontab_ensure(*, minute: str, hour: str, day_of_week: str = "*", model=None):
    """The django-celery-beat crontab for that time of the office's day (settings.TIME_ZONE),
    shared by every app's scheduled jobs. `model`: the historical CrontabSchedule in a migration.
    """
    if model is None:  # here, not at the top: core.services is imported while models load
        from django_celery_beat.models import CrontabSchedule as model
    schedule, _created = model.objects.get_or_create(
        minute=minute,
        hour=hour,
        day_of_week=day_of_week,
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    return schedule
