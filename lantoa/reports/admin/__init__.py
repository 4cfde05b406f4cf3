"""The reports app in the Wagtail admin: the KPI dashboard, the annual-report and export forms,
the annual narrative's ViewSet; `reports/wagtail_hooks.py` only registers them."""
