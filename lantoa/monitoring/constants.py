"""Choices of the monitoring app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS / Atom / JSON Feed")
    SITEMAP = "sitemap", _("Sơ đồ trang tin (news sitemap)")
    PAGE = "page", _("Trang web theo dõi liên kết mới")
    SOCIAL_IMPORT = "social_import", _("Tệp bài đăng mạng xã hội (CSV, JSON, XLSX)")
    MANUAL = "manual", _("Nhập tay theo đường dẫn")


class OutletType(models.TextChoices):
    DOMESTIC_PRESS = "domestic_press", _("Báo chí trong nước")
    FOREIGN_PRESS = "foreign_press", _("Báo chí nước ngoài")
    GOVERNMENT = "government", _("Cơ quan nhà nước")
    SOCIAL_PAGE = "social_page", _("Trang mạng xã hội")
    BLOG = "blog", _("Blog, trang cá nhân")


class ItemStatus(models.TextChoices):
    """The one final status every candidate item ends with (the drop-reason vocabulary)."""

    STORED = "stored", _("Đã lưu")
    DUPLICATE_URL = "duplicate_url", _("Trùng đường dẫn")
    DUPLICATE_TITLE = "duplicate_title", _("Trùng tiêu đề trong 7 ngày")
    EMPTY = "empty", _("Không có nội dung")
    FETCH_FAILED = "fetch_failed", _("Không tải được bài")
    BLOCKED = "blocked", _("Bị chặn (robots.txt hoặc địa chỉ nội bộ)")
    TOO_OLD = "too_old", _("Quá cũ")
    QUARANTINED = "quarantined", _("Cách ly do lỗi xử lý")


class LeftOut(models.TextChoices):
    """What a poll or import took in only in part, counted on its PollRun: nothing is left out
    silently."""

    ENTRIES_SKIPPED = "entries_skipped", _("Mục không đọc được (không phải một bài)")
    LINKS_DEFERRED = "links_deferred", _("Liên kết để lượt sau (vượt số trang tải mỗi lượt)")
    CHILD_SITEMAPS = "child_sitemaps", _("Sơ đồ trang con cũ hơn không được đọc")
    TITLES_CUT = "titles_cut", _("Tiêu đề quá dài bị cắt bớt")
    URLS_CUT = "urls_cut", _("Đường dẫn quá dài bị cắt bớt")
    PROBLEMS_UNLISTED = "problems_unlisted", _("Tin có vấn đề không liệt kê hết")
    FULL_TEXT_DEFERRED = (
        "full_text_deferred",
        _("Tin RSS chỉ giữ tóm tắt (vượt số trang bài tải mỗi lượt)"),
    )
    FULL_TEXT_FAILED = "full_text_failed", _("Tin RSS chỉ giữ tóm tắt (không lấy được trang bài)")


class FetchOutcome(models.TextChoices):
    """How fetching a source's document (feed, sitemap, page, file) ended in one poll."""

    OK = "ok", _("Thành công")
    NOT_MODIFIED = "not_modified", _("Không có thay đổi (304)")
    RATE_LIMITED = "rate_limited", _("Máy chủ yêu cầu chờ (429/503)")
    HTTP_ERROR = "http_error", _("Máy chủ báo lỗi")
    TIMEOUT = "timeout", _("Quá thời gian chờ")
    NETWORK_ERROR = "network_error", _("Lỗi kết nối")
    TOO_LARGE = "too_large", _("Dữ liệu quá lớn")
    TOO_MANY_REDIRECTS = "too_many_redirects", _("Chuyển hướng quá nhiều lần")
    BLOCKED_ADDRESS = "blocked_address", _("Địa chỉ nội bộ bị từ chối")
    ROBOTS = "robots", _("robots.txt không cho phép")
    UNSAFE_XML = "unsafe_xml", _("XML nguy hiểm bị từ chối")
    PARSE_ERROR = "parse_error", _("Không đọc được dữ liệu")
    ERROR = "error", _("Lỗi xử lý")
    RUNNING = "running", _("Đang chạy")


