import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The demo ward hashes nine passwords; a fast hasher keeps each test's setup short."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
