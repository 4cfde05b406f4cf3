"""Table cells of the admin lists written by Python instead of a template each.

Wagtail renders every cell of a listing through its own template (`wagtailadmin/tables/cell.html`,
`date_cell.html`): 20 rows × 6 columns is 120 template renders per page, the largest share of an
items-list request once the count is cached and the rows come by index (see bench/bench_load.py).
The plain text and date cells need no template: `fast_columns` gives the exact `Column` and
`DateColumn` instances of a list a subclass that writes the same `<td>`. Columns with a template
of our own (states, deadlines) are left as they are.

The rows themselves: Wagtail's `tables/table.html` renders each cell through laces'
`{% component %}` tag and each row's attributes through `shared/attrs.html`, about a third of a
list's table time with the cells already template-free. `FastRowsTable` writes the body's `<tr>`
rows in Python and asks each column for its cell as the tag does; the title cell, with its row's
menu of buttons (sources, cases, tasks: `title_cell.html`, `buttons.html`,
`button_with_dropdown.html`, `dropdown.html` and a `button.html` per button, 0.3–0.6 ms a row),
and the bulk-actions checkbox are written without their templates as well. The buttons are still
the view's (`get_list_buttons`: its permission checks and hooks); a button of a class we do not
know renders itself. The header row and the frame are still Wagtail's template
(`core/admin/table.html`, a copy with the body swapped).

Each part is escaped as the templates escape it (`_esc`, `conditional_escape`'s rule) and the
markup compared with the templates' in core/tests/test_admin_tables.py; strings are joined with
f-strings rather than `format_html`, whose lazy-argument wrapper was a fifth of a row's time.
"""

from __future__ import annotations

import functools
import html
from datetime import date, datetime

from django.contrib.admin.utils import quote
from django.db import models
from django.utils import timezone
from django.utils.formats import localize
from django.utils.functional import Promise, cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    ButtonsColumnMixin,
    Column,
    DateColumn,
    Table,
    TitleColumn,
)
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, ListingButton

from .display import choice_display, display_field


def _esc(value) -> str:
    """`conditional_escape` without its lazy-argument wrapper: the same text (a SafeString as it
    is, anything else escaped with `html.escape`), a few µs less each of the hundreds of calls a
    list's buttons make."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _td(column, inner: str) -> str:
    """A cell around `inner` (already escaped)."""
    if column.classname:
        return mark_safe(f'<td class="{_esc(column.classname)}">{inner}</td>')  # noqa: S308
    return mark_safe(f"<td>{inner}</td>")  # noqa: S308


class FastColumn(Column):
    """A text cell as our `wagtailadmin/tables/cell.html` writes it: yes/no in Vietnamese for
    True/False, nothing for None, else the value localised (as `{{ value }}`) and escaped. A
    choice field's label (`get_<field>_display`, the accessor Wagtail gives such a column) is
    read from a table kept per field (core.display)."""

    def get_value(self, instance):
        if isinstance(self.accessor, str) and isinstance(instance, models.Model):
            field = display_field(type(instance), self.accessor)
            if field is not None:
                return choice_display(instance, field)
        return super().get_value(instance)

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if value is True or value is False:
            return _td(self, _esc(_("Có") if value else _("Không")))
        return _td(self, "" if value is None else _esc(localize(value)))


class FastDateColumn(DateColumn):
    """A date cell: "14:05 03/12/2026" as the office writes it, the ISO time in `datetime`."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if not value:
            return _td(self, "")
        if isinstance(value, datetime):
            shown = timezone.localtime(value) if timezone.is_aware(value) else value
            shown = f"{shown:%H:%M %d/%m/%Y}"
            return _td(self, f'<time datetime="{_esc(value.isoformat())}">{_esc(shown)}</time>')
        if isinstance(value, date):
            shown = f"{value:%d/%m/%Y}"
            return _td(self, f'<time datetime="{_esc(value.isoformat())}">{_esc(shown)}</time>')
        return _td(self, _esc(value))


TABLE_TEMPLATE = Table.template_name


