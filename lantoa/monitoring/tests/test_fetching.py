"""Polling against real HTTP servers on 127.0.0.1: every misbehaviour ends in its own final
status, the source is backed off (never disabled) and the worker carries on."""

import gzip
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from lantoa.monitoring.constants import FetchOutcome, ItemStatus
from lantoa.monitoring.models import Item, PollRun, Source
from lantoa.monitoring.services import source_poll, sources_poll_due

from .factories import SourceFactory, rss

pytestmark = pytest.mark.django_db

FEED = rss(
    {
        "title": "Quy Nhơn đón 1 triệu lượt khách",
        "link": "http://127.0.0.1/a/1?utm_source=rss",
        "description": "Thành phố biển <b>Quy Nhơn</b> đón lượng khách kỷ lục trong mùa hè.",
        "pubDate": "Wed, 18 Nov 2026 08:00:00 +0700",
    },
    {
        "title": "Gia Lai phát triển cà phê bền vững",
        "link": "http://127.0.0.1/a/2",
        "description": "Nông dân Gia Lai chuyển đổi sang canh tác cà phê hữu cơ.",
    },
)


def poll(source):
    run = source_poll(source_id=source.pk)
    source.refresh_from_db()
    return run


def test_normal_feed_stores_items_each_with_one_status(web):
    web.add("/feed", FEED, headers={"Content-Type": "application/rss+xml; charset=utf-8"})
    source = SourceFactory(url=web.url("/feed"))
    run = poll(source)
    assert run.outcome == FetchOutcome.OK
    assert run.counts == {ItemStatus.STORED: 2}
    titles = set(Item.objects.values_list("title", flat=True))
    assert titles == {"Quy Nhơn đón 1 triệu lượt khách", "Gia Lai phát triển cà phê bền vững"}
    item = Item.objects.get(url__contains="/a/1")
    assert item.summary == "Thành phố biển Quy Nhơn đón lượng khách kỷ lục trong mùa hè."
    assert item.language == "vi"
    assert item.published_at.isoformat().startswith("2026-11-18T01:00")
    assert item.raw is not None and b"Quy Nh" in item.raw.body
    assert source.last_success_at is not None and source.next_fetch_at > timezone.now()
    assert source.consecutive_failures == 0


def _published_by_path() -> dict[str, str]:
    """Each stored item's publication time in UTC, by the path of its address."""
    return {
        url.split("127.0.0.1", 1)[1]: published.isoformat()
        for url, published in Item.objects.values_list("url", "published_at")
    }


def test_a_feed_item_s_date_is_read_with_the_zone_its_site_writes(web):
    """Vietnamese sites write "GMT+7" (feedparser read no date: the item took its fetch time), or
    no zone at all (the office's time); an Atom entry may carry only <updated>."""
    day = "Sat, 05 Dec 2026 09:30:00"
    feed = rss(
        *(
            {"title": f"Tin {zone}", "link": f"http://127.0.0.1/z/{n}", "pubDate": f"{day}{zone}"}
            for n, zone in ((1, " GMT+7"), (2, ""), (3, " ICT"))
        )
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom</title><entry><title>Chỉ có updated</title>"
        '<link href="http://127.0.0.1/z/4"/><id>urn:z4</id><updated>2026-12-05</updated></entry></feed>'
    )
    web.add("/rss", feed, headers={"Content-Type": "application/rss+xml"})
    web.add("/atom", atom, headers={"Content-Type": "application/atom+xml"})
    for path in ("/rss", "/atom"):
        assert poll(SourceFactory(url=web.url(path))).outcome == FetchOutcome.OK
    assert _published_by_path() == {
        "/z/1": "2026-12-05T02:30:00+00:00",
        "/z/2": "2026-12-05T02:30:00+00:00",
        "/z/3": "2026-12-05T02:30:00+00:00",
        "/z/4": "2026-12-04T17:00:00+00:00",
    }


