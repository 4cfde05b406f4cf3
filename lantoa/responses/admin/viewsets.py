"""The Case admin: list with filters and export, inspect with timeline and action buttons."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
)

from lantoa.core.deadlines import deadline_words
from lantoa.core.tables import FastColumnsMixin
from lantoa.core.viewsets import UnitScopedViewSetMixin

from .. import selectors, services
from ..constants import (
    EDITABLE_STATES,
    OPEN_STATES,
    CaseAction,
    CaseState,
    ChannelKind,
    RecurrenceReview,
    Verdict,
)
from ..models import Case
from ..selectors import effect as effect_selectors
from ..services import AppearanceSpec, CaseError
from . import views
from .filters import CaseFilterSet
from .forms import CaseForm

# Actions whose service needs a written reason.
NOTE_ACTIONS = {CaseAction.MARK_NOT_APPLICABLE, CaseAction.PAUSE, CaseAction.CORRECT}


class CaseCreateView(CreateView):
    """Opening a case goes through `case_open` (appearances from items, due time, event)."""

    def get_initial(self):
        initial = super().get_initial()
        if items := self.request.GET.getlist("items"):
            initial["items"] = [pk for pk in items if pk.isdigit()]
            initial["opened_from"] = "items"
        return initial

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CaseError as exc:
            form.add_error(None, exc.message)
            self.produced_error_message = exc.message
            return self.form_invalid(form)

    def save_instance(self):
        data = self.form.cleaned_data
        appearances = [
            AppearanceSpec(
                f.cleaned_data["url"],
                f.cleaned_data["appeared_at"],
                f.cleaned_data.get("outlet", ""),
            )
            for f in self.form.formsets["appearances"].forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        return services.case_open(
            claim=data["claim"],
            user=self.request.user,
            severity=data["severity"],
            items=list(data.get("items") or []),
            appearances=appearances,
            description=data.get("description", ""),
            topics=list(data.get("topics") or []),
            responsible_user=data.get("responsible_user"),
            responsible_unit=data.get("responsible_unit"),
            notes=data.get("notes", ""),
            plan_item=data.get("plan_item"),
        )

    def get_success_url(self):
        return reverse("wagtailsnippets_responses_case:inspect", args=[self.object.pk])


class CaseEditView(EditView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CaseError as exc:
            form.add_error(None, exc.message)
            self.produced_error_message = exc.message
            return self.form_invalid(form)

    def save_instance(self):
        before = Case.objects.get(pk=self.object.pk)
        severity = self.form.cleaned_data.get("severity", before.severity)
        self.form.instance.severity = before.severity  # the service moves the due time with it
        instance = super().save_instance()
        if severity != before.severity:
            instance = services.case_update(
                case=instance, user=self.request.user, severity=severity
            )
        if self.form.formsets["claims"].has_changed():
            services.claims_scan_later(instance)  # match the last days' items against them
        return instance


class CaseInspectView(InspectView):
    template_name = "responses/admin/case_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        actions = []
        if user.has_perm("responses.act_on_case"):
            # Only what the services would accept now (the same rules: case_action_refusal).
            for action in services.case_actions_allowed(case, user):
                actions.append(
                    {
                        "name": action,
                        "label": CaseAction(action).label,
                        "needs_note": action in NOTE_ACTIONS,
                        "url": reverse(
                            "wagtailsnippets_responses_case:action", args=[case.pk, action]
                        ),
                    }
                )
        context.update(
            case=case,
            actions=actions,
            timeline=selectors.case_timeline(case),
            can_change=user.has_perm("responses.change_case"),
            can_act=user.has_perm("responses.act_on_case"),
            verdict_editable=case.state in EDITABLE_STATES,
            verdicts=Verdict.choices,
            can_draft_page=case.clarification_id is None
            and case.state in (CaseState.VERIFYING, CaseState.DRAFTING),
            overdue=case.is_overdue(),
            deadline=_deadline(case),
            channel_kinds=ChannelKind.choices,
            **_effect_context(case, user),
        )
        return context


RECENT_RECURRENCES = 50


def _effect_context(case, user) -> dict:
    """The claims, the recurrence chart and rate change, and the latest recurrences to review."""
    effect = effect_selectors.case_effect(case)
    published_on = effect.published_on
    return {
        "claims": case.claims.all(),
        "effect": effect,
        "method": effect_selectors.EFFECT_METHOD,
        "chart": {
            "labels": [day.strftime("%d/%m") for day in effect.days],
            "counts": effect.counts,
            "after": [bool(published_on and day >= published_on) for day in effect.days],
            "before_label": _("Trước khi công bố"),
            "after_label": _("Từ ngày công bố"),
            "x_label": _("Ngày"),
            "y_label": _("Số lần xuất hiện"),
        },
        "recurrences": case.recurrences.select_related("item__source")[:RECENT_RECURRENCES],
        "recurrences_url": effect_selectors.recurrences_list_url(case),
        "can_review": user.has_perm("responses.change_claimrecurrence"),
        "review_choices": RecurrenceReview.choices,
    }


class StateColumn(Column):
    cell_template_name = "responses/admin/state_cell.html"


def _deadline(case) -> str:
    """ "còn 5 giờ" / "quá hạn 2 giờ" while the case waits for its clarification; afterwards
    whether it was published on time."""
    if case.state in OPEN_STATES:
        return deadline_words(case.due_at)
    if case.published_on_time is True:
        return _("công bố đúng hạn")
    if case.published_on_time is False:
        return _("công bố chậm")
    return "—"


class DeadlineColumn(Column):
    """The time left (or overdue) in words; the exact due time in the cell's tooltip."""

    cell_template_name = "responses/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due_at"] = instance.due_at
        context["overdue"] = instance.is_overdue()
        return context


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else "—"


