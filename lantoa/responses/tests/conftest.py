import pytest

from lantoa.core.models import User


@pytest.fixture
def site(demo_ward):
    """The public site root (the promotion app's HomePage) and the demo ward."""
    from lantoa.promotion.services import site_ensure

    return site_ensure(title="Quy Nhơn - Gia Lai", intro="Trang thử nghiệm")


@pytest.fixture
def monitor(demo_ward):
    return User.objects.get(username="theodoi")


@pytest.fixture
def leader(demo_ward):
    return User.objects.get(username="lanhdao")


@pytest.fixture
def unit_reporter(demo_ward):
    return User.objects.get(username="mttq")
