"""The demo of the public site (vi source; en, zh-hans, ko, ja, fr translations), its library,
official terminology glossary and editorial calendar.

Idempotent: pages are found by slug, images by title, calendar entries by title; nothing is
duplicated when `load_demo` runs again. Pictures are drawn here with Pillow.
"""

import io
from datetime import datetime, timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Collection, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation

from lantoa.core.constants import Audience
from lantoa.core.models import User

from . import demo_content as C
from .constants import CampaignKind, Channel, Licence, PlanState, ReachSource
from .demo_languages import LANGUAGES as OTHER_LANGUAGES
from .demo_languages import demo_text
from .models import (
    ArticlePage,
    Campaign,
    ContentPlanItem,
    EventIndexPage,
    EventPage,
    GalleryPage,
    HomePage,
    NewsIndexPage,
    Theme,
    ThemeIndexPage,
    ThemePage,
)
from .permissions import permissions_grant
from .services import (
    asset_register_image,
    channel_post_record,
    glossary_ensure,
    leader_workflow_ensure,
    page_translate,
    site_ensure,
    themes_ensure,
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def draw_picture(title: str, colours: tuple[str, str], shape: str) -> bytes:
    """A 1200×800 placeholder picture: simple shapes and the title written on it."""
    background, accent = colours
    picture = PILImage.new("RGB", (1200, 800), background)
    draw = ImageDraw.Draw(picture)
    if shape == "waves":
        draw.ellipse((850, 80, 1050, 280), fill=accent)
        for row in range(5):
            y = 430 + row * 70
            for x in range(-100, 1300, 200):
                draw.arc((x, y, x + 200, y + 80), 180, 360, fill="#ffffff", width=8)
    elif shape == "towers":
        for left in (350, 640):
            draw.rectangle((left, 300, left + 200, 700), fill=accent)
            draw.polygon([(left, 300), (left + 100, 150), (left + 200, 300)], fill=accent)
    elif shape == "huts":
        for index, left in enumerate(range(100, 1100, 250)):
            top = 320 + (index % 2) * 40
            draw.polygon(
                [(left, top + 300), (left + 100, top), (left + 200, top + 300)], fill=accent
            )
    elif shape == "boats":
        for left in (150, 500, 850):
            draw.polygon(
                [(left, 500), (left + 220, 500), (left + 180, 560), (left + 40, 560)], fill=accent
            )
            draw.polygon([(left + 100, 300), (left + 100, 490), (left + 200, 490)], fill=accent)
    elif shape == "book":
        draw.polygon([(300, 250), (600, 300), (600, 650), (300, 600)], fill=accent)
        draw.polygon([(900, 250), (600, 300), (600, 650), (900, 600)], fill=accent)
    else:  # circles
        palette = [accent, "#0b5d8c", "#f2a900", "#52606d"]
        for index, left in enumerate(range(120, 1080, 160)):
            draw.ellipse((left, 380, left + 120, 500), fill=palette[index % len(palette)])
    font = ImageFont.truetype(FONT, 54)
    draw.rectangle((0, 690, 1200, 800), fill="#1d2630")
    draw.text((40, 710), title, font=font, fill="#ffffff")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def images_ensure(themes) -> dict[str, Image]:
    images = {}
    image_themes = {
        "coast": "tourism",
        "towers": "history",
        "baichoi": "culture",
        "people": "people",
        "harbour": "investment",
        "study": "ho-chi-minh",
        "cleanup": "people",
    }
    collection = Collection.get_first_root_node()
    for key, (title_vi, _title_en, alt_vi, _alt_en, colours, shape) in C.IMAGES.items():
        image = Image.objects.filter(title=title_vi).first()
        if image is None:
            data = draw_picture(title_vi, colours, shape)
            image = Image(title=title_vi, collection=collection)
            if hasattr(image, "description"):
                image.description = alt_vi
            image.file = ImageFile(io.BytesIO(data), name=f"lantoa-demo-{key}.png")
            image.save()
        asset_register_image(
            image=image,
            credit=C.CREDIT[0],
            licence=Licence.OFFICE,
            usage_rights="Ảnh minh họa của bản trình diễn, dùng tự do trong Lantoa.",
            themes=[themes[image_themes[key]]],
        )
        images[key] = image
    return images


class _Strings(dict):
    """Source → English strings of one page, filled while the Vietnamese page is built."""

    def pair(self, pair: tuple[str, str]) -> str:
        self[pair[0]] = pair[1]
        return pair[0]


def _body(spec_body, images, strings: _Strings) -> list[tuple]:
    blocks = []
    for entry in spec_body:
        kind = entry[0]
        if kind == "image":
            _kind, key, alt_vi, alt_en = entry
            strings[alt_vi] = alt_en
            strings.pair(C.CREDIT)
            blocks.append(
                (
                    "image",
                    {"image": images[key], "alt": alt_vi, "caption": "", "credit": C.CREDIT[0]},
                )
            )
        elif kind == "heading":
            blocks.append(("heading", strings.pair(entry[1:])))
        else:
            blocks.append(("paragraph", RichText(f"<p>{strings.pair(entry[1:])}</p>")))
    return blocks


def _child(parent: Page, model, spec: dict, strings: _Strings, **fields):
    """Find a Vietnamese page by slug under `parent`, or create and publish it."""
    strings.pair(spec["title"])
    strings.pair(spec["slug"])
    for name in ("summary", "intro"):
        if name in spec:
            fields[name] = strings.pair(spec[name])
    if fields.get("cover_alt"):
        strings[fields["cover_alt"]] = fields.pop("cover_alt_en")
    else:
        fields.pop("cover_alt_en", None)
    existing = model.objects.child_of(parent).filter(slug=spec["slug"][0]).first()
    if existing is not None:
        return existing, False
    page = parent.add_child(
        instance=model(title=spec["title"][0], slug=spec["slug"][0], locale=parent.locale, **fields)
    )
    page.save_revision().publish()
    return page, True


def _cover(images, key):
    _t, _te, alt_vi, alt_en, _c, _s = C.IMAGES[key]
    return {"cover": images[key], "cover_alt": alt_vi, "cover_alt_en": alt_en}


def pages_ensure(home: HomePage, images, themes) -> list[tuple[Page, _Strings]]:
    """Build the Vietnamese pages; return each with the English strings for its translation."""
    built = []
    strings = _Strings()
    strings.pair(C.HOME["title"])
    strings.pair(C.HOME["intro"])
    strings.pair(C.HOME["slug"])
    for pair in C.HOME["body"]:
        strings.pair(pair)
    if not home.body:
        home.body = "".join(f"<p>{vi}</p>" for vi, _en in C.HOME["body"])
        home.cover, home.cover_alt = images["coast"], C.IMAGES["coast"][2]
        home.save_revision().publish()
    strings[C.IMAGES["coast"][2]] = C.IMAGES["coast"][3]
    built.append((home, strings))

    strings = _Strings()
    theme_index, _ = _child(home, ThemeIndexPage, C.THEME_INDEX, strings, show_in_menus=True)
    built.append((theme_index, strings))
    for spec in C.THEMES:
        strings = _Strings()
        extra = {}
        if "address" in spec:
            extra["address"] = strings.pair(spec["address"])
        page, _ = _child(
            theme_index,
            ThemePage,
            spec,
            strings,
            theme=themes[spec["theme"]],
            body=_body(spec["body"], images, strings),
            **_cover(images, spec["image"]),
            **extra,
        )
        built.append((page, strings))

    strings = _Strings()
    news, _ = _child(home, NewsIndexPage, C.NEWS_INDEX, strings, show_in_menus=True)
    built.append((news, strings))
    today = timezone.localdate()
    for spec in C.ARTICLES:
        strings = _Strings()
        page, _ = _child(
            news,
            ArticlePage,
            spec,
            strings,
            date=today - timedelta(days=spec["days_ago"]),
            theme=themes[spec["theme"]],
            body=_body(spec["body"], images, strings),
            **_cover(images, spec["image"]),
        )
        built.append((page, strings))

    strings = _Strings()
    events, _ = _child(home, EventIndexPage, C.EVENT_INDEX, strings, show_in_menus=True)
    built.append((events, strings))
    for spec in C.EVENTS:
        strings = _Strings()
        if spec.get("national_day"):
            year = today.year if (today.month, today.day) < (9, 2) else today.year + 1
            day = datetime(year, 9, 2).date()
        else:
            day = today + timedelta(days=spec["days_ahead"])
        start = timezone.make_aware(datetime(day.year, day.month, day.day, spec["hour"]))
        page, _ = _child(
            events,
            EventPage,
            spec,
            strings,
            start=start,
            end=start + timedelta(hours=spec["hours"]),
            venue_name=strings.pair(spec["venue"]),
            theme=themes[spec["theme"]],
            body=_body(spec["body"], images, strings),
            **_cover(images, spec["image"]),
        )
        built.append((page, strings))

    strings = _Strings()
    photos = []
    for key in C.GALLERY["photos"]:
        _t, _te, alt_vi, alt_en, _c, _s = C.IMAGES[key]
        strings[alt_vi] = alt_en
        strings.pair(C.CREDIT)
        photos.append(
            ("image", {"image": images[key], "alt": alt_vi, "caption": "", "credit": C.CREDIT[0]})
        )
    video = C.GALLERY["video"]
    videos = [
        (
            "video",
            {
                "url": video["url"],
                "title": strings.pair(video["title"]),
                "thumbnail": None,
                "thumbnail_alt": "",
            },
        )
    ]
    gallery, _ = _child(
        home,
        GalleryPage,
        C.GALLERY,
        strings,
        show_in_menus=True,
        photos=photos,
        videos=videos,
        **_cover(images, "harbour"),
    )
    built.append((gallery, strings))
    return built


def translations_ensure(built, languages=None) -> int:
    """Translate every demo page into every other site language (or `languages`) through
    wagtail-localize, once per page and language."""
    count = 0
    for page, strings in built:
        for language in languages or ("en", *OTHER_LANGUAGES):
            if Translation.objects.filter(
                source__object_id=page.translation_key, target_locale__language_code=language
            ).exists():
                continue
            texts = {vi: demo_text(en, language) for vi, en in strings.items()}
            page_translate(page=page, language_code=language, strings=texts)
            count += 1
    return count


def calendar_ensure(built) -> None:
    editor = User.objects.filter(username="bientap").first()
    pages = {page.slug: page for page, _ in built}
    today = timezone.localdate()
    national_day = pages["le-ky-niem-quoc-khanh"].specific
    bai_choi = pages["dem-hoi-bai-choi"].specific
    national, _ = Campaign.objects.get_or_create(
        name="Mừng Quốc khánh 2/9",
        defaults={
            "kind": CampaignKind.NATIONAL_HOLIDAY,
            "audience": Audience.PEOPLE,
            "starts_on": national_day.start.date() - timedelta(days=14),
            "ends_on": national_day.start.date(),
            "event_page": national_day,
            "description": "Chuỗi bài giới thiệu truyền thống, thành tựu của phường (dữ liệu mẫu).",
        },
    )
    festival, _ = Campaign.objects.get_or_create(
        name="Đêm hội bài chòi",
        defaults={
            "kind": CampaignKind.LOCAL_EVENT,
            "audience": Audience.OVERSEAS_VIETNAMESE,
            "starts_on": bai_choi.start.date() - timedelta(days=10),
            "ends_on": bai_choi.start.date() + timedelta(days=2),
            "event_page": bai_choi,
            "description": "Giới thiệu nghệ thuật bài chòi trước và sau đêm hội (dữ liệu mẫu).",
        },
    )
    at = lambda days, hour=9: timezone.make_aware(  # noqa: E731
        datetime.combine(today + timedelta(days=days), datetime.min.time()) + timedelta(hours=hour)
    )
    items = [
        (
            "Bài giới thiệu đêm hội bài chòi",
            festival,
            Channel.WEBSITE,
            "vi",
            "culture",
            PlanState.REVIEW,
            at(3),
            pages["dem-hoi-bai-choi"],
        ),
        (
            "Bản tiếng Anh: đêm hội bài chòi",
            festival,
            Channel.WEBSITE,
            "en",
            "culture",
            PlanState.DRAFTING,
            at(4),
            None,
        ),
        (
            "Video ngắn hô bài chòi",
            festival,
            Channel.TIKTOK,
            "vi",
            "culture",
            PlanState.IDEA,
            at(8, 19),
            None,
        ),
        (
            "Ảnh đêm hội trên trang Facebook",
            festival,
            Channel.FACEBOOK,
            "vi",
            "culture",
            PlanState.IDEA,
            at(21, 8),
            None,
        ),
        (
            "Tin ra mắt trang đa ngôn ngữ",
            None,
            Channel.WEBSITE,
            "vi",
            "foreign-policy",
            PlanState.PUBLISHED,
            at(-2),
            pages["ra-mat-trang-thong-tin-da-ngon-ngu"],
        ),
        (
            "Tin ra mắt trên Zalo OA",
            None,
            Channel.ZALO,
            "vi",
            "foreign-policy",
            PlanState.PUBLISHED,
            at(-2, 10),
            None,
        ),
        (
            "Phóng sự truyền thống phường",
            national,
            Channel.YOUTUBE,
            "vi",
            "history",
            PlanState.IDEA,
            at(12),
            None,
        ),
        (
            "Bài viết gửi báo tỉnh về Quốc khánh",
            national,
            Channel.PRESS,
            "vi",
            "history",
            PlanState.IDEA,
            at(14),
            None,
        ),
    ]
    themes = {theme.code: theme for theme in Theme.objects.all()}
    for title, campaign, channel, language, theme, state, planned, page in items:
        ContentPlanItem.objects.get_or_create(
            title=title,
            defaults={
                "campaign": campaign,
                "channel": channel,
                "language": language,
                "theme": themes[theme],
                "state": state,
                "planned_at": planned,
                "assignee": editor,
                "page": page,
            },
        )
    zalo_item = ContentPlanItem.objects.get(title="Tin ra mắt trên Zalo OA")
    if not zalo_item.posts.exists():
        channel_post_record(
            channel=Channel.ZALO,
            language="vi",
            url="https://example.org/lantoa-demo/zalo/ra-mat-trang",
            title="Tin ra mắt trang đa ngôn ngữ (số liệu mẫu)",
            posted_at=at(-2, 10),
            reach=1200,
            interactions=85,
            plan_item=zalo_item,
            source=ReachSource.MANUAL,
        )


def load(*, log, languages=None) -> None:
    """The demo site; `languages` limits the translations (tests that need only English)."""
    home = site_ensure(title=C.HOME["title"][0], intro=C.HOME["intro"][0])
    themes = themes_ensure()
    glossary_ensure()
    leader_workflow_ensure()
    images = images_ensure(themes)
    built = pages_ensure(home, images, themes)
    translated = translations_ensure(built, languages)
    permissions_grant()
    calendar_ensure(built)
    log(
        f"promotion: trang chủ «{home.title}», {len(built)} trang tiếng Việt, "
        f"{translated} bản dịch mới (5 ngôn ngữ), {len(images)} ảnh minh họa, lịch biên tập mẫu"
    )