class FetchErrorKind(models.TextChoices):
    """Why fetching failed, in the words an officer reads in the source list and the poll runs
    (decided once, at the fetcher, from the exception or the HTTP status)."""

    DNS_NOT_FOUND = "dns_not_found", _("Không truy cập được trang: tên miền không tồn tại")
    DNS_FAILED = (
        "dns_failed",
        _("Không truy cập được trang: không tra được tên miền (lỗi mạng hoặc máy chủ DNS)"),
    )
    REFUSED = "refused", _("Không truy cập được trang: máy chủ từ chối kết nối")
    NETWORK = "network", _("Không truy cập được trang: mất kết nối mạng tới máy chủ")
    TLS = "tls", _("Không truy cập được trang: chứng chỉ bảo mật (HTTPS/TLS) không hợp lệ")
    TIMEOUT = "timeout", _("Trang không trả lời kịp (quá thời gian chờ)")
    HTTP_NOT_FOUND = "http_404", _("Không tìm thấy trang (HTTP 404): địa chỉ có thể đã đổi")
    HTTP_FORBIDDEN = "http_403", _("Trang từ chối cho truy cập (HTTP 401/403)")
    HTTP_SERVER = "http_5xx", _("Máy chủ của trang đang gặp lỗi (HTTP 5xx)")
    HTTP_OTHER = "http_other", _("Trang trả về lỗi HTTP")
    RATE_LIMITED = "rate_limited", _("Máy chủ yêu cầu chờ rồi thử lại (HTTP 429/503)")
    NOT_A_FEED = "not_a_feed", _("Địa chỉ này không phải nguồn tin RSS/Atom")
    UNREADABLE = "unreadable", _("Không đọc được nội dung trang trả về")
    TOO_LARGE = "too_large", _("Dữ liệu quá lớn (vượt 10 MB)")
    REDIRECTS = "redirects", _("Trang chuyển hướng quá nhiều lần")
    BLOCKED = "blocked", _("Địa chỉ trỏ vào mạng nội bộ nên bị từ chối")
    ROBOTS = "robots", _("Trang không cho phép thu thập tự động (robots.txt)")
    UNSAFE_XML = "unsafe_xml", _("Tệp XML chứa khai báo nguy hiểm nên bị từ chối")
    INTERNAL = "internal", _("Lỗi xử lý nội bộ")


# Failures that count against a source's health (NOT_MODIFIED and OK do not).
FETCH_FAILURES = frozenset(FetchOutcome.values) - {
    FetchOutcome.OK,
    FetchOutcome.NOT_MODIFIED,
    FetchOutcome.RUNNING,
}

# Plain-Vietnamese explanations shown beside a source's last error.
OUTCOME_ADVICE = {
    FetchOutcome.RATE_LIMITED: _(
        "Máy chủ đang quá tải hoặc hạn chế truy cập; hệ thống sẽ tự thử lại sau."
    ),
    FetchOutcome.HTTP_ERROR: _("Trang nguồn trả về lỗi; kiểm tra địa chỉ còn đúng không."),
    FetchOutcome.TIMEOUT: _("Trang nguồn phản hồi quá chậm; hệ thống sẽ tự thử lại sau."),
    FetchOutcome.NETWORK_ERROR: _("Không kết nối được tới trang nguồn (mạng hoặc tên miền)."),
    FetchOutcome.TOO_LARGE: _("Dữ liệu trả về vượt giới hạn 10 MB hoặc nén bất thường."),
    FetchOutcome.TOO_MANY_REDIRECTS: _("Địa chỉ chuyển hướng vòng quanh; cần sửa địa chỉ nguồn."),
    FetchOutcome.BLOCKED_ADDRESS: _("Địa chỉ trỏ vào mạng nội bộ nên bị từ chối vì an toàn."),
    FetchOutcome.ROBOTS: _("Trang nguồn không cho phép thu thập tự động (robots.txt)."),
    FetchOutcome.UNSAFE_XML: _("Tệp XML chứa khai báo thực thể nguy hiểm nên bị từ chối."),
    FetchOutcome.PARSE_ERROR: _("Không đọc được nội dung trả về (không phải RSS/Atom hợp lệ?)."),
    FetchOutcome.ERROR: _("Lỗi xử lý nội bộ; quản trị viên xem chi tiết trong lượt thu thập."),
}

LANGUAGES_FOLLOWED = ("vi", "en", "zh", "ko", "ja", "fr")
