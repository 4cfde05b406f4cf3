"""Machine-learning parts of insights: topic and tone pipelines, lexicon tone baseline, language ID.

Nothing here touches the database: the same code trains the product's models, runs
`manage.py eval_classifier` and `make eval`, so the figures printed are the product's figures.
"""


def warm_up() -> None:
    """Load every model analysing an item reads, then move what the process holds out of the
    garbage collector's way. A worker that analyses calls it as it starts (`tasks`), the
    benchmarks before timing.

    Loaded: language ID first (`language.warm_up`: py3langid and lingua), then the six tone
    analysers (`tone.warm_up`) and the story linker's tables (`linking.warm_up`: place names,
    Hán-Việt readings and compounds).

    Language ID goes first and the memory it freed is given back (`memory_release`) before the
    rest loads. Reading their model files frees buffers as large as the models: py3langid's
    compressed pickle (58 MB above its 48) and lingua's n-gram files (41 MB above their 60).
    Loaded on top of the other models, those peaks set the worker's peak, and the heap kept
    them: a fresh worker peaked at 483-488 MB and held 484; now 457-461 and 449
    (`make bench BENCH_ARGS=monitoring`, (d)).

    Then `gc.freeze`: a worker with every model holds about 440,000 long-lived objects that each
    full collection would walk again (0.25-0.39 s a collection on 2,280 headlines, about 4% of
    the ingest's CPU); frozen, collections skip them (as the web workers do, gunicorn.conf.py).
    """
    import gc

    from lantoa.core.memory import memory_release

    from . import language, linking, tone

    language.warm_up()
    memory_release()
    tone.warm_up()
    linking.warm_up()
    memory_release()
    gc.freeze()
