"""Moments on the admin's inspect pages in the office's time, as every list shows them.

Wagtail's inspect view prints a field's value with `{{ value|localize }}`: the `localize` filter
formats an aware datetime as it is stored, in UTC, so a story first seen at 02:01 on 2 December
(office time) read "19:01, 1 December" on its page while the list beside it said 02:01.
"""

from django.db import models
from django.utils import formats, timezone
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class


class LocalMomentDisplay(BaseFieldDisplay):
    """A datetime in the current time zone (the office's), in the language's format."""

    def render_html(self, parent_context=None) -> str:
        if self.value is None:
            return "—"
        return formats.localize(timezone.localtime(self.value))


def local_moments_install() -> None:
    """From `CoreConfig.ready`: every DateTimeField (auto_now ones too) on an inspect page."""
    register_display_class(models.DateTimeField, display_class=LocalMomentDisplay)
