"""Wagtail admin of the monitoring app: ViewSets, filters, views, forms, dashboard panel."""
