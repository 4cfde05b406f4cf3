"""Reads for people: who is trained, who is on call, how to reach them, and the KPI figures."""

from datetime import date

from django.db.models import Count as CountAgg
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lantoa.core.panels import Count
from lantoa.core.roles import user_has_role
from lantoa.core.selectors import unit_descendant_ids

from .constants import CollaboratorKind
from .models import (
    Collaborator,
    CollaboratorParticipation,
    OnCallShift,
    StaffMember,
    Training,
    TrainingAttendance,
)


def _in_unit(queryset: QuerySet, unit, path: str = "unit") -> QuerySet:
    if unit is None:
        return queryset
    return queryset.filter(**{f"{path}__in": unit_descendant_ids(unit)})


def staff_active(*, unit=None) -> QuerySet[StaffMember]:
    return _in_unit(StaffMember.objects.filter(is_active=True), unit)


def trainings_in_period(*, start: date, end: date, unit=None) -> QuerySet[Training]:
    trainings = Training.objects.filter(start_date__gte=start, start_date__lte=end)
    if unit is None:
        return trainings
    ids = unit_descendant_ids(unit)
    return trainings.filter(Q(unit__in=ids) | Q(attendances__staff__unit__in=ids)).distinct()


def staff_trained(*, start: date, end: date, unit=None) -> QuerySet[StaffMember]:
    """Active staff who completed at least one training starting in the period."""
    trained_ids = TrainingAttendance.objects.filter(
        completed=True,
        training__start_date__gte=start,
        training__start_date__lte=end,
    ).values("staff_id")
    return staff_active(unit=unit).filter(pk__in=trained_ids)


def staff_not_trained(*, start: date, end: date, unit=None) -> QuerySet[StaffMember]:
    """Active staff with no completed training starting in the period."""
    trained_ids = staff_trained(start=start, end=end).values("pk")
    return staff_active(unit=unit).exclude(pk__in=trained_ids)


def attendances_in_period(*, start: date, end: date, unit=None) -> QuerySet[TrainingAttendance]:
    rows = TrainingAttendance.objects.filter(
        completed=True, training__start_date__gte=start, training__start_date__lte=end
    )
    return _in_unit(rows, unit, "staff__unit")


def on_call(*, day: date, team=None) -> QuerySet[OnCallShift]:
    """Who is on call in the ISO week containing `day`, primary first, with how to reach them."""
    iso_year, iso_week, _weekday = day.isocalendar()
    shifts = OnCallShift.objects.filter(iso_year=iso_year, iso_week=iso_week)
    if team is not None:
        shifts = shifts.filter(team=team)
    return shifts.select_related("staff", "team").order_by("team__name", "-is_primary")


def on_call_user(*, day: date, role: str | None = None):
    """The Lantoa account of the person on call in the ISO week of `day` (primary shifts first),
    optionally only someone holding `role`; None when nobody with an account is on the roster."""
    for shift in on_call(day=day).filter(staff__user__isnull=False, staff__user__is_active=True):
        user = shift.staff.user
        if role is None or user_has_role(user, role):
            return user
    return None


def collaborators_active(*, unit=None) -> QuerySet[Collaborator]:
    return _in_unit(Collaborator.objects.filter(erased_at__isnull=True), unit)


def participations_in_period(
    *, start: date, end: date, unit=None
) -> QuerySet[CollaboratorParticipation]:
    rows = CollaboratorParticipation.objects.filter(
        date__gte=start, date__lte=end, collaborator__erased_at__isnull=True
    )
    return _in_unit(rows, unit, "collaborator__unit")


def participations_by_activity(*, start: date, end: date, unit=None) -> list[dict]:
    """Participations in the period per editorial-calendar campaign (then per other event):
    [{"name", "campaign_id", "participations", "collaborators"}], campaigns first."""
    rows = (
        participations_in_period(start=start, end=end, unit=unit)
        .values("campaign_id", "campaign__name", "event")
        .annotate(
            participations=CountAgg("pk"), collaborators=CountAgg("collaborator", distinct=True)
        )
    )
    result = [
        {
            "name": row["campaign__name"] or row["event"],
            "campaign_id": row["campaign_id"],
            "participations": row["participations"],
            "collaborators": row["collaborators"],
        }
        for row in rows
    ]
    return sorted(result, key=lambda row: (row["campaign_id"] is None, row["name"]))


def _list_url(model_name: str, **params) -> str:
    try:
        base = reverse(f"wagtailsnippets_people_{model_name}:list")
    except NoReverseMatch:
        return ""
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{base}?{urlencode(params)}" if params else base


def kpi_training(*, start: date, end: date, unit=None) -> list[Count]:
    """Trainings held, people trained, attendances and staff not yet trained in the period."""
    unit_id = unit.pk if unit else ""
    period = {"start": start.isoformat(), "end": end.isoformat()}
    return [
        Count(
            _("Lớp tập huấn"),
            trainings_in_period(start=start, end=end, unit=unit).count(),
            _list_url("training", start_date_from=start, start_date_to=end, unit_tree=unit_id),
        ),
        Count(
            _("Lượt người tham gia"),
            attendances_in_period(start=start, end=end, unit=unit).count(),
            _list_url("trainingattendance", start=start, end=end, unit_tree=unit_id),
        ),
        Count(
            _("Cán bộ đã tập huấn"),
            staff_trained(start=start, end=end, unit=unit).count(),
            _list_url("staffmember", trained="yes", unit_tree=unit_id, **period),
        ),
        Count(
            _("Cán bộ chưa tập huấn"),
            staff_not_trained(start=start, end=end, unit=unit).count(),
            _list_url("staffmember", trained="no", unit_tree=unit_id, **period),
            tone="warning",
        ),
    ]


def kpi_collaborators(*, start: date, end: date, unit=None) -> list[Count]:
    """Collaborators with consent, by group, and their participations in the period."""
    unit_id = unit.pk if unit else ""
    by_kind = dict(
        collaborators_active(unit=unit)
        .values_list("kind")
        .annotate(n=CountAgg("pk"))
        .values_list("kind", "n")
    )
    counts = [
        Count(
            str(label),
            by_kind.get(kind, 0),
            _list_url("collaborator", kind=kind, unit_tree=unit_id),
        )
        for kind, label in CollaboratorKind.choices
    ]
    counts.append(
        Count(
            _("Lượt tham gia chiến dịch"),
            participations_in_period(start=start, end=end, unit=unit).count(),
            _list_url("collaboratorparticipation", date_from=start, date_to=end, unit_tree=unit_id),
        )
    )
    counts.append(
        Count(
            _("Lượt tham gia chiến dịch của lịch biên tập"),
            participations_in_period(start=start, end=end, unit=unit)
            .exclude(campaign=None)
            .count(),
            _list_url(
                "collaboratorparticipation",
                date_from=start,
                date_to=end,
                unit_tree=unit_id,
                in_calendar="true",
            ),
        )
    )
    return counts
