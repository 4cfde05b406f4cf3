"""A field's choice label (what `get_<field>_display()` returns) read from a table kept per field.

Django's `get_<field>_display()` builds `dict(make_hashable(field.flatchoices))` on every call:
hashing the choices hashes each lazy label, a gettext each over every catalogue of the language
(about twenty for Vietnamese: one per distinct plural rule among the installed apps). For a
field of twenty choices that is 0.1–0.2 ms a call, and an admin list calls it for every row
and choice column (the task list: two columns and the plan's directive type in each row). The
table of (value → lazy label) is the same every time for choices given as a list, so it is
made once per field; the label is still translated at each call, into the request's language.
"""

from __future__ import annotations

import functools
import inspect
from functools import partialmethod

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_TABLES: dict[models.Field, tuple[object, dict]] = {}


def choice_display(instance: models.Model, field: models.Field) -> str:
    """`instance.get_<field>_display()`, the same text, without hashing every label."""
    choices = field.choices
    if not isinstance(choices, list | tuple):  # callable choices may change: Django's way
        return instance._get_FIELD_display(field)
    cached = _TABLES.get(field)
    if cached is None or cached[0] is not choices:
        cached = (choices, {make_hashable(value): label for value, label in field.flatchoices})
        _TABLES[field] = cached
    value = getattr(instance, field.attname)
    return force_str(cached[1].get(make_hashable(value), value), strings_only=True)


@functools.cache
def display_field(model: type[models.Model], accessor: str) -> models.Field | None:
    """The field behind `model.<accessor>` when that is Django's own `get_<field>_display`
    (not a method of the model's own that a subclass or the model defines), else None."""
    if not accessor.startswith("get_") or not accessor.endswith("_display"):
        return None
    attribute = inspect.getattr_static(model, accessor, None)
    if isinstance(attribute, partialmethod) and attribute.func is models.Model._get_FIELD_display:
        return attribute.keywords.get("field")
    return None
