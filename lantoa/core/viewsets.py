"""Admin view helpers: unit scoping for Wagtail ViewSets.

Declare `unit_paths` on a ViewSet that mixes in UnitScopedViewSetMixin: its list shows only the
user's unit's rows, and every view that loads one object (edit, inspect, delete, history, …) answers
404 for another unit's object, so a unit reporter cannot reach it by typing a URL.
"""

from django.http import Http404
from wagtail.snippets.views.snippets import SnippetViewSet

from .roles import scope_to_unit

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


class UnitScopedViewSetMixin:
    """Mix into a Wagtail SnippetViewSet or ModelViewSet; set `unit_paths`."""

    unit_paths: tuple[str, ...] = ("unit",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attr in _OBJECT_VIEW_ATTRS:
            if isinstance(getattr(type(self), attr, None), property):
                continue  # computed by the ViewSet from other view classes
            view_class = getattr(self, attr, None)
            if view_class is not None:
                setattr(self, attr, scoped_object_view(view_class, self.unit_paths))

    def get_queryset(self, request):
        base = super().get_queryset(request)
        if base is None:
            base = self.model._default_manager.all()
        return scope_to_unit(base, request.user, *self.unit_paths)


class UnitScopedSnippetViewSet(UnitScopedViewSetMixin, SnippetViewSet):
    """A snippet ViewSet whose records belong to units; set `unit_paths`."""
