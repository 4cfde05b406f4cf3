"""Wagtail ViewSets of insights: watchlists, topics, stories, labels, model versions, alert rules,
alerts (lists with filters, search, export, inspect), and the views they swap in."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lantoa.core.paginators import CachedCountPaginator
from lantoa.monitoring.models import Story

from ..constants import (
    SENSITIVITY_MARKS,
    SENSITIVITY_MAX,
    SENSITIVITY_MIN,
    SENSITIVITY_NOISY_SHARE,
    SENSITIVITY_STEP_DOWN,
    SENSITIVITY_STEP_UP,
)
from ..models import (
    Alert,
    AlertRule,
    BulletinRecipient,
    ClassifierModel,
    ItemMatch,
    Label,
    Topic,
    Watchlist,
)
from ..selectors import alerts_with_feedback, rules_with_feedback
from ..services import alert_mark_read, label_remove, label_set
from ..services.feedback import k_text
from .backtests import RuleBacktestMixin, WatchlistBacktestMixin
from .filters import (
    AlertFilterSet,
    AlertRuleFilterSet,
    BulletinRecipientFilterSet,
    ClassifierModelFilterSet,
    ItemMatchFilterSet,
    LabelFilterSet,
    TopicFilterSet,
    WatchlistFilterSet,
)
from .forms import AlertRuleForm, LabelForm


class WatchlistCreateView(WatchlistBacktestMixin, generic.CreateView):
    pass


class WatchlistEditView(WatchlistBacktestMixin, generic.EditView):
    pass


class WatchlistViewSet(ModelViewSet):
    model = Watchlist
    add_view_class = WatchlistCreateView
    edit_view_class = WatchlistEditView
    create_template_name = edit_template_name = "insights/backtest_form.html"
    icon = "view"
    menu_label = _("Danh sách theo dõi")
    list_display = ["name", "query", "is_active", "created_at"]
    filterset_class = WatchlistFilterSet
    list_export = ["name", "query", "aliases", "description", "is_active", "created_at"]
    export_filename = "danh-sach-theo-doi"
    search_fields = ["name", "query", "aliases"]
    form_fields = ["name", "query", "aliases", "description", "is_active"]
    inspect_view_enabled = True


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Chủ đề")
    list_display = ["name", "kind", "method", "query", "sort_order"]
    filterset_class = TopicFilterSet
    list_export = ["name", "kind", "method", "query", "description", "sort_order"]
    export_filename = "chu-de"
    search_fields = ["name", "query", "description"]
    form_fields = ["name", "kind", "method", "query", "description", "sort_order"]
    inspect_view_enabled = True


class ItemMatchViewSet(ModelViewSet):
    model = ItemMatch
    icon = "doc-full"
    menu_label = _("Tin khớp theo dõi")
    list_display = ["item", "watchlist", "matched_at"]
    filterset_class = ItemMatchFilterSet
    list_export = ["item", "item__url", "watchlist", "passage", "matched_at"]
    export_filename = "tin-khop"
    search_fields = ["item__title"]
    form_fields = ["watchlist"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class LabelAdminPolicy(ModelPermissionPolicy):
    """Labels are added on an item (labelling queue, item page) or imported, never from a blank
    admin form: the listing has no "add" button. Editing and deleting stay, through services."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LabelEditView(generic.EditView):
    def save_instance(self):
        # label_set, not form.save(): the item's tone/topic must follow the person's label.
        return label_set(
            item=self.object.item,
            kind=self.object.kind,
            value=self.form.cleaned_data["value"],
            user=self.request.user,
        )


class LabelDeleteView(generic.DeleteView):
    def delete_action(self):
        label_remove(label=self.object, user=self.request.user)


