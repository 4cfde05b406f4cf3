import re
from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lantoa.core.models import User
from lantoa.core.reporting import ReportContext, collect_sections
from lantoa.core.text import vn_number
from lantoa.monitoring.models import Item, Source
from lantoa.monitoring.selectors import items_published_in_period
from lantoa.reports import selectors
from lantoa.reports.jobs import annual_report_files

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = date.today().year


@pytest.fixture
def demo_all(demo_ward):
    from lantoa.people import demo as people_demo
    from lantoa.reports import demo as reports_demo

    people_demo.load(log=lambda m: None)
    reports_demo.load(log=lambda m: None)
    return demo_ward


@pytest.fixture
def items():
    vn = Source.objects.create(name="Báo trong nước", kind="rss", outlet_type="domestic_press")
    foreign = Source.objects.create(
        name="Foreign Daily", kind="rss", outlet_type="foreign_press", country="KR", language="ko"
    )
    rows = [
        (vn, "vi", datetime(YEAR, 2, 1, 9, tzinfo=TZ)),
        (vn, "vi", datetime(YEAR, 3, 1, 9, tzinfo=TZ)),
        (foreign, "ko", datetime(YEAR, 4, 1, 9, tzinfo=TZ)),
        (foreign, "en", datetime(YEAR, 12, 31, 23, 30, tzinfo=TZ)),  # last evening, local time
        (vn, "vi", datetime(YEAR - 1, 12, 31, 23, 0, tzinfo=TZ)),  # last year
    ]
    for n, (source, language, when) in enumerate(rows):
        Item.objects.create(
            source=source,
            url=f"https://example.vn/{n}",
            url_hash=f"h{n}",
            title=f"Tin {n}",
            language=language,
            published_at=when,
        )


def _figures(figures):
    return {f.spec.key: {str(c.label): c.value for c in f.counts or []} for f in figures}


def test_monitoring_figures_equal_an_independent_count(items):
    figures = _figures(selectors.kpi_figures(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31)))
    # Counted by hand from the rows above.
    assert figures["monitoring_language"] == {"Tiếng Việt": 2, "Tiếng Hàn": 1, "Tiếng Anh": 1}
    assert figures["monitoring_outlet"] == {"Báo chí trong nước": 2, "Báo chí nước ngoài": 2}
    assert figures["foreign_coverage"] == {
        "Tin từ nguồn nước ngoài": 2,
        "Số nguồn nước ngoài có tin": 1,
        "Tỷ lệ tin nước ngoài (%)": 50.0,
    }


def test_figures_of_apps_not_there_yet_say_no_data(client, demo_all):
    client.force_login(User.objects.get(username="lanhdao"))
    html = client.get(reverse("reports_dashboard")).content.decode()
    for figure in selectors.kpi_figures(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31)):
        if figure.has_data:
            assert f'data-figure="{figure.spec.key}"' in html
        else:
            assert f'data-empty="{figure.spec.key}"' in html
    assert "chưa có dữ liệu" in html
    assert "vendor/chartjs/chart.min.js" in html
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)


def test_dashboard_filters_by_unit_and_links_to_matching_records(client, demo_all):
    client.force_login(User.objects.get(username="lanhdao"))
    unit = demo_all["van-hoa-xa-hoi"]
    html = client.get(reverse("reports_dashboard"), {"unit": unit.pk}).content.decode()
    link = re.search(
        r'<a href="([^"]+)" data-figure="training" data-label="Cán bộ đã tập huấn">(\d+)</a>', html
    )
    url, value = link.group(1).replace("&amp;", "&"), int(link.group(2))
    expected = [
        c.value
        for c in selectors.figure_compute(
            selectors.FIGURES[[s.key for s in selectors.FIGURES].index("training")],
            start=date(YEAR, 1, 1),
            end=date(YEAR, 12, 31),
            unit=unit,
        ).counts
        if str(c.label) == "Cán bộ đã tập huấn"
    ]
    assert [value] == expected and value == 3  # Bảo, Tâm and Hà of Phòng VH-XH
    listing = client.get(url).content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", listing, re.S).group(1)
    assert len(re.findall(r"<tr", body)) == value
    assert "Phạm Quốc Bảo" in body and "Đặng Hoài Nam" not in body


def test_unit_reporter_sees_only_their_unit(client, demo_all):
    client.force_login(User.objects.get(username="mttq"))
    other = demo_all["van-hoa-xa-hoi"]
    html = client.get(reverse("reports_dashboard"), {"unit": other.pk}).content.decode()
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam phường" in html.split("lantoa-kpi-grid")[0]


