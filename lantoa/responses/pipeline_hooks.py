"""The monitoring pipeline's analyse and alert stages call these (registered in apps.ready, after
insights): new items are matched against the known claims, and a refuted claim that comes back
raises an alert. Both are idempotent (the pipeline resumes items after a crash)."""

from lantoa.monitoring.pipeline import alert, analyse

from .services.claims import claim_recurrences_record, claim_resurface_alerts


def pipeline_claims(items) -> None:
    """Stage 9: recurrences of known claims among freshly stored items (one batch, few queries)."""
    claim_recurrences_record(items=list(items))


def pipeline_claim_alerts(items) -> None:
    """Stage 10: a refuted, published claim resurfaced in these items."""
    claim_resurface_alerts(item_ids=[item.pk for item in items])


def register() -> None:
    analyse.register(pipeline_claims)
    alert.register(pipeline_claim_alerts)
