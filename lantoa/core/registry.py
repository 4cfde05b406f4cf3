"""Extension points through which apps contribute to shared features without knowing each other.

Each Lantoa app may provide, beside its models:
- `demo.py` with `load(*, log)`: adds its part of the demo ward (idempotent);
- `report_sections.py`: functions decorated with `lantoa.core.reporting.report_section`.
They are found here, in the order of settings.LANTOA_APPS.
"""

import importlib
from types import ModuleType

from django.conf import settings


def app_modules(submodule: str) -> list[ModuleType]:
    """Import `<app>.<submodule>` for every Lantoa app that has one, in dependency order."""
    modules = []
    for app in settings.LANTOA_APPS:
        name = f"{app}.{submodule}"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules
