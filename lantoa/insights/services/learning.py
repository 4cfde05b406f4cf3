"""Retraining the topic and tone classifiers from staff labels, with cross-validated figures."""

import io

import joblib
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from sklearn.model_selection import cross_val_predict

from lantoa.core.audit import audit
from lantoa.core.tasks import QUEUE_DOWN

from ..constants import JobStatus, Task
from ..enqueue import enqueue_on_commit
from ..ml.evaluate import cv_folds
from ..ml.lexicon import lexicon_tone
from ..ml.metrics import classification_figures
from ..ml.pipelines import build_baseline_pipeline, build_pipeline
from ..models import ClassifierModel, TrainingJob
from ..selectors import training_data


class TrainingError(ValueError):
    """Not enough labels to train; the message is Vietnamese."""


def _set_progress(job: TrainingJob | None, progress: int, message: str = "") -> None:
    if job is None:
        return
    job.progress = progress
    job.message = message
    job.status = JobStatus.RUNNING
    TrainingJob.objects.filter(pk=job.pk).update(
        progress=progress, message=message, status=JobStatus.RUNNING
    )


def training_job_start(*, task: str, user=None) -> TrainingJob:
    """Record a training run and train in the background once the transaction commits; with the
    broker down the run ends failed with that reason (the progress page shows it)."""
    if task not in Task.values:
        raise TrainingError(f"Nhiệm vụ “{task}” không có.")
    job = TrainingJob.objects.create(task=task, requested_by=user)
    enqueue_on_commit(
        "classifier_train_task",
        job.pk,
        on_refused=lambda: TrainingJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=QUEUE_DOWN, finished_at=timezone.now()
        ),
    )
    return job


def classifier_train(*, task: str, user=None, job: TrainingJob | None = None) -> ClassifierModel:
    """Train a new version from the labels; it becomes active only if it beats the baseline.

    Baseline: the lexicon for tone (needs no training), plain TF-IDF + LinearSVC for topic. Both
    are scored by cross-validation on the same folds; the model is then refitted on all labels.
    """
    try:
        texts, labels = training_data(task)
        classes = sorted(set(labels))
        if len(classes) < 2 or min(labels.count(c) for c in classes) < 2:
            raise TrainingError(
                "Cần ít nhất hai nhãn khác nhau, mỗi nhãn ít nhất hai tin, để huấn luyện."
            )
        folds = cv_folds(labels)
        _set_progress(job, 10, "Kiểm định chéo mô hình")
        predicted = cross_val_predict(build_pipeline(task), texts, labels, cv=folds)
        metrics = classification_figures(labels, list(predicted), classes)
        _set_progress(job, 50, "Kiểm định chéo mô hình đối chứng")
        if task == Task.TONE:
            baseline_name = "lexicon"
            baseline_pred = [lexicon_tone(text) for text in texts]
        else:
            baseline_name = "tfidf_linearsvc"
            baseline_pred = list(
                cross_val_predict(build_baseline_pipeline(), texts, labels, cv=folds)
            )
        baseline = classification_figures(labels, baseline_pred, classes)
        _set_progress(job, 70, "Huấn luyện trên toàn bộ nhãn")
        fitted = build_pipeline(task).fit(texts, labels)
        buffer = io.BytesIO()
        joblib.dump(fitted, buffer)
        model = _store(
            task, buffer.getvalue(), metrics, baseline_name, baseline, labels, folds, user
        )
    except Exception as exc:
        if job is not None:
            TrainingJob.objects.filter(pk=job.pk).update(
                status=JobStatus.FAILED, message=str(exc), finished_at=timezone.now()
            )
        raise
    if job is not None:
        TrainingJob.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE,
            progress=100,
            model=model,
            finished_at=timezone.now(),
            message=f"Đã tạo {model}",
        )
    return model


@transaction.atomic
def _store(task, artefact, metrics, baseline_name, baseline, labels, folds, user):
    version = (ClassifierModel.objects.filter(task=task).aggregate(v=Max("version"))["v"] or 0) + 1
    beats = metrics["macro_f1"] > baseline["macro_f1"]
    if beats:
        ClassifierModel.objects.filter(task=task, is_active=True).update(is_active=False)
    model = ClassifierModel.objects.create(
        task=task,
        version=version,
        artefact=artefact,
        metrics=metrics,
        baseline_name=baseline_name,
        baseline_metrics=baseline,
        n_labels=len(labels),
        folds=folds.get_n_splits(),
        beats_baseline=beats,
        is_active=beats,
        created_by=user,
    )
    audit(model, "insights.train", user=user, data={"macro_f1": metrics["macro_f1"]})
    return model
