"""Who may see what: roles (Wagtail groups) and unit scoping.

A unit reporter sees and edits only what belongs to their own unit. Leaders, monitors, editors and
rapid-response members see every unit. Apps scope their querysets with `scope_to_unit`, their admin
views with `lantoa.core.viewsets.UnitScopedViewSetMixin`, and their API with the same function.
"""

from django.db.models import Q, QuerySet

from .constants import ROLES_SEEING_ALL_UNITS, Role


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_lantoa_roles", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._lantoa_roles = cache
    return cache


def user_has_role(user, role: Role) -> bool:
    return bool(getattr(user, "is_superuser", False)) or role in user_roles(user)


def is_unit_scoped(user) -> bool:
    """True when the user may only see their own unit's records."""
    if getattr(user, "is_superuser", False):
        return False
    return not (user_roles(user) & ROLES_SEEING_ALL_UNITS)


def scope_to_unit(queryset: QuerySet, user, *unit_paths: str) -> QuerySet:
    """Limit `queryset` to rows whose unit (through any of `unit_paths`) is the user's unit.

    `unit_paths` are ORM paths to a Unit, e.g. "lead_unit" and "coordinating_units". A scoped user
    without a unit sees nothing.
    """
    if not is_unit_scoped(user):
        return queryset
    unit_id = getattr(user, "unit_id", None)
    if unit_id is None:
        return queryset.none()
    condition = Q()
    for path in unit_paths or ("unit",):
        condition |= Q(**{f"{path}": unit_id})
    return queryset.filter(condition).distinct()
