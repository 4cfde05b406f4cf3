"""Choices, transitions and labels of the responses app (one place, used by every layer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A claim should fit one line; longer ones are allowed but the form warns.
CLAIM_RECOMMENDED_LENGTH = 75


class CaseState(models.TextChoices):
    DETECTED = "detected", _("Mới phát hiện")
    VERIFYING = "verifying", _("Đang xác minh")
    DRAFTING = "drafting", _("Đang soạn bản làm rõ")
    PENDING_APPROVAL = "pending_approval", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt")
    PUBLISHED = "published", _("Đã công bố")
    PAUSED = "paused", _("Tạm dừng để đính chính")
    CLOSED = "closed", _("Đã kết thúc")
    NOT_APPLICABLE = "not_applicable", _("Không cần xử lý")


# States in which the case still waits for its clarification (counted as open, timed by the SLA).
OPEN_STATES = frozenset(
    {
        CaseState.DETECTED,
        CaseState.VERIFYING,
        CaseState.DRAFTING,
        CaseState.PENDING_APPROVAL,
        CaseState.APPROVED,
    }
)
# States in which the verdict and the claim may still change.
EDITABLE_STATES = frozenset({CaseState.DETECTED, CaseState.VERIFYING, CaseState.DRAFTING})
FINAL_STATES = frozenset({CaseState.CLOSED, CaseState.NOT_APPLICABLE})


class CaseAction(models.TextChoices):
    """The transitions; each is one service `case_<value>` and one API action."""

    START_VERIFICATION = "start_verification", _("Bắt đầu xác minh")
    DRAFT = "draft", _("Chuyển sang soạn bản làm rõ")
    SUBMIT_FOR_APPROVAL = "submit_for_approval", _("Trình lãnh đạo duyệt")
    RETURN_TO_DRAFTING = "return_to_drafting", _("Trả lại để soạn tiếp")
    APPROVE = "approve", _("Duyệt")
    PUBLISH = "publish", _("Công bố")
    CLOSE = "close", _("Kết thúc vụ việc")
    MARK_NOT_APPLICABLE = "mark_not_applicable", _("Không cần xử lý")
    PAUSE = "pause", _("Tạm dừng bản làm rõ")
    CORRECT = "correct", _("Đính chính")


# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    CaseAction.START_VERIFICATION: (frozenset({CaseState.DETECTED}), CaseState.VERIFYING),
    CaseAction.DRAFT: (frozenset({CaseState.VERIFYING}), CaseState.DRAFTING),
    CaseAction.SUBMIT_FOR_APPROVAL: (frozenset({CaseState.DRAFTING}), CaseState.PENDING_APPROVAL),
    CaseAction.RETURN_TO_DRAFTING: (
        frozenset({CaseState.PENDING_APPROVAL, CaseState.APPROVED}),
        CaseState.DRAFTING,
    ),
    CaseAction.APPROVE: (frozenset({CaseState.PENDING_APPROVAL}), CaseState.APPROVED),
    CaseAction.PUBLISH: (frozenset({CaseState.APPROVED}), CaseState.PUBLISHED),
    CaseAction.CLOSE: (frozenset({CaseState.PUBLISHED}), CaseState.CLOSED),
    CaseAction.MARK_NOT_APPLICABLE: (
        frozenset({CaseState.DETECTED, CaseState.VERIFYING, CaseState.DRAFTING}),
        CaseState.NOT_APPLICABLE,
    ),
    CaseAction.PAUSE: (frozenset({CaseState.PUBLISHED}), CaseState.PAUSED),
    CaseAction.CORRECT: (frozenset({CaseState.PAUSED}), CaseState.DRAFTING),
}

# Why an action is refused in a state, in words staff understand (fallback: a generic sentence).
REFUSALS: dict[tuple[str, str], str] = {
    (CaseAction.PUBLISH, CaseState.PENDING_APPROVAL): _(
        "Chưa thể công bố: bản làm rõ chưa được lãnh đạo duyệt."
    ),
    (CaseAction.PUBLISH, CaseState.DRAFTING): _(
        "Chưa thể công bố: bản làm rõ còn đang soạn và chưa được lãnh đạo duyệt."
    ),
    (CaseAction.PUBLISH, CaseState.VERIFYING): _(
        "Chưa thể công bố: vụ việc còn đang xác minh và chưa được lãnh đạo duyệt."
    ),
    (CaseAction.PUBLISH, CaseState.DETECTED): _(
        "Chưa thể công bố: vụ việc chưa được xác minh và chưa được lãnh đạo duyệt."
    ),
    (CaseAction.PUBLISH, CaseState.PUBLISHED): _("Bản làm rõ đã được công bố rồi."),
    (CaseAction.APPROVE, CaseState.DRAFTING): _(
        "Chưa thể duyệt: bản làm rõ chưa được trình lãnh đạo."
    ),
    (CaseAction.CORRECT, CaseState.PUBLISHED): _(
        "Muốn đính chính bản làm rõ đã công bố, trước hết hãy tạm dừng nó."
    ),
}


class Verdict(models.TextChoices):
    FALSE = "false", _("Sai sự thật")
    INACCURATE = "inaccurate", _("Không chính xác")
    INCOMPLETE = "incomplete", _("Thiếu đầy đủ")
    ACCURATE = "accurate", _("Chính xác")
    UNDETERMINED = "undetermined", _("Chưa xác định")


# schema.org Rating: 1 (false) … 5 (accurate); an undetermined verdict cannot be published.
VERDICT_RATING = {
    Verdict.FALSE: 1,
    Verdict.INACCURATE: 2,
    Verdict.INCOMPLETE: 3,
    Verdict.ACCURATE: 5,
}

# The verdict's name in each content language (ClaimReview's reviewRating.alternateName).
VERDICT_LABELS: dict[str, dict[str, str]] = {
    Verdict.FALSE: {
        "vi": "Sai sự thật",
        "en": "False",
        "zh-hans": "不实",
        "ko": "거짓",
        "ja": "誤り",
        "fr": "Faux",
    },
    Verdict.INACCURATE: {
        "vi": "Không chính xác",
        "en": "Inaccurate",
        "zh-hans": "不准确",
        "ko": "부정확",
        "ja": "不正確",
        "fr": "Inexact",
    },
    Verdict.INCOMPLETE: {
        "vi": "Thiếu đầy đủ",
        "en": "Incomplete",
        "zh-hans": "不完整",
        "ko": "불완전",
        "ja": "不完全",
        "fr": "Incomplet",
    },
    Verdict.ACCURATE: {
        "vi": "Chính xác",
        "en": "Accurate",
        "zh-hans": "准确",
        "ko": "정확",
        "ja": "正確",
        "fr": "Exact",
    },
    Verdict.UNDETERMINED: {
        "vi": "Chưa xác định",
        "en": "Undetermined",
        "zh-hans": "尚未确定",
        "ko": "미확정",
        "ja": "未確定",
        "fr": "Indéterminé",
    },
}


class Severity(models.TextChoices):
    CRITICAL = "critical", _("Đặc biệt nghiêm trọng")
    HIGH = "high", _("Nghiêm trọng")
    MEDIUM = "medium", _("Trung bình")
    LOW = "low", _("Thấp")


# Hours allowed per severity and the alert threshold: settings.LANTOA_SLA_HOURS and
# LANTOA_SLA_ALERT_RATIO (responses/conf.py).


class OpenedFrom(models.TextChoices):
    ITEMS = "items", _("Từ tin theo dõi")
    STORY = "story", _("Từ cụm tin")
    MANUAL = "manual", _("Nhập tay")


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("Văn bản, tài liệu")
    LINK = "link", _("Đường dẫn")
    STATEMENT = "statement", _("Ý kiến của cơ quan chức năng")


class ChannelKind(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", _("Họp báo")
    OFFICE_SITE = "office_site", _("Đăng trên trang thông tin của cơ quan")
    PRESS_CORRECTION = "press_correction", _("Đề nghị cơ quan báo chí đăng cải chính")
    MEDIA_STATEMENT = "media_statement", _("Thông cáo, trả lời báo chí")


class EventKind(models.TextChoices):
    """Everything that happens to a case, for its timeline (transitions use the action names)."""

    OPENED = "opened", _("Mở vụ việc")
    START_VERIFICATION = CaseAction.START_VERIFICATION.value, CaseAction.START_VERIFICATION.label
    DRAFT = CaseAction.DRAFT.value, CaseAction.DRAFT.label
    SUBMIT_FOR_APPROVAL = CaseAction.SUBMIT_FOR_APPROVAL.value, CaseAction.SUBMIT_FOR_APPROVAL.label
    RETURN_TO_DRAFTING = CaseAction.RETURN_TO_DRAFTING.value, CaseAction.RETURN_TO_DRAFTING.label
    APPROVE = CaseAction.APPROVE.value, CaseAction.APPROVE.label
    PUBLISH = CaseAction.PUBLISH.value, CaseAction.PUBLISH.label
    CLOSE = CaseAction.CLOSE.value, CaseAction.CLOSE.label
    MARK_NOT_APPLICABLE = CaseAction.MARK_NOT_APPLICABLE.value, CaseAction.MARK_NOT_APPLICABLE.label
    PAUSE = CaseAction.PAUSE.value, CaseAction.PAUSE.label
    CORRECT = CaseAction.CORRECT.value, CaseAction.CORRECT.label
    VERDICT_SET = "verdict_set", _("Cập nhật kết luận")
    EVIDENCE_ADDED = "evidence_added", _("Thêm bằng chứng")
    APPEARANCE_ADDED = "appearance_added", _("Thêm nơi xuất hiện")
    CHANNEL_ADDED = "channel_added", _("Ghi nhận hình thức phản hồi")
    CLARIFICATION_CREATED = "clarification_created", _("Tạo trang làm rõ")
    ASSIGNED = "assigned", _("Phân công")
    SLA_ALERT = "sla_alert", _("Cảnh báo sắp quá hạn")
    SLA_ESCALATED = "sla_escalated", _("Báo cáo lãnh đạo: quá hạn")


class ViolationKind(models.TextChoices):
    """Violations in external-information activities (III.2 "xử lý vi phạm")."""

    FOREIGN_PRESS = "foreign_press", _("Hoạt động báo chí nước ngoài không phép")
    PUBLICATION = "publication", _("Xuất bản, phát hành ấn phẩm không phép")
    STAFF_SOCIAL_MEDIA = "staff_social_media", _("Cán bộ vi phạm quy định khi dùng mạng xã hội")
    INFORMATION = "information", _("Cung cấp, đăng tải thông tin đối ngoại sai quy định")
    OTHER = "other", _("Vi phạm khác")


class ViolationState(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    HANDLING = "handling", _("Đang xử lý")
    DECIDED = "decided", _("Đã có quyết định xử lý")
    CLOSED = "closed", _("Đã kết thúc")


# A violation with a handling decision (the annual report's "đã có quyết định xử lý").
VIOLATION_DECIDED_STATES = (ViolationState.DECIDED, ViolationState.CLOSED)


class ViolationOutcome(models.TextChoices):
    NOT_CONFIRMED = "not_confirmed", _("Không xác định có vi phạm")
    REMINDED = "reminded", _("Nhắc nhở, chấn chỉnh")
    CRITICISED = "criticised", _("Phê bình, kiểm điểm")
    DISCIPLINED = "disciplined", _("Kỷ luật")
    FINED = "fined", _("Xử phạt vi phạm hành chính")
    CONTENT_REMOVED = "content_removed", _("Gỡ bỏ, thu hồi nội dung, ấn phẩm")
    TRANSFERRED = "transferred", _("Chuyển cơ quan có thẩm quyền")


class RecurrenceReview(models.TextChoices):
    """A reviewer's word on a matched recurrence of a claim."""

    PENDING = "pending", _("Chờ xem xét")
    CONFIRMED = "confirmed", _("Đúng")
    REJECTED = "rejected", _("Không đúng")


# Verdicts that refute a claim: its resurfacing after publication raises an alert.
REFUTING_VERDICTS = ("false", "inaccurate", "incomplete")
