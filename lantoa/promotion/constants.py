"""Choices of the promotion app: themes, channels, editorial states, licences."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "vi"


class ThemeCode(models.TextChoices):
    """The content groups of plan 78-KH/ĐU section III.3.1 the office promotes."""

    HISTORY = "history", _("Lịch sử, truyền thống")
    CULTURE = "culture", _("Văn hóa")
    PEOPLE = "people", _("Con người")
    TOURISM = "tourism", _("Du lịch")
    INVESTMENT = "investment", _("Tiềm năng, thế mạnh, thu hút đầu tư")
    HO_CHI_MINH = "ho-chi-minh", _("Tư tưởng, đạo đức, phong cách Hồ Chí Minh tại địa phương")
    RENEWAL = "renewal", _("Thành tựu đổi mới")
    FOREIGN_POLICY = "foreign-policy", _("Chủ trương, đường lối đối ngoại")
    SOCIALISM = "socialism", _("Lý luận, thực tiễn về chủ nghĩa xã hội ở Việt Nam")
    PARTY_ROLE = "party-role", _("Vai trò lãnh đạo của Đảng, tính ưu việt của chế độ")
    CONTRIBUTIONS = (
        "contributions",
        _(
            "Đóng góp của Việt Nam vào văn hóa, tri thức nhân loại; "
            "danh nhân được thế giới vinh danh"
        ),
    )
    WORLD_KNOWLEDGE = (
        "world-knowledge",
        _("Tình hình quốc tế, tri thức tiên tiến, kinh nghiệm quốc tế"),
    )
    INTERNATIONAL_ISSUES = (
        "international-issues",
        _("Vấn đề quốc tế và khu vực, vai trò của Việt Nam với các vấn đề toàn cầu"),
    )


# III.3.1: content on international and regional issues must follow the Party's line exactly, so
# pages of these themes go through the leader-approval workflow (like clarifications).
LEADER_APPROVAL_THEMES = frozenset(
    {ThemeCode.INTERNATIONAL_ISSUES, ThemeCode.FOREIGN_POLICY, ThemeCode.WORLD_KNOWLEDGE}
)


# The workflow (one task: a leader approves) of those pages; created by leader_workflow_ensure.
LEADER_WORKFLOW_NAME = "Lãnh đạo duyệt nội dung vấn đề quốc tế"


class TermKind(models.TextChoices):
    PARTY = "party", _("Cơ quan Đảng")
    GOVERNMENT = "government", _("Chính quyền")
    OFFICE = "office", _("Phòng, ban")
    PLACE = "place", _("Địa danh")
    TITLE = "title", _("Chức danh")


class AssetScope(models.TextChoices):
    """Where the office may use a library item."""

    ALL = "all", _("Mọi kênh của cơ quan")
    WEBSITE = "website", _("Chỉ trang thông tin điện tử")
    SOCIAL = "social", _("Chỉ mạng xã hội")
    PRINT = "print", _("Chỉ ấn phẩm in")
    INTERNAL = "internal", _("Chỉ dùng nội bộ")


# Scopes under which an asset may appear on the public site.
SITE_SCOPES = frozenset({AssetScope.ALL, AssetScope.WEBSITE})


class Channel(models.TextChoices):
    WEBSITE = "website", _("Trang thông tin điện tử")
    FACEBOOK = "facebook", _("Trang Facebook")
    ZALO = "zalo", _("Zalo OA")
    YOUTUBE = "youtube", _("YouTube")
    TIKTOK = "tiktok", _("TikTok")
    PRESS = "press", _("Báo chí")


class PlanState(models.TextChoices):
    IDEA = "idea", _("Ý tưởng")
    DRAFTING = "drafting", _("Đang viết")
    REVIEW = "review", _("Chờ duyệt")
    SCHEDULED = "scheduled", _("Đã hẹn giờ")
    PUBLISHED = "published", _("Đã đăng")


# The order an item moves in; a step back (review → drafting) is allowed, skipping ahead is not.
PLAN_STATE_ORDER = [state.value for state in PlanState]


class CampaignKind(models.TextChoices):
    NATIONAL_HOLIDAY = "national_holiday", _("Ngày lễ lớn của đất nước")
    PROVINCE_EVENT = "province_event", _("Sự kiện do tỉnh đăng cai")
    LOCAL_EVENT = "local_event", _("Sự kiện của phường")
    OTHER = "other", _("Khác")


class AssetKind(models.TextChoices):
    IMAGE = "image", _("Ảnh")
    VIDEO = "video", _("Video (nhúng theo địa chỉ)")
    DOCUMENT = "document", _("Tài liệu")


class Licence(models.TextChoices):
    OFFICE = "office", _("Của cơ quan (tự sản xuất)")
    PERMISSION = "permission", _("Được tác giả cho phép bằng văn bản")
    CC_BY = "cc-by", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA 4.0")
    PUBLIC_DOMAIN = "public-domain", _("Phạm vi công cộng")
    UNKNOWN = "unknown", _("Chưa rõ (chưa được dùng)")


class ReachSource(models.TextChoices):
    MANUAL = "manual", _("Nhập tay")
    CSV = "csv", _("Nhập từ tệp CSV")


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("Chưa có bản dịch")
    UNMANAGED = "unmanaged", _("Bản sao chưa dịch")
    IN_PROGRESS = "in_progress", _("Đang dịch")
    MACHINE_DRAFT = "machine_draft", _("Bản máy dịch chờ duyệt")
    OUT_OF_DATE = "out_of_date", _("Lỗi thời (bản gốc đã sửa)")
    UP_TO_DATE = "up_to_date", _("Cập nhật")


# Statuses that mean an editor has work to do in that language.
TRANSLATION_NEEDS_WORK = frozenset(
    {
        TranslationStatus.MISSING,
        TranslationStatus.UNMANAGED,
        TranslationStatus.IN_PROGRESS,
        TranslationStatus.MACHINE_DRAFT,
        TranslationStatus.OUT_OF_DATE,
    }
)
