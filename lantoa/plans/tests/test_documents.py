"""The annual report, the reminder letter and the XLSX export, opened and read back."""

import io
import re
from datetime import date

import docx
import openpyxl
import pytest
from django.core.management import call_command

from lantoa.core.models import User
from lantoa.plans.constants import Audience, Bucket, DocSystem, DocType, SessionForm
from lantoa.plans.documents import annual_report_build, reminder_letter_build
from lantoa.plans.exports import tasks_workbook
from lantoa.plans.importer import parse_plan
from lantoa.plans.models import Task
from lantoa.plans.services import (
    dissemination_session_record,
    document_symbol_validate,
    plan_import,
    plan_import_file,
    plan_tasks_create,
    progress_report_review,
    progress_report_submit,
    task_create,
)

pytestmark = pytest.mark.django_db
YEAR = 2025  # a finished year, so every bucket is fixed whatever today's date is


def cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def runs_of(cell, text):
    return [run for p in cell.paragraphs for run in p.runs if run.text == text]


@pytest.fixture
def seed_plan_with_work(demo_ward, seed_path):
    """The seed plan with tasks whose outcome the test decides: one of each bucket, sessions."""
    plan = plan_import_file(data=seed_path.read_bytes(), filename=seed_path.name)
    units = demo_ward
    lead = {
        t.source_section.path: t
        for t in plan_tasks_create(
            plan=plan,
            start_date=date(YEAR, 1, 1),
            due_date=date(YEAR, 6, 30),
            end_date=date(YEAR, 12, 31),
        )
    }
    # IV.1 is annual (due 31/12): reported and accepted in time → completed on time.
    # IV.2 (due 30/6) is completed on 15/8 → completed late. IV.3 stays open → overdue.
    # One extra task due 31/12 stays open → within its deadline. One is cancelled.
    reviewer = User.objects.get(username="admin")
    for path, unit, on in (
        ("IV.1", "ubnd", date(YEAR, 12, 20)),
        ("IV.2", "mttq", date(YEAR, 8, 15)),
    ):
        report = progress_report_submit(
            task=lead[path],
            unit=units[unit],
            user=reviewer,
            narrative="Hoàn thành.",
            reports_completion=True,
            submitted_on=on,
            sessions_held=2,
            attendees=70,
            articles_published=5,
        )
        progress_report_review(
            report=report, user=User.objects.get(username="lanhdao"), accept=True
        )
    task_create(
        title="Nhiệm vụ bổ sung",
        lead_unit=units["van-hoa-xa-hoi"],
        plan=plan,
        start_date=date(YEAR, 3, 1),
        due_date=date(YEAR, 12, 31),
    )
    cancelled = task_create(
        title="Nhiệm vụ đã hủy",
        lead_unit=units["ubnd"],
        plan=plan,
        start_date=date(YEAR, 3, 1),
        due_date=date(YEAR, 4, 30),
    )
    from lantoa.plans.services import task_cancel

    task_cancel(task=cancelled)
    sessions = [("mttq", 40), ("hoi-phu-nu", 25), ("chi-bo-khu-pho-1", 30)]
    for code, attended in sessions:
        dissemination_session_record(
            organisation=units[code],
            directive=plan.directive,
            held_on=date(YEAR, 5, 10),
            form=SessionForm.CONFERENCE,
            audience=Audience.CADRES,
            invited=attended,
            attended=attended,
        )
    # A session in another year is not counted.
    dissemination_session_record(
        organisation=units["hoi-nong-dan"],
        directive=plan.directive,
        held_on=date(YEAR + 1, 1, 5),
        form=SessionForm.ONLINE,
        audience=Audience.PEOPLE,
        attended=99,
    )
    return plan, sessions


