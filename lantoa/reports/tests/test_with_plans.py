"""The annual report through the plans app's builder, on the imported seed plan."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document

from lantoa.reports.jobs import annual_report_files

pytestmark = pytest.mark.django_db
SEED = Path(settings.SEED_DIR) / "ke-hoach-78-KH-DU.txt"


@pytest.mark.skipif(not SEED.is_file(), reason=f"Seed plan {SEED} is absent (LANTOA_SEED_DIR)")
def test_report_uses_the_plans_builder_and_carries_every_part(demo_ward, tmp_path):
    from lantoa.people import demo as people_demo
    from lantoa.plans.services import plan_import_file
    from lantoa.reports import demo as reports_demo

    plan = plan_import_file(data=SEED.read_bytes(), filename=SEED.name)
    people_demo.load(log=lambda m: None)
    reports_demo.load(log=lambda m: None)
    code = plan.directive.code
    messages = []
    paths = annual_report_files(
        year=date.today().year,
        plan_number=code,
        out_dir=tmp_path,
        progress=lambda p, m=None: messages.append((p, m)),
    )
    # The plans builder's own steps, inside the job's.
    assert "Đang soạn văn bản" in [m for _p, m in messages]
    percents = [p for p, _m in messages]
    assert percents == sorted(percents)
    text = "\n".join(p.text for p in Document(str(paths[0])).paragraphs)
    assert "xây dựng đội ngũ làm công tác thông tin đối ngoại" in text.lower()
    assert "Tiếp tục tập huấn cho cán bộ chưa được bồi dưỡng." in text
