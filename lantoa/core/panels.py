"""Dashboard panels: each app adds one to the admin home through `construct_homepage_panels`."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from .roles import may_open


@dataclass(frozen=True)
class Count:
    """One figure and the admin list of the records it counts (`url`, filtered alike).

    A value that is not itself a number of records (a share, a median, a sum of attendees) says
    in `basis` how many records it is computed from: the rows its `url` lists. A plain count's
    rows are its value. The dashboard's drill-down test holds every figure to this."""

    label: str
    value: int | float | str
    url: str = ""
    # "warning" draws attention (overdue tasks, open critical cases).
    tone: str = ""
    basis: int | None = None

    @property
    def rows(self) -> int | None:
        """How many rows the linked list shows: `basis`, else the value when it is a count."""
        if self.basis is not None:
            return self.basis
        return self.value if isinstance(self.value, int) else None


class CountsPanel(Component):
    """A titled row of figures, each linking to the records it counts. A figure whose page the
    person may not open is left out (`core.roles.may_open`, the permission the page's view
    checks), and a panel left with no figure is not drawn."""

    template_name = "core/panels/counts.html"

    def __init__(self, *, name: str, heading: str, counts: list[Count], order: int = 100):
        self.name = name
        self.heading = heading
        self.counts = counts
        self.order = order

    def visible_counts(self, user) -> list[Count]:
        return [count for count in self.counts if not count.url or may_open(user, count.url)]

    def get_context_data(self, parent_context=None):
        request = (parent_context or {}).get("request")
        counts = self.counts if request is None else self.visible_counts(request.user)
        return {"panel": self, "counts": counts}

    def render_html(self, parent_context=None):
        request = (parent_context or {}).get("request")
        if request is not None and not self.visible_counts(request.user):
            return ""
        return super().render_html(parent_context)


def _with_query(base: str, params: dict) -> str:
    query = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{base}?{urlencode(query)}" if query else base


def admin_url_with(url_name: str, **params) -> str:
    """The admin page named `url_name` filtered by `params` (empty values left out)."""
    return _with_query(reverse(url_name), params)


def admin_list_url(app_label: str, model_name: str, **params) -> str:
    """The admin list of a model (snippet or ModelViewSet) filtered by `params` (empty values
    left out), or "" when it has none: where a `Count` links to the records it counts."""
    names = (
        f"wagtailsnippets_{app_label}_{model_name}:list",
        f"{app_label}_{model_name}:index",
        f"{model_name}:index",
    )
    for name in names:
        try:
            base = reverse(name)
        except NoReverseMatch:
            continue
        return _with_query(base, params)
    return ""
