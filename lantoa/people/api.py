"""REST API of people: staff doing external-information work, trainings, the on-call roster and
collaborators — read-only, with the admin's filters.

Access is the admin's: the model's view permission (`people.view_<model>`), else 403 with a
Vietnamese message, and a unit reporter sees only their own unit's records (another unit's
answers 404). Personal data goes no further than the admin shows it: a person's phone, e-mail
and contact note only to those who may see that person's record (collaborators: leaders), an
erased collaborator not at all (the tombstone only counts in figures), and nothing about anyone's
views — Lantoa records what a person does for the plan.
"""

from datetime import date

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from lantoa.core.api import ERRORS, MAX_LIMIT, MAX_OFFSET, NO_NUL, require_perm
from lantoa.core.roles import scope_to_unit

from .constants import CollaboratorKind, WorkRole
from .models import Collaborator, OnCallShift, StaffMember, Training

router = Router(tags=["people"])

UnitCode = Query(None, pattern=NO_NUL, max_length=64, description="Mã đơn vị, ví dụ `mttq`.")


class ContactOut(Schema):
    preferred_channel: str
    phone: str
    email: str
    contact_note: str


class StaffOut(Schema):
    id: int
    full_name: str
    unit: str
    position: str
    work_role: str
    languages: list[str]
    is_active: bool
    contact: ContactOut


class StaffDetailOut(StaffOut):
    trainings: list[str]
    teams: list[str]


class TrainingOut(Schema):
    id: int
    title: str
    start_date: date
    end_date: date
    organiser: str
    unit: str | None
    topics: str
    location: str
    attendees: int = 0


class ShiftOut(Schema):
    team: str
    iso_year: int
    iso_week: int
    is_primary: bool
    staff: str
    contact: ContactOut


class CollaboratorOut(Schema):
    id: int
    full_name: str
    kind: str
    unit: str
    agreed_activities: str
    consent_date: date
    consent_scope: str
    consent_method: str
    contact: ContactOut


class ParticipationOut(Schema):
    date: date
    activity: str
    description: str


class CollaboratorDetailOut(CollaboratorOut):
    participations: list[ParticipationOut]


def _contact(person) -> dict:
    return {
        "preferred_channel": person.preferred_channel,
        "phone": person.phone,
        "email": person.email,
        "contact_note": person.contact_note,
    }


def _staff_out(member: StaffMember) -> dict:
    return {
        "id": member.pk,
        "full_name": member.full_name,
        "unit": member.unit.code,
        "position": member.position,
        "work_role": member.work_role,
        "languages": member.language_list(),
        "is_active": member.is_active,
        "contact": _contact(member),
    }


def _collaborator_out(collaborator: Collaborator) -> dict:
    return {
        "id": collaborator.pk,
        "full_name": collaborator.full_name,
        "kind": collaborator.kind,
        "unit": collaborator.unit.code,
        "agreed_activities": collaborator.agreed_activities,
        "consent_date": collaborator.consent_date,
        "consent_scope": collaborator.consent_scope,
        "consent_method": collaborator.consent_method,
        "contact": _contact(collaborator),
    }


def _staff(request):
    require_perm(request, "people.view_staffmember", _("Bạn không có quyền xem danh sách cán bộ."))
    return scope_to_unit(StaffMember.objects.select_related("unit"), request.user, "unit")


def _collaborators(request):
    require_perm(request, "people.view_collaborator", _("Bạn không có quyền xem cộng tác viên."))
    # An erased collaborator is a tombstone for the yearly counts, never a record to read.
    visible = Collaborator.objects.filter(erased_at__isnull=True).select_related("unit")
    return scope_to_unit(visible, request.user, "unit")


