"""Admin view helpers: unit scoping for Wagtail ViewSets, and registers written through services.

Declare `unit_paths` on a ViewSet that mixes in UnitScopedViewSetMixin: its list shows only the
user's unit's rows; every view that loads one object (edit, inspect, delete, history, …) answers
404 for another unit's object, so a unit reporter cannot reach it by typing a URL; its chooser
(the modal that picks one for a form field elsewhere) lists and returns only the unit's rows; and
its add and edit forms offer only the unit's records (of any unit-scoped model) as choices.

A register whose records are written only by services (inspections, violations, …) declares its
form once: `service_form_view(CreateView, some_service, required=…, fields=…)` makes the add or
edit view that calls the service and turns its refusal into the form's error, and
`RecordViewSet` / `UnitScopedRecordViewSet` take their panels from `form_fields`.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .roles import scope_form_choices, scope_to_unit, unit_scoped_register

_OBJECT_VIEW_ATTRS = (
    "edit_view_class",
    "delete_view_class",
    "inspect_view_class",
    "history_view_class",
    "usage_view_class",
    "copy_view_class",
    "revisions_view_class",
    "revisions_compare_view_class",
    "revisions_unschedule_view_class",
    "revisions_revert_view_class",
    "unpublish_view_class",
    "unlock_view_class",
    "lock_view_class",
    "workflow_history_view_class",
    "workflow_history_detail_view_class",
)


def scoped_object_view(view_class, unit_paths: tuple[str, ...]):
    """Subclass `view_class` so that its object must lie within the user's unit."""

    class UnitScopedObjectView(view_class):
        def get_object(self, *args, **kwargs):
            obj = super().get_object(*args, **kwargs)
            visible = scope_to_unit(
                type(obj)._default_manager.filter(pk=obj.pk), self.request.user, *unit_paths
            )
            if not visible.exists():
                raise Http404
            return obj

    UnitScopedObjectView.__name__ = f"UnitScoped{view_class.__name__}"
    return UnitScopedObjectView


def scoped_form_view(view_class, unit_paths: tuple[str, ...]):
    """Subclass an add or edit view so that its form's record choices lie within the user's unit,
    and the record's own unit (a direct field among `unit_paths`) can only be the user's."""

    class UnitScopedFormView(view_class):
        def get_form(self, *args, **kwargs):
            form = super().get_form(*args, **kwargs)
            scope_form_choices(form, self.request.user, unit_fields=unit_paths)
            return form

    UnitScopedFormView.__name__ = f"UnitScoped{view_class.__name__}"
    return UnitScopedFormView


class UnitScopedChooserViewMixin:
    """Mixed into a chooser's views: the list, a chosen object and chosen objects are limited to
    the user's unit (another unit's id answers 404 or is left out)."""

    unit_paths: tuple[str, ...] = ()

    def _scoped(self, queryset):
        return scope_to_unit(queryset, self.request.user, *self.unit_paths)

    def get_object_list(self):
        return self._scoped(super().get_object_list())

    def get_object(self, pk):
        return self._scoped(self.model_class._default_manager.all()).get(pk=pk)

    def get_objects(self, pks):
        return self._scoped(self.model_class._default_manager.filter(pk__in=pks))


_CHOOSER_VIEW_ATTRS = (
    "choose_view_class",
    "choose_results_view_class",
    "chosen_view_class",
    "chosen_multiple_view_class",
)


def scoped_chooser_viewset(chooser_viewset_class, unit_paths: tuple[str, ...]):
    """Subclass a ChooserViewSet so that each of its views is scoped to the user's unit."""
    views = {}
    for attr in _CHOOSER_VIEW_ATTRS:
        view_class = getattr(chooser_viewset_class, attr)
        views[attr] = type(
            f"UnitScoped{view_class.__name__}",
            (UnitScopedChooserViewMixin, view_class),
            {"unit_paths": unit_paths},
        )
    return type(f"UnitScoped{chooser_viewset_class.__name__}", (chooser_viewset_class,), views)


class UnitScopedViewSetMixin:
    """Mix into a Wagtail SnippetViewSet or ModelViewSet; set `unit_paths`."""

    unit_paths: tuple[str, ...] = ("unit",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_scoped_register(self.model, *self.unit_paths)
        for attr in _OBJECT_VIEW_ATTRS:
            if isinstance(getattr(type(self), attr, None), property):
                continue  # computed by the ViewSet from other view classes
            view_class = getattr(self, attr, None)
            if view_class is not None:
                setattr(self, attr, scoped_object_view(view_class, self.unit_paths))
        for attr in ("add_view_class", "edit_view_class"):
            view_class = getattr(self, attr, None)
            if view_class is not None:
                setattr(self, attr, scoped_form_view(view_class, self.unit_paths))
        chooser = getattr(self, "chooser_viewset_class", None)
        if chooser is not None:
            self.chooser_viewset_class = scoped_chooser_viewset(chooser, self.unit_paths)

    def get_queryset(self, request):
        base = super().get_queryset(request)
        if base is None:
            base = self.model._default_manager.all()
        return scope_to_unit(base, request.user, *self.unit_paths)


class UnitScopedSnippetViewSet(UnitScopedViewSetMixin, SnippetViewSet):
    """A snippet ViewSet whose records belong to units; set `unit_paths`."""


class ServiceRefusalMixin:
    """A service's ValidationError becomes the form's error message (nothing saved)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def service_form_view(
    view_class,
    service: Callable,
    *,
    required: tuple[str, ...] = (),
    fields: tuple[str, ...] = (),
    instance_arg: str | None = None,
    extra: Callable[[dict], dict] | None = None,
):
    """An add or edit view whose save calls one service with keyword arguments: each of
    `required` from the form's cleaned data, each of `fields` the form has, the edited object as
    `instance_arg`, whatever `extra(cleaned_data)` shapes, and the user. The service's refusal
    (ValidationError) is shown on the form and nothing is saved."""

    class ServiceFormView(ServiceRefusalMixin, view_class):
        def save_instance(self):
            data = self.form.cleaned_data
            arguments = {name: data[name] for name in required}
            arguments.update({name: data[name] for name in fields if name in data})
            if instance_arg:
                arguments[instance_arg] = self.object
            if extra is not None:
                arguments.update(extra(data))
            return service(**arguments, user=self.request.user)

    ServiceFormView.__name__ = f"{service.__name__.title().replace('_', '')}View"
    return ServiceFormView


class RecordViewSet(SnippetViewSet):
    """A register written through services: the form's panels follow `form_fields` (unless the
    ViewSet declares `panels`), and every record can be inspected."""

    form_fields: tuple[str, ...] = ()
    inspect_view_enabled = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.form_fields and "panels" not in cls.__dict__:
            cls.panels = [FieldPanel(name) for name in cls.form_fields]


class UnitScopedRecordViewSet(UnitScopedViewSetMixin, RecordViewSet):
    """A register written through services whose records belong to units; set `unit_paths`."""
