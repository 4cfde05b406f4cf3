"""Custom admin views where no Wagtail component fits: the calendar grid, the translation
status table, the CSV import of reach figures, the editorial calendar's iCal export."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from lantoa.core.roles import require_perm, requires_perm

from ..constants import SOURCE_LANGUAGE, TranslationStatus
from ..ical import plan_calendar
from ..selectors import month_grid, plan_items_between, translation_overview
from ..services import (
    TranslationError,
    channel_posts_import_csv,
    translation_approve,
    translation_machine_translate,
    translation_sync,
)
from ..services.translation import machine_translator
from .forms import ReachImportForm


def _period(request) -> tuple[str, date, date, date]:
    """(mode, start, end, anchor) from ?view=month|week&date=YYYY-MM-DD."""
    mode = "week" if request.GET.get("view") == "week" else "month"
    try:
        anchor = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        anchor = timezone.localdate()
    if mode == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return mode, start, start + timedelta(days=7), anchor
    start = anchor.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    return mode, start, end, anchor


@requires_perm("promotion.view_contentplanitem")
def calendar_view(request):
    """Month or week grid of plan items, server-rendered."""
    mode, start, end, anchor = _period(request)
    mine = request.GET.get("mine") == "1"
    items = list(plan_items_between(start=start, end=end, user=request.user if mine else None))
    by_day: dict[date, list] = {}
    for item in items:
        by_day.setdefault(timezone.localtime(item.planned_at).date(), []).append(item)
    if mode == "week":
        weeks = [[start + timedelta(days=offset) for offset in range(7)]]
        previous, following = start - timedelta(days=7), start + timedelta(days=7)
    else:
        weeks = month_grid(start.year, start.month)
        previous = (start - timedelta(days=1)).replace(day=1)
        following = end
    return TemplateResponse(
        request,
        "promotion/admin/calendar.html",
        {
            "page_title": _("Lịch biên tập"),
            "header_icon": "date",
            "mode": mode,
            "start": start,
            "end": end - timedelta(days=1),
            "anchor": anchor,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "previous": previous,
            "following": following,
            "today": timezone.localdate(),
            "mine": mine,
            "count": len(items),
            "ical_url": reverse("promotion_admin:calendar_ical"),
        },
    )


@requires_perm("promotion.view_contentplanitem")
def calendar_ical(request):
    """The editorial calendar as iCalendar, from 30 days back to a year ahead."""
    today = timezone.localdate()
    items = plan_items_between(start=today - timedelta(days=30), end=today + timedelta(days=366))
    response = HttpResponse(
        plan_calendar(items, name="Lịch biên tập Lantoa"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="lich-bien-tap.ics"'
    return response


TRANSLATION_ACTIONS = {
    "sync": (translation_sync, _("Đã đồng bộ %(n)d bản dịch (giữ nguyên các câu không đổi).")),
    "translate": (
        translation_machine_translate,
        _("Đã dịch máy %(n)d bản dịch; bản máy dịch chờ người duyệt."),
    ),
    "approve": (translation_approve, _("Đã duyệt và đăng %(n)d bản dịch.")),
}


def _translation_bulk(request) -> None:
    """Run one action (sync, machine translate, approve) on the ticked page × language cells,
    each in its own transaction; a refused cell says why and leaves the others done."""
    action = request.POST.get("action")
    if action not in TRANSLATION_ACTIONS:
        messages.error(request, _("Chọn một thao tác."))
        return
    service, done_message = TRANSLATION_ACTIONS[action]
    languages = dict(settings.LANGUAGES)
    done = 0
    for value in request.POST.getlist("cell"):
        page_id, _sep, language = value.partition(":")
        page = Page.objects.filter(pk=page_id if page_id.isdigit() else None).first()
        if page is None or language not in languages or language == SOURCE_LANGUAGE:
            continue
        try:
            kwargs = {"page": page, "language_code": language, "user": request.user}
            service(**kwargs)
        except TranslationError as error:
            messages.error(request, f"{page.title} ({languages[language]}): {error}")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"{page.title} ({languages[language]}): {message}")
        else:
            done += 1
    if done:
        messages.success(request, done_message % {"n": done})
    elif not request.POST.getlist("cell"):
        messages.error(request, _("Chưa chọn ô nào (trang × ngôn ngữ)."))


def translations_view(request):
    """Every Vietnamese page × language: missing, out of date (with the segments changed since
    the last sync), being translated, machine draft, current; filters and bulk actions."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    if request.method == "POST":
        require_perm(request, "wagtail_localize.submit_translation")
        _translation_bulk(request)
        return redirect(request.get_full_path())
    language = request.GET.get("language") or None
    if language not in dict(settings.LANGUAGES):
        language = None
    only_work = request.GET.get("work") == "1"
    status = request.GET.get("status") or None
    if status not in TranslationStatus.values:
        status = None
    rows = translation_overview(language=language)
    if only_work:
        rows = [row for row in rows if any(cell.needs_work for cell in row.cells)]
    if status:
        rows = [row for row in rows if any(cell.status == status for cell in row.cells)]
    languages = [cell.language for cell in rows[0].cells] if rows else []
    totals = {
        code: sum(
            1 for row in rows for cell in row.cells if cell.language == code and cell.needs_work
        )
        for code in languages
    }
    # A page's title links to its editor only for those who may edit it (else Wagtail sends them
    # home with a refusal).
    editable = set(
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(request.user, ["change"])
        .values_list("pk", flat=True)
    )
    return TemplateResponse(
        request,
        "promotion/admin/translations.html",
        {
            "editable": editable,
            "page_title": _("Tình trạng bản dịch"),
            "header_icon": "globe",
            "rows": rows,
            "languages": languages,
            "language_names": dict(settings.LANGUAGES),
            "totals": totals,
            "selected": language,
            "selected_status": status,
            "only_work": only_work,
            "all_languages": [code for code, _n in settings.LANGUAGES if code != "vi"],
            "statuses": TranslationStatus,
            "machine_ready": machine_translator() is not None,
        },
    )


@requires_perm("promotion.add_channelpost")
def reach_import_view(request):
    """Upload a platform's CSV export of posts and reach."""
    form = ReachImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = channel_posts_import_csv(
            data=form.cleaned_data["file"].read(),
            channel=form.cleaned_data["channel"],
            language=form.cleaned_data["language"],
        )
        if result.errors:
            for error in result.errors[:20]:
                messages.error(request, error)
            messages.error(request, _("Không dòng nào được lưu. Sửa tệp rồi nhập lại."))
        else:
            messages.success(
                request,
                _("Đã nhập %(c)d bài mới, cập nhật %(u)d bài.")
                % {"c": result.created, "u": result.updated},
            )
            return redirect("wagtailsnippets_promotion_channelpost:list")
    return TemplateResponse(
        request,
        "promotion/admin/reach_import.html",
        {"page_title": _("Nhập số liệu tiếp cận từ CSV"), "header_icon": "upload", "form": form},
    )
