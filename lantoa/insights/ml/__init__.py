"""Machine-learning parts of insights: topic and tone pipelines, lexicon tone baseline, language ID.

Nothing here touches the database: the same code trains the product's models, runs
`manage.py eval_classifier` and `make eval`, so the figures printed are the product's figures.
"""


def warm_up() -> None:
    """Load every model analysing an item reads, then move what the process holds out of the
    garbage collector's way. A worker that analyses calls it as it starts (`tasks`), the
    benchmarks before timing.

    Loaded: the six tone analysers and language ID (`tone.warm_up`), the story linker's tables
    (`linking.warm_up`: place names, Hán-Việt readings and compounds). Then `gc.freeze`: a
    worker with every model holds about 440,000 long-lived objects that each full collection
    would walk again (0.25-0.39 s a collection on 2,280 headlines, about 4% of the ingest's CPU);
    frozen, collections skip them (as the web workers do, gunicorn.conf.py).
    """
    import gc

    from . import linking, tone

    tone.warm_up()
    linking.warm_up()
    gc.collect()
    gc.freeze()
