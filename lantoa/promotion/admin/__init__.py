"""Wagtail admin of the promotion app: library and calendar ViewSets, the calendar, translation and
reach-import views, the dashboard panel. `wagtail_hooks.py` only registers them."""
