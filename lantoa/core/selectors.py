"""Reads for organisations and users."""

from django.db.models import QuerySet

from .models import Unit, User


def units_active() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True)


def unit_descendant_ids(unit: Unit) -> set[int]:
    """The ids of `unit` and every unit below it in the tree."""
    ids, frontier = {unit.pk}, {unit.pk}
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= ids
        ids |= frontier
    return ids


def users_active() -> QuerySet[User]:
    return User.objects.filter(is_active=True)