def test_report_job_files_carry_the_dashboard_figures(demo_all, items, tmp_path):
    """The job's DOCX (the plans builder) and XLSX annex carry every dashboard figure."""
    paths = annual_report_files(year=YEAR, plan_number="", out_dir=tmp_path)
    assert [p.suffix for p in paths][:2] == [".docx", ".xlsx"]
    docx_path, xlsx_path = paths[:2]
    dashboard = _figures(selectors.kpi_figures(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31)))

    # The section figures (people and training) equal the dashboard's.
    sections = {s.key: s for s in collect_sections(ReportContext.for_year(YEAR))}
    for label, value in dashboard["training"].items():
        assert sections["people"].figures[label] == value

    # The DOCX annex and the XLSX annex carry every dashboard figure, or "chưa có dữ liệu".
    document = Document(str(docx_path))
    annex = document.tables[-1]
    annex_rows = {(r.cells[0].text, r.cells[1].text): r.cells[2].text for r in annex.rows[1:]}
    workbook = load_workbook(BytesIO(xlsx_path.read_bytes()))
    sheet_rows = {
        (row[0], row[2] or ""): row[3]
        for row in workbook["Tổng hợp"].iter_rows(min_row=6, values_only=True)
    }
    for figure in selectors.FIGURES:
        values = dashboard[figure.key]
        if not values:
            assert annex_rows[(figure.title, "")] == "chưa có dữ liệu"
            assert sheet_rows[(figure.key, "")] == "chưa có dữ liệu"
        for label, value in values.items():
            assert annex_rows[(figure.title, label)] == vn_number(value)
            assert sheet_rows[(figure.key, label)] == value
    # Each figure with an admin list links to it, and last year's value stands beside it.
    links = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    counted = [
        count.url
        for figure in selectors.kpi_figures(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
        for count in figure.counts or []
        if count.url
    ]
    assert counted and {settings.WAGTAILADMIN_BASE_URL + url for url in counted} <= links
    assert [c.text for c in annex.rows[0].cells][2:] == [
        f"Năm {YEAR}",
        f"Năm {YEAR - 1}",
        "Thay đổi",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{dashboard['training']['Lớp tập huấn']} lớp tập huấn" in text
    assert f"kết quả công tác thông tin đối ngoại năm {YEAR}" in text
    with pytest.raises(ValidationError, match="Không có kế hoạch số 99-KH/ĐU"):
        annual_report_files(year=YEAR, plan_number="99-KH/ĐU", out_dir=tmp_path)


def test_topic_counts_equal_an_independent_count(items):
    from lantoa.insights.constants import TopicKind
    from lantoa.insights.models import ItemAnalysis, Topic
    from lantoa.insights.selectors import topic_counts

    tourism = Topic.objects.create(name="Du lịch", kind=TopicKind.PROMOTION, sort_order=2)
    investment = Topic.objects.create(name="Đầu tư", kind=TopicKind.PROMOTION, sort_order=1)
    Topic.objects.create(name="Không có tin", kind=TopicKind.PROMOTION, sort_order=0)
    rows = list(Item.objects.order_by("published_at"))  # the first one is last year's
    for item, topic in zip(rows, [tourism, tourism, investment, tourism, None], strict=True):
        ItemAnalysis.objects.create(item=item, topic=topic)
    this_year = items_published_in_period(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    # By hand: this year's four items are investment ×1, tourism ×2 and one without a topic.
    expected = [(investment, 1), (tourism, 2)]
    assert topic_counts(this_year) == expected
    assert topic_counts(Item.objects.all()) == [(investment, 1), (tourism, 3)]
    figures = _figures(selectors.kpi_figures(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31)))
    assert figures["monitoring_topic"] == {"Đầu tư": 1, "Du lịch": 2}
    section = {s.key: s for s in collect_sections(ReportContext.for_year(YEAR))}["insights"]
    table = next(t for t in section.tables if t.title == "Tin theo chủ đề")
    assert table.rows == [["Đầu tư", 1], ["Du lịch", 2]]


def test_job_list_shows_progress_and_failures_and_serves_files(
    client, demo_all, django_capture_on_commit_callbacks
):
    client.force_login(User.objects.get(username="lanhdao"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports_annual_report_start"), {"year": YEAR, "plan": ""})
    assert response.status_code == 302
    jobs_html = client.get(response["Location"]).content.decode()
    assert 'value="100"' in jobs_html and "Hoàn thành" in jobs_html
    download = re.search(r'href="(/admin/jobs/\d+/files/\d+/)" download>([^<]+\.docx)<', jobs_html)
    file_response = client.get(download.group(1))
    assert file_response.status_code == 200
    assert b"".join(file_response.streaming_content)[:2] == b"PK"
    # A bad year fails visibly with its reason, and another user cannot see the job.
    from lantoa.core.jobs.services import job_start

    with django_capture_on_commit_callbacks(execute=True):
        failed = job_start(kind="reports.annual_report", params={"year": 1800})
    status = client.get(reverse("core_job_status"), {"ids": failed.pk}).json()["jobs"][0]
    assert status["state"] == "failed" and "1800" in status["error"]
    assert "Chạy lại" in client.get(reverse("core_jobs")).content.decode()
    client.force_login(User.objects.get(username="mttq"))
    assert client.get(download.group(1)).status_code == 404


def test_monitoring_figure_links_list_exactly_the_counted_items(client, demo_ward, items):
    from lantoa.insights.constants import TopicKind
    from lantoa.insights.models import ItemAnalysis, Topic

    tourism = Topic.objects.create(name="Du lịch", kind=TopicKind.PROMOTION)
    for item in Item.objects.filter(language="vi"):
        ItemAnalysis.objects.create(item=item, topic=tourism)
    client.force_login(User.objects.get(username="admin"))
    figures = selectors.kpi_figures(
        start=date(YEAR, 1, 1),
        end=date(YEAR, 12, 31),
        keys=["monitoring_topic", "monitoring_language", "monitoring_outlet", "foreign_coverage"],
    )
    checked = 0
    for figure in figures:
        for count in figure.counts:
            if not count.url:
                continue
            html = client.get(count.url).content.decode()
            body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
            rows = len(re.findall(r"<tr", body.group(1))) if body else 0
            # A share or a number of sources lists the items it is computed from (its basis).
            assert rows == count.rows, (figure.spec.key, str(count.label), count.url)
            checked += 1
    # topic ×1, language ×3, outlet type ×2, foreign ×3 (items, sources, share)
    assert checked == 9
