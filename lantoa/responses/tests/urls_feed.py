"""The project URLconf plus the `feed.atom` route the lead is asked to add to lantoa/urls.py."""

from django.urls import re_path

from lantoa.responses.views import clarification_feed_atom
from lantoa.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    re_path(r"^(?P<index_path>(?:[\w\-]+/)+)feed\.atom$", clarification_feed_atom),
    *project_urlpatterns,
]
