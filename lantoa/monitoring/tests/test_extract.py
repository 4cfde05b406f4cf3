"""Extraction: what is cut out before the parse changes nothing in the extracted text."""

import gzip
import re

import pytest
import trafilatura
from django.conf import settings

from lantoa.monitoring.pipeline import extract
from lantoa.monitoring.pipeline.extract import EXTRACT_OPTIONS, extract_page, strip_unread

EXTRACTION = settings.DATA_DIR / "extraction" / "html"


def test_script_style_and_comments_are_cut_and_the_rest_kept():
    page = (
        b"<html><head><STYLE>p{}</style ><script>var s = '</div><p>not text</p>';</SCRIPT >"
        b"<!-- <p>commented</p> --></head><body><script-widget>kept</script-widget>"
        b"<p>Quy Nh\xc6\xa1n</p><script type=module>x()</script><p>after</p>"
        b'<SCRIPT TYPE="application/LD+json">{"@type": "NewsArticle"}</script>'
        b"<script>never closed <p>tail</p>"
    )
    # JSON-LD is kept: trafilatura reads it.
    assert strip_unread(page) == (
        b"<html><head></head><body><script-widget>kept</script-widget>"
        b'<p>Quy Nh\xc6\xa1n</p><p>after</p><SCRIPT TYPE="application/LD+json">'
        b'{"@type": "NewsArticle"}</script><script>never closed <p>tail</p>'
    )
    plain = "<html><body><p>Không có gì để cắt</p>".encode()
    assert strip_unread(plain) is plain


def test_svg_elements_are_cut_whole_nested_or_self_closed_and_unbalanced_ones_kept():
    page = (
        b"<p>Quy<SVG class=icon><svg><g/></svg><title>logo</title></svg >Nh\xc6\xa1n</p>"
        b"<p>a<svg/>b<svg x='1'/>c</p><svg-icon>kept</svg-icon><script>x()</script>"
        b"<p>d<svg>never closed<p>e</p><script>y()</script><p>f</p>"
    )
    assert strip_unread(page) == (
        b"<p>QuyNh\xc6\xa1n</p><p>abc</p><svg-icon>kept</svg-icon>"
        b"<p>d<svg>never closed<p>e</p><p>f</p>"
    )


def test_after_an_unbalanced_svg_the_page_s_other_svgs_are_kept_and_not_walked_again(monkeypatch):
    # A hostile page of thousands of unclosed <svg>: each one walked to the page's end would make
    # the cut quadratic (8,000 tags: 9 s of CPU). The first unbalanced one stops the svg cutting.
    walks = []
    walk = extract._svg_end
    monkeypatch.setattr(extract, "_svg_end", lambda *args: walks.append(1) or walk(*args))
    page = b"<p>a</p>" + b"<svg><p>x</p>" * 1000 + b"<svg></svg><script>z()</script>"
    assert strip_unread(page) == page.removesuffix(b"<script>z()</script>")
    assert len(walks) == 1


def test_an_svg_with_text_inside_leaves_the_article_alone():
    line = "lễ hội Tây Sơn ở Quy Nhơn thu hút du khách."
    icon = '<svg viewBox="0 0 9 9"><title>biểu tượng</title><text>chia sẻ</text></svg>'
    article = "".join(f"<p>Đoạn {n}: {icon}{line}</p>" for n in range(8))
    html = (
        f"<html><head><title>Lễ hội</title></head><body><article>{article}</article></body></html>"
    )
    page = extract_page(html.encode())
    assert "chia sẻ" not in page.text and "Đoạn 7: lễ hội" in page.text
    assert page.text == trafilatura.extract(html, **EXTRACT_OPTIONS)


def test_a_script_full_of_markup_leaves_the_article_alone():
    line = "lễ hội Tây Sơn ở Quy Nhơn thu hút du khách."
    article = "".join(f"<p>Đoạn {n}: {line}</p>" for n in range(8))
    noisy = "<script>document.write('<div><p>quảng cáo</p></div>');</script>"
    html = f"<html><head><title>Lễ hội</title>{noisy}</head><body><article>{article}"
    html += f"{noisy}</article></body></html>"
    page = extract_page(html.encode())
    assert "quảng cáo" not in page.text and "Đoạn 7" in page.text
    assert page.text == trafilatura.extract(html, **EXTRACT_OPTIONS)


@pytest.mark.skipif(not EXTRACTION.is_dir(), reason=f"{EXTRACTION} absent (LANTOA_DATA_DIR)")
def test_every_benchmark_page_extracts_the_same_text_as_bare_trafilatura():
    paths = sorted(EXTRACTION.glob("*.html.gz"))
    differ = []
    for path in paths:
        body = gzip.decompress(path.read_bytes())
        expected = trafilatura.extract(body, **EXTRACT_OPTIONS) or ""
        if extract_page(body).text != expected:
            differ.append(path.name)
    assert len(paths) > 100 and differ == []


