"""The international view: coverage abroad by country, language and outlet type, tone by month,
the stories behind it; every figure's link opens the item list with exactly that many rows (the
CSV export of the filtered list is counted), and the annual report carries the same figures."""

import csv
import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantoa.core.models import User
from lantoa.core.reporting import ReportContext

from ..constants import Tone
from ..models import ItemAnalysis
from ..report_sections import international_section
from ..selectors import international_view
from .factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db
START, END = date(2026, 1, 1), date(2026, 12, 31)


def _at(month: int, day: int = 10):
    return timezone.make_aware(datetime(2026, month, day, 9))


@pytest.fixture
def coverage():
    local = SourceFactory(name="Báo trong nước", country="VN")
    wire = SourceFactory(name="Wire SG", outlet_type="foreign_press", country="SG")
    jp = SourceFactory(name="Báo Nhật", outlet_type="foreign_press", country="JP")
    blog = SourceFactory(name="Blog Pháp", outlet_type="blog", country="FR")
    specs = [
        (local, "vi", 3, None),  # local: not counted
        (local, "en", 3, Tone.POSITIVE),  # a Vietnamese outlet's English page: counted
        (wire, "en", 3, Tone.NEGATIVE),
        (wire, "en", 4, Tone.NEUTRAL),
        (wire, "vi", 4, Tone.NEGATIVE),
        (jp, "ja", 4, Tone.POSITIVE),
        (jp, "ja", 5, None),
        (blog, "fr", 5, Tone.NEGATIVE),
    ]
    items = []
    for n, (source, language, month, tone) in enumerate(specs):
        item = ItemFactory(
            source=source, language=language, published_at=_at(month), title=f"Tin {n}"
        )
        if tone:
            ItemAnalysis.objects.create(item=item, tone=tone)
        items.append(item)
    ItemFactory(source=wire, language="en", published_at=_at(1) - timedelta(days=400))
    return items


def _rows(client, url: str) -> int:
    response = client.get(url + "&export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) - 1


def test_every_figure_links_to_the_same_number_of_items(client, coverage):
    view = international_view(start=START, end=END)
    assert view["total"] == 7
    assert {r["key"]: r["count"] for r in view["by_country"]} == {
        "SG": 3,
        "JP": 2,
        "FR": 1,
        "VN": 1,
    }
    assert {r["key"]: r["count"] for r in view["by_language"]} == {
        "en": 3,
        "ja": 2,
        "vi": 1,
        "fr": 1,
    }
    april = next(r for r in view["tone_by_month"] if r["month"] == date(2026, 4, 1))
    assert {t["tone"]: t["count"] for t in april["tones"]} == {
        Tone.POSITIVE: 1, Tone.NEUTRAL: 1, Tone.NEGATIVE: 1
    }  # fmt: skip

    client.force_login(User.objects.create_superuser("quocte", "q@example.org", "x"))
    links = [(view["total"], view["total_url"])]
    for key in ("by_country", "by_language", "by_outlet_type"):
        links += [(r["count"], r["url"]) for r in view[key]]
    for row in view["tone_by_month"]:
        links += [(t["count"], t["url"]) for t in row["tones"]]
    for expected, url in links:
        assert _rows(client, url) == expected, url

    page = client.get(reverse("insights_international") + "?from=2026-01-01&to=2026-12-31")
    assert page.status_code == 200
    assert page.content.decode().count("data-drill") == len(links) + len(view["stories"])
    # Countries and languages by their Vietnamese names, never their codes.
    assert [r["label"] for r in view["by_country"]] == ["Singapore", "Nhật Bản", "Pháp", "Việt Nam"]
    assert [r["label"] for r in view["by_language"]] == [
        "Tiếng Anh", "Tiếng Nhật", "Tiếng Pháp", "Tiếng Việt"
    ]  # fmt: skip
    cells = re.findall(r"<td>([^<]*)</td>", page.content.decode())
    assert {"Singapore", "Nhật Bản", "Tiếng Anh", "Tiếng Nhật"} <= set(cells)
    assert not {"SG", "JP", "FR", "en", "ja", "fr"} & set(cells)
    wrong = client.get(reverse("insights_international") + "?from=2026-12-31&to=2026-01-01")
    assert "Ngày bắt đầu phải trước ngày kết thúc" in wrong.content.decode()


def test_the_annual_report_has_the_international_section(coverage):
    section = international_section(ReportContext(year=2026, start=START, end=END))
    assert section.figures["foreign_items"] == 7
    assert section.figures["country:SG"] == 3
    # Known tones: 2 positive + 1 neutral of 6 known.
    assert section.figures["foreign_positive_neutral_share"] == 50.0
    assert section.tables[0].title == "Tin nước ngoài theo quốc gia"
    assert section.tables[0].rows[0] == ["Singapore", 3]
    assert section.tables[1].rows[0] == ["Tiếng Anh", 3]
    assert "nhiều nhất từ Singapore (3), Nhật Bản (2)" in str(section.paragraphs[0])
