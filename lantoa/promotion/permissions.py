"""Role permissions of promotion (found by `manage.py roles_ensure`): the library, the calendar,
and the site's pages when the home page exists."""


def grant() -> None:
    from .demo import permissions_ensure
    from .models import HomePage

    permissions_ensure(HomePage.objects.filter(depth=2).first())
