"""Writes for staff, trainings, the rapid-response roster and collaborators."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from lantoa.core.audit import audit

from .constants import ERASED_NAME, ContactChannel
from .models import (
    Collaborator,
    CollaboratorParticipation,
    OnCallShift,
    RapidResponseTeam,
    StaffMember,
    Training,
    TrainingAttendance,
)


@transaction.atomic
def training_attendance_record(
    *, training: Training, staff: list[StaffMember], user=None
) -> list[TrainingAttendance]:
    """Mark `staff` as having attended `training` (idempotent)."""
    rows = []
    for member in staff:
        row, created = TrainingAttendance.objects.get_or_create(training=training, staff=member)
        if created:
            audit(row, "people.attendance_record", user=user)
        rows.append(row)
    return rows


@transaction.atomic
def roster_assign(
    *,
    team: RapidResponseTeam,
    staff: StaffMember,
    iso_year: int,
    iso_week: int,
    is_primary: bool = True,
    user=None,
) -> OnCallShift:
    """Put `staff` on call for `team` in an ISO week; they must be a current member."""
    try:
        monday = date.fromisocalendar(iso_year, iso_week, 1)
    except ValueError as exc:
        raise ValidationError(f"Tuần {iso_week}/{iso_year} không tồn tại.") from exc
    member = team.memberships.filter(staff=staff, joined_on__lte=monday + timedelta(days=6))
    if not member.exclude(left_on__lt=monday).exists():
        raise ValidationError(f"{staff} không phải thành viên của {team} trong tuần này.")
    shift, _ = OnCallShift.objects.update_or_create(
        team=team,
        staff=staff,
        iso_year=iso_year,
        iso_week=iso_week,
        defaults={"is_primary": is_primary},
    )
    audit(shift, "people.roster_assign", user=user)
    return shift


@transaction.atomic
def collaborator_create(*, user=None, **fields) -> Collaborator:
    """Record a collaborator; refuses without a complete consent (date, scope, how it was given)."""
    missing = [
        label
        for key, label in (
            ("consent_date", "ngày đồng ý"),
            ("consent_scope", "phạm vi đồng ý"),
            ("consent_method", "hình thức đồng ý"),
        )
        if not fields.get(key)
    ]
    if missing:
        raise ValidationError("Chưa ghi nhận sự đồng ý: thiếu " + ", ".join(missing) + ".")
    collaborator = Collaborator(consent_recorded_by=user, **fields)
    collaborator.full_clean()
    collaborator.save()
    audit(collaborator, "wagtail.create", user=user)
    return collaborator


@transaction.atomic
def participation_record(
    *,
    collaborator: Collaborator,
    on: date,
    campaign=None,
    event: str = "",
    description: str = "",
    user=None,
) -> CollaboratorParticipation:
    """Record that `collaborator` took part in `campaign` (a promotion.Campaign of the editorial
    calendar) or, outside the calendar, in `event`. Idempotent for the same collaborator, day and
    activity. Only what they did is recorded, never what they think."""
    if collaborator.erased_at:
        raise ValidationError(_("Cộng tác viên này đã được xóa dữ liệu."))
    fields = {
        "collaborator": collaborator,
        "date": on,
        "campaign": campaign,
        "event": "" if campaign is not None else event.strip(),
    }
    row = CollaboratorParticipation.objects.filter(**fields).first()
    if row is None:
        row = CollaboratorParticipation(**fields, description=description)
        row.full_clean()
        row.save()
        audit(row, "people.participation_record", user=user, data={"campaign": row.campaign_id})
    return row


@transaction.atomic
def collaborator_erase(*, collaborator: Collaborator, requested_by) -> Collaborator:
    """Remove a collaborator's personal data on their request.

    Keeps a tombstone (kind, unit, erase time) so yearly counts stay right, deletes their
    participations, rewrites earlier audit entries that carried their name, and records the erasure
    itself without any personal data.
    """
    if collaborator.erased_at:
        return collaborator
    anonymous = f"{ERASED_NAME} #{collaborator.pk}"
    collaborator.participations.all().delete()
    collaborator.full_name = anonymous
    collaborator.agreed_activities = ""
    collaborator.consent_scope = ""
    collaborator.phone = ""
    collaborator.email = ""
    collaborator.contact_note = ""
    collaborator.preferred_channel = ContactChannel.VIA_UNIT
    collaborator.erased_at = timezone.now()
    collaborator.save()
    content_type = ContentType.objects.get_for_model(Collaborator)
    ModelLogEntry.objects.filter(content_type=content_type, object_id=str(collaborator.pk)).update(
        label=anonymous, data={}
    )
    audit(collaborator, "people.collaborator_erase", user=requested_by, data={})
    return collaborator
