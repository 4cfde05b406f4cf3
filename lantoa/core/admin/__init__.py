"""Core in the Wagtail admin: units, the organisation and jobs panels of the home page;
`core/wagtail_hooks.py` only registers them. The job list itself is `core/jobs/views.py`."""
