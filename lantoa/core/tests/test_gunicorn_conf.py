"""The web process's gunicorn settings (gunicorn.conf.py in the project folder)."""

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

CONF = Path(__file__).resolve().parents[3] / "gunicorn.conf.py"


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_freezes_what_it_holds_when_loaded_and_after_its_first_pages(unfrozen):
    conf = runpy.run_path(str(CONF))
    worker = SimpleNamespace(nr=0)
    conf["post_worker_init"](worker)
    loaded = gc.get_freeze_count()
    assert loaded > 1000  # the modules, classes and functions this test process holds
    kept = [object() for _ in range(2000)] + [[] for _ in range(2000)]  # made by first pages
    for worker.nr in range(1, conf["FREEZE_AGAIN_AFTER_REQUESTS"]):
        conf["post_request"](worker, None, {}, None)
    assert gc.get_freeze_count() == loaded
    worker.nr = conf["FREEZE_AGAIN_AFTER_REQUESTS"]
    conf["post_request"](worker, None, {}, None)
    assert gc.get_freeze_count() >= loaded + 2000
    assert kept
