"""A chooser links to the chosen record's edit form only for those who may edit that kind of record.

Wagtail's snippet choosers (the unit on a staff member, the task on a progress report) show an
"edit this" link beside the choice for everyone; for a person without the model's change
permission that link only sends them home with a refusal. Admin forms know their user
(`for_user`), so each form instance keeps the link where the user holds the permission.
Installed at start-up (core.apps), like the sidebar cache: re-check on Wagtail upgrades.
"""

from __future__ import annotations

from django.contrib.auth import get_permission_codename
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.widgets import AdminSnippetChooser


def chooser_links_install() -> None:
    original = WagtailAdminModelForm.__init__
    if getattr(original, "lantoa_chooser_links", False):
        return

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        user = getattr(self, "for_user", None)
        for field in self.fields.values():
            widget = field.widget  # a copy per form instance (Django deep-copies base_fields)
            if isinstance(widget, AdminSnippetChooser) and widget.show_edit_link:
                opts = widget.model_class._meta
                perm = f"{opts.app_label}.{get_permission_codename('change', opts)}"
                widget.show_edit_link = user is not None and user.has_perm(perm)

    __init__.lantoa_chooser_links = True
    WagtailAdminModelForm.__init__ = __init__
