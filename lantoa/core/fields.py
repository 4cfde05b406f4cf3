"""Model and form fields shared by the apps."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_web_url


class WebURLFormField(forms.URLField):
    """A URL form field that accepts http:// and https:// only (a bare host gets https://)."""

    default_validators = [validate_web_url]

    def __init__(self, *, assume_scheme: str = "https", **kwargs):
        super().__init__(assume_scheme=assume_scheme, **kwargs)


class WebURLField(models.URLField):
    """A stored link: an absolute http:// or https:// URL (see `core.validators`)."""

    default_validators = [validate_web_url]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})


def plan_item_field() -> models.ForeignKey:
    """The plan item (`plans.PlanSection`) a record serves: trainings, campaigns, cases and
    clarifications carry one, and `<app>/plan_evidence.py` counts them as that item's evidence in
    the annual report (core.reporting.plan_item_evidence). A string reference: core imports no
    app above it."""
    return models.ForeignKey(
        "plans.PlanSection",
        verbose_name=_("mục kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Mục của kế hoạch mà việc này thực hiện; báo cáo năm dẫn nó làm căn cứ."),
    )
