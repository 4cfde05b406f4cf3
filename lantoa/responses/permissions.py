"""Role permissions of responses (found by `manage.py roles_ensure`)."""


def grant() -> None:
    from .services import responses_setup

    responses_setup(with_site=False)