def test_the_metadata_is_read_from_the_tags_wherever_they_stand_in_the_page():
    html = (
        '<!DOCTYPE html><html class="a>b" lang="vi-VN"><head><title>Lễ hội &amp; du lịch</title>'
        '<meta name="description" content="x > y"><meta property="og:title" content="">'
        "</head><body><article>"
        + "".join(f"<p>Đoạn {n}: lễ hội Tây Sơn ở Quy Nhơn thu hút du khách.</p>" for n in range(8))
        + '<svg><title>biểu tượng</title></svg><meta itemprop="datePublished" '
        'data-note="a > b" content="2026-03-05T08:00:00+07:00"><title>second</title>'
        "</article></body></html>"
    )
    page = extract_page(html.encode())
    # og:title is empty, so the first <title> (entities decoded); the date from the body's meta;
    # a quoted ">" does not end a tag.
    assert page.title == "Lễ hội & du lịch"
    assert page.lang == "vi"
    assert page.published_at.isoformat() == "2026-03-05T08:00:00+07:00"
    assert page.text == trafilatura.extract(html, **EXTRACT_OPTIONS)
    titled = html.replace('property="og:title" content=""', 'property="og:title" content="Tin A"')
    assert extract_page(titled.encode()).title == "Tin A"
    assert extract_page(b"") == extract_page(b"   ")
    assert extract_page(b"").title == "" and extract_page(b"").published_at is None


def _page_with_ld(*blocks: str, meta: str = "") -> bytes:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return (
        f"<html><head><title>Tin</title>{meta}{scripts}</head><body><article>"
        + "".join(f"<p>Đoạn {n}: lễ hội Tây Sơn ở Quy Nhơn thu hút du khách.</p>" for n in range(8))
        + "</article></body></html>"
    ).encode()


def test_a_page_that_states_its_date_only_in_json_ld_gets_the_article_s_date():
    graph = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "datePublished": "2020-01-01"},'
        '{"@type": ["NewsArticle"], "headline": "Tin\nmới",'
        ' "datePublished": "2026-03-05T08:00:00+07:00"}]}'
    )
    # A broken block, one nested past the recursion limit and a date that is not a string are
    # skipped; the article's date wins over an earlier object's.
    body = _page_with_ld("{not json", "[" * 100_000, '{"datePublished": 20200101}', graph)
    assert extract_page(body).published_at.isoformat() == "2026-03-05T08:00:00+07:00"
    # No article among the objects: the first date stated.
    assert (
        extract_page(_page_with_ld(graph.replace("NewsArticle", "Thing"))).published_at.year == 2020
    )
    # The <meta> date, when there is one, comes first.
    meta = '<meta property="article:published_time" content="2025-12-31T23:00:00+07:00">'
    assert extract_page(_page_with_ld(graph, meta=meta)).published_at.year == 2025
    assert extract_page(_page_with_ld("{}", '{"@type": "NewsArticle"}')).published_at is None
    # A block that is not JSON (a single-quoted string) still states its date.
    broken = """{"@type": "NewsArticle", "description": 'Giá dầu', "datePublished": "2019-11-19"}"""
    assert (
        extract_page(_page_with_ld(broken)).published_at.isoformat() == "2019-11-19T00:00:00+07:00"
    )


def _page(head: str = "", body: str = "") -> bytes:
    paragraphs = "".join(f"<p>Đoạn {n}: Quy Nhơn đón đoàn khách quốc tế.</p>" for n in range(8))
    return f"<html><head><title>Tin</title>{head}</head><body>{body}{paragraphs}</body></html>"


_WIRE_LD = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": '
    '"0001-01-01T00:00:00Z", "datePublished": "0001-01-01T00:00:00Z"}</script>'
)
_SIDEBAR = '<aside><time datetime="2019-11-02T07:00:00Z">2/11</time></aside>'
_MARKED = '<time itemprop="datePublished" datetime="2019-11-18T06:30:00-05:00">'
_UPDATED = '<time class="updated" datetime="2018-08-13T08:04:08+00:00">'
_MIDNIGHT = "T00:00:00+07:00"  # a day alone is the office's midnight


