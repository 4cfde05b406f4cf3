"""Admin views no Wagtail component covers: paste a URL, import a file of posts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .constants import ItemStatus
from .forms import PostsImportForm, UrlSubmitForm
from .services import posts_import, url_submit


def _require(request, codename: str) -> None:
    if not request.user.has_perm(f"monitoring.{codename}"):
        raise PermissionDenied


def _summary(run) -> str:
    labels = dict(ItemStatus.choices)
    return ", ".join(f"{labels.get(k, k)}: {v}" for k, v in sorted(run.counts.items())) or "-"


def url_submit_view(request):
    _require(request, "add_item")
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


def posts_import_view(request):
    _require(request, "add_item")
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
