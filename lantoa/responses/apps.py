from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "lantoa.responses"
    label = "responses"
    verbose_name = _("Xử lý thông tin sai lệch")

    def ready(self):
        from . import pipeline_hooks, signals, tasks  # noqa: F401

        signals.connect()
        pipeline_hooks.register()
