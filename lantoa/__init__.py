"""Lantoa: the platform a ward office uses to carry out its external-information plan."""

from .celery import app as celery_app

__all__ = ("celery_app",)
