"""Wagtail admin of the responses app: the Case ViewSet, its action views, forms, filters and the
dashboard panels. `wagtail_hooks.py` only registers them."""
