from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "lantoa.plans"
    label = "plans"
    verbose_name = _("Kế hoạch và nhiệm vụ")

    def ready(self):
        from lantoa.core.roles import unit_scoped_register

        from .models import ReportEvidence, TaskPeriod

        # Records without a ViewSet of their own (those with one are registered by it): a
        # task's periods and a report's evidence belong to the units of their task or report.
        unit_scoped_register(TaskPeriod, "task__lead_unit", "task__coordinating_units")
        unit_scoped_register(ReportEvidence, "report__unit", "report__task__lead_unit")
