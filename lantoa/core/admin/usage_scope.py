"""A record's "usage" page lists only the referring records the person may see.

Wagtail's usage view (the "Được dùng ở" page of a training, a directive, a unit …) lists every
record that points to it. A ward-wide record is referred to by every unit's records, so a unit
reporter opening a training's usage page would read the other units' attendance, each row a link
that then answers 404. Here a unit-scoped person's usage page leaves out the referring records of
unit-scoped models that lie outside their unit (one query per such model), so neither the names nor
the count of another unit's records show. Installed at start-up (core.apps), like the sidebar
cache: re-check on Wagtail upgrades.
"""

from __future__ import annotations

from collections import defaultdict

from wagtail.admin.views.generic.usage import UsageView

from ..roles import UNIT_SCOPED_MODELS, is_unit_scoped, scope_to_unit_by_model


def usage_visible(groups, user) -> list:
    """The (record, references) pairs of `groups` whose record `user` may see."""
    groups = list(groups)
    if not is_unit_scoped(user):
        return groups
    pks_by_model = defaultdict(set)
    for record, _references in groups:
        if type(record) in UNIT_SCOPED_MODELS:
            pks_by_model[type(record)].add(record.pk)
    visible = {
        model: set(
            scope_to_unit_by_model(model._default_manager.filter(pk__in=pks), user).values_list(
                "pk", flat=True
            )
        )
        for model, pks in pks_by_model.items()
    }
    return [
        (record, references)
        for record, references in groups
        if type(record) not in visible or record.pk in visible[type(record)]
    ]


def usage_scope_install() -> None:
    original = UsageView.get_queryset
    if getattr(original, "lantoa_usage_scope", False):
        return

    def get_queryset(self):
        return usage_visible(original(self), self.request.user)

    get_queryset.lantoa_usage_scope = True
    UsageView.get_queryset = get_queryset
