"""Admin list filters of core."""

from django.utils.translation import gettext as _
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter
from wagtail.admin.filters import WagtailFilterSet

from ..models import Unit


class UnitFilterSet(WagtailFilterSet):
    class Meta:
        model = Unit
        fields = ["kind", "parent", "is_active"]


class BooleanFilterAdapter(BaseFilterAdapter):
    """A yes/no filter in force reads "Có" / "Không" on its pill, not True / False (registered
    for every BooleanFilter in core's wagtail_hooks)."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            _("Có") if self.value else _("Không"),
            self.get_url_without_filter_param(self.name),
        )