class CaseIndexView(FastColumnsMixin, IndexView):
    """The case list, its plain cells written without a template each (core.tables)."""


class CaseViewSet(UnitScopedViewSetMixin, SnippetViewSet):
    model = Case
    unit_paths = ("responsible_unit",)
    icon = "warning"
    menu_label = _("Làm rõ thông tin")
    menu_name = "responses"
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "claim",
        StateColumn("state", label=_("Trạng thái"), accessor="get_state_display"),
        Column("severity", label=_("Mức độ"), accessor="get_severity_display"),
        Column("verdict", label=_("Kết luận"), accessor="get_verdict_display"),
        DeadlineColumn("due_at", label=_("Hạn công bố"), accessor=_deadline, sort_key="due_at"),
        Column(
            "responsible_user",
            label=_("Người phụ trách"),
            accessor=lambda case: _person(case.responsible_user),
        ),
    ]
    list_export = [
        "id",
        "claim",
        "description",
        "state",
        "verdict",
        "severity",
        "opened_from",
        "responsible_user",
        "responsible_unit",
        "detected_at",
        "due_at",
        "first_action_at",
        "approved_at",
        "published_at",
        "closed_at",
        "published_on_time",
        "notes",
    ]
    export_filename = "vu-viec-lam-ro-thong-tin"
    search_fields = ["claim", "description", "notes"]
    filterset_class = CaseFilterSet
    inspect_view_enabled = True
    index_view_class = CaseIndexView
    add_view_class = CaseCreateView
    edit_view_class = CaseEditView
    inspect_view_class = CaseInspectView
    ordering = ["due_at"]

    create_panels = [
        FieldPanel("claim"),
        FieldPanel("severity"),
        FieldPanel("items"),
        InlinePanel("appearances", heading=_("Nơi xuất hiện (nếu không có trong tin theo dõi)")),
        FieldPanel("description"),
        FieldPanel("topics"),
        FieldPanel("responsible_user"),
        FieldPanel("responsible_unit"),
        FieldPanel("notes"),
        FieldPanel("plan_item"),
    ]
    edit_panels = [
        FieldPanel("claim"),
        FieldPanel("severity"),
        FieldPanel("description"),
        FieldPanel("topics"),
        FieldPanel("responsible_user"),
        FieldPanel("responsible_unit"),
        FieldPanel("notes"),
        InlinePanel(
            "claims",
            heading=_("Thông tin cần làm rõ (đối chiếu với tin mới ở mọi ngôn ngữ)"),
            panels=[
                FieldPanel("text"),
                FieldPanel("language"),
                FieldPanel("watch_languages"),
                FieldPanel("key_phrases"),
                FieldPanel("is_active"),
            ],
        ),
        FieldPanel("plan_item"),
        InlinePanel("appearances", heading=_("Nơi xuất hiện")),
        InlinePanel("evidence", heading=_("Bằng chứng")),
        InlinePanel("channels", heading=_("Hình thức phản hồi")),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("responsible_user")

    def get_edit_handler(self):
        return ObjectList(self.edit_panels, base_form_class=CaseForm).bind_to_model(self.model)

    def get_add_view_kwargs(self, **kwargs):
        handler = ObjectList(self.create_panels, base_form_class=CaseForm).bind_to_model(self.model)
        return super().get_add_view_kwargs(
            panel=handler, form_class=handler.get_form_class(), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/action/<str:action>/", views.case_action, name="action"),
            path("<int:pk>/verdict/", views.case_verdict, name="verdict"),
            path("<int:pk>/evidence/", views.case_evidence, name="evidence"),
            path("<int:pk>/channel/", views.case_channel, name="channel"),
            path("<int:pk>/clarification/", views.case_clarification, name="clarification"),
        ]
