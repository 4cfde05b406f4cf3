"""The public "Làm rõ thông tin" section: an index below the home page and one page per case."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from lantoa.core.fields import plan_item_field
from lantoa.promotion.models.pages import PublishChecksMixin
from lantoa.promotion.selectors import office_name_in

from ..constants import EDITABLE_STATES, VERDICT_LABELS, Verdict
from ..feeds import clarification_feed
from ..structured_data import clarification_json_ld


class ClarificationIndexPage(PublishChecksMixin, RoutablePageMixin, Page):
    """The list of the office's clarifications, with an Atom feed (`feed/`, `feed.atom`)."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["promotion.HomePage"]
    subpage_types = ["responses.ClarificationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("mục làm rõ thông tin")

    def clarifications(self):
        return (
            ClarificationPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["clarifications"] = self.clarifications()
        context["feed_url"] = self.get_url(request) + self.reverse_subpage("feed")
        context["claimreview_url"] = self.get_url(request) + "claimreview.json"
        return context

    # Wagtail's page URL pattern admits no dot, so the routable feed lives at `feed/`;
    # `views.clarification_feed_atom` serves the same feed at `<index>/feed.atom` once the project
    # URLconf routes that pattern to it (see docs/operations-responses.md).
    @re_path(r"^feed/$", name="feed")
    def atom_feed(self, request):
        return atom_response(self, request)


def atom_response(index: "ClarificationIndexPage", request) -> HttpResponse:
    feed = clarification_feed(index, request)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


class ClarificationPage(PublishChecksMixin, Page):
    """A clarification the office publishes under its own name, created from a case.

    The claim and the verdict come from the case and are read-only here: after approval they
    change only through a recorded correction (`case_pause` then `case_correct`).
    """

    case = models.ForeignKey(
        "responses.Case",
        verbose_name=_("vụ việc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clarification_pages",
    )
    claim = models.CharField(_("thông tin được làm rõ"), max_length=300)
    verdict = models.CharField(_("kết luận"), max_length=15, choices=Verdict.choices)
    explanation = RichTextField(
        _("giải thích"), features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    plan_item = plan_item_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("claim", read_only=True),
        FieldPanel("verdict", read_only=True),
        FieldPanel("explanation"),
        FieldPanel("issued_on"),
        FieldPanel("plan_item"),
    ]
    parent_page_types = ["responses.ClarificationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bản làm rõ thông tin")
        verbose_name_plural = _("bản làm rõ thông tin")

    def is_case_source(self) -> bool:
        """True for the page the case was drafted in (not one of its translations)."""
        return bool(self.case_id) and self.case.clarification_id == self.pk

    def clean(self):
        super().clean()
        if not self.pk or not self.is_case_source():
            return
        case = self.case
        if case.state not in EDITABLE_STATES and (
            self.verdict != case.verdict or self.claim != case.claim
        ):
            raise ValidationError(
                _(
                    "Không được sửa kết luận hay nội dung thông tin của bản làm rõ đã trình, "
                    "đã duyệt hoặc đã công bố; hãy tạm dừng và đính chính."
                )
            )

    def verdict_label(self) -> str:
        labels = VERDICT_LABELS.get(self.verdict, {})
        return labels.get(self.locale.language_code) or labels.get("vi", self.verdict)

    def public_evidence(self):
        return self.case.evidence.filter(is_public=True) if self.case_id else []

    def appearances(self):
        return self.case.appearances.all() if self.case_id else []

    def corrections(self):
        return self.case.corrections.all() if self.case_id else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["office_name"] = office_name_in(self.locale.language_code)
        context["json_ld"] = clarification_json_ld(self, request)
        return context
