"""Reads for organisations and users."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from .models import OfficeProfile, Unit, User


@dataclass(frozen=True)
class Office:
    """Who this install serves: the place line, province and signing bodies of documents."""

    place: str
    province: str
    name: str
    parent_body: str


def office() -> Office:
    """The office as the administrator set it on the first-run setup page; each empty field
    falls back to its setting (LANTOA_OFFICE_PLACE, _PROVINCE, _OFFICE_NAME, _PARTY_PARENT_BODY),
    and names built from a place or province the administrator changed follow that change."""
    profile = OfficeProfile.objects.first() or OfficeProfile()
    place = profile.place or settings.LANTOA_OFFICE_PLACE
    province = profile.province or settings.LANTOA_PROVINCE
    name = profile.office_name or (
        f"Đảng ủy phường {place}" if profile.place else settings.LANTOA_OFFICE_NAME
    )
    parent = profile.parent_body or (
        f"Đảng bộ tỉnh {province}" if profile.province else settings.LANTOA_PARTY_PARENT_BODY
    )
    return Office(place=place, province=province, name=name, parent_body=parent)


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
