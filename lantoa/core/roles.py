"""Who may see what: roles (Wagtail groups) and unit scoping.

A unit reporter sees and edits only what belongs to their own unit. Leaders, monitors, editors and
rapid-response members see every unit. Apps scope their querysets with `scope_to_unit`, their admin
views with `lantoa.core.viewsets.UnitScopedViewSetMixin`, and their API with the same function.

Models whose rows belong to units are registered here (`unit_scoped_register`; the ViewSet mixin
registers its model), so that what is shared by every app — chooser lists, form choices, the site
history — is scoped for every such model without knowing it.
"""

from functools import wraps
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .constants import ROLES_SEEING_ALL_UNITS, Role

# model → ORM paths from it to its Unit(s)
UNIT_SCOPED_MODELS: dict[type, tuple[str, ...]] = {}

OUTSIDE_UNIT_MESSAGE = _(
    "Chỉ chọn được bản ghi của đơn vị mình: bản ghi này không thuộc đơn vị của anh/chị."
)


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_lantoa_roles", None)
    if cache is None:
        user_auth_load(user)
        cache = user._lantoa_roles
    return cache


def user_auth_load(user) -> None:
    """Read `user`'s roles, own permissions and their roles' permissions in ONE query, and keep
    them on the user object for the request, where `user_roles` and Django's ModelBackend look
    (`_user_perm_cache`, `_group_perm_cache`: ModelBackend's own attributes). Django would ask three
    times (groups, user permissions, group permissions) on every admin page. Nothing is kept across
    requests: a revoked right or role is read afresh by the next request, in every process.
    A superuser's permission set is left to ModelBackend (every permission); inactive and
    anonymous people have none (ModelBackend's rule), but their roles are still read."""
    if getattr(user, "_lantoa_auth_loaded", False) or not getattr(user, "is_authenticated", False):
        return
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Value

    def rows(queryset, kind, first, second):
        return (
            queryset.order_by()
            .annotate(lantoa_kind=Value(kind), lantoa_empty=Value(""))
            .values_list("lantoa_kind", first, second)
        )

    groups = rows(Group.objects.filter(user=user), "g", "name", "lantoa_empty")
    own = rows(Permission.objects.filter(user=user), "u", "content_type__app_label", "codename")
    via_groups = rows(
        Permission.objects.filter(group__user=user), "G", "content_type__app_label", "codename"
    )
    roles: set[str] = set()
    perms: dict[str, set[str]] = {"u": set(), "G": set()}
    for kind, first, second in groups.union(own, via_groups, all=True):
        if kind == "g":
            roles.add(first)
        else:
            perms[kind].add(f"{first}.{second}")
    user._lantoa_roles = roles
    if user.is_active and not user.is_superuser:
        if not hasattr(user, "_user_perm_cache"):
            user._user_perm_cache = perms["u"]
        if not hasattr(user, "_group_perm_cache"):
            user._group_perm_cache = perms["G"]
    user._lantoa_auth_loaded = True


def user_has_role(user, role: Role) -> bool:
    return bool(getattr(user, "is_superuser", False)) or role in user_roles(user)


def require_perm(request, perm: str) -> None:
    """Refuse an admin view (PermissionDenied: Wagtail's refusal, a security event) unless the
    user has `perm` ("app.codename"). The API's counterpart is `core.api.require_perm`."""
    if not request.user.has_perm(perm):
        raise PermissionDenied


def requires_perm(perm: str):
    """Decorator of an admin function view: refused (as `require_perm`) unless the user has
    `perm`; `may_open` reads the same permission to hide the links to the view."""

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            require_perm(request, perm)
            return view(request, *args, **kwargs)

        checked.user_may_open = lambda user: user.has_perm(perm)
        return checked

    return decorate


class PermissionRequiredMixin:
    """An admin class-based view refused unless `user_may_open(user)`: by default the user has
    `required_perm` ("app.codename"); a view with another rule overrides the class method. The
    menu and the home panels ask the same method (`may_open`), so no link leads to a refusal."""

    required_perm = ""

    @classmethod
    def user_may_open(cls, user) -> bool:
        return not cls.required_perm or user.has_perm(cls.required_perm)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_open(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def may_open(user, url: str) -> bool:
    """Whether `user` may open the admin page at `url`, decided by the permission its view
    checks: `requires_perm` / `PermissionRequiredMixin` (our views) or the permission policy of
    Wagtail's generic views (ViewSets, snippets). Addresses outside this site, and views that
    declare nothing, are open to whoever reaches the admin."""
    parts = urlsplit(str(url))
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return True
    try:
        match = resolve(parts.path)
    except Resolver404:
        return True
    view = match.func
    view_class = getattr(view, "view_class", None)
    check = getattr(view, "user_may_open", None) or getattr(view_class, "user_may_open", None)
    if check is not None:
        return bool(check(user))
    if view_class is not None and issubclass(view_class, PermissionCheckedMixin):
        instance = view_class(**getattr(view, "view_initkwargs", {}))
        instance.request = SimpleNamespace(user=user)
        instance.args, instance.kwargs = match.args, match.kwargs
        if instance.permission_required is not None and not instance.user_has_permission(
            instance.permission_required
        ):
            return False
        required = instance.any_permission_required
        return required is None or instance.user_has_any_permission(required)
    return True


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


def unit_scoped_register(model, *unit_paths: str) -> None:
    """Declare that `model`'s rows belong to the units reached through `unit_paths`."""
    UNIT_SCOPED_MODELS[model] = tuple(unit_paths) or ("unit",)


def scope_to_unit_by_model(queryset: QuerySet, user) -> QuerySet:
    """`scope_to_unit` with the unit paths registered for the queryset's model; a model that does
    not belong to units is returned whole."""
    paths = UNIT_SCOPED_MODELS.get(queryset.model)
    return queryset if paths is None else scope_to_unit(queryset, user, *paths)


def scope_form_choices(form, user, *, unit_fields: tuple[str, ...] = ()) -> None:
    """Limit every choice of a unit-scoped record in `form` to the user's unit, and the fields
    named in `unit_fields` (the record's own unit) to the user's unit itself.

    A POSTed id outside the choices is refused with a Vietnamese message, so nothing is saved.
    """
    if not is_unit_scoped(user):
        return
    unit_model = apps.get_model("core", "Unit")
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if queryset.model in UNIT_SCOPED_MODELS:
            field.queryset = scope_to_unit_by_model(queryset, user)
        elif name in unit_fields and queryset.model is unit_model:
            field.queryset = queryset.filter(pk=getattr(user, "unit_id", None))
        else:
            continue
        field.error_messages["invalid_choice"] = OUTSIDE_UNIT_MESSAGE
        field.error_messages["invalid_pk_value"] = OUTSIDE_UNIT_MESSAGE


def log_entries_visible_to(entries: QuerySet, user) -> QuerySet:
    """Audit log entries without those about another unit's records (deleted records included:
    their entries still carry the record's title)."""
    if not is_unit_scoped(user):
        return entries
    hidden = Q()
    for model, paths in UNIT_SCOPED_MODELS.items():
        visible_ids = (
            scope_to_unit(model._default_manager.all(), user, *paths)
            .annotate(visible_id=Cast("pk", output_field=CharField()))
            .values("visible_id")
        )
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        hidden |= Q(content_type=content_type) & ~Q(object_id__in=visible_ids)
    return entries.exclude(hidden) if hidden else entries
