"""What the office watches for and what it learned about each item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import LabelKind, Origin, Tone, TopicKind, TopicMethod


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _quoted(term: str) -> str:
    return '"' + term.replace('"', " ").strip() + '"'


class Watchlist(models.Model):
    """A saved query in the search language plus aliases in every language the press uses.

    An item matches when the query or any alias matches it; aliases are searched as phrases, so
    "Quy Nhơn", "Quy Nhon", "归仁" and "퀴논" are one watchlist.
    """

    name = models.CharField(_("tên"), max_length=200, unique=True)
    query = models.TextField(
        _("câu truy vấn"),
        blank=True,
        help_text=_('Ngôn ngữ tìm kiếm: "cụm từ", AND, OR, NOT, ngoặc, lang:vi …'),
    )
    aliases = models.TextField(
        _("tên gọi khác"), blank=True, help_text=_("Mỗi dòng một cách viết, mọi ngôn ngữ.")
    )
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("danh sách theo dõi")
        verbose_name_plural = _("danh sách theo dõi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return _lines(self.aliases)

    def effective_query(self) -> str:
        """The query that is run: `(query) OR "alias" OR …`."""
        parts = [f"({self.query.strip()})"] if self.query.strip() else []
        parts += [_quoted(alias) for alias in self.alias_list()]
        return " OR ".join(parts)


class Topic(models.Model):
    """A topic of the taxonomy, defined by a query, by the trained classifier, or both."""

    name = models.CharField(_("tên chủ đề"), max_length=200, unique=True)
    kind = models.CharField(_("nhóm"), max_length=20, choices=TopicKind.choices)
    method = models.CharField(
        _("cách xác định"), max_length=20, choices=TopicMethod.choices, default=TopicMethod.QUERY
    )
    query = models.TextField(_("câu truy vấn"), blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_sensitive(self) -> bool:
        return self.kind == TopicKind.SENSITIVE


class ItemMatch(models.Model):
    """An item tagged by a watchlist, with the passage that matched (HTML, `<mark>`ed)."""

    item = models.ForeignKey(
        "monitoring.Item",
        on_delete=models.CASCADE,
        related_name="watchlist_matches",
        verbose_name=_("tin"),
    )
    watchlist = models.ForeignKey(
        Watchlist,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("danh sách theo dõi"),
    )
    passage = models.TextField(_("đoạn khớp"), blank=True)
    matched_at = models.DateTimeField(_("thời điểm khớp"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tin khớp danh sách theo dõi")
        verbose_name_plural = _("tin khớp danh sách theo dõi")
        ordering = ["-matched_at"]
        constraints = [
            models.UniqueConstraint(fields=["item", "watchlist"], name="insights_match_unique")
        ]

    def __str__(self) -> str:
        return f"{self.watchlist} · {self.item}"


class ItemAnalysis(models.Model):
    """The current reading of one item: topic, tone, relevance, and who decided each.

    A value set by a person (`*_origin = person`) is never replaced by a model.
    """

    item = models.OneToOneField(
        "monitoring.Item", on_delete=models.CASCADE, related_name="analysis", verbose_name=_("tin")
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("chủ đề"), null=True, blank=True, on_delete=models.SET_NULL
    )
    topic_origin = models.CharField(
        _("chủ đề do"), max_length=20, choices=Origin.choices, blank=True
    )
    tone = models.CharField(_("sắc thái"), max_length=20, choices=Tone.choices, blank=True)
    tone_origin = models.CharField(
        _("sắc thái do"), max_length=20, choices=Origin.choices, blank=True
    )
    tone_score = models.FloatField(_("điểm sắc thái"), null=True, blank=True)
    relevant = models.BooleanField(_("liên quan"), null=True, blank=True)
    inaccurate = models.BooleanField(_("thông tin sai sự thật"), default=False)
    # 1.0 = the models cannot decide; the labelling queue shows the highest first.
    uncertainty = models.FloatField(_("độ không chắc chắn"), default=1.0, db_index=True)
    analysed_at = models.DateTimeField(_("phân tích lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phân tích tin")
        verbose_name_plural = _("phân tích tin")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.tone or '-'} / {self.topic or '-'}"


class Label(models.Model):
    """A staff member's label on an item (one per item and kind; relabelling replaces it)."""

    item = models.ForeignKey(
        "monitoring.Item", on_delete=models.CASCADE, related_name="labels", verbose_name=_("tin")
    )
    kind = models.CharField(_("loại nhãn"), max_length=20, choices=LabelKind.choices)
    value = models.CharField(_("giá trị"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("người gán nhãn"),
    )
    created_at = models.DateTimeField(_("gán lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nhãn")
        verbose_name_plural = _("nhãn")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["item", "kind"], name="insights_label_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
