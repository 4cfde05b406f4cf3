"""The reminder letter ("công văn đôn đốc") to a unit about its open and overdue tasks."""

from datetime import timedelta
from pathlib import Path

from lantoa.core.audit import audit
from lantoa.core.selectors import office

from ..constants import Bucket
from ..selectors import tasks_with_buckets
from .layout import DocumentSpec, body_paragraph, data_table, office_place
from .party import party_document


def reminder_letter_build(*, unit, as_of, out_path, user=None, number: str = "") -> Path:
    """A Party official letter asking `unit` to finish its open tasks; lists each with its due
    date and status bucket as of `as_of`."""
    tasks = list(
        tasks_with_buckets(unit.lead_tasks.all(), as_of=as_of)
        .filter(bucket__in=[Bucket.OPEN_OVERDUE, Bucket.OPEN_WITHIN])
        .order_by("open_due", "pk")
    )
    reply_by = as_of + timedelta(days=7)
    spec = DocumentSpec(
        parent_body=office().parent_body,
        issuing_body=office().name,
        number=number,
        symbol="CV/ĐU",
        place=office_place(),
        date=as_of,
        doc_type_title="",
        title_lines=["V/v đôn đốc thực hiện nhiệm vụ"],
        addressee=unit.name,
        recipients=["Như trên", "Ban Xây dựng đảng Đảng ủy", "Lưu Văn phòng Đảng ủy"],
        authority="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="",
    )
    overdue = sum(1 for task in tasks if task.bucket == Bucket.OPEN_OVERDUE)

    def write_body(document):
        body_paragraph(
            document,
            f"Qua theo dõi, đến {as_of:%d/%m/%Y}, {unit.name} còn {len(tasks)} nhiệm vụ chưa hoàn "
            f"thành, trong đó {overdue} nhiệm vụ đã quá hạn:",
        )
        data_table(
            document,
            ["STT", "Nhiệm vụ", "Hạn", "Tình trạng"],
            [
                [
                    i,
                    t.title,
                    f"{t.open_due:%d/%m/%Y}" if t.open_due else "Thường xuyên",
                    t.bucket_label(),
                ]
                for i, t in enumerate(tasks, 1)
            ],
        )
        body_paragraph(
            document,
            f"Ban Thường vụ Đảng ủy đề nghị {unit.name} khẩn trương thực hiện các nhiệm vụ trên, "
            f"báo cáo kết quả về Ban Thường vụ Đảng ủy (qua Ban Xây dựng đảng Đảng ủy) trước ngày "
            f"{reply_by:%d/%m/%Y}.",
        )

    document = party_document(spec, write_body)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    audit(unit, "plans.reminder_letter", user=user, data={"tasks": len(tasks), "overdue": overdue})
    return out
