"""Start-up guard shared by manage.py, wsgi.py and celery.py.

A wrong environment should stop Lantoa with one sentence the operator can act on, not a traceback.
"""

import os
import sys


def setup_django_or_exit() -> None:
    """Load settings (and the database URL with them); on a configuration error print one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018  (forces the settings module to load)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Lantoa configuration error: {exc}\n")
        raise SystemExit(2) from None
