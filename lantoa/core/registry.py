"""Extension points through which apps contribute to shared features without knowing each other.

Each Lantoa app may provide, beside its models:
- `demo.py` with `load(*, log)`: adds its part of the demo ward (idempotent);
- `report_sections.py`: functions decorated with `lantoa.core.reporting.report_section`;
- `jobs.py`: background job kinds (`lantoa.core.jobs.job_kind`);
- `retention.py`: kinds of row that age out (`lantoa.core.security.retention.retention_rule`).
- `schedules.py`: `SCHEDULES`, its periodic work (`lantoa.core.beat.Schedule`);
- `permissions.py`: `permissions_grant()`, its role permissions;
- `office.py`: `setup(*, log)`, its shipped configuration in `<app>/config/` (core.office_setup);
- `story_context.py`: `story_context(story) -> dict`, what the app knows about a story (e.g. the
  clarifications opened on its items), merged into the foreign-pickup alert.
They are found here, in the order of settings.LANTOA_APPS.

An app may also add filters to another app's admin list without importing its admin
(`list_filter_register`), e.g. insights adds "topic" and "foreign" to monitoring's item list.
"""

import copy
import importlib
from types import ModuleType
from typing import Any

from django.conf import settings


def app_modules(submodule: str) -> list[ModuleType]:
    """Import `<app>.<submodule>` for every Lantoa app that has one, in dependency order."""
    modules = []
    for app in settings.LANTOA_APPS:
        name = f"{app}.{submodule}"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name and not name.startswith(f"{exc.name}."):  # e.g. no admin/
                raise
    return modules


_LIST_FILTERS: dict[str, dict[str, Any]] = {}


def list_filter_register(model_label: str, name: str, list_filter: Any) -> None:
    """Add a django-filter `Filter` named `name` to the admin list of `model_label`
    ("app_label.model_name"); a `method` must be a callable, not the name of a FilterSet method."""
    _LIST_FILTERS.setdefault(model_label.lower(), {})[name] = list_filter


def list_filters_extend(filterset) -> None:
    """Give a FilterSet instance (in its __init__) the filters other apps registered for its
    model, as django-filter's own __init__ does for declared ones."""
    model = filterset._meta.model
    for name, list_filter in _LIST_FILTERS.get(model._meta.label_lower, {}).items():
        bound = copy.deepcopy(list_filter)
        bound.parent = filterset
        bound.model = model
        filterset.filters[name] = bound
