from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The search index and query language of monitoring items (its own tables and migrations)."""

    name = "lantoa.monitoring.search"
    label = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        post_migrate.connect(_item_table_restore, sender=self)


def _item_table_restore(sender, using="default", **kwargs):
    from .item_table import item_table_restore

    item_table_restore(connections[using])
