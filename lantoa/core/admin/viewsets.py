"""ViewSets of core."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Unit
from .filters import UnitFilterSet


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "short_name", "kind", "parent", "is_active"]
    list_export = ["code", "name", "short_name", "kind", "parent", "email", "is_active"]
    export_filename = "don-vi"
    search_fields = ["name", "short_name", "code", "aliases"]
    filterset_class = UnitFilterSet
    inspect_view_enabled = True
    ordering = ["sort_order", "name"]
