"""Template helpers of the KPI dashboard."""

from django import template

from lantoa.core.text import vn_number as _vn_number

from ..changes import Change

register = template.Library()


@register.filter
def vn_number(value):
    return _vn_number(value)


@register.simple_tag
def kpi_change(figure, count) -> Change | None:
    """The change since the previous period of one of the figure's values."""
    change = figure.extra.get("change")
    return change.rows.get(str(count.label)) if change else None