@router.get("/people/staff", response={200: list[StaffOut], **ERRORS})
def staff_list(
    request,
    unit: str | None = UnitCode,
    work_role: WorkRole | None = None,
    language: str | None = Query(None, pattern=r"^[a-z-]{2,7}$"),
    active: bool | None = None,
    q: str | None = Query(None, pattern=NO_NUL, max_length=200),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Staff doing external-information work that the user may see (a unit reporter: their
    unit's), with how to reach them; filter by unit, work role, language or name."""
    staff = _staff(request)
    if unit:
        staff = staff.filter(unit__code=unit)
    if work_role:
        staff = staff.filter(work_role=work_role)
    if active is not None:
        staff = staff.filter(is_active=active)
    if q:
        staff = staff.filter(Q(full_name__icontains=q) | Q(position__icontains=q))
    if language:  # a comma-separated field: narrow in SQL, then match whole codes
        staff = staff.filter(languages__icontains=language)
        staff = [m for m in staff if language in m.language_list()]
    return [_staff_out(member) for member in staff[offset : offset + limit]]


@router.get("/people/staff/{staff_id}", response={200: StaffDetailOut, **ERRORS})
def staff_detail(request, staff_id: int):
    """One staff member with the trainings they completed and their rapid-response teams."""
    member = get_object_or_404(_staff(request), pk=staff_id)
    trainings = member.attendances.filter(completed=True).select_related("training")
    return {
        **_staff_out(member),
        "trainings": [str(attendance.training) for attendance in trainings],
        "teams": sorted({m.team.name for m in member.memberships.select_related("team")}),
    }


@router.get("/people/trainings", response={200: list[TrainingOut], **ERRORS})
def trainings_list(
    request,
    since: date | None = None,
    until: date | None = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Trainings the user may see (a unit reporter: their unit's, or attended by its staff),
    latest first, with how many completed them; `since`/`until` bound the start date."""
    require_perm(request, "people.view_training", _("Bạn không có quyền xem lớp tập huấn."))
    trainings = scope_to_unit(
        Training.objects.select_related("unit"), request.user, "unit", "attendances__staff__unit"
    )
    if since:
        trainings = trainings.filter(start_date__gte=since)
    if until:
        trainings = trainings.filter(start_date__lte=until)
    trainings = Training.objects.filter(pk__in=trainings.values("pk")).select_related("unit")
    trainings = trainings.annotate(
        completed=Count("attendances", filter=Q(attendances__completed=True))
    )
    return [
        {
            "id": t.pk,
            "title": t.title,
            "start_date": t.start_date,
            "end_date": t.end_date,
            "organiser": t.organiser,
            "unit": t.unit.code if t.unit_id else None,
            "topics": t.topics,
            "location": t.location,
            "attendees": t.completed,
        }
        for t in trainings[offset : offset + limit]
    ]


@router.get("/people/on-call", response={200: list[ShiftOut], **ERRORS})
def on_call_list(request, day: date | None = None):
    """Who is on call in the ISO week of `day` (default today) in the teams the user may see,
    primary first, with how to reach them — as the roster in the admin shows it."""
    require_perm(request, "people.view_oncallshift", _("Bạn không có quyền xem lịch trực."))
    iso_year, iso_week, _weekday = (day or timezone.localdate()).isocalendar()
    shifts = scope_to_unit(
        OnCallShift.objects.filter(iso_year=iso_year, iso_week=iso_week), request.user, "team__unit"
    )
    shifts = shifts.select_related("team", "staff").order_by("team__name", "-is_primary", "pk")
    return [
        {
            "team": shift.team.name,
            "iso_year": shift.iso_year,
            "iso_week": shift.iso_week,
            "is_primary": shift.is_primary,
            "staff": shift.staff.full_name,
            "contact": _contact(shift.staff),
        }
        for shift in shifts
    ]


@router.get("/people/collaborators", response={200: list[CollaboratorOut], **ERRORS})
def collaborators_list(
    request,
    unit: str | None = UnitCode,
    kind: CollaboratorKind | None = None,
    q: str | None = Query(None, pattern=NO_NUL, max_length=200),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Collaborators with a recorded consent (never an erased one), by name; filter by the unit
    in charge, kind, or words of the name or the agreed activities."""
    collaborators = _collaborators(request)
    if unit:
        collaborators = collaborators.filter(unit__code=unit)
    if kind:
        collaborators = collaborators.filter(kind=kind)
    if q:
        collaborators = collaborators.filter(
            Q(full_name__icontains=q) | Q(agreed_activities__icontains=q)
        )
    return [_collaborator_out(c) for c in collaborators[offset : offset + limit]]


@router.get(
    "/people/collaborators/{collaborator_id}", response={200: CollaboratorDetailOut, **ERRORS}
)
def collaborators_detail(request, collaborator_id: int):
    """One collaborator with what they took part in (404 once their data was erased)."""
    collaborator = get_object_or_404(_collaborators(request), pk=collaborator_id)
    participations = collaborator.participations.select_related("campaign")
    return {
        **_collaborator_out(collaborator),
        "participations": [
            {"date": p.date, "activity": p.activity_name(), "description": p.description}
            for p in participations
        ],
    }
