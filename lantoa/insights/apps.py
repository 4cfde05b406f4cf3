from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lantoa.insights"
    label = "insights"
    verbose_name = _("Phân tích dư luận")

    def ready(self) -> None:
        # Django's place for start-up imports (models are not loaded while app configs are
        # created): the pipeline stages and the item-list filters hook in, and the tasks are
        # registered with Celery in every process (services queue them by name: `enqueue.py`).
        from . import filters, pipeline_hooks, tasks  # noqa: F401

        pipeline_hooks.register()
        filters.register()
