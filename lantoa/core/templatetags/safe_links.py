"""Stored URLs become links only through here: `{{ url|safe_href }}` and `{% safe_link url text %}`.

A URL that a feed, an import or a person supplied is shown as a link that someone clicks. Only an
http(s) address or a path on this site may be clicked (`core.validators.is_safe_href`); anything
else (`javascript:`, `data:`, `vbscript:`, a scheme hidden behind spaces or tabs) renders as "#"
in an href and as plain text with `safe_link`. URLs Lantoa builds itself (`{% url %}`, page URLs)
need neither.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from lantoa.core.validators import is_safe_href

register = template.Library()

UNSAFE_HREF = "#"


@register.filter
def safe_href(value) -> str:
    """The URL when it may be clicked, else "#" (autoescaping still applies to the result)."""
    return value if is_safe_href(value) else UNSAFE_HREF


@register.simple_tag
def safe_link(url, text=None, rel: str = "noopener noreferrer nofollow", target: str = ""):
    """`<a href="url" rel="…">text</a>` for a clickable URL; for any other only the text (or the
    URL itself as text when no text is given), so nothing unsafe can be clicked."""
    label = text if text not in (None, "") else url
    if not url:
        return conditional_escape(label or "")
    if not is_safe_href(url):
        return format_html(
            '<span data-unsafe-link title="{}">{}</span>',
            _("Đường dẫn không an toàn, đã ẩn"),
            label,
        )
    if target:
        return format_html('<a href="{}" rel="{}" target="{}">{}</a>', url, rel, target, label)
    return format_html('<a href="{}" rel="{}">{}</a>', url, rel, label)
