"""The official terminology glossary: fixed names (the Party committee, the ward, its offices,
places, titles of office) and how each is written in every site language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import TermKind

# Site language code → the model field holding the term in that language.
TERM_FIELDS = {"en": "en", "zh-hans": "zh_hans", "ko": "ko", "ja": "ja", "fr": "fr"}


class OfficialTerm(models.Model):
    """One fixed name. A translation whose source segment contains `vi` must contain the term of
    its language (case-insensitive); otherwise the page cannot be published."""

    vi = models.CharField(_("tiếng Việt"), max_length=200, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=TermKind.choices)
    en = models.CharField(_("tiếng Anh"), max_length=200)
    zh_hans = models.CharField(_("tiếng Trung"), max_length=200)
    ko = models.CharField(_("tiếng Hàn"), max_length=200)
    ja = models.CharField(_("tiếng Nhật"), max_length=200)
    fr = models.CharField(_("tiếng Pháp"), max_length=200)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thuật ngữ chính thức")
        verbose_name_plural = _("bảng thuật ngữ chính thức")
        ordering = ["kind", "vi"]

    def __str__(self) -> str:
        return self.vi

    def term(self, language: str) -> str:
        """The term in a site language ("" for Vietnamese or an unknown language)."""
        field = TERM_FIELDS.get(language)
        return getattr(self, field) if field else ""
