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
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column, DateColumn


def _td(column, inner, *args) -> str:
    if column.classname:
        return format_html('<td class="{}">' + inner + "</td>", column.classname, *args)
    return format_html("<td>" + inner + "</td>", *args)


class FastColumn(Column):
    """A text cell: the value escaped, nothing for None (as `wagtailadmin/tables/cell.html`)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        return _td(self, "{}", "" if value is None else value)


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
