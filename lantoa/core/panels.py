"""Dashboard panels: each app adds one to the admin home through `construct_homepage_panels`."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Count:
    label: str
    value: int | float | str
    url: str = ""
    # "warning" draws attention (overdue tasks, open critical cases).
    tone: str = ""


class CountsPanel(Component):
    """A titled row of figures, each linking to the records it counts."""

    template_name = "core/panels/counts.html"

    def __init__(self, *, name: str, heading: str, counts: list[Count], order: int = 100):
        self.name = name
        self.heading = heading
        self.counts = counts
        self.order = order

    def get_context_data(self, parent_context=None):
        return {"panel": self}


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
        query = {key: value for key, value in params.items() if value not in (None, "")}
        return f"{base}?{urlencode(query)}" if query else base
    return ""
