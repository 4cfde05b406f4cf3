"""Wagtail ViewSets (snippets) of the people app: staff, trainings, the rapid-response roster,
collaborators with consent; every list scoped to the person's unit."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from lantoa.core.viewsets import UnitScopedSnippetViewSet

from ..models import (
    Collaborator,
    CollaboratorParticipation,
    OnCallShift,
    RapidResponseTeam,
    StaffMember,
    TeamMembership,
    Training,
    TrainingAttendance,
)
from . import filters
from .views import CollaboratorEraseView


class StaffMemberViewSet(UnitScopedSnippetViewSet):
    model = StaffMember
    icon = "user"
    menu_label = _("Cán bộ TTĐN")
    unit_paths = ("unit",)
    list_display = ["full_name", "unit", "work_role", "languages", "preferred_channel", "phone"]
    list_export = [
        "full_name",
        "user",
        "unit",
        "position",
        "work_role",
        "languages",
        "preferred_channel",
        "phone",
        "email",
        "contact_note",
        "is_active",
    ]
    export_filename = "can-bo-ttdn"
    search_fields = ["full_name", "position"]
    filterset_class = filters.StaffMemberFilterSet
    inspect_view_enabled = True


class TrainingViewSet(UnitScopedSnippetViewSet):
    model = Training
    icon = "doc-full"
    menu_label = _("Tập huấn")
    unit_paths = ("unit", "attendances__staff__unit")
    list_display = ["title", "start_date", "end_date", "organiser", "location"]
    list_export = ["title", "start_date", "end_date", "organiser", "unit", "topics", "location"]
    export_filename = "tap-huan"
    search_fields = ["title", "organiser", "topics"]
    filterset_class = filters.TrainingFilterSet
    inspect_view_enabled = True


class TrainingAttendanceViewSet(UnitScopedSnippetViewSet):
    model = TrainingAttendance
    icon = "tick"
    menu_label = _("Người tham gia tập huấn")
    unit_paths = ("staff__unit",)
    list_display = ["staff", "training", "completed"]
    list_export = ["staff", "training", "completed", "note"]
    export_filename = "tham-gia-tap-huan"
    filterset_class = filters.TrainingAttendanceFilterSet


class RapidResponseTeamViewSet(UnitScopedSnippetViewSet):
    model = RapidResponseTeam
    icon = "warning"
    menu_label = _("Tổ phản ứng nhanh")
    unit_paths = ("unit",)
    list_display = ["name", "unit", "is_active"]
    list_export = ["name", "unit", "description", "is_active"]
    export_filename = "to-phan-ung-nhanh"
    inspect_view_enabled = True


class TeamMembershipViewSet(UnitScopedSnippetViewSet):
    model = TeamMembership
    icon = "group"
    menu_label = _("Thành viên tổ PƯN")
    unit_paths = ("team__unit", "staff__unit")
    list_display = ["staff", "team", "role", "joined_on", "left_on"]
    list_filter = ["team", "role"]
    list_export = [
        "staff",
        "team",
        "role",
        "joined_on",
        "left_on",
        "staff.preferred_channel",
        "staff.phone",
        "staff.email",
        "staff.contact_note",
    ]
    export_filename = "thanh-vien-to-pun"
    export_headings = {
        "staff.preferred_channel": _("Cách liên hệ ưu tiên"),
        "staff.phone": _("Điện thoại"),
        "staff.email": _("Thư điện tử"),
        "staff.contact_note": _("Ghi chú liên hệ"),
    }


class OnCallShiftViewSet(UnitScopedSnippetViewSet):
    model = OnCallShift
    icon = "date"
    menu_label = _("Lịch trực theo tuần")
    unit_paths = ("team__unit",)
    list_display = ["iso_year", "iso_week", "team", "staff", "is_primary"]
    list_export = [
        "iso_year",
        "iso_week",
        "team",
        "staff",
        "is_primary",
        "staff.preferred_channel",
        "staff.phone",
        "staff.email",
        "staff.contact_note",
    ]
    export_filename = "lich-truc"
    export_headings = {
        "staff.preferred_channel": _("Cách liên hệ ưu tiên"),
        "staff.phone": _("Điện thoại"),
        "staff.email": _("Thư điện tử"),
        "staff.contact_note": _("Ghi chú liên hệ"),
    }
    filterset_class = filters.OnCallShiftFilterSet


class CollaboratorViewSet(UnitScopedSnippetViewSet):
    model = Collaborator
    icon = "user"
    menu_label = _("Cộng tác viên")
    unit_paths = ("unit",)
    delete_view_class = CollaboratorEraseView
    list_display = ["full_name", "kind", "unit", "consent_date", "preferred_channel"]
    # The export holds every field the form edits (consent included), and nothing more.
    list_export = [
        "full_name",
        "kind",
        "unit",
        "agreed_activities",
        "consent_date",
        "consent_scope",
        "consent_method",
        "consent_recorded_by",
        "preferred_channel",
        "phone",
        "email",
        "contact_note",
    ]
    export_filename = "cong-tac-vien"
    search_fields = ["full_name", "agreed_activities"]
    filterset_class = filters.CollaboratorFilterSet
    inspect_view_enabled = True
    form_fields = list_export

    def get_queryset(self, request):
        return super().get_queryset(request).filter(erased_at__isnull=True)


class CollaboratorParticipationViewSet(UnitScopedSnippetViewSet):
    model = CollaboratorParticipation
    icon = "calendar"
    menu_label = _("Tham gia chiến dịch")
    unit_paths = ("collaborator__unit",)
    list_display = ["collaborator", "activity_name", "date"]
    list_export = ["collaborator", "campaign", "event", "date", "description"]
    export_filename = "tham-gia-chien-dich"
    filterset_class = filters.CollaboratorParticipationFilterSet

    def get_queryset(self, request):
        return super().get_queryset(request).filter(collaborator__erased_at__isnull=True)


class PeopleViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Nhân lực")
    menu_icon = "group"
    menu_order = 700
    items = (
        StaffMemberViewSet,
        TrainingViewSet,
        TrainingAttendanceViewSet,
        RapidResponseTeamViewSet,
        TeamMembershipViewSet,
        OnCallShiftViewSet,
        CollaboratorViewSet,
        CollaboratorParticipationViewSet,
    )