def test_annual_report_docx_follows_the_party_format(seed_plan_with_work, tmp_path, settings):
    settings.LANTOA_DOC_MARGINS = {"left": 35}
    plan, sessions = seed_plan_with_work
    out = tmp_path / "report.docx"
    call_command("annual_report", "--plan", "78-KH/ĐU", "--year", str(YEAR), "--out", str(out))
    document = docx.Document(str(out))

    section = document.sections[0]
    mm = [
        round(v.mm)
        for v in (
            section.page_width,
            section.page_height,
            section.left_margin,
            section.right_margin,
            section.top_margin,
        )
    ]
    assert mm == [210, 297, 35, 15, 20]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14

    header = document.tables[0]
    left, right = header.rows[0].cells
    assert cell_lines(left)[:3] == ["ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY PHƯỜNG QUY NHƠN", "*"]
    number_line = cell_lines(left)[3]
    assert re.fullmatch(r"Số\s+-BC/ĐU", number_line)
    document_symbol_validate(
        code="01-BC/ĐU",
        system=DocSystem.PARTY,
        doc_type=DocType.REPORT,
        issuing_unit=plan.directive.plan.tasks.first().lead_unit.__class__.objects.get(
            code="dang-uy"
        ),
    )
    (party,) = runs_of(right, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.bold and party.underline
    place_date = [run for p in right.paragraphs for run in p.runs if "ngày" in run.text]
    assert len(place_date) == 1 and place_date[0].italic
    assert re.fullmatch(r"Quy Nhơn, ngày \d\d tháng \d\d? năm \d{4}", place_date[0].text)

    texts = [p.text for p in document.paragraphs]
    title_at = texts.index("BÁO CÁO")
    assert texts[title_at + 1] == f"kết quả thực hiện Kế hoạch số 78-KH/ĐU năm {YEAR}"
    # Party report outline: the results numbered under I, then the assessment and directions.
    headings = [t for t in texts if re.match(r"^[IVX]+\. ", t)]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐÁNH GIÁ CHUNG",
        f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {YEAR + 1}",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    results = texts[texts.index(headings[0]) + 1 : texts.index(headings[1])]
    assert [t for t in results if re.match(r"^\d+\. ", t)][:2] == [
        "1. Công tác quán triệt, tuyên truyền",
        "2. Kết quả thực hiện các nhiệm vụ",
    ]
    assert texts.index("PHỤ LỤC") > texts.index(headings[-1])

    # Figures, counted independently from what this test created.
    attended = sum(people for _code, people in sessions)
    assert (
        f"Trong năm {YEAR}, {len(sessions)} tổ chức đã tổ chức {len(sessions)} buổi quán triệt, "
        f"tuyên truyền với tổng số {attended} lượt người tham dự." in texts
    )
    expected = {
        Bucket.COMPLETED_ON_TIME: 1,
        Bucket.COMPLETED_LATE: 1,
        Bucket.OPEN_WITHIN: 1,
        Bucket.OPEN_OVERDUE: 1,
    }
    assert (
        f"Tổng số nhiệm vụ: {sum(expected.values())}; hoàn thành đúng hạn: 1; hoàn thành quá "
        "hạn: 1; đang thực hiện trong hạn: 1; chưa hoàn thành, quá hạn: 1." in texts
    )
    assert (
        "Các đơn vị đã gửi 2 báo cáo được chấp nhận, ghi nhận 4 buổi, hội nghị với 140 lượt "
        "người tham dự và 10 tin, bài được đăng tải." in texts
    )
    missing_line = next(t for t in texts if t.startswith("Còn "))
    assert missing_line.startswith("Còn 6 tổ chức chưa tổ chức quán triệt")
    task_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Nhiệm vụ")
    rows = [[c.text for c in row.cells] for row in task_table.rows[1:]]
    assert len(rows) == Task.objects.filter(plan=plan).exclude(state="cancelled").count() == 4
    assert sorted(r[3] for r in rows) == sorted(str(Bucket(b).label) for b in expected)

    closing = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    recipients, signature = closing.rows[0].cells
    assert cell_lines(recipients)[0] == "Nơi nhận:"
    assert recipients.paragraphs[0].runs[0].underline
    assert cell_lines(recipients)[1] == "- Ban Tuyên giáo và Dân vận Tỉnh ủy (để b/c),"
    assert cell_lines(recipients)[-1].endswith(".")
    lines = [line for line in cell_lines(signature) if line]
    assert lines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Tô Thị Thu Hương"]
    assert all(run.bold for run in signature.paragraphs[0].runs)


def test_annual_report_reports_progress_and_the_command_refuses_unknown_plans(
    seed_plan_with_work, tmp_path
):
    plan, _sessions = seed_plan_with_work
    steps = []
    out = annual_report_build(
        plan=plan,
        year=YEAR,
        out_path=tmp_path / "a" / "r.docx",
        progress=lambda percent, message: steps.append(percent),
    )
    assert out.is_file() and steps == [5, 60, 100]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command(
            "annual_report",
            "--plan",
            "99-KH/ĐU",
            "--year",
            "2025",
            "--out",
            str(tmp_path / "x.docx"),
        )


STATE_PLAN = """ỦY BAN NHÂN DÂN
PHƯỜNG QUY NHƠN
Số: 34/KH-UBND
Quy Nhơn, ngày 05 tháng 5 năm 2025
KẾ HOẠCH
Triển khai công tác thông tin đối ngoại năm 2025
I. MỤC ĐÍCH
1. Nội dung thử.
"""


def test_state_documents_use_decree_30_conventions(demo_ward, tmp_path):
    plan = plan_import(parsed=parse_plan(STATE_PLAN))
    out = annual_report_build(plan=plan, year=YEAR, out_path=tmp_path / "ubnd.docx", number="07")
    document = docx.Document(str(out))
    left, right = document.tables[0].rows[0].cells
    assert cell_lines(left)[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG QUY NHƠN"]
    assert cell_lines(left)[-1] == "Số: 07/BC-UBND"
    assert cell_lines(right)[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    closing = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    signature = [line for line in cell_lines(closing.rows[0].cells[1]) if line]
    assert signature[0] == "TM. ỦY BAN NHÂN DÂN"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in "\n".join(cell_lines(right))


def test_reminder_letter_lists_the_units_open_tasks(demo_ward, tmp_path):
    units = demo_ward
    task_create(
        title="Việc quá hạn",
        lead_unit=units["ubnd"],
        start_date=date(2026, 1, 1),
        due_date=date(2026, 2, 1),
    )
    task_create(
        title="Việc còn hạn",
        lead_unit=units["ubnd"],
        start_date=date(2026, 1, 1),
        due_date=date(2026, 9, 1),
    )
    task_create(
        title="Việc của đơn vị khác",
        lead_unit=units["mttq"],
        start_date=date(2026, 1, 1),
        due_date=date(2026, 2, 1),
    )
    out = reminder_letter_build(
        unit=units["ubnd"], as_of=date(2026, 3, 1), out_path=tmp_path / "cv.docx"
    )
    document = docx.Document(str(out))
    left = document.tables[0].rows[0].cells[0]
    assert "V/v đôn đốc thực hiện nhiệm vụ" in cell_lines(left)
    assert cell_lines(left)[3].endswith("-CV/ĐU")
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi: Ủy ban nhân dân phường Quy Nhơn" in texts
    assert any("còn 2 nhiệm vụ chưa hoàn thành, trong đó 1 nhiệm vụ đã quá hạn" in t for t in texts)
    table = document.tables[1]
    assert [row.cells[1].text for row in table.rows[1:]] == ["Việc quá hạn", "Việc còn hạn"]
    assert [row.cells[2].text for row in table.rows[1:]] == ["01/02/2026", "01/09/2026"]


def test_tasks_xlsx_has_every_task_with_its_bucket(demo_ward):
    units = demo_ward
    overdue = task_create(
        title="A",
        lead_unit=units["ubnd"],
        start_date=date(2026, 1, 1),
        due_date=date(2026, 2, 1),
        coordinating_units=[units["mttq"]],
    )
    task_create(
        title="B", lead_unit=units["mttq"], start_date=date(2026, 1, 1), due_date=date(2026, 9, 1)
    )
    content = tasks_workbook(Task.objects.all(), as_of=date(2026, 3, 1))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3] == "Nhiệm vụ" and rows[0][14] == "Tình trạng thực hiện"
    assert [(r[0], r[3], r[6], r[14]) for r in rows[1:]] == [
        (overdue.pk, "A", "Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Chưa hoàn thành, quá hạn"),
        (overdue.pk + 1, "B", None, "Đang thực hiện trong hạn"),
    ]
