"""Table cells of the admin lists written by Python instead of a template each.

Wagtail renders every cell of a listing through its own template (`wagtailadmin/tables/cell.html`,
`date_cell.html`): 20 rows × 6 columns is 120 template renders per page, the largest share of an
items-list request once the count is cached and the rows come by index (see bench/bench_load.py).
The plain text and date cells need no template: `fast_columns` gives the exact `Column` and
`DateColumn` instances of a list a subclass that writes the same `<td>` with `format_html`.
Columns with their own template (titles with their buttons, states, deadlines) are left as they are.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column, DateColumn


def _td(column, inner, *args) -> str:
    if column.classname:
        return format_html('<td class="{}">' + inner + "</td>", column.classname, *args)
    return format_html("<td>" + inner + "</td>", *args)


class FastColumn(Column):
    """A text cell as our `wagtailadmin/tables/cell.html` writes it: yes/no in Vietnamese for
    True/False, nothing for None, else the value localised (as `{{ value }}`) and escaped."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if value is True or value is False:
            return _td(self, "{}", _("Có") if value else _("Không"))
        return _td(self, "{}", "" if value is None else localize(value))


class FastDateColumn(DateColumn):
    """A date cell: "14:05 03/12/2026" as the office writes it, the ISO time in `datetime`."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if not value:
            return _td(self, "")
        if isinstance(value, datetime):
            shown = timezone.localtime(value) if timezone.is_aware(value) else value
            return _td(
                self, '<time datetime="{}">{}</time>', value.isoformat(), f"{shown:%H:%M %d/%m/%Y}"
            )
        if isinstance(value, date):
            shown = f"{value:%d/%m/%Y}"
            return _td(self, '<time datetime="{}">{}</time>', value.isoformat(), shown)
        return _td(self, "{}", value)


def fast_columns(columns: list) -> list:
    """The same columns, the plain text and date ones rendering without a template."""
    for column in columns:
        if type(column) is Column:
            column.__class__ = FastColumn
        elif type(column) is DateColumn:
            column.__class__ = FastDateColumn
    return columns


class FastColumnsMixin:
    """For an admin IndexView: its plain text and date cells written without a template."""

    @cached_property
    def columns(self):
        return fast_columns(super().columns)
