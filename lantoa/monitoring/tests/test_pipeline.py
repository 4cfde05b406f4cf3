"""Pipeline behaviour end to end through services, against real servers on 127.0.0.1."""

import io
import json
from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from lantoa.monitoring import services
from lantoa.monitoring.constants import FetchOutcome, ItemStatus, SourceKind
from lantoa.monitoring.models import Item, PollRun, RawResponse, Source, Story
from lantoa.monitoring.pipeline import STAGE_NAMES, alert, analyse, index
from lantoa.monitoring.pipeline.runner import items_resume
from lantoa.monitoring.privacy import pseudonymise, redact
from lantoa.monitoring.urlnorm import url_hash, url_normalise

from .factories import SourceFactory, article, rss

pytestmark = pytest.mark.django_db


def test_stage_order_is_declared_once():
    assert STAGE_NAMES == (
        "fetch", "parse", "extract", "normalise", "language",
        "dedup", "store", "index", "analyse", "alert",
    )  # fmt: skip


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.baogialai.com.vn/tin/quy-nhon-123.html?utm_source=fb&utm_medium=x",
        "http://baogialai.com.vn/tin/quy-nhon-123.html?fbclid=abc#comments",
        "https://m.baogialai.com.vn/tin/quy-nhon-123.html",
        "https://baogialai.com.vn/amp/tin/quy-nhon-123.html",
        "https://baogialai.com.vn/tin/quy-nhon-123.amp.html",
        "https://baogialai.com.vn/tin/quy-nhon-123.html/",
    ],
)
def test_url_variants_share_one_hash(variant):
    canonical = "https://baogialai.com.vn/tin/quy-nhon-123.html"
    assert url_normalise(variant) == canonical
    assert url_hash(variant) == url_hash(canonical)
    assert url_hash("https://baogialai.com.vn/tin/quy-nhon-123.html?id=2") != url_hash(canonical)


def _entries(*titles, base="http://127.0.0.1/x/", summary=""):
    return [
        {"url": f"{base}{i}", "title": t, "summary": summary or f"Tóm tắt {t}"}
        for i, t in enumerate(titles)
    ]


def test_title_dedup_per_source_within_seven_days():
    source, other = SourceFactory(), SourceFactory()
    services.entries_ingest(source=source, entries=_entries("Khai mạc lễ hội biển Quy Nhơn"))
    run = services.entries_ingest(
        source=source, entries=_entries("Khai mạc  Lễ hội biển QUY NHƠN", base="http://e/y/")
    )
    assert run.counts == {ItemStatus.DUPLICATE_TITLE: 1}
    # Another outlet may carry the same title.
    run = services.entries_ingest(
        source=other, entries=_entries("Khai mạc lễ hội biển Quy Nhơn", base="http://o/z/")
    )
    assert run.counts == {ItemStatus.STORED: 1}
    # After 7 days the same title from the same source is news again.
    Item.objects.filter(source=source).update(fetched_at=timezone.now() - timedelta(days=8))
    run = services.entries_ingest(
        source=source, entries=_entries("Khai mạc lễ hội biển Quy Nhơn", base="http://e/w/")
    )
    assert run.counts == {ItemStatus.STORED: 1}


SYNDICATED = (
    "Ngày 20/11, UBND tỉnh Gia Lai tổ chức hội nghị xúc tiến đầu tư vào khu kinh tế Nhơn Hội "
    "với sự tham gia của hơn 200 doanh nghiệp trong nước và quốc tế, tập trung vào năng lượng "
    "tái tạo, du lịch biển và công nghiệp chế biến nông sản."
)


