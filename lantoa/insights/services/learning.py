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
from ..ml.evaluate import cv_folds, cv_strata
from ..ml.metrics import classification_figures
from ..ml.pipelines import build_baseline_pipeline, build_pipeline
from ..ml.tone import LanguageToneModel, lang_of, read_tones
from ..models import ClassifierModel, TrainingJob
from ..selectors import active_model, training_examples


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


def _tone_cv(texts, labels, langs, folds) -> list[str]:
    """Out-of-fold predictions of the per-language tone model, on folds stratified by label and
    language (`cv_strata`)."""
    predicted = [""] * len(texts)
    strata = cv_strata(labels, langs, folds.get_n_splits())
    for train, test in folds.split(texts, strata):
        model = LanguageToneModel.fit_texts(
            [texts[i] for i in train], [labels[i] for i in train], [langs[i] for i in train]
        )
        for i, value in zip(
            test, model.predict([texts[i] for i in test], [langs[i] for i in test]), strict=True
        ):
            predicted[i] = value
    return predicted


def _versus_active(task, texts, labels, langs, changed, predicted, classes) -> dict | None:
    """The new version against the ACTIVE one, on the same items of the same folds: the labels
    the active version never saw (set or changed after it was trained). Both are unseen there:
    the new version's predictions are out-of-fold, the active version was trained before them.
    None when no version is active."""
    current = ClassifierModel.objects.filter(task=task, is_active=True).order_by("-version").first()
    if current is None:
        return None
    unseen = [i for i, moment in enumerate(changed) if moment > current.created_at]
    result = {"active_version": current.version, "n": len(unseen), "beats": False}
    if not unseen:
        return result
    fitted = active_model(task)
    subset = [texts[i] for i in unseen]
    if isinstance(fitted, LanguageToneModel):
        theirs = fitted.predict(subset, [langs[i] for i in unseen])
    else:
        theirs = list(fitted.predict(subset))
    truth = [labels[i] for i in unseen]
    ours = [predicted[i] for i in unseen]
    result["active_macro_f1"] = classification_figures(truth, theirs, classes)["macro_f1"]
    result["new_macro_f1"] = classification_figures(truth, ours, classes)["macro_f1"]
    result["beats"] = result["new_macro_f1"] > result["active_macro_f1"]
    return result


def classifier_train(*, task: str, user=None, job: TrainingJob | None = None) -> ClassifierModel:
    """Train a new version from the labels; it becomes active only if it beats both the baseline
    and the version active now.

    Baseline: the out-of-the-box analyser of each language for tone (needs no training), plain
    TF-IDF + LinearSVC for topic, scored by cross-validation on the same folds. The active version
    is compared on the labels it never saw, in those folds (`_versus_active`). The model is then
    refitted on all labels. Tone learns one pipeline per language (`LanguageToneModel`).
    """
    try:
        examples = training_examples(task)
        texts = [row[0] for row in examples]
        labels = [row[1] for row in examples]
        classes = sorted(set(labels))
        if len(classes) < 2 or min(labels.count(c) for c in classes) < 2:
            raise TrainingError(
                "Cần ít nhất hai nhãn khác nhau, mỗi nhãn ít nhất hai tin, để huấn luyện."
            )
        langs = [lang_of(text, row[2]) for text, row in zip(texts, examples, strict=True)]
        folds = cv_folds(labels)
        _set_progress(job, 10, "Kiểm định chéo mô hình")
        if task == Task.TONE:
            predicted = _tone_cv(texts, labels, langs, folds)
        else:
            predicted = list(cross_val_predict(build_pipeline(task), texts, labels, cv=folds))
        metrics = classification_figures(labels, list(predicted), classes)
        _set_progress(job, 50, "Kiểm định chéo mô hình đối chứng")
        if task == Task.TONE:
            baseline_name = "out_of_the_box"
            baseline_pred = [reading.label for reading in read_tones(texts, langs)]
        else:
            baseline_name = "tfidf_linearsvc"
            baseline_pred = list(
                cross_val_predict(build_baseline_pipeline(), texts, labels, cv=folds)
            )
        baseline = classification_figures(labels, baseline_pred, classes)
        versus = _versus_active(
            task, texts, labels, langs, [row[3] for row in examples], predicted, classes
        )
        if versus is not None:
            metrics["versus_active"] = versus
        _set_progress(job, 70, "Huấn luyện trên toàn bộ nhãn")
        if task == Task.TONE:
            fitted = LanguageToneModel.fit_texts(texts, labels, langs)
        else:
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
    versus = metrics.get("versus_active")
    replaces = beats and (versus is None or versus["beats"])
    if replaces:
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
        is_active=replaces,
        created_by=user,
    )
    audit(model, "insights.train", user=user, data={"macro_f1": metrics["macro_f1"]})
    return model
