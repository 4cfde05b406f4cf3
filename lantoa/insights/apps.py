from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lantoa.insights"
    label = "insights"
    verbose_name = _("Phân tích dư luận")

    def ready(self) -> None:
        # Django's place for start-up imports: the pipeline stages hook in, and the tasks are
        # registered with Celery in every process (services queue them by name: `enqueue.py`).
        from . import tasks  # noqa: F401
        from .pipeline_hooks import register

        register()
