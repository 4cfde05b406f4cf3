"""Login lock-out (django-axes) on the web login only."""

from axes.backends import AxesStandaloneBackend


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
