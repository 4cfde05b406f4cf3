"""Login lock-out (django-axes) on the web login only."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

from ..roles import user_auth_load


class LockoutBackend(AxesStandaloneBackend):
    """Refuses logins for locked-out credentials; the next backend checks the password.

    `authenticate()` without a request (management commands, the test client's `login()`) is
    no web login, cannot be throttled by client address, and is left to the next backend
    instead of raising as axes does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class OneQueryPermissionBackend(ModelBackend):
    """ModelBackend's permission checks with the person's roles and permissions read in one query
    (`core.roles.user_auth_load`) instead of three. It checks no password: logins stay with
    ModelBackend, listed after it (which finds the sets this backend left on the user object and
    asks nothing more). `get_user` is ModelBackend's, for sessions opened by `force_login`."""

    def authenticate(self, request, **credentials):
        return None

    def _get_permissions(self, user_obj, obj, from_name):
        if obj is None and user_obj.is_active and not user_obj.is_anonymous:
            user_auth_load(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)
