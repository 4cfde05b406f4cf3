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


class Held:
    """An object the garbage collector tracks (a plain dict of strings it would not)."""


def frozen(obj) -> bool:
    """Tracked by the collector but in no generation it walks: in the permanent one."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


def test_a_worker_freezes_what_it_holds_when_loaded_and_after_its_first_pages(unfrozen):
    conf = runpy.run_path(str(CONF))
    loaded_module = Held()  # held since start-up
    worker = SimpleNamespace(nr=0)
    conf["post_worker_init"](worker)
    assert frozen(loaded_module) and frozen(conf)
    first_pages = Held()  # made while serving the first pages (compiled templates…)
    for worker.nr in range(1, conf["FREEZE_AGAIN_AFTER_REQUESTS"]):
        conf["post_request"](worker, None, {}, None)
    assert not frozen(first_pages)
    worker.nr = conf["FREEZE_AGAIN_AFTER_REQUESTS"]
    conf["post_request"](worker, None, {}, None)
    assert frozen(first_pages)
    later = Held()
    worker.nr += 1
    conf["post_request"](worker, None, {}, None)
    assert not frozen(later)