@pytest.mark.parametrize(
    ("head", "body", "path", "expected"),
    [
        # A wire service's JSON-LD states Go's zero time: the address's day instead.
        (_WIRE_LD, "", "/story/news/nation/2019/11/19/meth/4241010002/", "2019-11-19" + _MIDNIGHT),
        # No stated date: a <time> marked as the publication's wins over an earlier one and over
        # the address.
        ("", _SIDEBAR + _MARKED, "/2019/11/opening-bell", "2019-11-18T06:30:00-05:00"),
        ("", f"{_SIDEBAR}<time\npubdate datetime='2019-11-18'>", "/", "2019-11-18" + _MIDNIGHT),
        # Else the address's day (its path: /2019/nov/18/, /2019-11-19/, /20191119/) …
        ("", _SIDEBAR, "/commentisfree/2019/nov/18/view", "2019-11-18" + _MIDNIGHT),
        ("", "", "/business/story/2019-11-19/gannett", "2019-11-19" + _MIDNIGHT),
        ("", "", "/thoi-su/20191119/tin.html", "2019-11-19" + _MIDNIGHT),
        # … else the first <time datetime> of the page (WordPress writes class="updated").
        ("", _UPDATED + _SIDEBAR, "/about-bugs/", "2018-08-13T08:04:08+00:00"),
        ("", _SIDEBAR, "/2019/13/45/bad", "2019-11-02T07:00:00+00:00"),
        # Digits that are no date, a date in the query, a day to come: no date.
        ("", "", "/news/20970600/browns", None),
        ("", "", "/news_view.html?idx=8576&date=2019-11-19", None),
        ("", "", "/2099/01/01/later", None),
        ("", "<time>hôm qua</time>", "/", None),
    ],
)
def test_a_page_that_states_no_date_is_dated_by_its_time_elements_or_its_address(
    head, body, path, expected
):
    page = _page(head, body).encode()
    published = extract_page(page, url=f"https://example.com{path}").published_at
    assert (published.isoformat() if published else None) == expected


_AT_TEN = "2019-05-04T10:00:00+07:00"


@pytest.mark.parametrize(
    ("lang", "body", "expected"),
    [
        # A news site's dateline: weekday, day/month/year, clock time, zone.
        ("vi", '<span class="date">Thứ bảy, 4/5/2019, 10:00 (GMT+7)</span>', _AT_TEN),
        ("vi-VN", '<div class="date-time">04/05/2019 10:00 GMT+7</div>', _AT_TEN),
        # The date and the time in two elements; the time first.
        ("vi", '<span class="d">04/05/2019</span><span class="t">10:00</span>', _AT_TEN),
        ("vi", "<span>10:00 | 04-05-2019</span>", _AT_TEN),
        ("vi", "<span>04/05/2019 10:00 PM</span>", "2019-05-04T22:00:00+07:00"),
        ("vi", "<span>12:05 SA - 04/05/2019</span>", "2019-05-04T00:05:00+07:00"),
        ("vi", "<p>Cập nhật lúc 10h30 ngày 4 tháng 5 năm 2019</p>", "2019-05-04T10:30:00+07:00"),
        # A portal's label and a day alone: the office's midnight.
        ("vi", '<div class="ngay-dang">Ngày đăng: 04/05/2019</div>', "2019-05-04" + _MIDNIGHT),
        # A header's today after a weekday gives way to the article's date with its clock time.
        ("vi", "<div>Thứ Hai, 06/01/2025</div><h1>Tin</h1><i>04/05/2019 10:00</i>", _AT_TEN),
        ("vi", "<div>Thứ Hai, ngày 06/01/2025</div><h1>Tin</h1>", "2025-01-06" + _MIDNIGHT),
        # No lang attribute, Vietnamese text (the paragraphs' "Nhơn"): read.
        ("", "<span>Thứ bảy, 4/5/2019, 10:00</span>", _AT_TEN),
        # A date in the text with neither clock nor label is an event's; an impossible day, a day
        # to come and a page in English (4/5 would be April 5) are no date.
        ("vi", "<p>Ngày 15/3/2019, phường tổ chức hội nghị.</p>", None),
        ("vi", "<span>31/02/2019 10:00</span>", None),
        ("vi", "<span>04/05/2099 10:00</span>", None),
        ("en", "<span>Saturday, 4/5/2019, 10:00</span>", None),
    ],
)
def test_a_vietnamese_page_is_dated_by_the_date_it_shows_its_readers(lang, body, expected):
    page = _page(body=body).replace("<html>", f'<html lang="{lang}">' if lang else "<html>")
    published = extract_page(page.encode(), url="https://example.com/tin-tuc/123").published_at
    assert (published.isoformat() if published else None) == expected


