"""Reads of the promotion app: public listings, translations, calendar, library, figures."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, ReferenceIndex, Revision
from wagtail_localize.models import Translation

from lantoa.core import panels
from lantoa.core.constants import language_name
from lantoa.core.selectors import office

from .constants import SOURCE_LANGUAGE, TRANSLATION_NEEDS_WORK, Channel, TranslationStatus
from .models import (
    ArticlePage,
    ChannelPost,
    ContentPlanItem,
    EventPage,
    GalleryPage,
    MediaAsset,
    OfficialTerm,
)

LANGUAGE_NAMES = dict(settings.LANGUAGES)


# --- public site -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Alternate:
    language: str
    name: str
    url: str
    current: bool = False


def page_alternates(*, page: Page, request=None) -> list[Alternate]:
    """The live, public translations of `page` (itself included) in settings.LANGUAGES order."""
    pages = {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
    }
    return [
        Alternate(code, name, pages[code].get_full_url(request), pages[code].pk == page.pk)
        for code, name in settings.LANGUAGES
        if code in pages
    ]


def sitemap_entries(*, home, request=None) -> list[dict]:
    """Every live public page of `home`'s language, with its other-language alternates."""
    entries = []
    pages = home.get_descendants(inclusive=True).live().public().specific().order_by("path")
    for page in pages:
        entries.append(
            {
                "location": page.get_full_url(request),
                "lastmod": page.last_published_at,
                "alternates": page_alternates(page=page, request=request),
            }
        )
    return entries


def pages_scheduled_due(now: datetime | None = None):
    """Scheduled page revisions whose go-live time has passed (what the scheduler will publish)."""
    return Revision.page_revisions.filter(
        approved_go_live_at__isnull=False, approved_go_live_at__lte=now or timezone.now()
    )


def pages_scheduled():
    return Revision.page_revisions.filter(approved_go_live_at__isnull=False)


# --- translations --------------------------------------------------------------------------------
@dataclass(frozen=True)
class TranslationCell:
    language: str
    status: TranslationStatus
    page: Page | None = None
    progress: tuple[int, int] | None = None
    # Source texts new or changed since the last sync (what needs translating again).
    changed: tuple[str, ...] = ()

    @property
    def needs_work(self) -> bool:
        return self.status in TRANSLATION_NEEDS_WORK


@dataclass(frozen=True)
class TranslationRow:
    source: Page
    cells: list[TranslationCell]


def _source_changed_at(page: Page) -> datetime | None:
    return page.last_published_at or page.latest_revision_created_at


def translation_status(*, source: Page, locale: Locale) -> TranslationCell:
    """Where the `locale` version of a Vietnamese page stands.

    Out of date: the source was published after wagtail-localize last read it (or, for a copy not
    managed by wagtail-localize, after the copy was last published).
    """
    code = locale.language_code
    target = source.get_translation_or_none(locale)
    if target is None:
        return TranslationCell(code, TranslationStatus.MISSING)
    translation = (
        Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=locale, enabled=True
        )
        .select_related("source")
        .first()
    )
    changed = _source_changed_at(source)
    if translation is None:
        if target.last_published_at and changed and changed > target.last_published_at:
            return TranslationCell(code, TranslationStatus.OUT_OF_DATE, target)
        return TranslationCell(code, TranslationStatus.UNMANAGED, target)
    if changed and changed > translation.source.last_updated_at:
        return TranslationCell(
            code,
            TranslationStatus.OUT_OF_DATE,
            target,
            changed=tuple(segments_changed(source=source, translation=translation)),
        )
    total, done = translation.get_progress()
    if done < total:
        return TranslationCell(code, TranslationStatus.IN_PROGRESS, target, (total, done))
    if machine_strings_of(translation).exists():
        return TranslationCell(code, TranslationStatus.MACHINE_DRAFT, target, (total, done))
    return TranslationCell(code, TranslationStatus.UP_TO_DATE, target, (total, done))


def segments_changed(*, source: Page, translation: Translation) -> list[str]:
    """Texts of the source page (as published now) that the last sync did not see: the
    segments a translator has to do again. Unchanged segments keep their translation."""
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    known = set(translation.source.stringsegment_set.values_list("string__data", flat=True))
    changed = []
    for segment in extract_segments(source.specific):
        if isinstance(segment, StringSegmentValue):
            data = segment.string.data
            if data not in known and data not in changed:
                changed.append(data)
    return changed