def test_a_foreign_feed_s_date_without_a_zone_is_its_country_s(web):
    """A US outlet's RSS date with no zone is New York's clock, a French JSON Feed's Paris's; a
    zone written in the feed is read as written."""
    day = "Sat, 05 Dec 2026 09:30:00"
    feed = rss(
        {"title": "No zone", "link": "http://127.0.0.1/us/1", "pubDate": day},
        {"title": "Zone written", "link": "http://127.0.0.1/us/2", "pubDate": f"{day} +0000"},
    )
    json_feed = (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Presse", "items": ['
        '{"id": "1", "url": "http://127.0.0.1/fr/1", "title": "Sans fuseau",'
        ' "content_text": "Quy Nhon", "date_published": "2026-12-05T09:30:00"}]}'
    )
    web.add("/us", feed, headers={"Content-Type": "application/rss+xml"})
    web.add("/fr", json_feed, headers={"Content-Type": "application/feed+json"})
    for path, country in (("/us", "US"), ("/fr", "FR")):
        source = SourceFactory(url=web.url(path), country=country)
        assert poll(source).outcome == FetchOutcome.OK
    assert _published_by_path() == {
        "/us/1": "2026-12-05T14:30:00+00:00",
        "/us/2": "2026-12-05T09:30:00+00:00",
        "/fr/1": "2026-12-05T08:30:00+00:00",
    }


def test_conditional_get_304_and_periodic_full_fetch(web, settings):
    settings.LANTOA_FETCH_FULL_EVERY = 3

    def status(handler, route):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}
        return 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}

    route = web.add("/feed", FEED, status=status)
    source = SourceFactory(url=web.url("/feed"))
    assert poll(source).outcome == FetchOutcome.OK
    assert source.etag == '"v1"'
    second = poll(source)
    assert second.outcome == FetchOutcome.NOT_MODIFIED, (second.error, second.http_status)
    assert second.counts == {} and source.consecutive_failures == 0
    assert poll(source).outcome == FetchOutcome.NOT_MODIFIED
    # The third poll since the full one is forced full: no validators sent, all duplicates.
    forced = poll(source)
    assert forced.full_fetch and forced.outcome == FetchOutcome.OK
    assert "If-None-Match" not in route.requests[-1]["headers"]
    assert forced.counts == {ItemStatus.DUPLICATE_URL: 2}
    assert Item.objects.count() == 2


def test_429_retry_after_is_honoured(web):
    web.add("/feed", "slow down", status=429, headers={"Retry-After": "7200"})
    source = SourceFactory(url=web.url("/feed"))
    run = poll(source)
    assert run.outcome == FetchOutcome.RATE_LIMITED and run.http_status == 429
    assert source.next_fetch_at >= timezone.now() + timedelta(seconds=7100)
    assert source.is_active and source.consecutive_failures == 1
    assert "tự thử lại" in source.last_error


def test_500_backs_off_linearly_and_never_disables(web):
    web.add("/feed", "boom", status=500)
    source = SourceFactory(url=web.url("/feed"), poll_min_minutes=10, poll_max_minutes=600)
    delays = []
    for _ in range(3):
        Source.objects.filter(pk=source.pk).update(next_fetch_at=None)
        before = timezone.now()
        assert poll(source).outcome == FetchOutcome.HTTP_ERROR
        delays.append((source.next_fetch_at - before).total_seconds() / 60)
    assert 8 < delays[0] < 12 and 17 < delays[1] < 23 and 26 < delays[2] < 34
    assert source.is_active and source.consecutive_failures == 3
    assert "Trang nguồn trả về lỗi" in source.last_error


def _drip(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()
    try:
        for _ in range(100):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.2)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()
    chunk = b"<item>" * 10000
    try:
        while True:
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError, OSError):
        pass


def test_slow_drip_times_out(web):
    web.add("/feed", stream=_drip)
    source = SourceFactory(url=web.url("/feed"))
    started = time.monotonic()
    run = poll(source)
    assert run.outcome == FetchOutcome.TIMEOUT and run.error_kind == "timeout"
    assert time.monotonic() - started < 10