class LabelViewSet(ModelViewSet):
    model = Label
    edit_view_class = LabelEditView
    delete_view_class = LabelDeleteView
    icon = "pick"
    menu_label = _("Nhãn của cán bộ")
    list_display = ["item", "kind", "value", "user", "created_at"]
    filterset_class = LabelFilterSet
    list_export = ["item_id", "item__url", "kind", "value", "user", "created_at"]
    export_filename = "nhan"
    search_fields = ["item__title", "value"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return LabelForm


class ClassifierModelViewSet(ModelViewSet):
    model = ClassifierModel
    icon = "cogs"
    menu_label = _("Phiên bản mô hình")
    list_display = [
        "__str__",
        "macro_f1",
        "baseline_macro_f1",
        "n_labels",
        "beats_baseline",
        "is_active",
        "created_at",
    ]
    filterset_class = ClassifierModelFilterSet
    list_export = ["task", "version", "macro_f1", "baseline_macro_f1", "n_labels", "created_at"]
    export_filename = "mo-hinh"
    form_fields = ["is_active"]
    inspect_view_enabled = True
    inspect_template_name = "insights/model_inspect.html"


class StoryIndexView(generic.IndexView):
    """Stories grow with the stream (most items start one): counted up to 10,000 and the total
    kept a minute, as the item list is (core.paginators)."""

    paginator_class = CachedCountPaginator


class StoryViewSet(ModelViewSet):
    model = Story
    index_view_class = StoryIndexView
    icon = "list-ul"
    menu_label = _("Chuỗi tin")
    list_display = ["title", "item_count", "first_seen_at", "foreign_at", "last_seen_at"]
    list_export = ["id", "title", "item_count", "first_seen_at", "foreign_at", "last_seen_at"]
    export_filename = "chuoi-tin"
    search_fields = ["title"]
    form_fields = ["title"]
    inspect_view_enabled = True
    inspect_template_name = "insights/story_inspect.html"


class AlertRuleIndexView(generic.IndexView):
    """The rule list, with how monitors marked each rule's alerts."""

    def get_base_queryset(self):
        return rules_with_feedback(super().get_base_queryset())


class AlertRuleInspectView(generic.InspectView):
    """A rule with its marks and the history of its k (undo of the newest learnt move)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rule = rules_with_feedback(AlertRule.objects.filter(pk=self.object.pk)).get()
        changes = list(self.object.sensitivity_changes.select_related("user", "undoes"))
        undoable = changes[0] if changes and not changes[0].undoes_id else None
        context.update(
            marks=rule,
            changes=changes,
            undoable=undoable,
            may_undo=self.request.user.has_perm("insights.change_alertrule"),
            learn={
                "marks": SENSITIVITY_MARKS,
                "noisy": round(100 * SENSITIVITY_NOISY_SHARE),
                "up": k_text(SENSITIVITY_STEP_UP),
                "down": k_text(SENSITIVITY_STEP_DOWN),
                "max": k_text(SENSITIVITY_MAX),
                "min": k_text(SENSITIVITY_MIN),
            },
        )
        return context


class AlertRuleCreateView(RuleBacktestMixin, generic.CreateView):
    pass


class AlertRuleEditView(RuleBacktestMixin, generic.EditView):
    pass


class AlertRuleViewSet(ModelViewSet):
    model = AlertRule
    index_view_class = AlertRuleIndexView
    inspect_view_class = AlertRuleInspectView
    inspect_template_name = "insights/alertrule_inspect.html"
    add_view_class = AlertRuleCreateView
    edit_view_class = AlertRuleEditView
    create_template_name = edit_template_name = "insights/backtest_form.html"
    icon = "warning"
    menu_label = _("Quy tắc cảnh báo")
    list_display = [
        "name",
        "kind",
        "frequency",
        "channel",
        "sensitivity",
        Column("useful_marks", label=_("Hữu ích")),
        Column("not_useful_marks", label=_("Không hữu ích")),
        "is_active",
    ]
    filterset_class = AlertRuleFilterSet
    list_export = ["name", "kind", "watchlist", "topic", "frequency", "channel", "target"]
    export_filename = "quy-tac-canh-bao"
    search_fields = ["name", "target"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return AlertRuleForm


class AlertInspectView(generic.InspectView):
    """Opening an alert reads it (for this user only), as in a mail inbox."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        alert_mark_read(alert=self.object, user=request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alerts = Alert.objects.filter(pk=self.object.pk)
        context["marks"] = alerts_with_feedback(alerts, self.request.user).get()
        context["explanation"] = self.object.payload.get("explanation")
        return context


class AlertViewSet(ModelViewSet):
    model = Alert
    inspect_view_class = AlertInspectView
    icon = "warning"
    menu_label = _("Cảnh báo")
    list_display = ["title", "kind", "rule", "created_at", "delivered_at"]
    filterset_class = AlertFilterSet
    list_export = ["title", "kind", "rule", "body", "created_at", "delivered_at", "delivery_error"]
    export_filename = "canh-bao"
    search_fields = ["title", "body"]
    form_fields = ["title"]
    inspect_view_enabled = True
    inspect_template_name = "insights/alert_inspect.html"


class BulletinRecipientViewSet(ModelViewSet):
    """The daily bulletin's mailing list; `setup_office` ships the monitor role as its entry."""

    model = BulletinRecipient
    icon = "mail"
    menu_label = _("Nơi nhận bản tin")
    list_display = ["name", "role", "user", "email", "is_active"]
    filterset_class = BulletinRecipientFilterSet
    list_export = ["name", "role", "user", "email", "is_active", "created_at"]
    export_filename = "noi-nhan-ban-tin"
    search_fields = ["name", "email"]
    form_fields = ["name", "role", "user", "email", "is_active"]


class InsightsGroup(ViewSetGroup):
    menu_label = _("Phân tích dư luận")
    menu_icon = "view"
    menu_order = 220
    items = (
        WatchlistViewSet("insights_watchlist", url_prefix="insights/watchlists"),
        TopicViewSet("insights_topic", url_prefix="insights/topics"),
        StoryViewSet("insights_story", url_prefix="insights/stories"),
        LabelViewSet("insights_label", url_prefix="insights/labels"),
        ClassifierModelViewSet("insights_model", url_prefix="insights/models"),
        AlertRuleViewSet("insights_alertrule", url_prefix="insights/alert-rules"),
        AlertViewSet("insights_alert", url_prefix="insights/alerts"),
        BulletinRecipientViewSet(
            "insights_bulletinrecipient", url_prefix="insights/bulletin-recipients"
        ),
    )