def test_syndicated_copies_across_outlets_form_one_story():
    a, b, c = SourceFactory(), SourceFactory(), SourceFactory()
    title = "Gia Lai xúc tiến đầu tư vào khu kinh tế Nhơn Hội"
    services.entries_ingest(
        source=a, entries=[{"url": "http://a/1", "title": title, "summary": SYNDICATED}]
    )
    services.entries_ingest(
        source=b,
        entries=[{"url": "http://b/1", "title": title + " (ảnh)", "summary": SYNDICATED}],
    )
    services.entries_ingest(
        source=c,
        entries=[{"url": "http://c/1", "title": "Giá cà phê hôm nay tăng mạnh", "summary": "x"}],
    )
    story = Item.objects.get(url="http://a/1").story
    assert story.item_count == 2
    assert set(story.items.values_list("url", flat=True)) == {"http://a/1", "http://b/1"}
    # An unrelated item is a story of its own (the analyse stage gives every item one).
    other = Item.objects.get(url="http://c/1").story
    assert other != story and other.item_count == 1
    assert Story.objects.count() == 2


def test_future_dates_rejected_and_entities_in_cdata_decoded(web):
    body = rss(
        {
            "title": "<![CDATA[Qu&#7929; Nh&#417;n &amp; Gia Lai]]>",
            "link": "http://127.0.0.1/f/1",
            "description": "<![CDATA[<p>Du l&#7883;ch&nbsp;bi&#7875;n</p>]]>",
            "pubDate": "Mon, 01 Jan 2035 00:00:00 +0000",
        }
    )
    web.add("/feed", body, headers={"Content-Type": "application/rss+xml"})
    source = SourceFactory(url=web.url("/feed"))
    services.source_poll(source_id=source.pk)
    item = Item.objects.get()
    assert item.title == "Quỹ Nhơn & Gia Lai"
    assert item.summary == "Du lịch biển"
    assert item.published_at <= timezone.now()
    assert item.title_folded == "quy nhon & gia lai"


def test_json_feed(web):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Gia Lai",
        "items": [
            {
                "id": "1",
                "url": "http://127.0.0.1/j/1",
                "title": "Tour du lịch Quy Nhơn – Pleiku",
                "content_html": "<p>Hành trình nối biển và cao nguyên.</p>",
                "date_published": "2026-11-19T07:00:00+07:00",
            }
        ],
    }
    web.add("/feed.json", json.dumps(feed), headers={"Content-Type": "application/feed+json"})
    source = SourceFactory(url=web.url("/feed.json"))
    run = services.source_poll(source_id=source.pk)
    assert run.counts == {ItemStatus.STORED: 1}
    item = Item.objects.get()
    assert item.title == "Tour du lịch Quy Nhơn – Pleiku"
    assert item.published_at.isoformat() == "2026-11-19T00:00:00+00:00"


