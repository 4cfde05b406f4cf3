"""The monitoring pipeline: one module per stage, the order declared here and nowhere else.

Contract: each stage is a module with `run(batch: Batch) -> Batch`. It either passes an item on or
drops it with `batch.drop(candidate, ItemStatus.X, reason)`; every candidate ends with exactly one
final status, counted per source in its PollRun. `store` and `index` run in one database
transaction together with the poll's bookkeeping (new validators, next fetch time), so a crash
before the commit leaves nothing behind and a re-run fetches and stores the same items once.
`analyse` and `alert` run after the commit; items they have not finished keep `processed_at`
empty and are resumed by `runner.items_resume`.
"""

from . import (
    alert,
    analyse,
    dedup,
    extract,
    fetch,
    index,
    language,
    normalise,
    parse,
    store,
)

STAGES = (fetch, parse, extract, normalise, language, dedup, store, index, analyse, alert)
STAGE_NAMES = tuple(stage.__name__.rsplit(".", 1)[1] for stage in STAGES)
# Stages that run inside the poll's single transaction.
TRANSACTIONAL = ("store", "index")
# Stages that run after the commit, for stored items only (resumable).
AFTER_COMMIT = ("analyse", "alert")