def machine_strings_of(translation: Translation):
    """Machine-made strings of a translation that no person has approved yet."""
    from wagtail_localize.models import StringTranslation

    segments = translation.source.stringsegment_set
    return StringTranslation.objects.filter(
        locale=translation.target_locale,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of_id__in=segments.values("string_id"),
        context_id__in=segments.values("context_id"),
    )


def translation_overview(*, language: str | None = None) -> list[TranslationRow]:
    """For every Vietnamese page of the site, its status in each other language (or one)."""
    source_locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    locales = Locale.objects.exclude(pk=source_locale.pk)
    if language:
        locales = locales.filter(language_code=language)
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    locales = sorted(locales, key=lambda locale: order.get(locale.language_code, 99))
    sources = Page.objects.filter(locale=source_locale, depth__gt=1).order_by("path").specific()
    return [
        TranslationRow(page, [translation_status(source=page, locale=locale) for locale in locales])
        for page in sources
    ]


def translation_work_counts() -> dict[str, int]:
    """How many pages need translation work, per language."""
    counts: dict[str, int] = {}
    for row in translation_overview():
        for cell in row.cells:
            counts[cell.language] = counts.get(cell.language, 0) + int(cell.needs_work)
    return counts


# --- editorial calendar --------------------------------------------------------------------------
def plan_items_between(*, start: date, end: date, user=None):
    """Plan items planned in [start, end) (local dates), with what the calendar shows."""
    tz = timezone.get_current_timezone()
    start_at = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    end_at = datetime.combine(end, datetime.min.time(), tzinfo=tz)
    items = ContentPlanItem.objects.filter(planned_at__gte=start_at, planned_at__lt=end_at)
    if user is not None:
        items = items.filter(assignee=user)
    return items.select_related("campaign", "assignee", "theme", "page").order_by("planned_at")