def test_watched_page_fetches_new_links_only_and_trusts_detector_over_lang(web):
    web.add(
        "/news",
        """<html><body><a href="/tin/le-hoi-bien-quy-nhon">Lễ hội</a>
        <a href="/tin/ca-phe-gia-lai-xuat-khau">Cà phê</a><a href="/tag/x">tag</a>
        <a href="http://other.example/tin/xxxxxxxxx">ngoài</a></body></html>""",
        headers={"Content-Type": "text/html"},
    )
    para = "Lễ hội biển Quy Nhơn năm nay diễn ra trong ba ngày với nhiều hoạt động đặc sắc."
    web.add(
        "/tin/le-hoi-bien-quy-nhon",
        article("Lễ hội biển Quy Nhơn 2026", para, lang="en"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    web.add("/tin/ca-phe-gia-lai-xuat-khau", "gone", status=404)
    source = SourceFactory(kind=SourceKind.PAGE, url=web.url("/news"))
    run = services.source_poll(source_id=source.pk)
    assert run.counts == {ItemStatus.STORED: 1, ItemStatus.FETCH_FAILED: 1}
    assert run.problems[0]["status"] == ItemStatus.FETCH_FAILED
    item = Item.objects.get()
    assert item.title == "Lễ hội biển Quy Nhơn 2026"
    assert "ba ngày" in item.text and "Bản quyền" not in item.text
    assert item.language == "vi"  # the page said lang="en"
    assert item.published_at.isoformat() == "2026-11-20T01:00:00+00:00"
    # Next poll: the stored link is not fetched again.
    Source.objects.filter(pk=source.pk).update(next_fetch_at=None)
    before = len(web.routes["/tin/le-hoi-bien-quy-nhon"].requests)
    run = services.source_poll(source_id=source.pk)
    assert run.counts[ItemStatus.DUPLICATE_URL] == 1
    assert len(web.routes["/tin/le-hoi-bien-quy-nhon"].requests) == before
    # The raw page was kept, so it can be extracted again.
    Item.objects.update(text="")
    assert "ba ngày" in services.item_reextract(item_id=item.pk).text


def test_a_foreign_outlet_s_clock_without_a_zone_is_its_country_s(web):
    """A page writes "3:24 PM" and no zone: on a US outlet that is New York's afternoon, on a
    Korean outlet's English page Seoul's, on a source left on Việt Nam the office's. A Korean
    page of a source left on Việt Nam is still read in Seoul's time, by its language."""
    para = (
        "The coastal city of Quy Nhon opened its sea festival with boat races and concerts on "
        "the beach, drawing visitors from across the region."
    )
    english = (
        '<html lang="en"><head><title>Quy Nhon opens sea festival</title></head><body><article>'
        f"<h1>Quy Nhon opens sea festival</h1><p>Posted: December 5, 2026, 3:24 PM</p>"
        f"{f'<p>{para}</p>' * 4}</article></body></html>"
    )
    korean = (
        '<html lang="ko"><head><title>퀴논 바다 축제 개막</title></head><body><article>'
        "<h1>퀴논 바다 축제 개막</h1><p>기사입력 : 2026-12-05 15:24</p>"
        f"{'<p>베트남 중부 해안 도시 퀴논이 보트 경주와 해변 콘서트로 바다 축제를 열었다.</p>' * 4}"
        "</article></body></html>"
    )
    expected = {}
    for country, page, utc in (
        ("US", english, "2026-12-05T20:24:00+00:00"),
        ("KR", english, "2026-12-05T06:24:00+00:00"),
        ("VN", english, "2026-12-05T08:24:00+00:00"),
        ("VN", korean, "2026-12-05T06:24:00+00:00"),
    ):
        path = f"/{country}-{len(expected)}"
        web.add(path, f'<html><body><a href="{path}/bai/le-hoi-bien">bài</a></body></html>')
        web.add(f"{path}/bai/le-hoi-bien", page, headers={"Content-Type": "text/html"})
        source = SourceFactory(kind=SourceKind.PAGE, url=web.url(path), country=country)
        assert services.source_poll(source_id=source.pk).counts == {ItemStatus.STORED: 1}
        expected[f"{path}/bai/le-hoi-bien"] = utc
    stored = {
        url.removeprefix(web.base): published.astimezone(UTC).isoformat()
        for url, published in Item.objects.values_list("url", "published_at")
    }
    assert stored == expected


def test_news_sitemap_prefers_its_own_date(web):
    sitemap = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/bai/1</loc><news:news><news:publication_date>2026-11-18T10:00:00+07:00
</news:publication_date><news:title>Gia Lai đón nhà đầu tư Hàn Quốc</news:title></news:news></url>
</urlset>"""
    web.add("/sitemap.xml", sitemap.format(base=web.base), headers={"Content-Type": "text/xml"})
    para = "Đoàn doanh nghiệp Hàn Quốc đã làm việc với lãnh đạo tỉnh về cơ hội hợp tác đầu tư."
    web.add("/bai/1", article("Tiêu đề trang", para, date="2026-11-01T00:00:00+07:00"))
    source = SourceFactory(kind=SourceKind.SITEMAP, url=web.url("/sitemap.xml"))
    assert services.source_poll(source_id=source.pk).counts == {ItemStatus.STORED: 1}
    item = Item.objects.get()
    assert item.title == "Gia Lai đón nhà đầu tư Hàn Quốc"
    assert item.published_at.isoformat() == "2026-11-18T03:00:00+00:00"


def test_sitemap_index_children_are_followed_within_bounds(web, monkeypatch):
    from lantoa.monitoring.pipeline import parse

    def sitemap_index(*children):
        entries = "".join(
            f"<sitemap><loc>{web.url(path)}</loc><lastmod>{day}</lastmod></sitemap>"
            for path, day in children
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
        )

    def urlset(path):
        return (
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{web.url(path)}</loc></url></urlset>"
        )

    xml = {"Content-Type": "text/xml"}
    web.add(
        "/sitemap.xml",
        sitemap_index(
            ("/sm-moi.xml", "2026-11-20"),
            ("/sm-con.xml", "2026-11-19"),
            ("/sm-mat.xml", "2026-11-18"),
        ),
        headers=xml,
    )
    web.add("/sm-moi.xml", urlset("/bai/1"), headers=xml)
    web.add("/sm-con.xml", sitemap_index(("/sm-chau.xml", "2026-11-19")), headers=xml)
    web.add("/sm-chau.xml", urlset("/bai/2"), headers=xml)
    para = "Đoàn doanh nghiệp Hàn Quốc đã làm việc với lãnh đạo tỉnh về cơ hội hợp tác đầu tư."
    web.add("/bai/1", article("Gia Lai đón nhà đầu tư", para))
    web.add("/bai/2", article("Quy Nhơn mở tuyến bay mới", para + " Tuyến bay mới."))
    source = SourceFactory(kind=SourceKind.SITEMAP, url=web.url("/sitemap.xml"))
    run = services.source_poll(source_id=source.pk)
    # Two levels followed; the missing child sitemap is reported, not fatal.
    assert run.counts == {ItemStatus.STORED: 2}
    assert "sm-mat.xml" in run.error
    assert not Item.objects.filter(url__contains="sm-").exists()
    # Bounded: with room for one child only, the newest is the one fetched.
    monkeypatch.setattr(parse, "SITEMAP_CHILDREN_MAX", 1)
    requests = {path: len(web.routes[path].requests) for path in ("/sm-moi.xml", "/sm-con.xml")}
    Source.objects.filter(pk=source.pk).update(next_fetch_at=None, etag="", last_modified="")
    services.source_poll(source_id=source.pk)
    assert len(web.routes["/sm-moi.xml"].requests) == requests["/sm-moi.xml"] + 1
    assert len(web.routes["/sm-con.xml"].requests) == requests["/sm-con.xml"]


def test_manual_url_submission(web):
    para = "Quy Nhon is a coastal city in Gia Lai province known for its quiet beaches and seafood."
    page = (
        '<html lang="vi"><head><title>Quy Nhon, a quiet beach city</title></head><body><article>'
        + f"<p>{para}</p><p>{para} Visitors come for the long bay and the old Cham towers.</p>"
        + "<p>The city has invested in new promenades, parks and a science park for startups.</p>"
        + "</article></body></html>"
    )
    web.add("/en/story", page)
    run = services.url_submit(url=web.url("/en/story?utm_campaign=x"))
    assert run.counts == {ItemStatus.STORED: 1}
    item = Item.objects.get()
    assert item.source.kind == SourceKind.MANUAL and item.language == "en"
    again = services.url_submit(url=web.url("/en/story"))
    assert again.counts == {ItemStatus.DUPLICATE_URL: 1}
    with pytest.raises(ValueError, match="http"):
        services.url_submit(url="javascript:alert(1)")


POSTS_CSV = (
    "noi_dung,tai_khoan,lien_ket,thoi_gian\n"
    '"Bãi biển Quy Nhơn sạch đẹp quá, liên hệ 0905 123 456 hoặc an.nguyen@example.com",'
    "@an.nguyen,https://social.example/p/1,2026-11-18 09:00\n"
    '"Cà phê Gia Lai thơm ngon, ai cần mua gọi +84 912-345-678",@binh,,2026-11-18 10:00\n'
)
MAPPING = {"text": "noi_dung", "author": "tai_khoan", "url": "lien_ket", "published": "thoi_gian"}


def _social():
    return SourceFactory(kind=SourceKind.SOCIAL_IMPORT, url="", name="Trang cộng đồng")


def test_social_import_pseudonymises_and_redacts():
    source = _social()
    run = services.posts_import(
        source_id=source.pk, data=POSTS_CSV.encode(), filename="posts.csv", mapping=MAPPING
    )
    assert run.counts == {ItemStatus.STORED: 2}
    first = Item.objects.get(url="https://social.example/p/1")
    assert "0905" not in first.text and "example.com" not in first.text
    assert "[số điện thoại đã ẩn]" in first.text and "[email đã ẩn]" in first.text
    assert first.author_pseudonym == pseudonymise("@an.nguyen") != "@an.nguyen"
    assert "an.nguyen" not in first.author_pseudonym
    assert first.published_at.isoformat() == "2026-11-18T02:00:00+00:00"
    raw = first.raw.body.decode()
    assert "0905" not in raw and "@an.nguyen" not in raw
    # Re-importing the same file stores nothing twice (posts without a link included).
    again = services.posts_import(source_id=source.pk, data=POSTS_CSV.encode(), filename="p.csv")
    assert again.counts == {ItemStatus.DUPLICATE_URL: 2}


def test_social_import_json_and_xlsx():
    import openpyxl

    source = _social()
    rows = [{"content": "Lễ hội ẩm thực Quy Nhơn rất đông vui", "user": "hoa"}]
    run = services.posts_import(
        source_id=source.pk,
        data=json.dumps(rows).encode(),
        filename="x.json",
        mapping={"text": "content", "author": "user"},
    )
    assert run.counts == {ItemStatus.STORED: 1}
    book = openpyxl.Workbook()
    book.active.append(["Bài", "Người đăng"])
    book.active.append(["Pleiku mùa hoa dã quỳ vàng rực các con phố", "lan"])
    buffer = io.BytesIO()
    book.save(buffer)
    run = services.posts_import(
        source_id=source.pk,
        data=buffer.getvalue(),
        filename="x.xlsx",
        mapping={"text": "Bài", "author": "Người đăng"},
    )
    assert run.counts == {ItemStatus.STORED: 1}
    assert Item.objects.filter(text__startswith="Pleiku mùa hoa").exists()


def test_social_import_bad_mapping_saves_nothing():
    source = _social()
    with pytest.raises(ValueError, match="Tệp không có cột: khong_co"):
        services.posts_import(
            source_id=source.pk,
            data=POSTS_CSV.encode(),
            filename="p.csv",
            mapping={"text": "khong_co"},
        )
    assert Item.objects.count() == 0 and PollRun.objects.count() == 0


def test_redact_keeps_years_and_numbers():
    assert redact("Năm 2026 có 1200 khách") == "Năm 2026 có 1200 khách"
    assert "đã ẩn" in redact("Gọi 0905.123.456")


def test_crash_between_stages_then_rerun_loses_and_duplicates_nothing(web, monkeypatch):
    items = [
        {"title": f"Tin số {i} về Quy Nhơn", "link": f"http://127.0.0.1/c/{i}"} for i in range(5)
    ]
    web.add("/feed", rss(*items), headers={"Content-Type": "application/rss+xml"})
    source = SourceFactory(url=web.url("/feed"))

    def crash(batch):
        raise RuntimeError("worker killed between store and index")

    monkeypatch.setattr(index, "run", crash)
    run = services.source_poll(source_id=source.pk)
    assert run.outcome == FetchOutcome.ERROR
    assert "worker killed" in run.error
    assert Item.objects.count() == 0
    source.refresh_from_db()
    assert source.etag == "" and source.consecutive_failures == 1 and source.claimed_until is None
    monkeypatch.undo()
    Source.objects.filter(pk=source.pk).update(next_fetch_at=None)
    run = services.source_poll(source_id=source.pk)
    assert run.counts == {ItemStatus.STORED: 5}
    Source.objects.filter(pk=source.pk).update(next_fetch_at=None)
    assert services.source_poll(source_id=source.pk).counts == {ItemStatus.DUPLICATE_URL: 5}
    assert Item.objects.count() == 5


def test_failing_analyser_leaves_items_to_resume():
    calls = []

    def broken(items):
        raise RuntimeError("classifier down")

    def record(items):
        calls.append([i.pk for i in items])

    analyse.register(broken)
    alert.register(record)
    try:
        run = services.entries_ingest(source=SourceFactory(), entries=_entries("A b c", "D e f"))
        assert run.counts == {ItemStatus.STORED: 2}
        run.refresh_from_db()
        assert "classifier down" in run.error
        assert Item.objects.filter(processed_at__isnull=True).count() == 2
        assert calls == []
        analyse.unregister(broken)
        assert items_resume(older_than_seconds=0) == 2
        assert Item.objects.filter(processed_at__isnull=True).count() == 0
        assert sorted(calls[0]) == sorted(Item.objects.values_list("pk", flat=True))
        assert items_resume(older_than_seconds=0) == 0
    finally:
        analyse.unregister(broken)
        alert.unregister(record)


def test_every_candidate_counted_exactly_once(web):
    items = [
        {"title": "Trùng 1", "link": "http://127.0.0.1/d/1"},
        {"title": "Trùng 1 khác link", "link": "http://127.0.0.1/d/1?utm_source=x"},
        {"title": "", "link": "http://127.0.0.1/d/2"},
        {"title": "Tin mới", "link": "http://127.0.0.1/d/3"},
        {"title": "Tin mới", "link": "http://127.0.0.1/d/4"},
    ]
    web.add("/feed", rss(*items), headers={"Content-Type": "application/rss+xml"})
    run = services.source_poll(source_id=SourceFactory(url=web.url("/feed")).pk)
    assert run.counts == {
        ItemStatus.STORED: 2,
        ItemStatus.DUPLICATE_URL: 1,
        ItemStatus.EMPTY: 1,
        ItemStatus.DUPLICATE_TITLE: 1,
    }
    assert sum(run.counts.values()) == len(items)


def test_index_stage_calls_search_service(monkeypatch):
    seen = []
    monkeypatch.setattr(index, "items_index", lambda *, item_ids: seen.extend(item_ids))
    services.entries_ingest(source=SourceFactory(), entries=_entries("Một", "Hai"))
    assert sorted(seen) == sorted(Item.objects.values_list("pk", flat=True))


def test_stored_items_are_searchable_and_rollback_leaves_no_index_row(monkeypatch):
    pytest.importorskip("lantoa.monitoring.search.services")
    from lantoa.monitoring.search.selectors import search_items

    source = SourceFactory()
    services.entries_ingest(
        source=source,
        entries=[{"url": "http://s/1", "title": "Lễ hội Quy Nhơn", "summary": "Đồng bào vui"}],
    )
    assert list(search_items("quy nhon").values_list("url", flat=True)) == ["http://s/1"]

    def crash(batch):
        raise RuntimeError("after index")

    from lantoa.monitoring.pipeline import runner

    monkeypatch.setattr(runner, "_finish", crash)
    monkeypatch.setattr(runner, "_fail", lambda batch, exc: None)
    services.entries_ingest(
        source=source, entries=[{"url": "http://s/2", "title": "Pleiku mùa dã quỳ"}]
    )
    assert not Item.objects.filter(url="http://s/2").exists()
    assert search_items("pleiku").count() == 0


def test_a_page_that_breaks_extraction_is_quarantined_and_the_rest_stored(monkeypatch):
    from lantoa.monitoring.pipeline import extract

    real = extract.extract_page

    def flaky(body, *, url="", **options):
        if "bad" in url:
            raise AttributeError("extractor bug")
        return real(body, url=url, **options)

    monkeypatch.setattr(extract, "extract_page", flaky)
    page = (
        b"<html><head><title>Trang tin Quy Nh\xc6\xa1n</title></head><body><p>x</p></body></html>"
    )
    run = services.pages_ingest(
        source=SourceFactory(kind=SourceKind.PAGE),
        pages=[("http://p/good", page), ("http://p/bad", page)],
    )
    assert run.counts == {ItemStatus.STORED: 1, ItemStatus.QUARANTINED: 1}
    assert run.problems == [
        {"url": "http://p/bad", "status": "quarantined", "error": "trích xuất lỗi: "
         "AttributeError('extractor bug')"}
    ]  # fmt: skip


def test_each_page_s_raw_body_is_kept_byte_for_byte_in_the_zlib_format():
    """Raw bodies are written by ISA-L: what is stored must be the page as received, readable by
    the standard library's zlib (re-extraction, backups read elsewhere)."""
    import zlib

    pages = [
        ("http://p/vi", "<html><title>Quy Nhơn</title><p>Tin mới.</p></html>".encode()),
        ("http://p/zh", "<html><p>归仁市</p><script>x()</script></html>".encode("gb18030")),
        ("http://p/big", b"<html><body>" + bytes(range(256)) * 4000 + b"</body></html>"),
    ]
    services.pages_ingest(source=SourceFactory(kind=SourceKind.PAGE), pages=pages)
    kept = {raw.url: raw for raw in RawResponse.objects.all()}
    assert len(kept) == len(pages)
    for url, body in pages:
        raw = kept[url]
        assert zlib.decompress(bytes(raw.body_compressed)) == raw.body == body
        assert raw.size == len(body)
    assert len(kept["http://p/big"].body_compressed) < len(pages[2][1]) / 10


def test_batch_signatures_equal_datasketch_minhash():
    """The vectorised signatures are exactly datasketch's, so stored signatures stay comparable
    with those of earlier versions and with any other datasketch user."""
    import numpy as np
    from datasketch import MinHash

    from lantoa.monitoring.pipeline import dedup

    texts = [
        "Bão số 3 đổ bộ vào Quy Nhơn, Gia Lai: hàng nghìn hộ dân được sơ tán khẩn cấp trong đêm",
        "Typhoon makes landfall near Quy Nhon as thousands of residents are evacuated overnight",
        "quá ngắn",
    ]
    for text, values in zip(texts, dedup.signatures(texts), strict=True):
        shingles = dedup._shingles(text)
        if len(shingles) < dedup.MIN_SHINGLES:
            assert values is None
            continue
        reference = MinHash(num_perm=dedup.NUM_PERM, scheme=dedup.SCHEME)
        reference.update_batch(shingles)
        assert np.array_equal(reference.hashvalues.astype(np.uint32), values)


def test_the_band_index_finds_what_datasketch_lsh_finds():
    """The LSH of the dedup stage uses datasketch's bands for its threshold and finds the same
    candidates as datasketch's MinHashLSH: texts that share most, some or none of their words."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from lantoa.monitoring.pipeline import dedup

    reference = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (reference.b, reference.r) == (dedup.BANDS, dedup.ROWS)
    rng = np.random.default_rng(7)
    texts = []
    for story in range(20):  # a text, then copies with 2, 8 and 16 of its 40 words changed
        words = [f"tin{story}từ{i}" for i in range(40)]
        texts.append(" ".join(words))
        for changed in (2, 8, 16):
            copy = list(words)
            for position in rng.choice(40, size=changed, replace=False):
                copy[position] = f"khác{rng.integers(1_000_000)}"
            texts.append(" ".join(copy))
    ours = dedup.BandIndex()
    signatures = [values.astype(np.uint32).tobytes() for values in dedup.signatures(texts)]
    found_any = 0
    for item_id, signature in enumerate(signatures):
        minhash = LeanMinHash(
            seed=1, hashvalues=np.frombuffer(signature, dtype=np.uint32), scheme=dedup.SCHEME
        )
        expected = set(reference.query(minhash))
        assert ours.query(signature) == expected
        found_any += bool(expected)
        reference.insert(item_id, minhash)
        ours.insert(item_id, signature)
    assert 10 < found_any < 60  # close copies found their story, not every loose one
