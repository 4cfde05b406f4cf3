"""Stored files follow their records: removed when the record goes, orphans found and reported.

A row with a `FileField` (progress-report evidence, a job's result files, …) may disappear
through its own delete, a delete view, or a cascade from its task, plan or job. Django sends
`post_delete` for each row in all three cases, so `file_cleanup_connect` connects one handler
per model that has file fields; the handler only schedules the removal of the files for after
the commit (`transaction.on_commit`): a rolled-back delete keeps its files, and a file is never
removed while a row still names it. This is what Wagtail does for its own documents and images,
which are left to Wagtail's handlers.

Whatever slipped through before (older versions, a crash between commit and removal, files
copied in by hand) is found by `orphan_files_find`: files under MEDIA_ROOT that no row names.
The nightly job `orphan_files_report_task` logs them, `manage.py orphan_files` lists them and,
with `--delete`, removes them. Files younger than an hour are never orphans: an upload may be
between its file and its row.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

logger = logging.getLogger(__name__)

GRACE = timedelta(hours=1)
# Wagtail removes these models' files itself (wagtail.documents / wagtail.images signal handlers).
WAGTAIL_MANAGED = {"wagtaildocs", "wagtailimages"}


def file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def models_with_files() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if not model._meta.abstract and not model._meta.proxy and file_fields(model)
    ]


def _remove_files_after_commit(sender, instance, **kwargs) -> None:
    stored = [
        (fieldfile.storage, fieldfile.name)
        for fieldfile in (getattr(instance, f.attname) for f in file_fields(sender))
        if fieldfile and fieldfile.name
    ]

    def remove() -> None:
        for storage, name in stored:
            try:
                storage.delete(name)
            except OSError:  # reported by the orphan job instead of failing the request
                logger.exception("could not remove %s", name)

    if stored:
        transaction.on_commit(remove)


def file_cleanup_connect() -> None:
    """Connect the removal handler to every model with file fields (idempotent)."""
    for model in models_with_files():
        if model._meta.app_label in WAGTAIL_MANAGED:
            continue
        post_delete.connect(
            _remove_files_after_commit,
            sender=model,
            dispatch_uid=f"lantoa_file_cleanup_{model._meta.label_lower}",
        )


@dataclass
class OrphanReport:
    """Files under MEDIA_ROOT that no row names (relative paths), with their total size."""

    paths: list[str] = field(default_factory=list)
    bytes: int = 0


def referenced_names() -> set[str]:
    names: set[str] = set()
    for model in models_with_files():
        for f in file_fields(model):
            names.update(
                name
                for name in model._default_manager.exclude(**{f.attname: ""})
                .values_list(f.attname, flat=True)
                .iterator()
                if name
            )
    return names


def orphan_files_find(*, now=None) -> OrphanReport:
    """Every file under MEDIA_ROOT that no row names and that is older than an hour."""
    root = Path(settings.MEDIA_ROOT)
    report = OrphanReport()
    if not root.is_dir():
        return report
    cutoff = ((now or timezone.now()) - GRACE).timestamp()
    referenced = referenced_names()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        stat = path.stat()
        if name in referenced or stat.st_mtime > cutoff:
            continue
        report.paths.append(name)
        report.bytes += stat.st_size
    return report


def orphan_files_delete(*, report: OrphanReport) -> int:
    """Remove the files of `report` that are still orphans now; return how many went."""
    root = Path(settings.MEDIA_ROOT)
    still = set(orphan_files_find().paths)
    removed = 0
    for name in report.paths:
        if name in still:
            (root / name).unlink(missing_ok=True)
            removed += 1
    return removed


ORPHANS_TASK_NAME = "lantoa.core.tasks.orphan_files_report_task"  # scheduled in core/schedules.py
