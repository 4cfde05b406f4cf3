"""Dashboard panels: each app adds one to the admin home through `construct_homepage_panels`."""

from dataclasses import dataclass

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
