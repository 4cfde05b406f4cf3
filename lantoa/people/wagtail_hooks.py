"""People in the admin: staff, trainings, the rapid-response roster, collaborators with consent."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSetGroup

from lantoa.core.audit import register_actions
from lantoa.core.panels import Count, CountsPanel
from lantoa.core.roles import scope_to_unit
from lantoa.core.viewsets import UnitScopedSnippetViewSet

from . import filters, selectors
from .models import (
    Collaborator,
    CollaboratorParticipation,
    OnCallShift,
    RapidResponseTeam,
    StaffMember,
    TeamMembership,
    Training,
    TrainingAttendance,
)
from .services import collaborator_erase


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


class CollaboratorEraseView(DeleteView):
    """ "Delete" a collaborator = erase their personal data, keeping an audit entry without it."""

    success_message = _("Đã xóa dữ liệu cá nhân của cộng tác viên theo yêu cầu.")

    def delete_action(self):
        collaborator_erase(collaborator=self.object, requested_by=self.request.user)

    @property
    def confirmation_message(self):
        return _(
            "Xóa toàn bộ dữ liệu cá nhân của cộng tác viên này theo yêu cầu của họ? "
            "Nhật ký chỉ ghi lại việc xóa, không giữ thông tin cá nhân."
        )


class CollaboratorViewSet(UnitScopedSnippetViewSet):
    model = Collaborator
    icon = "user"
    menu_label = _("Cộng tác viên")
    unit_paths = ("unit",)
    delete_view_class = CollaboratorEraseView
    list_display = ["full_name", "kind", "unit", "consent_date", "preferred_channel"]
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
    form_fields = [
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


register_snippet(PeopleViewSetGroup)


@hooks.register("register_log_actions")
def people_log_actions(actions):
    register_actions(
        actions,
        {
            "people.attendance_record": (_("Ghi nhận tham gia tập huấn"), _("Ghi nhận tham gia")),
            "people.roster_assign": (_("Xếp lịch trực"), _("Xếp lịch trực")),
            "people.participation_record": (
                _("Ghi nhận tham gia chiến dịch"),
                _("Ghi nhận tham gia chiến dịch"),
            ),
            "people.collaborator_erase": (
                _("Xóa dữ liệu cộng tác viên theo yêu cầu"),
                _("Đã xóa dữ liệu cá nhân theo yêu cầu"),
            ),
        },
    )


@hooks.register("construct_homepage_panels")
def people_panel(request, panels):
    today = date.today()
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    user = request.user
    staff = scope_to_unit(selectors.staff_active(), user, "unit")
    not_trained = scope_to_unit(selectors.staff_not_trained(start=start, end=end), user, "unit")
    list_url = reverse("wagtailsnippets_people_staffmember:list")
    on_call = selectors.on_call(day=today)
    panels.append(
        CountsPanel(
            name="people",
            heading=_("Nhân lực TTĐN"),
            order=700,
            counts=[
                Count(_("Cán bộ TTĐN"), staff.count(), list_url),
                Count(
                    _("Chưa tập huấn năm nay"),
                    not_trained.count(),
                    f"{list_url}?trained=no",
                    tone="warning" if not_trained.exists() else "",
                ),
                Count(
                    _("Trực phản ứng nhanh tuần này"),
                    ", ".join(str(shift.staff) for shift in on_call) or "—",
                    reverse("wagtailsnippets_people_oncallshift:list")
                    + f"?iso_year={today.isocalendar()[0]}&iso_week={today.isocalendar()[1]}",
                ),
            ],
        )
    )


@hooks.register("register_admin_menu_item")
def not_trained_menu_item():
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Chưa tập huấn năm nay"),
        reverse("wagtailsnippets_people_staffmember:list") + "?trained=no",
        icon_name="warning",
        order=701,
    )
