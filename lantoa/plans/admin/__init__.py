"""Wagtail admin of the plans app: ViewSets, custom views, dashboard panel."""
