from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


@pytest.fixture
def promotion_demo(demo_ward):
    """The demo site in vi and en (the other languages are slow to build: tests that need them
    use `promotion_demo_all`), with its library, calendar and editor permissions."""
    from lantoa.promotion import demo

    demo.load(log=lambda message: None, languages=("en",))
    from lantoa.promotion.models import HomePage

    return HomePage.objects.get(locale__language_code="vi")


@pytest.fixture
def promotion_demo_all(demo_ward):
    """The demo site in all six languages, with the clarifications index and a clarification."""
    from lantoa.promotion import demo
    from lantoa.responses import demo as responses_demo

    demo.load(log=lambda message: None)
    responses_demo.load(log=lambda message: None)
    from lantoa.promotion.models import HomePage

    return HomePage.objects.get(locale__language_code="vi")
