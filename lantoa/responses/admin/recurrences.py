"""The recurrences admin: the list every before/after count links to, and the reviewer's word
(đúng / không đúng) given from the case page or the list."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from lantoa.core.roles import requires_perm

from .. import selectors
from ..models import ClaimRecurrence
from ..services import CaseError
from ..services.claims import recurrence_review
from .filters import RecurrenceFilterSet


@require_POST
@requires_perm("responses.change_claimrecurrence")
def recurrence_review_view(request, pk):
    recurrence = get_object_or_404(
        ClaimRecurrence.objects.filter(case__in=selectors.cases_visible_to(request.user)), pk=pk
    )
    try:
        recurrence = recurrence_review(
            recurrence=recurrence, user=request.user, state=request.POST.get("state", "")
        )
    except CaseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã ghi: %(state)s.") % {"state": recurrence.get_review_state_display()}
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("wagtailsnippets_responses_case:inspect", args=[recurrence.case_id])
    return redirect(back)


class RecurrenceEditView(EditView):
    """The review goes through the service (who and when are recorded)."""

    def save_instance(self):
        return recurrence_review(
            recurrence=self.object,
            user=self.request.user,
            state=self.form.cleaned_data["review_state"],
        )


class RecurrenceViewSet(SnippetViewSet):
    model = ClaimRecurrence
    icon = "repeat"
    menu_label = gettext_lazy("Thông tin xuất hiện lại")
    add_to_admin_menu = False  # reached from each case and from the figures that count them
    create_view_enabled = False  # recurrences come from matching, not by hand
    copy_view_enabled = False  # a copy would repeat the item
    inspect_view_enabled = True
    list_display = [
        Column("item", label=gettext_lazy("Tin"), accessor=lambda r: r.item.title),
        Column("claim", label=gettext_lazy("Thông tin"), accessor=lambda r: r.claim.text),
        Column("case", label=gettext_lazy("Vụ việc"), accessor=lambda r: f"#{r.case_id}"),
        "appeared_at",
        "score",
        Column("review_state", label=gettext_lazy("Xem xét"), accessor="get_review_state_display"),
    ]
    list_export = ["id", "case", "claim", "item", "score", "appeared_at", "review_state"]
    export_filename = "thong-tin-xuat-hien-lai"
    filterset_class = RecurrenceFilterSet
    ordering = ["-appeared_at"]
    form_fields = ["review_state"]
    edit_view_class = RecurrenceEditView

    def get_queryset(self, request):
        return ClaimRecurrence.objects.filter(
            case__in=selectors.cases_visible_to(request.user)
        ).select_related("item", "claim")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/review/", recurrence_review_view, name="review"),
        ]
