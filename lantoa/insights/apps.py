from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lantoa.insights"
    label = "insights"
    verbose_name = _("Phân tích dư luận")

    def ready(self) -> None:
        # Imported here, not at the top: models are not loaded while app configs are created.
        from . import filters, pipeline_hooks

        pipeline_hooks.register()
        filters.register()
