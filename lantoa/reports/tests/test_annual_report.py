"""Acceptance 1: `manage.py annual_report --plan … --year 2026 --out report.docx` on the demo data
gives every section, and each figure in it equals the dashboard's figure and a count made here
straight from the ORM.

The demo plan 15-KH/ĐU ships with the repository; the seed plan 78-KH/ĐU is imported by
`load_demo` only when ../shared/seed holds it, so its test skips (saying why) without it.
"""

import io
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count, Sum
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from lantoa.core.text import nfc, vn_number
from lantoa.reports import selectors
from lantoa.reports.report_sections import NO_DATA

pytestmark = pytest.mark.django_db
YEAR = 2026  # the demo plans' tasks and sessions are dated 2026
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)
SEED_FILE = Path(settings.SEED_DIR) / "ke-hoach-78-KH-DU.txt"

# The results sections by their report_section key (not by position: a section added by another
# app must not shift the others), with the heading each has in the DOCX.
RESULTS = {
    "plans.dissemination": "Công tác quán triệt, tuyên truyền",
    "plans.tasks": "Kết quả thực hiện các nhiệm vụ",
    "plans.inspections": "Công tác kiểm tra, giám sát, đôn đốc",
    "insights": "Theo dõi, phân tích dư luận",
    "responses": "Xử lý thông tin sai lệch, làm rõ thông tin",
    "responses.violations": "Xử lý vi phạm trong hoạt động thông tin đối ngoại",
    "promotion": "Tuyên truyền, quảng bá hình ảnh Quy Nhơn - Gia Lai",
    "people": "Xây dựng đội ngũ làm công tác thông tin đối ngoại",
}


@pytest.fixture
def demo(settings, on_demo_day):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())


def _blocks(path: Path) -> list[tuple[str, object]]:
    """The body in order: ("p", text) for a paragraph, ("t", [[cell, …], …]) for a table."""
    blocks = []
    for child in Document(str(path)).element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(node.text or "" for node in child.iter(qn("w:t")))
            if text.strip():
                blocks.append(("p", text))
        elif child.tag == qn("w:tbl"):
            rows = [
                [
                    "".join(n.text or "" for n in cell.iter(qn("w:t")))
                    for cell in row.iter(qn("w:tc"))
                ]
                for row in child.iter(qn("w:tr"))
            ]
            blocks.append(("t", rows))
    return blocks


def _sections(blocks) -> dict[str, list]:
    """Blocks under each heading ("1. …" under "I. KẾT QUẢ THỰC HIỆN", then "II. …", …)."""
    sections, current = {}, None
    for kind, value in blocks:
        if kind == "p" and (match := re.fullmatch(r"(?:\d+|[IVX]+)\. (.+)", value)):
            title = match.group(1)
            if title in RESULTS.values() or re.fullmatch(r"[IVX]+", value.split(".")[0]):
                current = title
                sections[current] = []
                continue
        if kind == "p" and value == "PHỤ LỤC":
            current = "PHỤ LỤC"
            sections[current] = []
            continue
        if current is not None:
            sections[current].append((kind, value))
    return sections


def _text(section) -> str:
    return "\n".join(value for kind, value in section if kind == "p")


def _table(section, header_first: str) -> list[list[str]]:
    return next(rows for kind, rows in section if kind == "t" and rows[0][0] == header_first)[1:]


def _dashboard(plan) -> dict[str, dict[str, object]]:
    return {
        figure.spec.key: {str(c.label): c.value for c in figure.counts or []}
        for figure in selectors.kpi_figures(start=START, end=END, plan=plan)
    }


def _int(pattern: str, text: str) -> list[int]:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found in:\n{text}"
    return [int(group) for group in match.groups()]


