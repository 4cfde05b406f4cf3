"""Labels, label import, retraining: reported metrics equal an independent computation."""

import io

import joblib
import pytest
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from ..constants import Origin, Task, Tone
from ..ml.lexicon import lexicon_tone
from ..ml.pipelines import build_tone_pipeline
from ..models import ClassifierModel, ItemAnalysis, Label, TrainingJob
from ..selectors import active_model, labelling_queue
from ..services import classifier_train, items_analyse, label_set, labels_import
from ..services.analysis import LabelError
from ..tasks import classifier_train_task
from .factories import TopicFactory, indexed_items

pytestmark = pytest.mark.django_db

# Short news-like sentences whose tone the lexicon half-knows and a model can learn.
POSITIVE = [
    "Quy Nhơn đón lượng khách du lịch kỷ lục",
    "Lễ hội biển Quy Nhơn thu hút đông đảo du khách",
    "Phường khánh thành công viên mới cho người dân",
    "Doanh nghiệp Nhật Bản mở nhà máy, tạo việc làm",
    "Học sinh Quy Nhơn đoạt huy chương vàng quốc tế",
    "Khu đô thị mới hoàn thành sớm tiến độ",
    "Người dân hào hứng với tuyến phố đi bộ",
    "Bãi biển được bình chọn đẹp nhất miền Trung",
]
NEGATIVE = [
    "Triều cường gây ngập nặng khu dân cư ven biển",
    "Người dân phản ánh rác thải tồn đọng nhiều ngày",
    "Dự án treo nhiều năm, đất bỏ hoang",
    "Mất điện diện rộng, cửa hàng đóng cửa",
    "Tàu cá bị nạn, ngư dân mất tích",
    "Đường hư hỏng nặng sau mùa mưa",
    "Giá nhà tăng vọt, người trẻ khó mua",
    "Nước sinh hoạt bị nhiễm mặn kéo dài",
]


def _labelled_set():
    items = indexed_items(*[{"title": t} for t in POSITIVE + NEGATIVE])
    items_analyse(item_ids=[i.id for i in items])
    for item in items[: len(POSITIVE)]:
        label_set(item=item, kind="tone", value="positive")
    for item in items[len(POSITIVE) :]:
        label_set(item=item, kind="tone", value="negative")
    return items


