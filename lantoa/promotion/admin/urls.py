from django.urls import path

from . import views
from .reports import PublishedPagesView

urlpatterns = [
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/lich-bien-tap.ics", views.calendar_ical, name="calendar_ical"),
    path("translations/", views.translations_view, name="translations"),
    path("reach-import/", views.reach_import_view, name="reach_import"),
    path("pages/", PublishedPagesView.as_view(), name="published_pages"),
    path(
        "pages/results/",
        PublishedPagesView.as_view(results_only=True),
        name="published_pages_results",
    ),
]
