"""Stage 9: hand stored items to the registered analysers (insights); no-op when none.

Register with `lantoa.monitoring.pipeline.analyse.register(callback)`; `callback(items)` gets the
stored Item rows after the commit and must be idempotent (items are resumed after a crash).
"""

from ..batch import Batch
from .hooks import analysers

register = analysers.register
unregister = analysers.unregister


def run(batch: Batch) -> Batch:
    if batch.stored:
        analysers.run(batch.stored)
    return batch
