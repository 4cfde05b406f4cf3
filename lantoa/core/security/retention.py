"""Retention: rows older than their configured period are removed, in batches.

An extension point: each app that keeps data with a shelf life declares, in its own
`<app>/retention.py` (found automatically, in the order of settings.LANTOA_APPS), one rule per kind
of row with `@retention_rule(kind=…, label=…, default_days=…, owner=…)` on a function
`purge(*, cutoff, batch_size) -> Counter` that deletes what is older than `cutoff` and returns the
rows deleted per owner id. Core knows no app's models. Today monitoring declares raw responses,
poll runs and pseudonymised social posts (lantoa/monitoring/retention.py).

The period of each kind is `LANTOA_RETENTION_DAYS[kind]` in days (0 keeps them for good), else the
rule's default. Deletion goes in batches of `LANTOA_RETENTION_BATCH` rows (`purge_in_batches`),
each batch its own transaction, so a large purge never holds long locks and an interrupted run
simply continues next time. Each owner that lost rows (a monitoring source) gets an audit entry
with the counts (no content), shown in its history.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from lantoa.core.audit import audit
from lantoa.core.registry import app_modules

AUDIT_ACTION = "lantoa.retention_purge"

# purge(*, cutoff, batch_size) -> rows deleted per owner id
Purge = Callable[..., Counter]


@dataclass(frozen=True)
class RetentionRule:
    """One kind of row that ages out, and how to remove it."""

    kind: str  # its key in LANTOA_RETENTION_DAYS
    label: str  # what `manage.py retention` calls it
    default_days: int
    owner: type[models.Model]  # whose history records what was removed
    purge: Purge


_RULES: dict[str, RetentionRule] = {}


def retention_rule(
    *, kind: str, label: str, default_days: int, owner: type[models.Model]
) -> Callable[[Purge], Purge]:
    """Register the decorated `purge(*, cutoff, batch_size) -> Counter` as the rule for `kind`."""

    def decorator(purge: Purge) -> Purge:
        _RULES[kind] = RetentionRule(
            kind=kind, label=label, default_days=default_days, owner=owner, purge=purge
        )
        return purge

    return decorator


def retention_rules() -> list[RetentionRule]:
    """Every app's rules, in the order the apps (and each app's rules) are declared."""
    app_modules("retention")
    return list(_RULES.values())


@dataclass
class RetentionResult:
    """What one run removed: totals per kind, and per owner (model, id)."""

    totals: Counter = field(default_factory=Counter)
    by_owner: dict[tuple[type[models.Model], int], Counter] = field(default_factory=dict)

    def add(self, rule: RetentionRule, owner_counts: Counter) -> None:
        for owner_id, count in owner_counts.items():
            self.by_owner.setdefault((rule.owner, owner_id), Counter())[rule.kind] += count
            self.totals[rule.kind] += count


def retention_periods() -> dict[str, int]:
    """Days each kind is kept (0 = kept for good), from settings, else each rule's default."""
    configured = settings.LANTOA_RETENTION_DAYS
    return {
        rule.kind: int(configured.get(rule.kind, rule.default_days)) for rule in retention_rules()
    }


def purge_in_batches(
    queryset: models.QuerySet, *, batch_size: int, owner_field: str, on_batch=None
) -> Counter:
    """Delete `queryset` in batches of ids, each batch its own transaction; returns rows deleted
    per value of `owner_field`. `on_batch(ids)` runs before a batch's delete and
    `on_batch.after(ids)` after it (e.g. to recount what pointed at the deleted rows)."""
    counts: Counter = Counter()
    while True:
        with transaction.atomic():
            rows = list(queryset.values_list("id", owner_field)[:batch_size])
            if not rows:
                return counts
            ids = [row_id for row_id, _owner in rows]
            if on_batch is not None:
                on_batch(ids)
            queryset.model.objects.filter(id__in=ids).delete()
            if on_batch is not None:
                on_batch.after(ids)
            counts.update(owner_id for _id, owner_id in rows)


def retention_run(*, now: datetime | None = None, batch_size: int | None = None) -> RetentionResult:
    """Remove what is older than the retention periods; returns the counts (also audited).

    Not one transaction on purpose: each batch commits on its own (see the module docstring).
    """
    now = now or timezone.now()
    batch_size = batch_size or settings.LANTOA_RETENTION_BATCH
    periods = retention_periods()
    result = RetentionResult()
    for rule in retention_rules():
        if periods[rule.kind]:
            cutoff = now - timedelta(days=periods[rule.kind])
            result.add(rule, rule.purge(cutoff=cutoff, batch_size=batch_size))
    owners: dict[type[models.Model], list[int]] = {}
    for model, owner_id in result.by_owner:
        owners.setdefault(model, []).append(owner_id)
    with transaction.atomic():
        for model, ids in owners.items():
            for owner in model.objects.filter(pk__in=ids):
                audit(
                    owner,
                    AUDIT_ACTION,
                    data={
                        "counts": dict(result.by_owner[(model, owner.pk)]),
                        "periods_days": periods,
                        "at": now.isoformat(),
                    },
                )
    return result


RETENTION_TASK_NAME = "lantoa.core.security.tasks.retention_nightly_task"  # core/schedules.py
