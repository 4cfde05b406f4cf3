"""Choices for staff, trainings, the rapid-response team and collaborators."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lantoa.core.constants import LANGUAGE_CHOICES as CORE_LANGUAGE_CHOICES


class WorkRole(models.TextChoices):
    """What a staff member does in external-information (TTĐN) work."""

    LEADER = "leader", _("Lãnh đạo, chỉ đạo")
    COORDINATOR = "coordinator", _("Tham mưu, theo dõi kế hoạch")
    MONITOR = "monitor", _("Theo dõi thông tin, dư luận")
    EDITOR = "editor", _("Biên tập, quảng bá")
    RAPID_RESPONSE = "rapid_response", _("Phản ứng nhanh")
    TRANSLATOR = "translator", _("Biên dịch, phiên dịch")
    REPORTER = "reporter", _("Báo cáo của đơn vị")
    OTHER = "other", _("Khác")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Điện thoại")
    ZALO = "zalo", _("Zalo")
    EMAIL = "email", _("Thư điện tử")
    IN_PERSON = "in_person", _("Gặp trực tiếp")
    VIA_UNIT = "via_unit", _("Qua đơn vị")


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Trưởng nhóm")
    DEPUTY = "deputy", _("Phó nhóm")
    MEMBER = "member", _("Thành viên")


class CollaboratorKind(models.TextChoices):
    BUSINESS = "business", _("Doanh nhân")
    ARTIST = "artist", _("Văn nghệ sĩ")
    STANDING = "standing", _("Người có uy tín")
    YOUTH_VOLUNTEER = "youth_volunteer", _("Tình nguyện viên trẻ")
    OTHER = "other", _("Khác")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Văn bản có chữ ký")
    ONLINE_FORM = "online_form", _("Biểu mẫu trực tuyến")
    EMAIL = "email", _("Thư điện tử")
    VERBAL_WITNESSED = "verbal_witnessed", _("Bằng lời, có người chứng kiến")


# Languages staff may work in (ISO 639-1), the public site's languages first: core's list.
LANGUAGE_CHOICES = CORE_LANGUAGE_CHOICES

ERASED_NAME = "Cộng tác viên đã xóa"
