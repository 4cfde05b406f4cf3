"""Settings of the web process that gunicorn reads by itself from the folder it is started in
(`./gunicorn.conf.py`): start it from the project folder (docs/operations.md).

Garbage collection. A worker holds about 400,000 long-lived objects (Django, Wagtail, compiled
templates); Python's full collection walks all of them, a pause of 120-240 ms about every 40
admin pages: the slowest pages under load. Moved to the permanent generation (`gc.freeze`), they
are skipped by every collection: the pauses fall to about 15 ms. A worker freezes what it holds
once the application is loaded, and again once its first pages have compiled their templates.
Objects that are garbage at that moment are never freed: a bounded few megabytes, once.
"""

import gc

FREEZE_AGAIN_AFTER_REQUESTS = 50


def post_worker_init(worker):
    gc.freeze()


def post_request(worker, req, environ, resp):
    if worker.nr == FREEZE_AGAIN_AFTER_REQUESTS:
        gc.freeze()
