"""Celery application. Tasks take ids, load rows, call a service; retries live in the task."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")

app = Celery("lantoa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_broker_folders(sender: Celery, **kwargs: object) -> None:
    """The filesystem broker needs its folders before the first message."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)
