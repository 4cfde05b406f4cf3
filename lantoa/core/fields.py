"""Model and form fields shared by the apps."""

from django import forms
from django.db import models

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
