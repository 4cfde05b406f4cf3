"""The admin menu grouped by pillar, links and figures shown only to who may open them, and the
user guide served inside the admin."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from lantoa.core.admin import guide
from lantoa.core.models import User
from lantoa.core.roles import may_open

pytestmark = pytest.mark.django_db


def menu_of(username):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username=username)
    top = admin_menu.render_component(request)
    urls = {item.url for entry in top for item in getattr(entry, "menu_items", [entry])}
    return [str(entry.label) for entry in top], urls


def test_the_menu_is_grouped_by_pillar_and_leaves_out_what_the_person_may_not_open(demo_ward):
    labels, urls = menu_of("admin")
    assert labels[:2] == ["Kế hoạch", "Giám sát truyền thông"] and len(labels) <= 8
    assert {reverse("wagtailusers_users:index"), reverse("core_guide")} <= urls
    assert not any("guide.wagtail.org" in url for url in urls)

    reporter_labels, reporter_urls = menu_of("mttq")
    assert len(reporter_labels) <= 8 and "Giám sát truyền thông" not in reporter_labels
    reporter = User.objects.get(username="mttq")
    assert reverse("insights_queue") not in reporter_urls
    assert reverse("wagtailusers_users:index") not in reporter_urls
    assert all(may_open(reporter, url) for url in reporter_urls)


def test_may_open_asks_the_permission_the_view_checks(demo_ward):
    reporter, monitor = User.objects.get(username="mttq"), User.objects.get(username="theodoi")
    queue = reverse("insights_queue")  # requires_perm
    reminder = reverse("plans_admin:reminder")  # PermissionRequiredMixin (leaders, monitors)
    units = reverse("wagtailsnippets_core_unit:list")  # Wagtail's permission policy
    administrator = User.objects.get(username="admin")
    assert may_open(administrator, queue) and not may_open(reporter, queue)
    assert may_open(monitor, reminder) and not may_open(reporter, reminder)
    assert not may_open(reporter, units)
    assert may_open(reporter, "https://example.org/") and may_open(reporter, "/khong-co/")


def test_the_home_page_shows_a_unit_reporter_only_figures_they_may_open(client, demo_ward):
    client.force_login(User.objects.get(username="mttq"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for hidden in ("wagtailusers_users:index", "wagtailsnippets_core_unit:list", "insights_queue"):
        assert f'href="{reverse(hidden)}"' not in home, hidden
    assert reverse("core_guide") in home


def test_the_user_guide_is_served_in_the_admin_and_sanitised(
    client, demo_ward, tmp_path, monkeypatch
):
    client.force_login(User.objects.get(username="mttq"))
    page = client.get(reverse("core_guide")).content.decode()
    assert "Hướng dẫn sử dụng Lantoa" in page
    assert reverse("core_guide_chapter", args=["ke-hoach"]) in page
    assert client.get(reverse("core_guide_chapter", args=["khong-co"])).status_code == 404

    (tmp_path / "thu.md").write_text(
        "# Thử\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [chương](ke-hoach.md#a)\n",
        "utf-8",
    )
    monkeypatch.setattr(guide, "GUIDE_DIR", tmp_path)
    html = guide.chapter_html("thu")
    assert "<script" not in html and 'href="javascript:' not in html
    assert f'href="{reverse("core_guide_chapter", args=["ke-hoach"])}#a"' in html
