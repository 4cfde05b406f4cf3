"""Reads for background jobs."""

from django.db.models import QuerySet

from lantoa.core.constants import Role
from lantoa.core.roles import user_has_role

from .models import Job


def jobs_visible(user) -> QuerySet[Job]:
    """Leaders and administrators see every job; others see the jobs they started."""
    jobs = Job.objects.select_related("created_by").prefetch_related("files")
    if user_has_role(user, Role.LEADER):
        return jobs
    return jobs.filter(created_by=user)
