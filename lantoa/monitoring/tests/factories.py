import factory

from lantoa.monitoring.constants import OutletType, SourceKind
from lantoa.monitoring.models import Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Báo thử nghiệm {n}")
    kind = SourceKind.FEED
    url = "http://127.0.0.1:9/feed"
    outlet_type = OutletType.DOMESTIC_PRESS
    language = "vi"
    # Tests not about full text do not fetch article pages (test_full_text covers the default).
    full_text = False


def rss(*items, title="Báo Gia Lai thử nghiệm", extra="") -> str:
    """An RSS 2.0 document; each item a dict with title, link, description, pubDate."""
    body = "".join(
        "<item>"
        f"<title>{i['title']}</title><link>{i['link']}</link>"
        f"<description>{i.get('description', '')}</description>"
        + (f"<pubDate>{i['pubDate']}</pubDate>" if i.get("pubDate") else "")
        + "</item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{extra}<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>{body}</channel></rss>"
    )


ARTICLE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="article:published_time" content="{date}">
</head><body><nav><a href="/">Trang chủ</a> <a href="/the-thao">Thể thao</a></nav>
<article><h1>{title}</h1>
<p>{para}</p><p>{para} Người dân và du khách đánh giá cao sự chuẩn bị chu đáo của chính
quyền địa phương trong suốt thời gian diễn ra sự kiện.</p>
<p>Theo ban tổ chức, chương trình năm nay thu hút hàng nghìn lượt người tham gia, góp phần quảng
bá hình ảnh thành phố biển Quy Nhơn thân thiện, mến khách tới bạn bè trong nước và quốc tế.</p>
</article><footer>Bản quyền thuộc về báo thử nghiệm</footer></body></html>"""


def article(title, para, *, lang="vi", date="2026-11-20T08:00:00+07:00") -> str:
    return ARTICLE.format(title=title, para=para, lang=lang, date=date)
