"""Shared behaviour of the plans admin views."""

from django.core.exceptions import ValidationError


class ServiceRefusalMixin:
    """A service's ValidationError becomes the form's error message (nothing saved)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
