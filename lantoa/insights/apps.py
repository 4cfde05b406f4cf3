from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lantoa.insights"
    label = "insights"
    verbose_name = _("Phân tích dư luận")

    def ready(self) -> None:
        from .pipeline_hooks import register

        register()