def test_retrained_metrics_equal_an_independent_computation():
    items = _labelled_set()
    job = TrainingJob.objects.create(task=Task.TONE)
    classifier_train_task(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100
    model = job.model
    assert model.version == 1 and model.n_labels == 16 and model.folds == 5

    # Independent: same documents in item-id order, same folds, the product pipeline for vi.
    ordered = sorted(items, key=lambda i: i.id)
    texts = [i.title for i in ordered]
    y = ["positive" if i.title in POSITIVE else "negative" for i in ordered]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    predicted = cross_val_predict(build_tone_pipeline("vi"), texts, y, cv=folds)
    labels = ["negative", "positive"]
    p, r, f, s = precision_recall_fscore_support(y, predicted, labels=labels, zero_division=0)
    for index, label in enumerate(labels):
        row = model.metrics["per_class"][label]
        assert row["precision"] == pytest.approx(p[index])
        assert row["recall"] == pytest.approx(r[index])
        assert row["f1"] == pytest.approx(f[index])
        assert row["support"] == s[index] == 8
    assert model.macro_f1 == pytest.approx(f1_score(y, predicted, average="macro"))
    lexicon = [lexicon_tone(t) for t in texts]
    assert model.baseline_macro_f1 == pytest.approx(
        f1_score(y, lexicon, labels=labels, average="macro", zero_division=0)
    )
    assert model.is_active == (model.macro_f1 > model.baseline_macro_f1)
    # The stored artefact is the pipeline fitted on every label.
    fitted = joblib.load(io.BytesIO(bytes(model.artefact)))
    assert list(fitted.classes_) == labels


def test_model_used_only_when_it_beats_baseline_and_person_label_wins():
    items = _labelled_set()
    model = classifier_train(task=Task.TONE)
    ClassifierModel.objects.filter(pk=model.pk).update(is_active=True, beats_baseline=True)
    new = indexed_items({"title": "Lễ hội biển thu hút du khách kỷ lục"})[0]
    items_analyse(item_ids=[new.id])
    analysis = ItemAnalysis.objects.get(item=new)
    assert analysis.tone_origin == Origin.MODEL
    # A person's label is never overwritten by re-analysis.
    label_set(item=items[0], kind="tone", value="neutral")
    items_analyse(item_ids=[items[0].id])
    assert ItemAnalysis.objects.get(item=items[0]).tone == Tone.NEUTRAL
    # A version that does not beat its baseline is stored but not used.
    worse = ClassifierModel.objects.create(
        task=Task.TONE,
        version=9,
        artefact=model.artefact,
        metrics={"macro_f1": 0.1},
        baseline_name="lexicon",
        baseline_metrics={"macro_f1": 0.5},
        n_labels=1,
        folds=2,
    )
    assert not worse.is_active
    assert active_model(Task.TONE) is not None


def test_training_refuses_too_few_labels():
    item = indexed_items({"title": "Một tin"})[0]
    label_set(item=item, kind="tone", value="positive")
    job = TrainingJob.objects.create(task=Task.TONE)
    classifier_train_task(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "ít nhất hai nhãn" in job.message
    assert ClassifierModel.objects.count() == 0


def test_queue_shows_most_uncertain_first_and_drops_labelled():
    items = indexed_items(
        {"title": "Dịch vụ tuyệt vời, rất hài lòng"},
        {"title": "Thông báo lịch họp"},
        {"title": "Sự cố mất điện gây thiệt hại"},
    )
    items_analyse(item_ids=[i.id for i in items])
    queue = list(labelling_queue())
    assert queue[0] == items[1]  # no tone word at all: the lexicon is least sure
    assert queue[-1] == items[0]
    label_set(item=items[1], kind="tone", value="neutral")
    assert items[1] not in list(labelling_queue())


def test_label_values_are_validated():
    item = indexed_items({"title": "Tin"})[0]
    with pytest.raises(LabelError, match="Sắc thái"):
        label_set(item=item, kind="tone", value="rất vui")
    with pytest.raises(LabelError, match="Chủ đề"):
        label_set(item=item, kind="topic", value="Không có")
    TopicFactory(name="Du lịch")
    label_set(item=item, kind="topic", value="du lich")
    label_set(item=item, kind="inaccurate", value="có")
    analysis = ItemAnalysis.objects.get(item=item)
    assert analysis.topic.name == "Du lịch" and analysis.topic_origin == Origin.PERSON
    assert analysis.inaccurate is True
    label_set(item=item, kind="tone", value="Tiêu cực")  # the Vietnamese name works too
    assert Label.objects.get(item=item, kind="tone").value == "negative"


def test_label_import_csv_and_jsonl_all_or_nothing():
    a, b = indexed_items({"title": "A", "url": "http://127.0.0.1/a"}, {"title": "B"})
    bad = f"item_id,kind,value\n{a.id},tone,positive\n{b.id},tone,vui\n999999,tone,negative\n"
    result = labels_import(content=bad, filename="nhan.csv")
    assert result.created == 0 and len(result.errors) == 2
    assert "Dòng 2" in result.errors[0] and "Dòng 3" in result.errors[1]
    assert Label.objects.count() == 0
    good = (
        '{"url": "http://127.0.0.1/a", "kind": "tone", "value": "positive"}\n'
        f'{{"item_id": {b.id}, "kind": "relevant", "value": "no"}}\n'
    )
    result = labels_import(content=good, filename="nhan.jsonl")
    assert result.created == 2 and result.errors == []
    assert ItemAnalysis.objects.get(item=b).relevant is False
