"""Public feeds of the site, one per language: sitemap, Atom news feed, iCalendar of events.

Mounted at /promotion/ (Wagtail's page URLs cannot carry a file extension)."""

from django.urls import path

from . import views

app_name = "promotion"
urlpatterns = [
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:language>.xml", views.sitemap, name="sitemap"),
    path("news-<str:language>.atom", views.news_feed, name="news_feed"),
    path("events-<str:language>.ics", views.events_ical, name="events_ical"),
]
