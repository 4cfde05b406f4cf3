"""Admin URLs of core's own screens (mounted under /admin/setup/ by core's wagtail_hooks)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.office_setup_view, name="core_setup"),
    path("mau/<slug:name>.xlsx", views.office_setup_template, name="core_setup_template"),
]
