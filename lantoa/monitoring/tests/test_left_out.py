"""Nothing lost silently: a feed is taken whole, and every cap, cut or skip of input is counted on
the poll run (and shown in the admin), with links left for later fetched on the next polls."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from lantoa.monitoring import demo
from lantoa.monitoring.constants import FetchOutcome, ItemStatus, LeftOut, SourceKind
from lantoa.monitoring.models import Item, Source
from lantoa.monitoring.pipeline import parse
from lantoa.monitoring.services import entries_ingest, posts_import, source_poll

from .factories import SourceFactory, article, rss

pytestmark = pytest.mark.django_db

WORDS = (
    "du lịch", "cà phê", "cảng biển", "giáo dục", "y tế", "nông nghiệp", "lễ hội", "giao thông",
    "đầu tư", "văn hóa", "thể thao", "môi trường", "công nghệ", "an sinh", "biển đảo", "hợp tác",
)  # fmt: skip
XML = {"Content-Type": "application/xml"}


def _etag_status(handler, route):
    """A server with conditional GET: 304 when the client already has version "v1"."""
    if handler.headers.get("If-None-Match") == '"v1"':
        return 304, {"ETag": '"v1"'}
    return 200, {"ETag": '"v1"', **route.headers}


def _poll(source):
    run = source_poll(source_id=source.pk)
    source.refresh_from_db()
    return run


def test_a_feed_of_400_entries_is_stored_whole_and_conditional_get_loses_none(web):
    entries = [
        {
            "title": f"Bản tin {i}: {WORDS[i % 16]} và {WORDS[(i * 7) % 16]} ở phường số {i}",
            "link": f"http://127.0.0.1/tin/{i}",
            "description": f"Tin thứ {i} về {WORDS[(i * 3) % 16]} tại Quy Nhơn, Gia Lai.",
        }
        for i in range(400)
    ]
    route = web.add("/feed", rss(*entries), status=_etag_status, headers=XML)
    source = SourceFactory(url=web.url("/feed"))
    first = _poll(source)
    assert first.outcome == FetchOutcome.OK
    assert first.counts == {ItemStatus.STORED: 400} and first.left_out == {}
    assert source.etag == '"v1"'
    second = _poll(source)
    assert second.outcome == FetchOutcome.NOT_MODIFIED
    assert route.requests[-1]["headers"].get("If-None-Match") == '"v1"'
    assert Item.objects.filter(source=source).count() == 400


def test_sitemap_links_past_the_fetch_limit_are_counted_and_fetched_by_the_next_polls(
    web, settings
):
    settings.LANTOA_FETCH_NEW_LINKS_MAX = 100
    urls = "".join(
        f"<url><loc>{web.url(f'/bai/{i}')}</loc>"
        f"<lastmod>2026-11-{1 + i % 28:02d}T08:00:00+07:00</lastmod></url>"
        for i in range(220)
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    web.add("/sitemap.xml", sitemap, status=_etag_status, headers=XML)
    for i in range(220):
        para = f"Bài số {i} kể về {WORDS[i % 16]}, {WORDS[(i * 5) % 16]} và người dân phường {i}."
        web.add(f"/bai/{i}", article(f"Bài {i}: {WORDS[i % 16]}", para))
    source = SourceFactory(kind=SourceKind.SITEMAP, url=web.url("/sitemap.xml"))

    first = _poll(source)
    assert first.stored == 100 and first.left_out == {LeftOut.LINKS_DEFERRED: 120}
    # The rest comes with the whole sitemap on the next poll: no validators kept.
    assert source.etag == ""
    second = _poll(source)
    assert second.stored == 100 and second.left_out == {LeftOut.LINKS_DEFERRED: 20}
    third = _poll(source)
    assert third.stored == 20 and third.left_out == {}
    assert source.etag == '"v1"'
    assert Item.objects.filter(source=source).count() == 220


def test_every_link_of_a_watched_page_is_counted_when_left_for_later(web, settings):
    settings.LANTOA_FETCH_NEW_LINKS_MAX = 0
    links = "".join(f'<a href="/tin-tuc/bai-viet-{i}">Bài {i}</a>' for i in range(250))
    web.add("/trang", f"<html><body>{links}</body></html>", headers={"Content-Type": "text/html"})
    source = SourceFactory(kind=SourceKind.PAGE, url=web.url("/trang"))
    run = _poll(source)
    assert run.outcome == FetchOutcome.OK
    assert run.left_out == {LeftOut.LINKS_DEFERRED: 250}


def test_child_sitemaps_past_the_budget_are_counted(web, monkeypatch):
    monkeypatch.setattr(parse, "SITEMAP_CHILDREN_MAX", 2)
    children = "".join(
        f"<sitemap><loc>{web.url(f'/sm-{i}.xml')}</loc>"
        f"<lastmod>2026-11-0{i + 1}</lastmod></sitemap>"
        for i in range(5)
    )
    web.add(
        "/sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>',
        headers=XML,
    )
    empty = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    )
    for i in range(5):
        web.add(f"/sm-{i}.xml", empty, headers=XML)
    run = _poll(SourceFactory(kind=SourceKind.SITEMAP, url=web.url("/sitemap.xml")))
    assert run.left_out == {LeftOut.CHILD_SITEMAPS: 3}
    # The newest two were read.
    assert [len(web.routes[f"/sm-{i}.xml"].requests) for i in range(5)] == [0, 0, 0, 1, 1]


def test_a_posts_file_with_values_that_are_not_posts_says_how_many_it_skipped(
    client, demo_ward, demo_password
):
    demo.load(log=lambda message: None)
    source = Source.objects.get(kind=SourceKind.SOCIAL_IMPORT)
    data = json.dumps(
        [{"body": "Quy Nhơn đón khách"}, 5, "chữ", {"body": "Gia Lai mùa cà phê"}]
    ).encode()
    run = posts_import(
        source_id=source.pk, data=data, filename="bai.json", mapping={"text": "body"}
    )
    assert run.stored == 2 and run.left_out == {LeftOut.ENTRIES_SKIPPED: 2}

    assert client.login(username="theodoi", password=demo_password)
    upload = io.BytesIO(data)
    upload.name = "bai.json"
    response = client.post(
        reverse("monitoring_tools:import"),
        {"source": source.pk, "file": upload, "text": "body"},
        follow=True,
    )
    html = response.content.decode()
    assert "Mục không đọc được (không phải một bài): 2" in html
    listing = client.get(reverse("wagtailsnippets_monitoring_pollrun:list")).content.decode()
    assert "Phần bỏ lại" in listing and "Mục không đọc được" in listing


def test_a_title_too_long_is_cut_and_counted():
    run = entries_ingest(
        source=SourceFactory(),
        entries=[{"url": "http://s/dai", "title": "Quy Nhơn " * 200, "text": "Nội dung."}],
    )
    assert run.stored == 1 and run.left_out == {LeftOut.TITLES_CUT: 1}
    assert len(Item.objects.get().title) == 600


def test_the_import_command_says_what_it_left_out(tmp_path):
    posts = tmp_path / "bai.json"
    posts.write_text(json.dumps([{"body": "Quy Nhơn đón khách"}, 7]), encoding="utf-8")
    out = io.StringIO()
    call_command("import_posts", str(posts), "--mapping", "text=body", stdout=out)
    assert "mới=1" in out.getvalue()
    assert "bỏ lại: Mục không đọc được (không phải một bài): 1" in out.getvalue()
