import pytest


@pytest.fixture
def promotion_demo(demo_ward):
    """The demo site in vi and en, with its library, calendar and editor permissions."""
    from lantoa.promotion import demo

    demo.load(log=lambda message: None)
    from lantoa.promotion.models import HomePage

    return HomePage.objects.get(locale__language_code="vi")
