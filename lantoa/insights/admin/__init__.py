"""Wagtail admin of insights: ViewSets (`viewsets.py`) with their FilterSets (`filters.py`) and
forms (`forms.py`), the custom admin pages (`views.py`, `urls.py`), the dashboard panel and the
inbox menu item (`panels.py`). `wagtail_hooks.py` only registers them."""
