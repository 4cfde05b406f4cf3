"""Admin list filters of core."""

from wagtail.admin.filters import WagtailFilterSet

from ..models import Unit


class UnitFilterSet(WagtailFilterSet):
    class Meta:
        model = Unit
        fields = ["kind", "parent", "is_active"]
