"""Choices of the insights app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Tích cực")
    NEUTRAL = "neutral", _("Trung tính")
    NEGATIVE = "negative", _("Tiêu cực")


class TopicKind(models.TextChoices):
    PROMOTION = "promotion", _("Chủ đề tuyên truyền của kế hoạch")
    SENSITIVE = "sensitive", _("Chủ đề nhạy cảm")
    GENERAL = "general", _("Chuyên mục chung")


class TopicMethod(models.TextChoices):
    QUERY = "query", _("Theo câu truy vấn")
    CLASSIFIER = "classifier", _("Theo bộ phân loại")
    BOTH = "both", _("Cả hai")


class LabelKind(models.TextChoices):
    TOPIC = "topic", _("Chủ đề")
    TONE = "tone", _("Sắc thái")
    RELEVANT = "relevant", _("Liên quan địa phương")
    INACCURATE = "inaccurate", _("Thông tin sai sự thật")


class Task(models.TextChoices):
    """What a trained classifier predicts."""

    TOPIC = "topic", _("Chủ đề")
    TONE = "tone", _("Sắc thái")


class Origin(models.TextChoices):
    """Who decided a value on an item; a person always wins over the machine."""

    PERSON = "person", _("Cán bộ gán nhãn")
    MODEL = "model", _("Mô hình học từ nhãn")
    LEXICON = "lexicon", _("Từ điển sắc thái")
    QUERY = "query", _("Câu truy vấn")


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class AlertKind(models.TextChoices):
    MATCH = "match", _("Tin mới khớp danh sách theo dõi")
    SPIKE = "spike", _("Tăng đột biến")
    NEGATIVE_SENSITIVE = "negative_sensitive", _("Tin tiêu cực về chủ đề nhạy cảm")
    FOREIGN_FIRST = "foreign_first", _("Báo nước ngoài lần đầu nhắc đến")
    FOREIGN_PICKUP = "foreign_pickup", _("Chuỗi tin trong nước lan ra nước ngoài")
    SOURCE_HEALTH = "source_health", _("Nguồn tin im lặng hoặc lỗi kéo dài bất thường")
    CLAIM_RESURFACED = "claim_resurfaced", _("Thông tin đã làm rõ xuất hiện lại")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Ngay lập tức")
    HOURLY = "hourly", _("Tổng hợp mỗi giờ")
    DAILY = "daily", _("Tổng hợp mỗi ngày")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("Trong hệ thống")
    EMAIL = "email", _("Thư điện tử")
    WEBHOOK = "webhook", _("Webhook")


class WebhookFormat(models.TextChoices):
    JSON = "json", _("JSON chung")
    TELEGRAM = "telegram", _("Telegram (sendMessage)")
    ZALO = "zalo", _("Zalo OA (tin nhắn văn bản)")


class SpikeScope(models.TextChoices):
    WATCHLIST = "watchlist", _("Danh sách theo dõi")
    TOPIC = "topic", _("Chủ đề")
    STORY = "story", _("Chuỗi tin")


# Spike windows: news compares the day with the trailing 14 days, social posts the last hour
# with the 12 before it.
NEWS_WINDOW_DAYS = 14
SOCIAL_WINDOW_HOURS = 12
# A spike also needs this many items in the current window, so 0 → 2 is not an alarm.
SPIKE_MIN_COUNT = 3

# What a spike explanation lists per kind (terms, sources, languages, stories).
SPIKE_EXPLAIN_TOP = 5

# How a spike rule's k learns from the monitors' marks (services/feedback.py): every
# SENSITIVITY_MARKS marks on alerts raised since k last moved are judged together.
SENSITIVITY_MARKS = 5
SENSITIVITY_NOISY_SHARE = 0.6  # at least this share "không hữu ích": k goes up
SENSITIVITY_STEP_UP = 0.5
SENSITIVITY_STEP_DOWN = 0.25  # lowering is slower than raising: a missed spike costs more
SENSITIVITY_MIN = 1.5
SENSITIVITY_MAX = 6.0


class BacktestVariant(models.TextChoices):
    STRICT = "strict", _("Câu truy vấn đang thử")
    RELAXED = "relaxed", _("Biến thể nới rộng (không dấu, tên gọi khác)")


# A backtest runs the query over the stored items of this many last days.
BACKTEST_DAYS = 90
# How many matches (and relaxed-variant extras) the monitor is asked to mark.
BACKTEST_SAMPLE_SIZE = 20
