"""Feed items that carry only a summary are fetched for their full text, politely."""

import pytest

from lantoa.monitoring.constants import ItemStatus, LeftOut, OutletType
from lantoa.monitoring.models import Item
from lantoa.monitoring.services import source_poll

from .factories import SourceFactory, article

pytestmark = pytest.mark.django_db

LONG = "Nội dung đầy đủ của bài viết về lễ hội biển Quy Nhơn. " * 20


def _feed(web) -> str:
    def item(title, link, description, content=""):
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        return (
            f"<item><title>{title}</title><link>{link}</link>"
            f"<description>{description}</description>{encoded}</item>"
        )

    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Báo thử</title>'
        + item("Lễ hội biển khai mạc", web.url("/a/1"), "Tóm tắt ngắn về lễ hội.")
        + item("Bài có toàn văn trong RSS", web.url("/a/2"), "Tóm tắt.", f"<p>{LONG}</p>")
        + item("Trang bị chặn", web.url("/private/3"), "Tóm tắt trang bị chặn.")
        + "</channel></rss>"
    )


def test_summary_only_items_get_their_page_text_within_the_politeness_rules(web):
    web.add("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    web.add("/feed", _feed(web), headers={"Content-Type": "application/rss+xml"})
    page = web.add(
        "/a/1",
        article("Lễ hội biển khai mạc", "Lễ hội biển Quy Nhơn khai mạc với nhiều hoạt động."),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    full = web.add("/a/2", "<html>không được tải</html>")
    blocked = web.add("/private/3", "<html>bị chặn</html>")
    # full_text left empty: on by default for a news site.
    source = SourceFactory(url=web.url("/feed"), full_text=None)
    run = source_poll(source_id=source.pk)
    assert run.counts == {ItemStatus.STORED: 3}
    assert run.left_out == {LeftOut.FULL_TEXT_FAILED: 1}  # robots.txt said no
    by_url = {item.url: item for item in Item.objects.all()}
    fetched = by_url[web.url("/a/1")]
    assert "nhiều hoạt động" in fetched.text and "Trang chủ" not in fetched.text
    assert fetched.summary == "Tóm tắt ngắn về lễ hội." and fetched.title == "Lễ hội biển khai mạc"
    assert len(page.requests) == 1
    assert full.requests == [] and blocked.requests == []  # full content in the feed; robots
    assert by_url[web.url("/private/3")].summary == "Tóm tắt trang bị chặn."


def test_full_text_is_a_source_setting_off_by_default_for_social_pages_and_blogs(web):
    web.add("/feed", _feed(web), headers={"Content-Type": "application/rss+xml"})
    page = web.add("/a/1", article("Lễ hội", "Nội dung."))
    blog = SourceFactory(url=web.url("/feed"), full_text=None, outlet_type=OutletType.BLOG)
    assert not blog.wants_full_text()
    run = source_poll(source_id=blog.pk)
    assert run.counts == {ItemStatus.STORED: 3} and run.left_out == {}
    assert page.requests == []
    blog.full_text = True
    assert blog.wants_full_text()
    assert not SourceFactory(full_text=False).wants_full_text()
