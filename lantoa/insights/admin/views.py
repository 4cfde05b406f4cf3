"""Admin views that no Wagtail listing component covers: the one-key labelling queue, training
progress, item detail with passages, trends with Chart.js, and the bulletin downloads."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantoa.core.roles import requires_perm
from lantoa.core.uploads import LABELS_IMPORT, upload_check
from lantoa.monitoring.models import Item

from ..bulletin import bulletin_build, bulletin_docx, bulletin_html
from ..constants import LabelKind, Task, Tone
from ..models import ClassifierModel, ItemMatch, Label, Topic, TrainingJob, Watchlist
from ..selectors import (
    alerts_for_user,
    alerts_with_feedback,
    international_view,
    labelling_queue,
    source_health,
    trends,
)
from ..selectors.bulletins import bulletins_sent
from ..services import (
    alert_mark_read,
    alerts_mark_all_read,
    label_set,
    labels_import,
    training_job_start,
)
from ..services.analysis import LabelError

# Keys of the labelling page: one press labels the item and shows the next.
TONE_KEYS = {"1": Tone.POSITIVE, "2": Tone.NEUTRAL, "3": Tone.NEGATIVE}
FLAG_KEYS = {
    "r": (LabelKind.RELEVANT, "yes"),
    "n": (LabelKind.RELEVANT, "no"),
    "i": (LabelKind.INACCURATE, "yes"),
}
TOPIC_KEYS = "asdfghjklqwertyuop"


def _page(request, template, title, context, icon="view"):
    return TemplateResponse(
        request,
        template,
        {"page_title": title, "header_title": title, "header_icon": icon, **context},
    )


@requires_perm("insights.add_label")
def labelling_queue_view(request):
    queue = list(labelling_queue(limit=20))
    topics = list(Topic.objects.all()[: len(TOPIC_KEYS)])
    keys = []
    for key, tone in TONE_KEYS.items():
        keys.append({"key": key, "kind": LabelKind.TONE, "value": tone, "label": Tone(tone).label})
    for key, (kind, value) in FLAG_KEYS.items():
        text = {"r": _("Liên quan"), "n": _("Không liên quan"), "i": _("Sai sự thật")}[key]
        keys.append({"key": key, "kind": kind, "value": value, "label": text})
    for key, topic in zip(TOPIC_KEYS, topics, strict=False):
        keys.append({"key": key, "kind": LabelKind.TOPIC, "value": topic.name, "label": topic.name})
    current = queue[0] if queue else None
    return _page(
        request,
        "insights/queue.html",
        _("Gán nhãn tin (tin khó nhất trước)"),
        {
            "item": current,
            "matches": ItemMatch.objects.filter(item=current).select_related("watchlist")
            if current
            else [],
            "labels": Label.objects.filter(item=current) if current else [],
            "remaining": len(queue),
            "keys": keys,
            "models": [
                ClassifierModel.objects.filter(task=task).order_by("-version").first()
                for task in Task.values
            ],
            "labelled": Label.objects.filter(kind=LabelKind.TONE).count(),
        },
        icon="pick",
    )


@require_POST
@requires_perm("insights.add_label")
def label_view(request, item_id):
    item = get_object_or_404(Item, pk=item_id)
    try:
        label_set(
            item=item,
            kind=request.POST.get("kind", ""),
            value=request.POST.get("value", ""),
            user=request.user,
        )
    except LabelError as exc:
        messages.error(request, str(exc))
    next_url = request.POST.get("next") or ""
    if not next_url.startswith("/"):
        next_url = ""
    return redirect(next_url or "insights_queue")


@requires_perm("insights.add_label")
def labels_import_view(request):
    errors = []
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES["file"]
        try:
            upload_check(upload, policy=LABELS_IMPORT, request=request)
            content = upload.read().decode("utf-8-sig")
        except ValidationError as refusal:
            errors = refusal.messages
        except UnicodeDecodeError:
            errors = [_("Tệp phải là văn bản UTF-8 (CSV hoặc JSONL).")]
        else:
            result = labels_import(content=content, filename=upload.name, user=request.user)
            if not result.errors:
                messages.success(request, _("Đã nhập %(n)d nhãn.") % {"n": result.created})
                return redirect("insights_queue")
            errors = result.errors
    return _page(request, "insights/labels_import.html", _("Nhập nhãn từ tệp"), {"errors": errors})


@require_POST
@requires_perm("insights.add_classifiermodel")
def train_view(request):
    task = request.POST.get("task", Task.TONE)
    if task not in Task.values:
        messages.error(request, _("Nhiệm vụ không hợp lệ."))
        return redirect("insights_queue")
    job = training_job_start(task=task, user=request.user)
    return redirect("insights_job", job_id=job.pk)


@requires_perm("insights.view_classifiermodel")
def training_job_view(request, job_id):
    job = get_object_or_404(TrainingJob.objects.select_related("model"), pk=job_id)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "progress": job.progress,
                "message": job.message,
                "model": str(job.model) if job.model else None,
            }
        )
    return _page(request, "insights/job.html", _("Huấn luyện mô hình"), {"job": job}, icon="cogs")


@requires_perm("insights.view_watchlist")
def item_view(request, item_id):
    item = get_object_or_404(Item.objects.select_related("source"), pk=item_id)
    return _page(
        request,
        "insights/item.html",
        item.title,
        {
            "item": item,
            "analysis": getattr(item, "analysis", None),
            "matches": item.watchlist_matches.select_related("watchlist"),
            "labels": item.labels.select_related("user"),
            "alerts": item.alerts.all()[:20],
        },
        icon="doc-full",
    )


@requires_perm("insights.view_watchlist")
def trends_view(request):
    period = request.GET.get("period", "week")
    if period not in ("week", "month"):
        period = "week"
    watchlist = Watchlist.objects.filter(pk=request.GET.get("watchlist") or 0).first()
    data = trends(period=period, watchlist=watchlist)
    return _page(
        request,
        "insights/trends.html",
        _("Xu hướng dư luận"),
        {
            "data": data,
            "period": period,
            "watchlists": Watchlist.objects.all(),
            "watchlist": watchlist,
            "source_health": source_health(),
        },
        icon="chart",
    )


def _bulletin_day(request):
    """The day asked for (?day=YYYY-MM-DD; ?today=1), yesterday by default, never in the future."""
    yesterday = timezone.localdate() - timedelta(days=1)
    if request.GET.get("today"):
        return yesterday + timedelta(days=1)
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return yesterday
    return min(day, yesterday + timedelta(days=1))


@requires_perm("insights.view_watchlist")
def bulletin_view(request):
    """The daily bulletin in the admin: one watchlist's bulletin of a chosen day (yesterday by
    default), built from stored items as the e-mailed one is, its HTML and DOCX downloads, and the
    history of the bulletins sent."""
    watchlists = list(Watchlist.objects.filter(is_active=True))
    asked = request.GET.get("watchlist")
    watchlist = Watchlist.objects.filter(pk=asked).first() if asked and asked.isdigit() else None
    watchlist = watchlist or (watchlists[0] if watchlists else None)
    day = _bulletin_day(request)
    fmt = request.GET.get("format")
    bulletin = bulletin_build(watchlist=watchlist, day=day) if watchlist else None
    if bulletin and fmt == "html":
        return HttpResponse(bulletin_html(bulletin))
    if bulletin and fmt == "docx":
        response = HttpResponse(
            bulletin_docx(bulletin),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="ban-tin-{day.isoformat()}.docx"'
        return response
    return _page(
        request,
        "insights/bulletin.html",
        _("Bản tin tổng hợp dư luận"),
        {
            "watchlists": watchlists,
            "watchlist": watchlist,
            "day": day,
            "bulletin": bulletin,
            "query": f"watchlist={watchlist.pk}&day={day.isoformat()}" if watchlist else "",
            "history": bulletins_sent(limit=60),
        },
        icon="doc-full",
    )


INBOX_PAGE_SIZE = 50


@requires_perm("insights.view_alert")
def alerts_inbox_view(request):
    """The user's alerts, newest first, unread ones marked; each links to its items."""
    show = request.GET.get("show", "unread")
    alerts = alerts_with_feedback(alerts_for_user(request.user), request.user).prefetch_related(
        "items__source"
    )
    unread = alerts.filter(is_read=False).count()
    if show == "unread":
        alerts = alerts.filter(is_read=False)
    return _page(
        request,
        "insights/alerts_inbox.html",
        _("Hộp cảnh báo"),
        {
            "alerts": alerts[:INBOX_PAGE_SIZE],
            "unread": unread,
            "show": "unread" if show == "unread" else "all",
        },
        icon="warning",
    )


