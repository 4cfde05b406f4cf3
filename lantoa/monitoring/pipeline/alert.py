"""Stage 10: hand stored, analysed items to the registered alerters; no-op when none.

Register with `lantoa.monitoring.pipeline.alert.register(callback)` (idempotent callbacks).
"""

from ..batch import Batch
from .hooks import alerters

register = alerters.register
unregister = alerters.unregister


def run(batch: Batch) -> Batch:
    if batch.stored:
        alerters.run(batch.stored)
    return batch