def _build(code: str, tmp_path) -> tuple[dict, object]:
    from lantoa.plans.selectors import plan_by_code

    out = tmp_path / "report.docx"
    call_command(
        "annual_report",
        "--plan",
        code,
        "--year",
        str(YEAR),
        "--out",
        str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return _sections(_blocks(out)), plan_by_code(nfc(code))


def _check_every_section(sections, plan) -> None:
    from lantoa.insights.models import ItemAnalysis
    from lantoa.monitoring.models import Item
    from lantoa.people.models import CollaboratorParticipation, StaffMember, Training
    from lantoa.plans.models import DisseminationSession, Task
    from lantoa.promotion.models import ChannelPost
    from lantoa.reports.models import AnnualReportNarrative
    from lantoa.responses.models import Case

    dashboard = _dashboard(plan)
    titles = list(RESULTS.values())
    assert [title for title in sections if title in titles] == titles
    own = [title for title in sections if title not in titles]
    assert own == [
        "KẾT QUẢ THỰC HIỆN",
        "ĐÁNH GIÁ CHUNG",
        f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {YEAR + 1}",
        "KIẾN NGHỊ, ĐỀ XUẤT",
        "PHỤ LỤC",
    ]

    # 1. Dissemination of the plan (its chain of directives).
    text = _text(sections[RESULTS["plans.dissemination"]])
    organisations, held, attended = _int(
        r"(\d+) tổ chức đã tổ chức (\d+) buổi quán triệt, tuyên truyền với tổng số (\d+) lượt",
        text,
    )
    figure = dashboard["dissemination"]
    assert (held, organisations, attended) == (
        figure["Buổi quán triệt"],
        figure["Tổ chức đã quán triệt"],
        figure["Lượt người tham dự"],
    )
    orm = DisseminationSession.objects.filter(
        directive__in=plan.directive.chain(), held_on__year=YEAR
    )
    assert held == orm.count() > 0
    assert attended == orm.aggregate(n=Sum("attended"))["n"]
    assert organisations == orm.values("organisation").distinct().count()

    # 2. Tasks of the plan, by status bucket.
    text = _text(sections[RESULTS["plans.tasks"]])
    total, on_time, late, within, overdue = _int(
        r"Tổng số nhiệm vụ: (\d+); hoàn thành đúng hạn: (\d+); hoàn thành quá hạn: (\d+); "
        r"đang thực hiện trong hạn: (\d+); chưa hoàn thành, quá hạn: (\d+)\.",
        text,
    )
    assert dashboard["tasks"] == {
        "Hoàn thành đúng hạn": on_time,
        "Hoàn thành quá hạn": late,
        "Đang thực hiện trong hạn": within,
        "Chưa hoàn thành, quá hạn": overdue,
    }
    assert total == on_time + late + within + overdue
    tasks = Task.objects.filter(plan=plan, start_date__lte=END).exclude(state="cancelled")
    assert total == tasks.count() > 0
    assert len(_table(sections[RESULTS["plans.tasks"]], "STT")) == total

    # 2b. Inspection, supervision and urging (IV.3) of the plan.
    from lantoa.plans.models import InspectionVisit

    text = _text(sections[RESULTS["plans.inspections"]])
    visits = InspectionVisit.objects.filter(inspection__plan=plan, held_on__year=YEAR)
    if visits.exists():
        (held,) = _int(r"đã tiến hành (\d+) cuộc kiểm tra", text)
        assert held == visits.count()
    else:
        assert "chưa tiến hành cuộc kiểm tra, giám sát nào" in text

    # 3. Monitoring and public opinion: volume, tone, topics.
    section = sections[RESULTS["insights"]]
    text = _text(section)
    (items,) = _int(r"hệ thống thu thập (\d+) tin", text)
    tz = timezone.get_current_timezone()
    published = Item.objects.filter(
        published_at__gte=datetime.combine(START, time.min, tzinfo=tz),
        published_at__lt=datetime.combine(END + timedelta(days=1), time.min, tzinfo=tz),
    )
    assert items == sum(dashboard["monitoring_language"].values()) == published.count() > 0
    share = re.search(r"tích cực và trung tính đạt (\d+,\d)%", text).group(1)
    assert (
        float(share.replace(",", "."))
        == dashboard["positive_share"]["Tỷ lệ tích cực và trung lập (%)"]
    )
    topics = {name: int(n) for name, n in _table(section, "Chủ đề")}
    by_topic = dict(
        ItemAnalysis.objects.filter(item__in=published, topic__isnull=False)
        .values_list("topic__name")
        .annotate(n=Count("id"))
    )
    assert topics == dashboard["monitoring_topic"] == by_topic
    assert topics, "the demo items carry topics once insights has analysed them"

    # 4. Responses: cases and clarifications.
    text = _text(sections[RESULTS["responses"]])
    (cases,) = _int(r"tiếp nhận (\d+) vụ việc", text)
    (clarified,) = _int(r"đã công bố (\d+) bản làm rõ", text)
    assert cases == dashboard["cases"]["Vụ việc"]
    assert clarified == dashboard["cases"]["Đã công bố làm rõ"]
    in_year = Case.objects.filter(detected_at__year=YEAR)
    assert cases == in_year.count() > 0
    assert clarified == in_year.filter(published_at__isnull=False).count()

    # 4b. Violations register (III.2): detected in the year.
    from lantoa.responses.models import Violation

    text = _text(sections[RESULTS["responses.violations"]])
    found = Violation.objects.filter(detected_on__year=YEAR).count()
    if found:
        assert _int(r"phát hiện (\d+) vụ vi phạm", text) == [found]
    else:
        assert "không phát hiện vi phạm" in text

    # 5. Promotion: pages by language, outside posts, reach.
    text = _text(sections[RESULTS["promotion"]])
    pages, languages, posts, reach, interactions = _int(
        r"đăng mới (\d+) trang bằng (\d+) ngôn ngữ; (\d+) bài đăng trên các kênh ngoài với "
        r"(\d+) lượt tiếp cận và (\d+) lượt tương tác",
        text,
    )
    assert pages == sum(dashboard["promotion_language"].values()) > 0
    assert languages == len(dashboard["promotion_language"])
    assert posts == sum(dashboard["promotion_channel"].values())
    assert (reach, interactions) == (
        dashboard["promotion_reach"]["Lượt tiếp cận"],
        dashboard["promotion_reach"]["Lượt tương tác"],
    )
    channel_posts = ChannelPost.objects.filter(posted_at__year=YEAR)
    assert posts == channel_posts.count()
    assert reach == channel_posts.aggregate(n=Sum("reach"))["n"]

    # 6. People and training; collaborators in the editorial calendar's campaigns.
    section = sections[RESULTS["people"]]
    text = _text(section)
    staff, trainings, attendances, trained, untrained = _int(
        r"có (\d+) cán bộ làm công tác thông tin đối ngoại; trong năm đã tổ chức, cử cán bộ tham "
        r"gia (\d+) lớp tập huấn, bồi dưỡng với (\d+) lượt người; (\d+) cán bộ \(\d+(?:,\d)?%\) đã "
        r"được tập huấn, (\d+) cán bộ chưa",
        text,
    )
    assert dashboard["training"] == {
        "Lớp tập huấn": trainings,
        "Lượt người tham gia": attendances,
        "Cán bộ đã tập huấn": trained,
        "Cán bộ chưa tập huấn": untrained,
    }
    assert staff == StaffMember.objects.filter(is_active=True).count() == trained + untrained
    assert trainings == Training.objects.filter(start_date__year=YEAR).count() > 0
    (joined,) = _int(r"(\d+) lượt tham gia các chiến dịch", text)
    in_calendar, campaigns = _int(
        r"trong đó (\d+) lượt tham gia (\d+) chiến dịch của lịch biên tập", text
    )
    participations = CollaboratorParticipation.objects.filter(date__year=YEAR)
    assert (
        joined == dashboard["collaborators"]["Lượt tham gia chiến dịch"] == participations.count()
    )
    assert (
        in_calendar
        == dashboard["collaborators"]["Lượt tham gia chiến dịch của lịch biên tập"]
        == participations.exclude(campaign=None).count()
        > 0
    )
    assert campaigns == participations.exclude(campaign=None).values("campaign").distinct().count()
    rows = _table(section, "Chiến dịch, sự kiện")
    assert {name: int(n) for name, _people, n in rows} == dict(
        participations.exclude(campaign=None).values_list("campaign__name").annotate(n=Count("id"))
    )

    # 7. Assessment and 8. directions: the narrative as written in the admin.
    narrative = AnnualReportNarrative.objects.get(year=YEAR)
    text = _text(sections["ĐÁNH GIÁ CHUNG"])
    for heading, body in [
        ("1. Ưu điểm", narrative.strengths),
        ("2. Hạn chế", narrative.shortcomings),
        ("3. Nguyên nhân", narrative.causes),
    ]:
        assert f"{heading}\n{body}" in text
    directions = _text(sections[f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {YEAR + 1}"])
    assert directions.splitlines() == narrative.directions.splitlines()

    # Annex: every dashboard figure, value for value.
    annex = next(rows for kind, rows in sections["PHỤ LỤC"] if kind == "t")
    cells = {(title, label): value for title, label, value, *_ in annex[1:]}
    for spec in selectors.FIGURES:
        values = dashboard[spec.key]
        if not values:
            assert cells[(spec.title, "")] == NO_DATA
        for label, value in values.items():
            assert cells[(spec.title, label)] == vn_number(value)


def test_annual_report_of_the_demo_plan_equals_the_dashboard(demo, tmp_path):
    sections, plan = _build("15-KH/ĐU", tmp_path)
    _check_every_section(sections, plan)
    # The number is the report's entry in the document register (the demo takes 03-BC/ĐU).
    header = " ".join(
        cell
        for kind, rows in _blocks(tmp_path / "report.docx")[:2]
        if kind == "t"
        for row in rows
        for cell in row
    )
    assert "Số 03-BC/ĐU" in header
    # The plan's own figures and the ward's are labelled, never mixed without saying which.
    assert "(Số liệu riêng của Kế hoạch số 15-KH/ĐU.)" in _text(
        sections[RESULTS["plans.dissemination"]]
    )
    assert "(Số liệu chung của toàn phường" in _text(sections[RESULTS["insights"]])
    # Each plan item cites its evidence, from the plan's own records and from other apps (the
    # demo tags this year's trainings to item III.1); each task row has its item and evidence.
    tasks_text = _text(sections[RESULTS["plans.tasks"]])
    (trainings,) = _int(
        r"Mục III\.1 của kế hoạch: \d+ nhiệm vụ; căn cứ: .*?(\d+) lớp tập huấn", tasks_text
    )
    from lantoa.people.models import Training

    assert (
        trainings
        == Training.objects.filter(plan_item__path="III.1", start_date__year=YEAR).count()
        > 0
    )
    assert re.search(
        r"Mục IV\.2 của kế hoạch: 1 nhiệm vụ; căn cứ: 2 báo cáo được chấp nhận", tasks_text
    )
    header = _table(sections[RESULTS["plans.tasks"]], "STT")
    assert all(len(row) == 6 and row[5] for row in header)


@pytest.mark.skipif(
    not SEED_FILE.is_file(),
    reason=f"the seed plan 78-KH/ĐU is imported only when {SEED_FILE} exists (../shared/seed)",
)
def test_annual_report_of_the_seed_plan_78_equals_the_dashboard(demo, tmp_path):
    sections, plan = _build("78-KH/ĐU", tmp_path)
    _check_every_section(sections, plan)
