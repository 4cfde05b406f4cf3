"""The Vietnamese user guide (docs/vi/*.md) served inside the admin, rendered from Markdown and
sanitised (nh3) so that nothing in a guide file can run in the admin."""

import re
from pathlib import Path

import nh3
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "vi"
FIRST_CHAPTER = "huong-dan-su-dung"
SLUG = re.compile(r"^[a-z0-9-]+$")
# A link to another chapter ("ke-hoach.md#muc") becomes its page in the admin.
CHAPTER_LINK = re.compile(r'href="(?:\./)?([a-z0-9-]+)\.md(#[^"]*)?"')
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "a", "code", "pre"}
ALLOWED_TAGS |= {"em", "strong", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th"}
ALLOWED_TAGS |= {"td"}

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def chapters() -> list[tuple[str, str]]:
    """(slug, title) of every guide file, the overview first; the title is its first heading."""
    found = []
    for path in sorted(GUIDE_DIR.glob("*.md")):
        heading = next(
            (line[2:].strip() for line in path.read_text("utf-8").splitlines() if line[:2] == "# "),
            path.stem,
        )
        found.append((path.stem, heading))
    found.sort(key=lambda chapter: chapter[0] != FIRST_CHAPTER)
    return found


def chapter_html(slug: str) -> str:
    """The chapter rendered and sanitised; Http404 for anything but a guide file's name."""
    path = GUIDE_DIR / f"{slug}.md"
    if not SLUG.match(slug) or not path.is_file():
        raise Http404(_("Không có mục hướng dẫn này."))
    rendered = _markdown.render(path.read_text("utf-8"))

    def chapter_link(match):
        url = reverse("core_guide_chapter", args=[match.group(1)])
        return f'href="{url}{match.group(2) or ""}"'

    rendered = CHAPTER_LINK.sub(chapter_link, rendered)
    return nh3.clean(rendered, tags=ALLOWED_TAGS, url_schemes={"http", "https", "mailto"})


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    """One chapter of the user guide, with the list of chapters beside it."""

    template_name = "core/guide/chapter.html"
    page_title = _("Hướng dẫn sử dụng")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        slug = self.kwargs.get("slug", FIRST_CHAPTER)
        context = super().get_context_data(**kwargs)
        context["content"] = mark_safe(chapter_html(slug))  # noqa: S308 (sanitised by nh3)
        context["chapters"] = [
            (reverse("core_guide_chapter", args=[key]), title, key == slug)
            for key, title in chapters()
        ]
        return context

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
