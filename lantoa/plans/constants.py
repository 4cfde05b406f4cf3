"""Choices and fixed vocabularies of the plans app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lantoa.core.constants import Audience  # noqa: F401 (the shared vocabulary, re-exported)


class DocSystem(models.TextChoices):
    """Party documents follow Hướng dẫn 36-HD/VPTW, state documents Nghị định 30/2020/NĐ-CP."""

    PARTY = "party", _("Văn bản của Đảng")
    STATE = "state", _("Văn bản hành chính nhà nước")


class DocType(models.TextChoices):
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    CONCLUSION = "ket_luan", _("Kết luận")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    PLAN = "ke_hoach", _("Kế hoạch")
    PROGRAMME = "chuong_trinh", _("Chương trình")
    DECISION = "quyet_dinh", _("Quyết định")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    REPORT = "bao_cao", _("Báo cáo")
    NOTICE = "thong_bao", _("Thông báo")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    REGULATION = "quy_dinh", _("Quy định")
    DECREE = "nghi_dinh", _("Nghị định")
    CIRCULAR = "thong_tu", _("Thông tư")
    RULES = "quy_che", _("Quy chế")
    PROJECT = "de_an", _("Đề án")
    LAW = "luat", _("Luật")
    DISPATCH = "cong_dien", _("Công điện")
    SUBMISSION = "to_trinh", _("Tờ trình")
    DOCUMENT = "van_ban", _("Văn bản")
    OTHER = "khac", _("Văn bản khác")


# Abbreviation used in document symbols ("57-KL/TW", "34/KH-UBND").
DOC_TYPE_ABBR = {
    DocType.RESOLUTION: "NQ",
    DocType.CONCLUSION: "KL",
    DocType.DIRECTIVE: "CT",
    DocType.PLAN: "KH",
    DocType.PROGRAMME: "CTr",
    DocType.DECISION: "QĐ",
    DocType.GUIDANCE: "HD",
    DocType.REPORT: "BC",
    DocType.NOTICE: "TB",
    DocType.OFFICIAL_LETTER: "CV",
    DocType.REGULATION: "QĐi",
    DocType.DECREE: "NĐ",
    DocType.CIRCULAR: "TT",
    DocType.RULES: "QC",
    DocType.PROJECT: "ĐA",
    DocType.DISPATCH: "CĐ",
    DocType.SUBMISSION: "TTr",
}
ABBR_DOC_TYPE = {abbr.upper(): doc_type for doc_type, abbr in DOC_TYPE_ABBR.items()}
# How the types are written in running text ("Kết luận số 57-KL/TW"), longest first.
DOC_TYPE_WORDS = {
    "nghị quyết": DocType.RESOLUTION,
    "kết luận": DocType.CONCLUSION,
    "chỉ thị": DocType.DIRECTIVE,
    "kế hoạch": DocType.PLAN,
    "chương trình": DocType.PROGRAMME,
    "quyết định": DocType.DECISION,
    "hướng dẫn": DocType.GUIDANCE,
    "báo cáo": DocType.REPORT,
    "thông báo": DocType.NOTICE,
    "công văn": DocType.OFFICIAL_LETTER,
    "quy định": DocType.REGULATION,
    "nghị định": DocType.DECREE,
    "thông tư liên tịch": DocType.CIRCULAR,
    "thông tư": DocType.CIRCULAR,
    "quy chế": DocType.RULES,
    "đề án": DocType.PROJECT,
    "luật": DocType.LAW,
    "công điện": DocType.DISPATCH,
    "tờ trình": DocType.SUBMISSION,
    "văn bản": DocType.DOCUMENT,
}


class SectionKind(models.TextChoices):
    PART = "part", _("Phần (I, II, …)")
    ITEM = "item", _("Mục (1., 2.)")
    SUBITEM = "subitem", _("Tiểu mục (3.1, a)")
    BULLET = "bullet", _("Gạch đầu dòng")
    PARAGRAPH = "paragraph", _("Đoạn văn")


class DeadlineKind(models.TextChoices):
    DATE = "date", _("Có thời hạn")
    ONGOING = "ongoing", _("Thường xuyên")
    ANNUAL = "annual", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("Định kỳ 6 tháng")
    MONTHLY = "monthly", _("Hằng tháng")


class ProposalKind(models.TextChoices):
    """What an actionable item of an imported plan becomes when the officer accepts it."""

    TASK = "task", _("Nhiệm vụ")
    REQUIRED_REPORT = "required_report", _("Báo cáo bắt buộc")
    INSPECTION_PLAN = "inspection_plan", _("Kế hoạch kiểm tra, giám sát")


class TaskState(models.TextChoices):
    ASSIGNED = "assigned", _("Đã giao")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    SUBMITTED = "submitted", _("Chờ xác nhận hoàn thành")
    COMPLETED = "completed", _("Hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class Bucket(models.TextChoices):
    """How Vietnamese government reports count tasks."""

    COMPLETED_ON_TIME = "completed_on_time", _("Hoàn thành đúng hạn")
    COMPLETED_LATE = "completed_late", _("Hoàn thành quá hạn")
    OPEN_WITHIN = "open_within", _("Đang thực hiện trong hạn")
    OPEN_OVERDUE = "open_overdue", _("Chưa hoàn thành, quá hạn")
    CANCELLED = "cancelled", _("Đã hủy")


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")


class SessionForm(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị")
    ONLINE = "online", _("Trực tuyến")
    CELL_MEETING = "cell_meeting", _("Lồng ghép sinh hoạt chi bộ")
    ORGANISATION_MEETING = "organisation_meeting", _("Lồng ghép sinh hoạt đoàn thể")
    LOUDSPEAKER = "loudspeaker", _("Loa truyền thanh")
    PRINTED = "printed", _("Tài liệu, tờ rơi")
    SOCIAL_MEDIA = "social_media", _("Mạng xã hội")
    OTHER = "other", _("Hình thức khác")


class InspectionKind(models.TextChoices):
    CHECK = "check", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")
    URGING = "urging", _("Đôn đốc")


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Ưu điểm")
    SHORTCOMING = "shortcoming", _("Hạn chế, thiếu sót")
    VIOLATION = "violation", _("Vi phạm")


class RequiredReportStatus(models.TextChoices):
    RECEIVED_ON_TIME = "received_on_time", _("Đã nhận đúng hạn")
    RECEIVED_LATE = "received_late", _("Đã nhận, quá hạn")
    PENDING = "pending", _("Chưa đến hạn")
    MISSING = "missing", _("Quá hạn, chưa nhận")


class NotificationKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    REPORT_MISSING = "report_missing", _("Thiếu báo cáo định kỳ")
    REPORT_RETURNED = "report_returned", _("Báo cáo bị trả lại")


DUE_SOON_DAYS = 7
MAX_IMPORT_BYTES = 20 * 1024 * 1024


# The job that builds the annual report (DOCX from plans.documents, with the reports app's XLSX
# annex of dashboard figures and PDF): its handler is registered by lantoa.reports.jobs.
ANNUAL_REPORT_JOB = "reports.annual_report"
