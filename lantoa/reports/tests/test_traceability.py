"""The annual report traces its figures: a plan item's sentence links its tasks and the records
other apps tag to it (cases here), the figures link to the lists they count in the DOCX, and the
change since last year names the units that contributed most."""

import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from bench.eval_plans import demo_directory
from lantoa.core.models import User
from lantoa.core.reporting import Cited, ReportContext, collect_sections
from lantoa.plans.constants import TaskState
from lantoa.plans.documents import annual_report_build
from lantoa.plans.importer import parse_plan
from lantoa.plans.models import Task
from lantoa.plans.permissions import permissions_grant
from lantoa.plans.services import plan_import
from lantoa.plans.tests.factories import make_task
from lantoa.responses.services import case_open

PLAN_TEXT = (
    Path(__file__).resolve().parents[3] / "bench/corpus/plans-heldout/24-ubnd-phan-bao-cao.txt"
)


@pytest.mark.django_db
def test_item_sentence_links_its_evidence_and_names_the_main_contributors(
    demo_ward, client, tmp_path
):
    today = timezone.localdate()
    year = today.year
    text = PLAN_TEXT.read_text(encoding="utf-8")
    plan = plan_import(parsed=parse_plan(text, demo_directory()), source_text=text)
    item = plan.sections.get(path="II.1")

    def done(lead, on):
        task = make_task(
            demo_ward, lead=lead, plan=plan, source_section=item, start_date=on, due_date=on
        )
        Task.objects.filter(pk=task.pk).update(state=TaskState.COMPLETED, completed_on=on)

    for lead in ("van-hoa-xa-hoi", "van-hoa-xa-hoi", "doan-thanh-nien"):
        done(lead, date(year, 1, 1))
    done("hoi-phu-nu", date(year - 1, 6, 1))  # last year: one completed task
    admin = User.objects.get(username="admin")
    case = case_open(
        claim="Tin sai về lệnh cấm tắm biển Quy Nhơn",
        description="Lan truyền trên mạng xã hội.",
        user=admin,
        detected_at=timezone.now() - timedelta(minutes=5),
        plan_item=item,
    )

    sections = {s.key: s for s in collect_sections(ReportContext.for_year(year, plan=plan))}
    paragraphs = sections["plans.tasks"].paragraphs
    (sentence,) = [p for p in paragraphs if p.startswith("Mục II.1 của kế hoạch")]
    assert isinstance(sentence, Cited)
    # the item's tasks run over the years (the plan's term): all four, as the linked list shows
    assert "4 nhiệm vụ" in sentence and "1 vụ việc thông tin sai lệch" in sentence
    links = {link.text: link.url for link in sentence.links}
    # Each link opens the list of exactly the records the figure counts.
    permissions_grant()
    client.force_login(admin)
    cases_page = client.get(links["1 vụ việc thông tin sai lệch"]).content.decode()
    assert case.claim in cases_page
    tasks_page = client.get(links["4 nhiệm vụ"])
    assert sorted(t.pk for t in tasks_page.context["object_list"]) == sorted(
        Task.objects.filter(source_section=item).values_list("pk", flat=True)
    )
    change = next(p for p in paragraphs if p.startswith(f"So với năm {year - 1}"))
    assert change == (
        f"So với năm {year - 1}: 3 nhiệm vụ hoàn thành trong năm (1 năm {year - 1}, tăng 2); "
        "đóng góp chính: Phòng Văn hóa - Xã hội phường (2), "
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường (1)."
    )

    out = annual_report_build(plan=plan, year=year, out_path=tmp_path / "report.docx")
    with zipfile.ZipFile(out) as docx:
        rels = docx.read("word/_rels/document.xml.rels").decode()
        body = docx.read("word/document.xml").decode()
    assert f"plan_item={item.pk}" in rels  # the case figure is a hyperlink in the DOCX
    assert f"source_section={item.pk}" in rels
    assert "1 vụ việc thông tin sai lệch" in body
