"""Wagtail admin of the people app: ViewSets, FilterSets, the collaborator erase view, the dashboard
panel. `wagtail_hooks.py` only registers them."""
