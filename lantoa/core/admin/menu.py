"""The admin's main menu grouped by pillar, and only with what the person may open.

Apps keep registering their menu items where they belong (`register_admin_menu_item`, ViewSets,
snippet groups, Wagtail's own Reports and Settings menus). `pillar_menu` (a `construct_main_menu`
hook) takes what Wagtail built for the request, flattens every submenu, leaves out each link whose
page the person may not open (`core.roles.may_open`: the permission that page's view checks) and
files the rest under at most eight pillars by the address they lead to.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from ..roles import may_open


@dataclass(frozen=True)
class Pillar:
    key: str
    label: str
    icon: str
    # Addresses (path prefixes) of the pages filed under this pillar.
    prefixes: tuple[str, ...]


# The first pillar whose prefix an address starts with takes it; what no pillar names goes to
# "Hệ thống". Wagtail's help links point to its English online guide: ours replaces them.
PILLARS = (
    Pillar("plans", _("Kế hoạch"), "tasks", ("/admin/snippets/plans/", "/admin/plans/")),
    Pillar(
        "monitoring",
        _("Giám sát truyền thông"),
        "view",
        (
            "/admin/search/",
            "/admin/insights/",
            "/admin/snippets/monitoring/",
            "/admin/monitoring/",
            "/admin/snippets/insights/",
        ),
    ),
    Pillar(
        "responses",
        _("Xử lý thông tin sai"),
        "warning",
        ("/admin/snippets/responses/", "/admin/responses/"),
    ),
    Pillar(
        "promotion",
        _("Quảng bá"),
        "globe",
        (
            "/admin/pages/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/snippets/promotion/",
            "/admin/promotion/",
            "/admin/localize/",
        ),
    ),
    Pillar("people", _("Con người"), "group", ("/admin/snippets/people/", "/admin/people/")),
    Pillar("reports", _("Báo cáo"), "table", ("/admin/reports/", "/admin/snippets/reports/")),
    Pillar("system", _("Hệ thống"), "cogs", ()),
    Pillar("help", _("Trợ giúp"), "help", ("/admin/guide/", "#")),
)
SYSTEM = "system"
# Left out of the menu: Wagtail's help items that lead to its English online guide (the office may
# be offline), and wagtail-localize's translations report, whose filters speak English only
# (promotion's "Tình trạng bản dịch" shows each page's translations in Vietnamese).
LEFT_OUT = ("https://guide.wagtail.org/", "/admin/localize/reports/translations/")


def pillar_of(url: str) -> str:
    for pillar in PILLARS:
        if any(str(url).startswith(prefix) for prefix in pillar.prefixes):
            return pillar.key
    return SYSTEM


def _leaves(request, items, order=()):
    """(sort key, item) for every link of `items`, submenus opened, each as shown to `request`."""
    for item in items:
        key = (*order, item.order)
        if isinstance(item, SubmenuMenuItem):
            yield from _leaves(request, item.menu.menu_items_for_request(request), key)
        elif item.name == "explorer":
            # The explorer panel only works at the top level; inside a pillar it is a link.
            yield key, MenuItem(_("Trang cổng thông tin"), item.url, name="explorer", order=1)
        else:
            yield key, item


class OrderedMenu(Menu):
    """A submenu drawn in the order it is given (its links come from several menus, each with its
    own numbering)."""

    def render_component(self, request):
        return [item.render_component(request) for item in self.menu_items_for_request(request)]


def pillar_menu(request, menu_items: list) -> None:
    """`construct_main_menu` hook: replace `menu_items` with the pillars the person may use."""
    grouped: dict[str, list] = {pillar.key: [] for pillar in PILLARS}
    for key, item in _leaves(request, list(menu_items)):
        url = str(item.url)
        if url.startswith(LEFT_OUT) or not may_open(request.user, url):
            continue
        grouped[pillar_of(url)].append((key, item))
    menu_items[:] = []
    for order, pillar in enumerate(PILLARS):
        entries = [item for _key, item in sorted(grouped[pillar.key], key=lambda pair: pair[0])]
        if not entries:
            continue
        if len(entries) == 1 and pillar.key != "help":
            # One page only: the pillar links to it directly, under the pillar's full name.
            only = entries[0]
            menu_items.append(
                MenuItem(
                    pillar.label,
                    only.url,
                    name=f"pillar-{pillar.key}",
                    icon_name=pillar.icon,
                    order=order,
                    attrs=only.attrs,
                )
            )
            continue
        menu_items.append(
            SubmenuMenuItem(
                pillar.label,
                OrderedMenu(items=entries),
                name=f"pillar-{pillar.key}",
                icon_name=pillar.icon,
                order=order,
            )
        )


def guide_menu_item() -> MenuItem:
    return MenuItem(
        _("Hướng dẫn sử dụng"), reverse("core_guide"), name="user-guide", icon_name="doc-full"
    )
