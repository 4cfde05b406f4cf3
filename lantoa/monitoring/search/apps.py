from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The search index and query language of monitoring items (its own tables and migrations)."""

    name = "lantoa.monitoring.search"
    label = "search"
    verbose_name = _("Tìm kiếm")
