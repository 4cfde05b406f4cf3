"""Admin: watchlists, topics, labels, models, alerts; the labelling queue, stories and trends."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lantoa.core.audit import register_actions
from lantoa.core.panels import Count, CountsPanel

from . import views
from .models import Alert, AlertRule, ClassifierModel, ItemMatch, Label, Story, Topic, Watchlist
from .services import alert_mark_read, label_remove, label_set, label_validate
from .services.analysis import LabelError


@hooks.register("register_log_actions")
def insights_log_actions(actions):
    register_actions(
        actions,
        {
            "insights.label": (_("Gán nhãn"), _("Gán nhãn cho tin")),
            "insights.label_remove": (_("Bỏ nhãn"), _("Bỏ nhãn của tin")),
            "insights.train": (_("Huấn luyện mô hình"), _("Huấn luyện phiên bản mô hình mới")),
            "insights.bulletin": (_("Gửi bản tin"), _("Gửi bản tin tổng hợp dư luận")),
        },
    )


class WatchlistViewSet(ModelViewSet):
    model = Watchlist
    icon = "view"
    menu_label = _("Danh sách theo dõi")
    list_display = ["name", "query", "is_active", "created_at"]
    list_filter = ["is_active"]
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
    list_filter = ["kind", "method"]
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
    list_filter = ["watchlist"]
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


register_permission_policy(Label, LabelAdminPolicy(Label))


class LabelForm(WagtailAdminModelForm):
    """Only the value changes; the kind (topic, tone …) is fixed once the label exists."""

    class Meta:
        model = Label
        fields = ["value"]
        widgets = {"value": forms.TextInput()}

    def clean_value(self):
        try:
            return label_validate(self.instance.kind, self.cleaned_data["value"])
        except LabelError as exc:
            raise forms.ValidationError(str(exc)) from None


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
    list_filter = ["kind", "user"]
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
    list_filter = ["task", "is_active"]
    list_export = ["task", "version", "macro_f1", "baseline_macro_f1", "n_labels", "created_at"]
    export_filename = "mo-hinh"
    form_fields = ["is_active"]
    inspect_view_enabled = True
    inspect_template_name = "insights/model_inspect.html"


class StoryViewSet(ModelViewSet):
    model = Story
    icon = "list-ul"
    menu_label = _("Chuỗi tin")
    list_display = ["title", "first_seen_at", "last_seen_at"]
    list_export = ["title", "first_seen_at", "last_seen_at"]
    export_filename = "chuoi-tin"
    search_fields = ["title"]
    form_fields = ["title"]
    inspect_view_enabled = True
    inspect_template_name = "insights/story_inspect.html"


class AlertRuleViewSet(ModelViewSet):
    model = AlertRule
    icon = "warning"
    menu_label = _("Quy tắc cảnh báo")
    list_display = ["name", "kind", "frequency", "channel", "is_active"]
    list_filter = ["kind", "channel", "is_active"]
    list_export = ["name", "kind", "watchlist", "topic", "frequency", "channel", "target"]
    export_filename = "quy-tac-canh-bao"
    search_fields = ["name", "target"]
    form_fields = [
        "name",
        "kind",
        "watchlist",
        "topic",
        "frequency",
        "channel",
        "target",
        "webhook_format",
        "chat_id",
        "sensitivity",
        "throttle_minutes",
        "is_active",
    ]
    inspect_view_enabled = True


class AlertInspectView(generic.InspectView):
    """Opening an alert reads it (for this user only), as in a mail inbox."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        alert_mark_read(alert=self.object, user=request.user)
        return response


class AlertViewSet(ModelViewSet):
    model = Alert
    inspect_view_class = AlertInspectView
    icon = "warning"
    menu_label = _("Cảnh báo")
    list_display = ["title", "kind", "rule", "created_at", "delivered_at"]
    list_filter = ["kind", "rule"]
    list_export = ["title", "kind", "rule", "body", "created_at", "delivered_at", "delivery_error"]
    export_filename = "canh-bao"
    search_fields = ["title", "body"]
    form_fields = ["title"]
    inspect_view_enabled = True
    inspect_template_name = "insights/alert_inspect.html"


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
    )


@hooks.register("register_admin_viewset")
def register_insights():
    return [InsightsGroup(), ItemMatchViewSet("insights_match", url_prefix="insights/matches")]


@hooks.register("register_admin_urls")
def insights_admin_urls():
    return [
        path("insights/queue/", views.labelling_queue_view, name="insights_queue"),
        path("insights/items/<int:item_id>/", views.item_view, name="insights_item"),
        path("insights/items/<int:item_id>/label/", views.label_view, name="insights_label_set"),
        path("insights/labels-import/", views.labels_import_view, name="insights_labels_import"),
        path("insights/train/", views.train_view, name="insights_train"),
        path("insights/train/<int:job_id>/", views.training_job_view, name="insights_job"),
        path("insights/trends/", views.trends_view, name="insights_trends"),
        path("insights/bulletin/", views.bulletin_view, name="insights_bulletin"),
        path("insights/inbox/", views.alerts_inbox_view, name="insights_inbox"),
        path(
            "insights/inbox/<int:alert_id>/read/", views.alert_read_view, name="insights_alert_read"
        ),
        path(
            "insights/inbox/read-all/",
            views.alerts_read_all_view,
            name="insights_alerts_read_all",
        ),
    ]


@hooks.register("register_admin_menu_item")
def queue_menu_item():
    return MenuItem(_("Gán nhãn tin"), reverse("insights_queue"), icon_name="pick", order=221)


class InboxMenuItem(MenuItem):
    """ "Hộp cảnh báo (3)": the user's unread count in the label, shown to who may view alerts."""

    def is_shown(self, request):
        return request.user.has_perm("insights.view_alert")

    def render_component(self, request):
        from .selectors import unread_alert_count

        unread = unread_alert_count(request.user)
        component = super().render_component(request)
        if unread:
            component.label = f"{self.label} ({unread})"
        return component


@hooks.register("register_admin_menu_item")
def inbox_menu_item():
    return InboxMenuItem(
        _("Hộp cảnh báo"),
        reverse("insights_inbox"),
        name="insights-inbox",
        icon_name="warning",
        order=219,
        attrs={"data-inbox-menu": ""},
    )


@hooks.register("register_admin_menu_item")
def trends_menu_item():
    return MenuItem(_("Xu hướng dư luận"), reverse("insights_trends"), icon_name="chart", order=222)


@hooks.register("construct_homepage_panels")
def insights_panel(request, panels):
    from .selectors import dashboard_counts, unread_alert_count

    counts = dashboard_counts()
    unread = unread_alert_count(request.user)
    panels.append(
        CountsPanel(
            name="insights",
            heading=_("Phân tích dư luận"),
            order=220,
            counts=[
                Count(
                    _("Tin khớp theo dõi (7 ngày)"),
                    counts["matches_7d"],
                    reverse("insights_match:index"),
                ),
                Count(
                    _("Cảnh báo (7 ngày)"),
                    counts["alerts_7d"],
                    reverse("insights_alert:index"),
                ),
                Count(
                    _("Cảnh báo chưa đọc"),
                    unread,
                    reverse("insights_inbox"),
                    tone="warning" if unread else "",
                ),
                Count(
                    _("Tin tiêu cực (7 ngày)"), counts["negative_7d"], reverse("insights_trends")
                ),
                Count(
                    _("Tỷ lệ tích cực + trung tính"),
                    counts["positive_share"],
                    reverse("insights_trends"),
                ),
                Count(_("Chờ gán nhãn"), counts["queue"], reverse("insights_queue")),
            ],
        )
    )