def test_endless_body_is_cut_at_10_mb(web):
    web.add("/feed", stream=_endless)
    source = SourceFactory(url=web.url("/feed"))
    assert poll(source).outcome == FetchOutcome.TOO_LARGE


def test_gzip_bomb_is_refused(web):
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024))
    web.add("/feed", bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/xml"})
    source = SourceFactory(url=web.url("/feed"))
    run = poll(source)
    assert run.outcome == FetchOutcome.TOO_LARGE
    assert "bom nén" in run.error


def test_redirect_loop_stops(web):
    web.add("/a", status=302, headers={"Location": "/b"})
    web.add("/b", status=302, headers={"Location": "/a"})
    source = SourceFactory(url=web.url("/a"))
    assert poll(source).outcome == FetchOutcome.TOO_MANY_REDIRECTS


def test_redirects_within_limit_are_followed(web):
    web.add("/old", status=301, headers={"Location": "/feed"})
    web.add("/feed", FEED, headers={"Content-Type": "application/rss+xml"})
    source = SourceFactory(url=web.url("/old"))
    assert poll(source).counts == {ItemStatus.STORED: 2}


def test_wrong_charset_header_is_overruled_by_valid_utf8(web):
    web.add("/feed", FEED, headers={"Content-Type": "application/rss+xml; charset=iso-8859-1"})
    source = SourceFactory(url=web.url("/feed"))
    assert poll(source).outcome == FetchOutcome.OK
    assert Item.objects.filter(title="Quy Nhơn đón 1 triệu lượt khách").exists()


def test_legacy_charset_declared_in_xml_is_decoded(web):
    body = rss({"title": "Café à Quy Nhơn", "link": "http://127.0.0.1/fr/1"}, title="P").replace(
        "Quy Nhơn", "Quy Nhon"
    )
    body = body.replace('encoding="utf-8"', 'encoding="iso-8859-1"').encode("iso-8859-1")
    web.add("/feed", body, headers={"Content-Type": "application/rss+xml"})
    source = SourceFactory(url=web.url("/feed"))
    assert poll(source).outcome == FetchOutcome.OK
    assert Item.objects.get().title == "Café à Quy Nhon"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title>
<item><title>&lol3;</title><link>http://127.0.0.1/x</link></item></channel></rss>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&xxe;</title><link>http://127.0.0.1/y</link></item></channel></rss>"""


@pytest.mark.parametrize("body", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_entity_attacks_are_refused(web, body):
    web.add("/feed", body, headers={"Content-Type": "application/rss+xml"})
    source = SourceFactory(url=web.url("/feed"))
    run = poll(source)
    assert run.outcome == FetchOutcome.UNSAFE_XML
    assert Item.objects.count() == 0
    assert "nguy hiểm" in source.last_error


def test_private_addresses_refused_unless_allowed(web, settings):
    settings.LANTOA_FETCH_ALLOW_PRIVATE = False
    web.add("/feed", FEED)
    source = SourceFactory(url=web.url("/feed"))
    run = poll(source)
    assert run.outcome == FetchOutcome.BLOCKED_ADDRESS
    assert web.routes["/feed"].requests == []


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.1.1", "169.254.169.254", "::1", "fe80::1", "0.0.0.0"],
)
def test_address_guard(settings, address):
    from lantoa.monitoring.fetcher import address_allowed

    settings.LANTOA_FETCH_ALLOW_PRIVATE = False
    assert not address_allowed(address)
    assert address_allowed("203.162.4.190")


def test_robots_txt_is_respected(web):
    web.add("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    web.add("/private/feed", FEED)
    source = SourceFactory(url=web.url("/private/feed"))
    assert poll(source).outcome == FetchOutcome.ROBOTS
    assert web.routes["/private/feed"].requests == []


def test_requests_to_one_host_are_spaced(web, settings):
    settings.LANTOA_FETCH_HOST_INTERVAL = 0.5
    route = web.add("/feed", FEED)
    source = SourceFactory(url=web.url("/feed"))
    poll(source)
    Source.objects.filter(pk=source.pk).update(next_fetch_at=None)
    poll(source)
    times = [r["at"] for r in route.requests]
    assert len(times) == 2 and times[1] - times[0] >= 0.45


def test_worker_carries_on_past_every_failure(web):
    web.add("/ok", FEED, headers={"Content-Type": "application/rss+xml"})
    web.add("/500", "x", status=500)
    web.add("/429", "x", status=429, headers={"Retry-After": "60"})
    web.add("/laughs", BILLION_LAUGHS)
    web.add("/loop", status=302, headers={"Location": "/loop"})
    web.add("/html", "<html><body>not a feed</body></html>", headers={"Content-Type": "text/html"})
    for path in ("/500", "/429", "/laughs", "/loop", "/ok", "/html", "/missing"):
        SourceFactory(url=web.url(path), name=path)
    runs = sources_poll_due()
    outcomes = {run.source.name: run.outcome for run in runs}
    assert outcomes == {
        "/500": FetchOutcome.HTTP_ERROR,
        "/429": FetchOutcome.RATE_LIMITED,
        "/laughs": FetchOutcome.UNSAFE_XML,
        "/loop": FetchOutcome.TOO_MANY_REDIRECTS,
        "/ok": FetchOutcome.OK,
        "/html": FetchOutcome.PARSE_ERROR,
        "/missing": FetchOutcome.HTTP_ERROR,
    }
    assert Item.objects.count() == 2
    assert PollRun.objects.filter(outcome=FetchOutcome.RUNNING).count() == 0
    # Nothing is due any more: every source got a future next_fetch_at.
    assert sources_poll_due() == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-13-45", None),  # feedparser alone rolled these over: 2020-01-01
        ("2019-02-30", None),
        ("2019-00-10", None),
        ("2019-05-04T25:00:00", None),
        ("2019-05-04T10:61", None),
        ("2019-05-04", "2019-05-04T00:00:00+07:00"),  # a naive date is the office's time
        ("2019-05-04T10:00Z", "2019-05-04T10:00:00+00:00"),
        # Naive in every format: the office's time, as the ISO date above.
        ("2019-5-4", "2019-05-04T00:00:00+07:00"),
        ("2003-12", "2003-12-01T00:00:00+07:00"),
        ("2019-5-4T10:00", "2019-05-04T10:00:00+07:00"),
        ("Sat, 04 May 2019 10:00:00", "2019-05-04T10:00:00+07:00"),
        ("04 May 2019", "2019-05-04T00:00:00+07:00"),
        ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00+00:00"),
        ("Sat, 04 May 2019 10:00:00 +0700", "2019-05-04T03:00:00+00:00"),
        # Zones feedparser could not read (no date) or read as UTC (seven hours off).
        ("Sat, 04 May 2019 10:00:00 GMT+7", "2019-05-04T03:00:00+00:00"),
        ("Sat, 04 May 2019 10:00:00 (GMT+07:00)", "2019-05-04T03:00:00+00:00"),
        ("Sat, 04 May 2019 10:00:00 UTC-5", "2019-05-04T15:00:00+00:00"),
        ("Sat, 04 May 2019 10:00:00 ICT", "2019-05-04T03:00:00+00:00"),
        ("Sat, 04 May 2019 10:00:00 JST", "2019-05-04T01:00:00+00:00"),
        ("Sat, 04 May 2019 10:00:00 EST", "2019-05-04T15:00:00+00:00"),
        ("31 Feb 2019 10:00:00 GMT", None),
        ("Sat, 04 May 2019 25:00:00", None),
        ("hôm qua", None),
        ("GMT+7", None),
        # Placeholders: Go's zero time, the Unix epoch.
        ("0001-01-01T00:00:00Z", None),
        ("Thu, 01 Jan 1970 00:00:00 GMT", None),
    ],
)
def test_a_date_is_read_as_written_and_an_impossible_one_is_no_date(text, expected):
    from lantoa.monitoring.formats.common import parse_date

    parsed = parse_date(text)
    assert (parsed.isoformat() if parsed else None) == expected