def month_grid(year: int, month: int) -> list[list[date]]:
    """Weeks (Monday first) covering a month, as lists of seven dates."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    weeks = []
    day = start
    while True:
        weeks.append([day + timedelta(days=offset) for offset in range(7)])
        day += timedelta(days=7)
        if day.month != month and day > first:
            break
    return weeks


# --- library -------------------------------------------------------------------------------------
def asset_usage(asset: MediaAsset) -> list[Page]:
    """Pages (and other objects) that use an asset, from Wagtail's reference index; videos are
    found by their URL in page content."""
    target = asset.image or asset.document
    if target is not None:
        references = ReferenceIndex.get_references_to(target).group_by_source_object()
        return [source for source, _refs in references if source is not None]
    if asset.video_url:
        return list(GalleryPage.objects.filter(videos__icontains=asset.video_url)) + list(
            ArticlePage.objects.filter(body__icontains=asset.video_url)
        )
    return []


def assets_expiring(*, within_days: int = 30, today: date | None = None) -> list[tuple]:
    """Library items whose rights end within `within_days` (or ended already) and that a live
    page still shows: (asset, [live pages]), soonest first. The weekly rights list."""
    today = today or timezone.localdate()
    assets = MediaAsset.objects.filter(
        rights_expire_on__isnull=False, rights_expire_on__lte=today + timedelta(days=within_days)
    ).order_by("rights_expire_on", "title")
    result = []
    for asset in assets:
        pages = [page for page in asset_usage(asset) if isinstance(page, Page) and page.live]
        if pages:
            result.append((asset, pages))
    return result


# --- figures -------------------------------------------------------------------------------------
def published_pages():
    """Live pages of the public site, not its roots: what the promotion figures count."""
    return Page.objects.live().exclude(depth__lte=2)


def output_figures(*, start: date, end: date) -> dict:
    """Promotion output in a period: site pages by language and theme, plan items and outside
    posts by channel, and reach."""
    tz = timezone.get_current_timezone()
    start_at = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    end_at = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    in_period = Q(first_published_at__gte=start_at, first_published_at__lt=end_at)
    pages = published_pages().filter(in_period)
    by_language = dict(
        pages.values_list("locale__language_code").annotate(n=Count("id")).order_by()
    )
    theme_rows = []
    for model in (ArticlePage, EventPage):
        theme_rows += list(
            model.objects.live()
            .filter(in_period, theme__isnull=False)
            .values_list("theme__name")
            .annotate(n=Count("id"))
            .order_by()
        )
    by_theme: dict[str, int] = {}
    for name, count in theme_rows:
        by_theme[name] = by_theme.get(name, 0) + count
    posts = ChannelPost.objects.filter(posted_at__gte=start_at, posted_at__lt=end_at)
    by_channel = {
        row["channel"]: row
        for row in posts.values("channel")
        .annotate(posts=Count("id"), reach=Sum("reach"), interactions=Sum("interactions"))
        .order_by()
    }
    plan_done = ContentPlanItem.objects.filter(
        planned_at__gte=start_at, planned_at__lt=end_at, state="published"
    )
    return {
        "pages_by_language": by_language,
        "pages_by_theme": by_theme,
        "posts_by_channel": by_channel,
        "plan_published_by_channel": dict(
            plan_done.values_list("channel").annotate(n=Count("id")).order_by()
        ),
        "reach": posts.aggregate(total=Sum("reach"))["total"] or 0,
        "interactions": posts.aggregate(total=Sum("interactions"))["total"] or 0,
    }


# --- KPI figures (the reports dashboard, the annual report's annex) -----------------------------
# Promotion has no units, so `unit` is ignored.


def pages_url(*, start: date, end: date, **params) -> str:
    """The admin list of the pages published in the period, narrowed by `params`."""
    return panels.admin_url_with(
        "promotion_admin:published_pages",
        published_from=start.isoformat(),
        published_to=end.isoformat(),
        **params,
    )


def posts_url(*, start: date, end: date, **params) -> str:
    """The admin list of the channel posts of the period, narrowed by `params`."""
    return panels.admin_list_url(
        "promotion",
        "channelpost",
        posted_from=start.isoformat(),
        posted_to=end.isoformat(),
        **params,
    )


def kpi_output_by_language(*, start: date, end: date, unit=None) -> list[panels.Count]:
    by_language = output_figures(start=start, end=end)["pages_by_language"]
    return [
        panels.Count(language_name(code), n, pages_url(start=start, end=end, language=code))
        for code, n in sorted(by_language.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def kpi_output_by_channel(*, start: date, end: date, unit=None) -> list[panels.Count]:
    labels = dict(Channel.choices)
    posts = output_figures(start=start, end=end)["posts_by_channel"]
    return [
        panels.Count(
            str(labels.get(channel, channel)),
            row["posts"],
            posts_url(start=start, end=end, channel=channel),
        )
        for channel, row in sorted(posts.items())
    ]


def kpi_output_by_theme(*, start: date, end: date, unit=None) -> list[panels.Count]:
    """Article and event pages first published in the period, by theme."""
    tz = timezone.get_current_timezone()
    start_at = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    end_at = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    by_theme: dict[tuple[str, int], int] = {}
    for model in (ArticlePage, EventPage):
        rows = (
            model.objects.live()
            .filter(first_published_at__gte=start_at, first_published_at__lt=end_at)
            .filter(theme__isnull=False)
            .values_list("theme__name", "theme_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for name, theme_id, n in rows:
            by_theme[(name, theme_id)] = by_theme.get((name, theme_id), 0) + n
    return [
        panels.Count(name, n, pages_url(start=start, end=end, theme=theme_id))
        for (name, theme_id), n in sorted(by_theme.items())
    ]


def kpi_reach(*, start: date, end: date, unit=None) -> list[panels.Count]:
    """Reach and interactions summed over the outside posts of the period (the rows listed)."""
    figures = output_figures(start=start, end=end)
    if not (figures["reach"] or figures["interactions"]):
        return []
    posts = sum(row["posts"] for row in figures["posts_by_channel"].values())
    url = posts_url(start=start, end=end)
    return [
        panels.Count(_("Lượt tiếp cận"), figures["reach"], url, basis=posts),
        panels.Count(_("Lượt tương tác"), figures["interactions"], url, basis=posts),
    ]


# --- official names -----------------------------------------------------------------------------
def official_name(text: str, language: str) -> str:
    """`text` as the official terminology glossary writes it in a site language; the text itself
    in Vietnamese or when the glossary has no entry for it (the admin says how to add one)."""
    if language == SOURCE_LANGUAGE or not text:
        return text
    term = OfficialTerm.objects.filter(vi__iexact=text).first()
    return (term.term(language) if term else "") or text


def office_name_in(language: str) -> str:
    """The office's name (the signature of the public site and of clarifications) in `language`."""
    return official_name(office().name, language)
