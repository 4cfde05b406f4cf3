from pathlib import Path

import pytest
from django.conf import settings

SEED_NAME = "ke-hoach-78-KH-DU.txt"


@pytest.fixture
def seed_path() -> Path:
    path = Path(settings.SEED_DIR) / SEED_NAME
    if not path.is_file():
        pytest.skip(f"Seed plan {path} is absent (set LANTOA_SEED_DIR to the shared seed folder)")
    return path


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The demo ward hashes nine passwords; a fast hasher keeps each test's setup short."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