def attrs_html(attrs: dict) -> str:
    """HTML attributes as Wagtail's `shared/attrs.html` writes them: False leaves the attribute
    out, True writes its name alone."""
    return "".join(
        f" {_esc(name)}" if value is True else f' {_esc(name)}="{_esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _flatatt(attrs: dict) -> str:
    """Django's `flatatt` (what Wagtail's buttons write their attributes with), the same text
    without its `format_html_join` (a lazy-argument wrapper per attribute, per button, per row):
    name="value" pairs sorted by name, then the names of the true booleans, sorted; None and
    False left out."""
    pairs = sorted((name, value) for name, value in attrs.items() if not isinstance(value, bool))
    flags = sorted(name for name, value in attrs.items() if value is True)
    return "".join(
        f' {_esc(name)}="{_esc(value)}"' for name, value in pairs if value is not None
    ) + "".join(f" {_esc(name)}" for name in flags)


@functools.cache
def icon_html(name: str, classname: str = "icon") -> str:
    """An icon as Wagtail's `{% icon %}` tag writes it (`shared/icon.html`, without a title)."""
    name, classname = _esc(name), _esc(classname)
    return (
        f'<svg class="icon icon-{name} {classname}" aria-hidden="true">'
        f'<use href="#icon-{name}"></use></svg>'
    )


# Buttons of exactly these classes (no template, context or rendering of their own) are written
# here; any other button renders itself.
PLAIN_BUTTONS = (Button, ListingButton)


def button_html(button, parent_context) -> str:
    """A button as `shared/button.html` writes it, a menu of buttons as
    `shared/button_with_dropdown.html` (the `{% dropdown %}` tag) does; any other component by
    its own `render_html`, as the `{% component %}` tag asks it."""
    if type(button) in PLAIN_BUTTONS:
        icon = icon_html(button.icon_name) if button.icon_name else ""
        inner = (
            f'class="{_esc(button.classname)}" {_flatatt(button.attrs)}>{icon}{_esc(button.label)}'
        )
        if button.url:
            return f'<a href="{_esc(button.url)}" {inner}</a>'
        return f"<button {inner}</button>"
    if type(button) is ButtonWithDropdown:
        children = "".join(
            button_html(child, parent_context) for child in sorted(button.dropdown_buttons)
        )
        toggle_class = " ".join(
            name
            for name in (
                "w-dropdown__toggle",
                "" if button.label else "w-dropdown__toggle--icon",
                button.classname.strip(),
            )
            if name
        )
        attrs = {name: value for name, value in button.attrs.items() if name != "aria-label"}
        aria_label = button.aria_label
        aria_label = f' aria-label="{_esc(aria_label)}"' if aria_label else ""
        icon = icon_html(button.icon_name or "arrow-down", "w-dropdown__toggle-icon")
        return (
            f'<div data-controller="w-dropdown" class="w-dropdown" {_flatatt(attrs)}>'
            f'<button type="button" class="{_esc(toggle_class)}" data-w-dropdown-target="toggle"'
            f"{aria_label}>{_esc(button.label)}{icon}</button>"
            '<div data-w-dropdown-target="content" class="w-dropdown__content" hidden>'
            f"{children}</div></div>"
        )
    return button.render_html(parent_context)


class FastTitleCellMixin:
    """A title cell as `wagtailadmin/tables/title_cell.html` writes it, with its row's buttons
    (a menu of edit, copy, inspect, delete as `shared/buttons.html` lists them): the buttons are
    the view's own (`get_list_buttons`, its permission checks and hooks), only their HTML is
    written here instead of five templates a row."""

    def render_cell_html(self, instance, parent_context):
        context = self.get_cell_context_data(instance, parent_context)
        actions = ""
        if context.get("buttons"):
            items = "".join(
                f"<li>{button_html(button, context)}</li>"
                for button in context["buttons"]
                if button.show
            )
            actions = f'<ul class="actions">{items}</ul>'
        value = _esc(localize(context["value"]))
        if context["title_id"]:
            value = f'<span id="{_esc(context["title_id"])}">{value}</span>'
        if context["link_url"]:
            value = f"<a{attrs_html(context['link_attrs'])}>{value}</a>"
        elif context["label_id"]:
            value = f'<label for="{_esc(context["label_id"])}">{value}</label>'
        classname = _esc(f"{self.classname} title" if self.classname else "title")
        # Every part escaped above.
        return mark_safe(  # noqa: S308
            f'<td class="{classname}"><div class="title-wrapper">{value}</div>{actions}</td>'
        )


class FastBulkActionsCheckboxColumn(BulkActionsCheckboxColumn):
    """The bulk-actions checkbox of a snippet row as `listing_checkbox_cell.html` writes it."""

    def render_cell_html(self, instance, parent_context):
        if self.obj_type == "page":  # pages carry their live/draft state: Wagtail's template
            return super().render_cell_html(instance, parent_context)
        return mark_safe(  # noqa: S308 - each part escaped
            '<td class="bulk-action-checkbox-cell"><input type="checkbox"'
            f' data-object-id="{_esc(quote(instance.pk))}" data-bulk-action-checkbox'
            f' class="bulk-action-checkbox" aria-label="{_esc(_("Select"))}"'
            f' aria-describedby="{_esc(self.get_aria_describedby(instance))}" /></td>'
        )


@functools.cache
def _fast_title_class(column_class: type) -> type:
    """One class per Wagtail title column class, made once (not a new class every request)."""
    return type(column_class.__name__, (FastTitleCellMixin, column_class), {})


def fast_columns(columns: list) -> list:
    """The same columns, the plain text, date, checkbox and plain title ones rendering without a
    template. Only Wagtail's own classes are swapped (a title column as the IndexView makes it,
    `ButtonsColumnMixin` + `TitleColumn`); a column of ours keeps its template."""
    for column in columns:
        kind = type(column)
        if kind is Column:
            column.__class__ = FastColumn
        elif kind is DateColumn:
            column.__class__ = FastDateColumn
        elif kind is BulkActionsCheckboxColumn:
            column.__class__ = FastBulkActionsCheckboxColumn
        elif kind is TitleColumn or kind.__bases__ == (ButtonsColumnMixin, TitleColumn):
            column.__class__ = _fast_title_class(kind)
    return columns


class FastRowsTable(Table):
    """A Wagtail table whose body rows are joined in Python: each cell is asked for its HTML
    as laces' `{% component cell %}` asks it (`render_html` with the row, table and request in
    its context), without a template tag per cell and an attributes template per row."""

    template_name = "core/admin/table.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context.get("request")
        rows = []
        for row in self.rows:
            cell_context = {"table": self, "row": row, "request": request}
            cells = "".join(row[name].render_html(cell_context) for name in row)
            rows.append(f"<tr{attrs_html(row.attrs)}>{cells}</tr>")
        context["body_html"] = mark_safe("".join(rows))  # noqa: S308 - each part escaped above
        return context


class FastColumnsMixin:
    """For an admin IndexView: its plain text, date, checkbox and plain title cells written
    without a template, and its rows joined without a template tag per cell."""

    @cached_property
    def columns(self):
        return fast_columns(super().columns)

    @cached_property
    def table_class(self):
        table_class = super().table_class
        if issubclass(table_class, FastRowsTable) or table_class.template_name != TABLE_TEMPLATE:
            return table_class
        if table_class is Table:
            return FastRowsTable
        return type(table_class.__name__, (FastRowsTable, table_class), {})
