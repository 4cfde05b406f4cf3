"""Every figure of the dashboard explains itself: each value links to the admin list of the
records it counts, with the same period, unit and plan, and that list shows as many rows as the
value says (or as the records a share, a median or a sum is computed from: `Count.basis`).

The test renders the dashboard on data it makes, follows every value's link as an administrator
and reads the list's own result count. It iterates over whatever the page shows, so a figure added
later is held to the same rule; it fails listing every value without a link, with another count,
and every figure left without data (whose values it could not check).
"""

import html as html_lib
import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantoa.core.constants import Audience
from lantoa.core.models import User
from lantoa.core.reporting import Cited, ReportContext, collect_sections
from lantoa.insights.constants import Tone, TopicKind
from lantoa.insights.models import ItemAnalysis, Topic
from lantoa.monitoring.models import Item, Source
from lantoa.people import demo as people_demo
from lantoa.people.models import StaffMember
from lantoa.people.tests.factories import TrainingAttendanceFactory, TrainingFactory
from lantoa.plans.constants import FindingKind, SessionForm
from lantoa.plans.services import (
    dissemination_session_record,
    inspection_finding_record,
    inspection_plan_create,
    inspection_recommend,
    inspection_visit_record,
)
from lantoa.plans.tests.factories import DirectiveFactory, make_task
from lantoa.promotion.constants import Channel, ThemeCode
from lantoa.promotion.models import ArticlePage, ChannelPost, NewsIndexPage, Theme
from lantoa.promotion.services import page_translate, site_ensure
from lantoa.reports.changes import previous_period
from lantoa.responses.constants import ViolationKind
from lantoa.responses.models import Case
from lantoa.responses.services import case_open
from lantoa.responses.services.violations import violation_record

pytestmark = pytest.mark.django_db

DAYS = 30
UNIT = "van-hoa-xa-hoi"  # the unit the unit-scoped run narrows to


def _at(day, hour=9):
    """`hour` o'clock on `day`, but never in the future: today's records before the hour comes
    (a case cannot be detected later than now)."""
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


@pytest.fixture
def period():
    end = timezone.localdate()
    return end - timedelta(days=DAYS - 1), end


@pytest.fixture
def office(demo_ward, period):
    """A little of everything every figure counts, in the period and the one before it."""
    start, end = period
    before, _ = previous_period(start, end)
    admin = User.objects.get(username="admin")
    unit, other = demo_ward[UNIT], demo_ward["ubnd"]
    people_demo.load(log=lambda message: None)

    # Monitoring and insights: items by language, outlet, topic and tone.
    home = Source.objects.create(name="Báo trong nước", kind="rss", outlet_type="domestic_press")
    abroad = Source.objects.create(
        name="Foreign Daily", kind="rss", outlet_type="foreign_press", language="en"
    )
    tourism = Topic.objects.create(name="Du lịch", kind=TopicKind.PROMOTION)
    investment = Topic.objects.create(name="Đầu tư", kind=TopicKind.PROMOTION)
    rows = [
        (home, "vi", start, tourism, Tone.POSITIVE),
        (home, "vi", start + timedelta(days=3), tourism, Tone.NEGATIVE),
        (home, "vi", end, investment, Tone.NEUTRAL),
        (abroad, "en", start + timedelta(days=5), tourism, None),
        (abroad, "ko", end - timedelta(days=1), None, None),  # not analysed
        (home, "vi", before, investment, Tone.POSITIVE),  # the previous period
        (home, "vi", start - timedelta(days=1), tourism, Tone.NEGATIVE),
    ]
    for n, (source, language, day, topic, tone) in enumerate(rows):
        item = Item.objects.create(
            source=source,
            url=f"https://example.vn/tin-{n}",
            url_hash=f"drill-{n}",
            title=f"Tin {n}",
            language=language,
            published_at=_at(day),
        )
        if topic or tone:
            ItemAnalysis.objects.create(item=item, topic=topic, tone=tone or "")

    # Plans: tasks, dissemination, inspection with a finding and a recommendation.
    units = demo_ward
    make_task(units, lead=UNIT, title="Nhiệm vụ quá hạn", start_date=before, due_date=start)
    make_task(units, lead="ubnd", title="Nhiệm vụ trong hạn", start_date=start, due_date=end)
    directive = DirectiveFactory()
    for organisation, day, invited in ((unit, start, 40), (other, end, 25), (unit, before, 9)):
        dissemination_session_record(
            organisation=organisation,
            directive=directive,
            held_on=day,
            form=SessionForm.CONFERENCE,
            audience=Audience.values[0],
            invited=invited,
            attended=invited - 2,
        )
    inspection = inspection_plan_create(
        title="Kiểm tra công tác TTĐN",
        year=start.year,
        inspecting_unit=other,
        start=before,
        end=end,
    )
    for day in (start + timedelta(days=1), before):
        visit = inspection_visit_record(
            inspection=inspection, unit=unit, planned_on=day, held_on=day
        )
        finding = inspection_finding_record(
            visit=visit, kind=FindingKind.SHORTCOMING, text="Chưa cập nhật sổ theo dõi"
        )
        inspection_recommend(
            visit=visit, finding=finding, text="Cập nhật sổ", unit=unit, due_date=end
        )

    # Responses: cases (one published), violations.
    for n, day in enumerate((start + timedelta(days=2), end, before)):
        case = case_open(
            claim=f"Tin sai số {n}",
            description="Tin sai về địa phương",
            user=admin,
            responsible_unit=unit,
            detected_at=_at(day, 8),
        )
        if n == 0:
            Case.objects.filter(pk=case.pk).update(published_at=_at(day, 20))
    for kind, day in ((ViolationKind.PUBLICATION, start), (ViolationKind.OTHER, before)):
        violation_record(
            kind=kind,
            summary="Phát hành tờ rơi không phép",
            occurred_on=day,
            detected_on=day,
            handling_unit=unit,
            user=admin,
        )

    # People: a training in the period, attended by two of the unit's staff.
    training = TrainingFactory(start_date=start + timedelta(days=2), unit=unit)
    for staff in StaffMember.objects.filter(unit=unit)[:2]:
        TrainingAttendanceFactory(training=training, staff=staff)

    # Promotion: pages by language and theme, posts on outside channels with reach.
    site = site_ensure(title="Quy Nhơn", intro="Giới thiệu")
    news = site.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    news.save_revision().publish()
    page_translate(page=news, language_code="en", strings={"Tin tức": "News", "tin-tuc": "news"})
    culture = Theme.objects.get(code=ThemeCode.CULTURE)
    article = news.add_child(
        instance=ArticlePage(title="Lễ hội", slug="le-hoi", summary="Tóm tắt", theme=culture)
    )
    article.save_revision().publish()
    old = news.add_child(
        instance=ArticlePage(title="Tin cũ", slug="tin-cu", summary="Tóm tắt", theme=culture)
    )
    old.save_revision().publish()
    type(old).objects.filter(pk=old.pk).update(first_published_at=_at(before))
    posts = [
        (Channel.FACEBOOK, start, 1200, 80),
        (Channel.ZALO, end, 35, 2),
        (Channel.FACEBOOK, before, 90, 4),
    ]
    for n, (channel, day, reach, interactions) in enumerate(posts):
        ChannelPost.objects.create(
            channel=channel,
            language="vi",
            url=f"https://facebook.com/phuong/bai-{n}",
            title=f"Bài {n}",
            posted_at=_at(day),
            reach=reach,
            interactions=interactions,
        )
    return unit


