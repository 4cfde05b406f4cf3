import pytest


@pytest.fixture
def promotion_demo(demo_ward, django_capture_on_commit_callbacks):
    """The demo site in vi and en, with its library, calendar and editor permissions.

    wagtail-localize publishes translations on commit; the test transaction never commits, so
    the callbacks are run here as a real commit would."""
    from lantoa.promotion import demo

    with django_capture_on_commit_callbacks(execute=True):
        demo.load(log=lambda message: None)
    from lantoa.promotion.models import HomePage

    return HomePage.objects.get(locale__language_code="vi")
