import pytest


@pytest.fixture(autouse=True)
def eager_celery():
    """Run tasks inline. The root conftest's LANTOA_CELERY_EAGER=1 comes after pytest-django has
    loaded the settings, so it does not take effect; set Celery's own config instead."""
    from lantoa.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The demo ward hashes nine passwords; a fast hasher keeps each test's setup short."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
