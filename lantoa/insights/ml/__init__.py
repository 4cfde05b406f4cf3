"""Machine-learning parts of insights: topic and tone pipelines, lexicon tone baseline, language ID.

Nothing here touches the database: the same code trains the product's models, runs
`manage.py eval_classifier` and `make eval`, so the figures printed are the product's figures.
"""