@pytest.mark.parametrize(
    ("lang", "body", "expected"),
    [
        # Korean, Japanese and Chinese outlets: year first, their country's time unless written.
        ("ko", "<div>기사입력 :[ 2018-08-25 15:24 ]</div>", "2018-08-25T15:24:00+09:00"),
        ("ko", "<span>입력 2019.11.26. 오후 3:24</span>", "2019-11-26T15:24:00+09:00"),
        ("", "<p>2019년 11월 26일 15시 24분</p><p>퀴논 관광</p>", "2019-11-26T15:24:00+09:00"),
        ("ja", "<p>2019年11月26日 10時00分 配信</p>", "2019-11-26T10:00:00+09:00"),
        ("ja", "<p>公開日：2019/11/26</p>", "2019-11-26T00:00:00+09:00"),
        ("zh-CN", "<p>发布时间：2019-11-26 10:00</p>", "2019-11-26T10:00:00+08:00"),
        ("zh", "<p>2019年11月26日 下午3:05</p>", "2019-11-26T15:05:00+08:00"),
        # English and French: the month's name; the zone written after the clock, else the
        # office's, as for any time without a zone.
        ("en", "<p>By A. Writer November 19, 2019, 07:47 PM EST</p>", "2019-11-19T19:47:00-05:00"),
        ("en", "<p>Posted: Fri 6:45 PM, Feb 16, 2018 | Updated</p>", "2018-02-16T18:45:00+07:00"),
        ("en", "<p>Nov. 19, 2019 9:02 a.m. (GMT+9)</p>", "2019-11-19T09:02:00+09:00"),
        ("en", "<p>Published 19th November 2019</p>", "2019-11-19" + _MIDNIGHT),
        ("fr", "<p>Publié le 25 novembre 2019 à 10h00</p>", "2019-11-25T10:00:00+07:00"),
        ("fr", "<p>Mis à jour le 25/11/2019 à 10h05</p>", "2019-11-25T10:05:00+07:00"),
        ("fr", "<p>le 1er mai 2019 à 08:30</p>", "2019-05-01T08:30:00+07:00"),
        # No clock and no label: an event's date; a Korean footer's registration date; a day to
        # come; an impossible day; day first in English or Korean.
        ("en", "<p>The festival opened on November 19, 2019 in Quy Nhon.</p>", None),
        ("ko", "<p>[ 등록년월일 : 2012년 11월 06일 ]</p>", None),
        ("en", "<p>Posted November 19, 2099 10:00</p>", None),
        ("ja", "<p>2019年2月30日 10時00分</p>", None),
        ("ko", "<p>26.11.2019 15:24</p>", None),
    ],
)
def test_a_foreign_page_is_dated_by_the_date_it_shows_its_readers(lang, body, expected):
    page = f"<html><head><title>t</title></head><body>{body}<p>Quy Nhon news.</p></body></html>"
    page = page.replace("<html>", f'<html lang="{lang}">' if lang else "<html>")
    published = extract_page(page.encode(), url="https://example.com/news/123").published_at
    assert (published.isoformat() if published else None) == expected


@pytest.mark.skipif(not EXTRACTION.is_dir(), reason=f"{EXTRACTION} absent (LANTOA_DATA_DIR)")
def test_every_benchmark_page_whose_json_ld_states_a_date_gets_one():
    # (A placeholder, "0001-01-01", states no date: three of the pages carry one.)
    stated = re.compile(
        rb'application/ld\+json.{0,20000}?"datePublished"\s*:\s*"(?:19|20)\d\d-\d\d-\d\d', re.S
    )
    missing = []
    pages = 0
    for path in sorted(EXTRACTION.glob("*.html.gz")):
        body = gzip.decompress(path.read_bytes())
        if stated.search(body):
            pages += 1
            if extract_page(body).published_at is None:
                missing.append(path.name)
    assert pages > 50 and missing == []


class _Counted:
    """A compiled pattern that counts its searches and matches."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def search(self, *args):
        self.calls += 1
        return self.pattern.search(*args)

    def match(self, *args):
        self.calls += 1
        return self.pattern.match(*args)


def test_a_hostile_page_of_unended_tags_is_read_once_not_once_per_tag(monkeypatch):
    # Thousands of <meta> tags that never end, unclosed JSON-LD scripts and <title>s: looked for
    # again from each of them, the metadata took 3-8 s of CPU on a 100 kB page.
    tag_end = _Counted(extract._TAG_END)
    script_close = _Counted(extract._SCRIPT_CLOSE)
    title_close = _Counted(extract._TITLE_CLOSE)
    monkeypatch.setattr(extract, "_TAG_END", tag_end)
    monkeypatch.setattr(extract, "_SCRIPT_CLOSE", script_close)
    monkeypatch.setattr(extract, "_TITLE_CLOSE", title_close)
    page = (
        b"<html><body><p>Quy Nh\xc6\xa1n</p>"
        + b'<title>x<script type="application/ld+json">{' * 1000
        + b"<meta name=a content=b " * 1000
    )
    content = extract_page(page)
    assert (content.title, content.published_at) == ("", None)
    assert (tag_end.calls, script_close.calls, title_close.calls) == (2, 1, 1)
