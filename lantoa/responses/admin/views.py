"""Admin views for case actions: each validates a small form, calls one service, redirects; and
the page editor's guard on clarification pages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantoa.core.roles import requires_perm

from .. import selectors, services
from ..services import CaseError
from .forms import ActionForm, ChannelForm, EvidenceForm, VerdictForm


def _case(request, pk):
    return get_object_or_404(selectors.cases_visible_to(request.user), pk=pk)


def _inspect(case):
    return redirect(reverse("wagtailsnippets_responses_case:inspect", args=[case.pk]))


@require_POST
@requires_perm("responses.act_on_case")
def case_action(request, pk, action):
    case = _case(request, pk)
    form = ActionForm(request.POST)
    form.is_valid()
    try:
        case = services.case_act(
            case=case,
            action=action,
            user=request.user,
            note=form.cleaned_data.get("note", ""),
            verdict=form.cleaned_data.get("verdict") or None,
        )
    except CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Vụ việc chuyển sang «%(s)s».") % {"s": case.get_state_display()}
        )
    return _inspect(case)


@require_POST
@requires_perm("responses.change_case")
def case_verdict(request, pk):
    case = _case(request, pk)
    form = VerdictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn kết luận."))
        return _inspect(case)
    try:
        services.case_set_verdict(
            case=case,
            user=request.user,
            verdict=form.cleaned_data["verdict"],
            note=form.cleaned_data["note"],
        )
    except CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi kết luận."))
    return _inspect(case)


def _small_form(request, case, form_class, title, save):
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except CaseError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu."))
            return _inspect(case)
    return TemplateResponse(
        request,
        "responses/admin/case_form.html",
        {"case": case, "form": form, "page_title": title, "header_title": title},
    )


@requires_perm("responses.change_case")
def case_evidence(request, pk):
    case = _case(request, pk)

    def save(form):
        data = form.cleaned_data
        services.evidence_add(
            case=case,
            user=request.user,
            kind=data["kind"],
            title=data["title"],
            source=data["source"],
            date=data["date"],
            url=data["url"],
            upload=data.get("file"),
            excerpt=data["excerpt"],
            is_public=data["is_public"],
        )

    return _small_form(request, case, EvidenceForm, _("Thêm bằng chứng"), save)


@requires_perm("responses.change_case")
def case_channel(request, pk):
    case = _case(request, pk)

    def save(form):
        services.channel_add(case=case, user=request.user, **form.cleaned_data)

    return _small_form(request, case, ChannelForm, _("Ghi nhận hình thức phản hồi"), save)


@require_POST
@requires_perm("responses.act_on_case")
def case_clarification(request, pk):
    """Draft the public page from the case, then continue in Wagtail's page editor."""
    case = _case(request, pk)
    try:
        page = services.clarification_create_from_case(case=case, user=request.user)
    except CaseError as exc:
        messages.error(request, exc.message)
        return _inspect(case)
    messages.success(request, _("Đã tạo bản nháp trang làm rõ; hãy viết phần giải thích."))
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_direct_publication(request, page):
    """`before_edit_page`: a clarification goes public only through the leader workflow; once
    approved or published it changes only through a recorded correction."""
    if request.method != "POST":
        return None
    case = selectors.case_for_page(page.specific)
    if case is None:
        return None
    refusal = selectors.clarification_edit_refusal(
        case=case,
        submitting="action-submit" in request.POST,
        publishing="action-publish" in request.POST,
    )
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)
