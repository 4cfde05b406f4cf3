"""API authentication: a Wagtail API token (`Authorization: Bearer …`) or the admin session.

Tokens are Wagtail's own (wagtail.models.APIToken): users create and revoke them in the admin
under their account, or with `manage.py api_tokens`. Only a digest is stored.

Failed authentications are limited per client address (core.security.throttling): the gate
comes first and answers 429 to an address that has used up its failures.
"""

from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth

from lantoa.core.security.throttling import auth_failure_gate

API_AUTH = [auth_failure_gate, BearerTokenAuth(), django_auth]
