"""WSGI entry point (gunicorn lantoa.wsgi)."""

from django.core.wsgi import get_wsgi_application

from lantoa.config import setup_django_or_exit

setup_django_or_exit()
application = get_wsgi_application()
