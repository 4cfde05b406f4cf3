"""The public demo site: every page passes the offline lighthouse-style checks, carries hreflang
alternates and valid JSON-LD; feeds, calendars and sitemaps are well-formed."""

import json
from xml.etree import ElementTree

import pytest
from wagtail.models import Page

from lantoa.promotion.models import ArticlePage, EventPage, HomePage

from .htmlcheck import check_page

pytestmark = pytest.mark.django_db

OWN_HOSTS = {"testserver", "127.0.0.1:8000", ""}


def public_urls():
    return [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]


def test_every_public_page_passes_the_offline_checks(promotion_demo, client):
    urls = public_urls()
    assert "/" in urls and "/en/" in urls
    assert len(urls) >= 30  # 15 Vietnamese pages and their English translations, plus homes
    failures = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        problems, checker = check_page(response.content.decode(), own_hosts=OWN_HOSTS)
        for raw in checker.json_ld:
            data = json.loads(raw)
            if "@type" not in data or data.get("@context") != "https://schema.org":
                problems.append("JSON-LD without @context/@type")
        if not checker.json_ld:
            problems.append("no JSON-LD")
        if problems:
            failures[url] = problems
    assert failures == {}


def test_checker_catches_the_faults_it_claims_to():
    bad = (
        '<!DOCTYPE html><html><head><script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="https://fonts.example.com/css"></head><body>'
        '<h1 id="a">x</h1><h1 id="a">y</h1><img src="/a.png"><div><span></div></body></html>'
    )
    problems, _checker = check_page(bad, own_hosts=OWN_HOSTS)
    text = "\n".join(problems)
    for expected in (
        "lang",
        "duplicate id",
        "without alt",
        "loads https://cdn",
        "fonts.example",
        "closes <span>",
        "2 <h1>",
    ):
        assert expected in text, expected


def test_english_article_links_to_its_vietnamese_source(promotion_demo, client):
    article = ArticlePage.objects.get(locale__language_code="en", slug="multilingual-site-launched")
    source = article.get_translation(promotion_demo.locale)
    html = client.get(article.url).content.decode()
    assert f'hreflang="vi" href="{source.get_full_url()}"' in html
    assert f'hreflang="x-default" href="{source.get_full_url()}"' in html
    assert '<html lang="en">' in html
    _problems, checker = check_page(html, own_hosts=OWN_HOSTS)
    data = json.loads(checker.json_ld[0])
    assert data["@type"] == "NewsArticle"
    assert data["inLanguage"] == "en"
    assert data["image"]["@type"] == "ImageObject" and data["image"]["caption"]
    assert 'property="og:locale" content="en_US"' in html


def test_vietnamese_home_and_english_home_show_their_own_language(promotion_demo, client):
    vi = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Tin mới" in vi and "Phường ra mắt trang thông tin đa ngôn ngữ" in vi
    assert "Latest news" in en and "The ward launches a multilingual information site" in en
    assert "Phường ra mắt" not in en


def test_gallery_video_is_a_link_not_an_embed(promotion_demo, client):
    html = client.get("/anh-va-video/").content.decode()
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/results?search_query=' in html


def test_place_and_event_json_ld(promotion_demo, client):
    place = client.get("/dia-danh-va-chu-de/bo-bien-quy-nhon/").content.decode()
    _p, checker = check_page(place, own_hosts=OWN_HOSTS)
    assert json.loads(checker.json_ld[0])["@type"] == "TouristDestination"
    event = EventPage.objects.get(slug="dem-hoi-bai-choi")
    _p, checker = check_page(client.get(event.url).content.decode(), own_hosts=OWN_HOSTS)
    data = json.loads(checker.json_ld[0])
    assert data["@type"] == "Event"
    assert data["startDate"] == event.start.isoformat()
    assert data["location"]["name"] == event.venue_name


def test_feeds_calendars_and_sitemaps(promotion_demo, client):
    atom = ElementTree.fromstring(client.get("/promotion/news-en.atom").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.findtext("a:title", namespaces=ns) for entry in atom.findall("a:entry", ns)]
    assert "The ward launches a multilingual information site" in titles
    assert all("Phường" not in title for title in titles)

    ics = client.get("/promotion/events-vi.ics").content.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("BEGIN:VEVENT") == 2
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    assert "SUMMARY:Đêm hội bài chòi bên biển" in ics

    index = ElementTree.fromstring(client.get("/promotion/sitemap.xml").content)
    assert len(index) == HomePage.objects.live().count()
    sitemap = client.get("/promotion/sitemap-en.xml").content.decode()
    tree = ElementTree.fromstring(sitemap)
    assert len(tree) == Page.objects.live().filter(locale__language_code="en").count()
    assert 'hreflang="vi"' in sitemap
    assert client.get("/promotion/sitemap-xx.xml").status_code == 404


def test_demo_is_idempotent(promotion_demo):
    from lantoa.promotion import demo
    from lantoa.promotion.models import ContentPlanItem, MediaAsset

    counts = (Page.objects.count(), MediaAsset.objects.count(), ContentPlanItem.objects.count())
    demo.load(log=lambda message: None, languages=("en",))
    assert (
        Page.objects.count(),
        MediaAsset.objects.count(),
        ContentPlanItem.objects.count(),
    ) == counts
