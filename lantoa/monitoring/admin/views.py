"""Admin views of monitoring: the Wagtail views the ViewSets use (growing lists, the item editor
that saves through the services), and the screens no Wagtail component covers: paste a URL, import
a file of posts, extract a source's items again."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, InspectView

from lantoa.core.jobs.services import job_start
from lantoa.core.jobs.views import job_list_url
from lantoa.core.paginators import CachedCountPaginator, thousands
from lantoa.core.roles import requires_perm
from lantoa.core.tables import FastColumnsMixin

from ..constants import ItemStatus
from ..jobs import REEXTRACT, reextract_candidates
from ..models import Item, Source
from ..selectors import sources_activity
from ..services import item_create, item_original_open, item_update, posts_import, url_submit
from .forms import PostsImportForm, UrlSubmitForm

ORIGINAL_PERMISSION = "monitoring.view_original_link"
ITEM_FIELDS = ("source", "title", "url", "summary", "text", "language", "published_at")


class GrowingIndexView(FastColumnsMixin, IndexView):
    """The list of a table that grows with every poll: its total is counted up to 10,000 and kept
    a minute (core.paginators), and its plain text and date cells are written without a template
    each (core.tables)."""

    paginator_class = CachedCountPaginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["count_cap"] = thousands(CachedCountPaginator.CAP)
        return context


class SourceIndexView(FastColumnsMixin, IndexView):
    """The source list with each source's health over the last week (failed polls, items per
    day), counted for the page's sources only and kept a minute (selectors.sources_activity):
    counting them for every source by joining poll runs and items took 0.5 s at 200,000 items.
    Its nine columns are plain cells written without a template each (core.tables): 180 cell
    templates were two thirds of the page's time."""

    def paginate_queryset(self, queryset, page_size):
        paginator, page, objects, has_other = super().paginate_queryset(queryset, page_size)
        activity = sources_activity([source.pk for source in objects])
        for source in objects:
            source.recent_failures, source.items_week = activity.get(source.pk, (0, 0))
        return paginator, page, objects, has_other


class RowOpensRecordMixin:
    """A row's title opens the record (its page has the edit and delete buttons); the rows carry
    no menu of their own, which cost a fifth of the items list's time and a quarter of the poll
    runs list's (permission checks, URLs and a dropdown rendered for each of the 20 rows)."""

    def get_list_buttons(self, instance):
        return []

    def _get_title_column(self, field_name, column_class=None, **kwargs):
        return self._get_custom_column(
            field_name, column_class or TitleColumn, get_url=self.get_inspect_url, **kwargs
        )


class PollRunIndexView(RowOpensRecordMixin, GrowingIndexView):
    """The poll runs: records the poller writes, each opened to read it."""


class ItemIndexView(RowOpensRecordMixin, GrowingIndexView):
    """Beside "add by hand", the two doors that run the pipeline: a pasted URL, a file of posts."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("monitoring.add_item"):
            buttons += [
                HeaderButton(
                    _("Gửi đường dẫn"), url=reverse("monitoring_tools:submit"), icon_name="link"
                ),
                HeaderButton(
                    _("Nhập tệp bài đăng"),
                    url=reverse("monitoring_tools:import"),
                    icon_name="upload",
                ),
            ]
        return buttons


class ItemInspectView(InspectView):
    """An item's details; a social post's original link for those allowed to open it."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.original_url_sealed and self.request.user.has_perm(ORIGINAL_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Mở bài gốc (được ghi nhật ký)"),
                    url=reverse("monitoring_tools:original", args=[self.object.pk]),
                    icon_name="link-external",
                )
            )
        return buttons


@requires_perm("monitoring.view_original_link")
def item_original_view(request, item_id: int):
    """Open a social post at its original address: a permission-checked, audited redirect."""
    try:
        url = item_original_open(item_id=item_id, user=request.user)
    except (Item.DoesNotExist, ValueError) as exc:
        raise Http404(str(exc)) from exc
    return HttpResponseRedirect(url)


class ItemSaveErrorsMixin:
    """A service's refusal (ValueError, in Vietnamese) is shown on the form; nothing is saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValueError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)


def _item_fields(form) -> dict:
    data = {name: form.cleaned_data[name] for name in ITEM_FIELDS if name != "source"}
    return {"source_id": form.cleaned_data["source"].pk, **data}


class ItemCreateView(ItemSaveErrorsMixin, CreateView):
    """An item entered by hand: stored, indexed and analysed by `item_create`."""

    def save_instance(self):
        return item_create(user=self.request.user, **_item_fields(self.form))


class ItemEditView(ItemSaveErrorsMixin, EditView):
    """A correction: `item_update` saves, re-indexes and analyses the item again."""

    def save_instance(self):
        fields = _item_fields(self.form)
        return item_update(item_id=self.object.pk, user=self.request.user, **fields)


def _summary(run) -> str:
    labels = dict(ItemStatus.choices)
    summary = ", ".join(f"{labels.get(k, k)}: {v}" for k, v in sorted(run.counts.items())) or "-"
    left_out = run.left_out_display()
    return f"{summary} ({_('bỏ lại')}: {left_out})" if left_out else summary


@requires_perm("monitoring.add_item")
def url_submit_view(request):
    form = UrlSubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = url_submit(url=form.cleaned_data["url"])
        except ValueError as exc:
            form.add_error("url", str(exc))
        else:
            if run.stored:
                messages.success(request, _("Đã thu thập: %(s)s") % {"s": _summary(run)})
                item = run.item_set.first()
                return redirect(reverse("wagtailsnippets_monitoring_item:inspect", args=[item.pk]))
            detail = (run.problems[0]["error"] if run.problems else "") or run.error
            messages.warning(
                request,
                _("Không lưu được tin mới (%(s)s) %(d)s") % {"s": _summary(run), "d": detail},
            )
            return redirect(request.path)
    return TemplateResponse(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Gửi đường dẫn bài viết"), "multipart": False},
    )


@requires_perm("monitoring.add_item")
def posts_import_view(request):
    form = PostsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = posts_import(
                source_id=form.cleaned_data["source"].pk,
                data=upload.read(),
                filename=upload.name,
                mapping=form.mapping(),
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã nhập tệp: %(s)s") % {"s": _summary(run)})
            return redirect(reverse("wagtailsnippets_monitoring_pollrun:inspect", args=[run.pk]))
    return TemplateResponse(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Nhập tệp bài đăng mạng xã hội"), "multipart": True},
    )


@requires_perm("monitoring.change_item")
def source_reextract_view(request, source_id: int):
    """Extract a source's items again from their kept pages, as a background job with progress
    (after an extractor upgrade, or a site that changed its layout): confirm, then queue."""
    source = get_object_or_404(Source, pk=source_id)
    count = reextract_candidates(source_ids=[source.pk]).count()
    if request.method == "POST":
        job = job_start(kind=REEXTRACT, params={"source_ids": [source.pk]}, user=request.user)
        messages.success(
            request,
            _("Đã bắt đầu trích xuất lại %(n)s tin của «%(s)s».") % {"n": count, "s": source},
        )
        return redirect(job_list_url(job))
    return TemplateResponse(
        request,
        "monitoring/form.html",
        {
            "form": forms.Form(),
            "title": _("Trích xuất lại tin của «%(s)s»") % {"s": source},
            "intro": _(
                "%(n)s tin của nguồn này còn bản gốc trang sẽ được trích xuất lại nội dung. Việc "
                "này chạy nền; tiến độ và danh sách tin lỗi xem ở Số liệu → Tác vụ nền."
            )
            % {"n": count},
            "multipart": False,
        },
    )