def back_to_inbox(request):
    """Back to the page the form was on (a local path only), else the inbox."""
    next_url = request.POST.get("next") or ""
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = ""
    return redirect(next_url or "insights_inbox")


@require_POST
@requires_perm("insights.view_alert")
def alert_read_view(request, alert_id):
    alert = get_object_or_404(alerts_for_user(request.user), pk=alert_id)
    alert_mark_read(alert=alert, user=request.user, read=request.POST.get("read") != "0")
    return back_to_inbox(request)


@require_POST
@requires_perm("insights.view_alert")
def alerts_read_all_view(request):
    marked = alerts_mark_all_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(n)d cảnh báo là đã đọc.") % {"n": marked})
    return back_to_inbox(request)


def _date_param(value: str | None, default):
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


@requires_perm("insights.view_watchlist")
def international_view_page(request):
    """The international view: coverage of the locality abroad, with drill-down links."""
    today = timezone.localdate()
    end = _date_param(request.GET.get("to"), today)
    start = _date_param(request.GET.get("from"), end.replace(month=1, day=1))
    error = ""
    if start > end:
        error = _("Ngày bắt đầu phải trước ngày kết thúc; đang hiển thị từ đầu năm.")
        start = end.replace(month=1, day=1)
    watchlist = Watchlist.objects.filter(pk=request.GET.get("watchlist") or 0).first()
    return _page(
        request,
        "insights/international.html",
        _("Dư luận quốc tế"),
        {
            "view": international_view(start=start, end=end, watchlist=watchlist),
            "watchlists": Watchlist.objects.all(),
            "error": error,
        },
        icon="globe",
    )