VALUE = re.compile(
    r'<(a|span) (?:href="(?P<href>[^"]*)" )?data-figure="(?P<figure>[^"]+)" '
    r'data-label="(?P<label>[^"]*)"(?: data-rows="(?P<rows>\d+)")?>(?P<value>[^<]*)</(?:a|span)>'
)


def listed_rows(html: str) -> int:
    """The number of records an admin list shows: Wagtail's "N matches" heading when filtered,
    else its table rows (one page), 0 when it says there is nothing."""
    heading = re.search(r'<h2 role="alert">(.*?)</h2>', html, re.S)
    if heading:
        return int(re.sub(r"\D", "", heading.group(1)))
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    if body is None:
        return 0
    assert 'class="pagination' not in html, "a paginated list without a result count"
    return len(re.findall(r"<tr[\s>]", body.group(1)))


def drill_down(client, query) -> tuple[int, list[str]]:
    """Follow every value's link on the dashboard; (values checked, problems found)."""
    page = client.get(reverse("reports_dashboard"), query)
    assert page.status_code == 200
    html = page.content.decode()
    problems = [f"{key}: chưa có dữ liệu" for key in re.findall(r'data-empty="([^"]+)"', html)]
    checked = 0
    for match in VALUE.finditer(html):
        name = f"{match['figure']} / {html_lib.unescape(match['label'])} = {match['value']}"
        href = html_lib.unescape(match["href"] or "")
        if not href:
            problems.append(f"{name}: không có liên kết")
            continue
        if match["rows"] is not None:
            expected = int(match["rows"])
        elif re.fullmatch(r"\d+", match["value"]):
            expected = int(match["value"])
        else:
            problems.append(f"{name}: không phải số bản ghi mà không nói tính từ bao nhiêu bản ghi")
            continue
        response = client.get(href)
        if response.status_code != 200:
            problems.append(f"{name}: {href} trả về {response.status_code}")
            continue
        rows = listed_rows(response.content.decode())
        if rows != expected:
            problems.append(f"{name}: danh sách {href} có {rows} dòng, cần {expected}")
        checked += 1
    return checked, problems


def test_every_dashboard_value_lists_the_records_it_counts(client, office, period):
    client.force_login(User.objects.get(username="admin"))
    start, end = period
    query = {"start": start.isoformat(), "end": end.isoformat()}
    checked, problems = drill_down(client, query)
    unit_checked, unit_problems = drill_down(client, {**query, "unit": office.pk})
    assert not problems + [f"[{office.name}] {p}" for p in unit_problems], "\n".join(
        problems + unit_problems
    )
    # Every value of every figure was followed (the figures of the lists above: 50 and more).
    assert checked >= 50 and unit_checked >= 40, (checked, unit_checked)


def test_every_linked_figure_of_the_annual_report_lists_what_it_counts(client, office, period):
    """The report's sentences cite their figures (`Cited`): each link opens the admin list of
    the records the figure counts, for the report's period."""
    client.force_login(User.objects.get(username="admin"))
    start, end = period
    context = ReportContext(year=end.year, start=start, end=end)
    cited = [
        (section.key, paragraph)
        for section in collect_sections(context)
        for paragraph in section.paragraphs
        if isinstance(paragraph, Cited)
    ]
    linked = {key for key, _paragraph in cited}
    assert {"insights", "international", "people", "promotion", "responses"} <= linked, linked
    problems, checked = [], 0
    for key, paragraph in cited:
        for link in paragraph.links:
            number = re.match(r"\d+(?= )", link.text)  # "12 tin"; a share has no row count
            if number is None:
                continue
            response = client.get(link.url)
            rows = listed_rows(response.content.decode()) if response.status_code == 200 else -1
            if rows != int(number.group()):
                problems.append(f"{key}: «{link.text}» → {link.url} có {rows} dòng")
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked >= 12, checked
