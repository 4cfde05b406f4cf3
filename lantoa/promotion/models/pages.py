"""Public site pages. Vietnamese pages are the source; other languages are their translations."""

# ruff: noqa: DJ008  (Page defines __str__; ruff cannot see it through the abstract mixin)

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock, ImageBlock, VideoBlock
from ..constants import LEADER_APPROVAL_THEMES


class PublicPageForm(WagtailAdminPageForm):
    """The page editor refuses "Publish" with the reasons (glossary, library rights) shown on the
    form, instead of failing inside the publish action."""

    def _post_clean(self):
        super()._post_clean()
        if "action-publish" not in self.data:
            return
        from ..publishing import publication_problems

        for problem in publication_problems(self.instance):
            self.add_error(None, problem.message)


class PublishChecksMixin:
    """Pages that cannot be published while they break the glossary or use a library item
    without rights (see lantoa.promotion.publishing). Every path to "live" goes through
    `publish`: the editor, wagtail-localize, the scheduler, services."""

    base_form_class = PublicPageForm

    def publish(self, revision, *args, **kwargs):
        from ..publishing import publication_check

        publication_check(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    def get_workflow(self):
        """Pages on international issues (III.3.1) go to the leaders' approval workflow."""
        theme = getattr(self, "theme", None)
        if theme is not None and theme.code in LEADER_APPROVAL_THEMES:
            from wagtail.models import Workflow

            from ..constants import LEADER_WORKFLOW_NAME

            workflow = Workflow.objects.filter(name=LEADER_WORKFLOW_NAME, active=True).first()
            if workflow is not None:
                return workflow
        return super().get_workflow()


class PublicPageMixin(PublishChecksMixin, models.Model):
    """Fields every public page shares: a summary and a cover image (with required alt text),
    used for Open Graph, schema.org and listings."""

    summary = models.CharField(
        _("tóm tắt"), max_length=300, blank=True, help_text=_("Một hai câu, hiện ở danh sách.")
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("mô tả ảnh đại diện (alt)"), max_length=250, blank=True)

    cover_panels = [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("cover"), FieldPanel("cover_alt")],
            heading=_("Tóm tắt và ảnh đại diện"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.cover_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Ảnh đại diện cần có mô tả (alt).")})

    @property
    def description(self) -> str:
        return self.search_description or self.summary


class HomePage(PublicPageMixin, Page):
    """The public site's root, one per language (vi is the source, the others translations).

    Its language's sitemap is served by lantoa.promotion.urls (/promotion/sitemap-en.xml, …)."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        *PublicPageMixin.cover_panels,
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")

    def sections(self) -> dict:
        """What the home page lists: latest news, upcoming events, themes and galleries of its
        language (the index pages below it list their own children the same way)."""
        first = {
            model: model.objects.live().public().child_of(self).first()
            for model in (NewsIndexPage, EventIndexPage, ThemeIndexPage)
        }
        news = first[NewsIndexPage]
        events = first[EventIndexPage]
        themes = first[ThemeIndexPage]
        return {
            "news_index": news,
            "latest_news": news.articles()[:3] if news else [],
            "events_index": events,
            "upcoming_events": events.events().filter(end__gte=timezone.now())[:3]
            if events
            else [],
            "themes_index": themes,
            "themes": themes.get_children().live().public().specific() if themes else [],
            "galleries": GalleryPage.objects.live().public().descendant_of(self).specific()[:2],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.sections())
        return context


class ThemeIndexPage(PublicPageMixin, Page):
    """Places and themes: the list of theme pages in one language."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["promotion.HomePage"]
    subpage_types = ["promotion.ThemePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("mục địa danh và chủ đề")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = ThemePage.objects.live().public().child_of(self).specific()
        return context


class ThemePage(PublicPageMixin, Page):
    """A place or a theme (history and tradition, culture, people, tourism, investment, Hồ Chí
    Minh's legacy in the locality). A page with an address or coordinates is a place."""

    theme = models.ForeignKey(
        "promotion.Theme",
        verbose_name=_("chủ đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        *PublicPageMixin.cover_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Địa điểm (nếu là một nơi chốn)"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["promotion.ThemeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang chủ đề, địa danh")

    @property
    def is_place(self) -> bool:
        return bool(self.address or self.latitude is not None)


class NewsIndexPage(PublicPageMixin, Page):
    """The news list of one language (its Atom feed: /promotion/news-<language>.atom)."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["promotion.HomePage"]
    subpage_types = ["promotion.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("mục tin tức")

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-first_published_at")
            .specific()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.articles()[:30]
        return context


class ArticlePage(PublicPageMixin, Page):
    """A news article."""

    date = models.DateField(_("ngày đăng tin"), default=timezone.localdate)
    theme = models.ForeignKey(
        "promotion.Theme",
        verbose_name=_("chủ đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("theme")]),
        *PublicPageMixin.cover_panels,
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["promotion.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bài tin")


class EventIndexPage(PublicPageMixin, Page):
    """The events list of one language (its iCalendar feed: /promotion/events-<language>.ics)."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["promotion.HomePage"]
    subpage_types = ["promotion.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("mục sự kiện")

    def events(self):
        return EventPage.objects.live().public().descendant_of(self).order_by("start").specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = self.events()
        context["upcoming"] = events.filter(end__gte=now)
        context["past"] = events.filter(end__lt=now).order_by("-start")[:20]
        return context


class EventPage(PublicPageMixin, Page):
    """An event with its dates and venue."""

    start = models.DateTimeField(_("bắt đầu"))
    end = models.DateTimeField(_("kết thúc"))
    venue_name = models.CharField(_("địa điểm"), max_length=200)
    venue_address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    theme = models.ForeignKey(
        "promotion.Theme",
        verbose_name=_("chủ đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("venue_name"), FieldPanel("venue_address")]),
        FieldPanel("theme"),
        *PublicPageMixin.cover_panels,
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["promotion.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("sự kiện")

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})


class GalleryPage(PublicPageMixin, Page):
    """Photos and videos. Videos are links with a thumbnail, never an embedded player."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    photos = StreamField([("image", ImageBlock())], verbose_name=_("ảnh"), blank=True)
    videos = StreamField([("video", VideoBlock())], verbose_name=_("video"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *PublicPageMixin.cover_panels,
        FieldPanel("photos"),
        FieldPanel("videos"),
    ]
    parent_page_types = ["promotion.HomePage", "promotion.ThemeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("thư viện ảnh, video")
