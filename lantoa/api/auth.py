"""API authentication: a Wagtail API token (`Authorization: Bearer …`) or the admin session.

Tokens are Wagtail's own (wagtail.models.APIToken): users create and revoke them in the admin
under their account, or with `manage.py api_tokens`. Only a digest is stored.
"""

from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth

API_AUTH = [BearerTokenAuth(), django_auth]
