"""The ML building blocks: pipelines, lexicon, language ID, metrics, eval commands."""

import io
import json
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from sklearn.metrics import f1_score

from lantoa.insights.ml.language import detect_language
from lantoa.insights.ml.lexicon import explain, lexicon_tone
from lantoa.insights.ml.metrics import classification_figures
from lantoa.insights.ml.pipelines import build_pipeline, uncertainty

TOPIC_TRAIN = [
    ("Đội tuyển bóng đá thắng trận chung kết, cầu thủ ghi bàn", "sport"),
    ("Cầu thủ ghi hai bàn thắng trong trận đấu tối qua", "sport"),
    ("Huấn luyện viên đội bóng công bố danh sách cầu thủ", "sport"),
    ("Giải bóng đá phong trào thu hút nhiều đội bóng", "sport"),
    ("Lễ hội văn hóa truyền thống thu hút du khách tới Quy Nhơn", "culture"),
    ("Triển lãm nghệ thuật và lễ hội âm nhạc truyền thống", "culture"),
    ("Di sản văn hóa tháp Chăm được bảo tồn", "culture"),
    ("Nghệ nhân biểu diễn nghệ thuật bài chòi truyền thống", "culture"),
]


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_topic_pipeline_learns_and_normalises_nfd():
    texts, labels = zip(*TOPIC_TRAIN, strict=True)
    model = build_pipeline("topic").fit(list(texts), list(labels))
    nfd = unicodedata.normalize("NFD", "trận bóng đá, cầu thủ ghi bàn")
    assert model.predict([nfd])[0] == "sport"
    assert model.predict(["lễ hội nghệ thuật truyền thống"])[0] == "culture"


def test_uncertainty_ranks_ambiguous_text_higher():
    texts, labels = zip(*TOPIC_TRAIN, strict=True)
    for task in ("topic", "tone"):
        model = build_pipeline(task).fit(list(texts), list(labels))
        clear, mixed = uncertainty(
            model, ["cầu thủ ghi bàn trận bóng đá", "cầu thủ ở lễ hội văn hóa truyền thống"]
        )
        assert 0.0 <= clear < mixed <= 1.0


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Giảng viên rất nhiệt tình", "positive"),
        ("Quy Nhơn phát triển du lịch bền vững", "positive"),
        ("Bài viết xuyên tạc, sai sự thật", "negative"),
        ("không tốt", "negative"),
        ("không hề thất vọng", "positive"),
        ("Hôm nay trời mưa", "neutral"),
        # "hay" is "good" only at a clause's end or graded; before a word it is "or" / "often".
        ("Bài giảng hay.", "positive"),
        ("Sinh viên học hay tự học", "neutral"),
        ("Xe buýt hay đến trễ", "negative"),
        # "not yet" with no tone word after it is a shortfall; before one it only negates it.
        ("Hồ sơ chưa được xử lý", "negative"),
        ("Chưa có thiệt hại về người", "positive"),
    ],
)
def test_lexicon_tone(text, label):
    assert lexicon_tone(text) == label


def test_lexicon_explains_and_reads_nfd():
    result = explain(unicodedata.normalize("NFD", "Dịch vụ rất tốt"))
    assert result.label == "positive"
    assert [(h.phrase, h.intensity) for h in result.hits] == [("tốt", 1.5)]
    negated = explain("chưa hiệu quả")
    assert negated.hits[0].negated and negated.score < 0
    assert [h.phrase for h in negated.hits] == ["hiệu quả"]  # "chưa" counted once, as negator
    # A phrase does not reach across a comma: "tốt" is not intensified by "rất" before it.
    assert [h.intensity for h in explain("rất, tốt").hits] == [1.0]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Phường Quy Nhơn tổ chức lễ hội", "vi"),
        ("beautiful sandy beaches", "en"),
        ("归仁市位于越南中部", "zh"),
        ("퀴논은 베트남의 해안 도시입니다", "ko"),
        ("クイニョンはベトナムの都市です", "ja"),
        ("La ville de Quy Nhon est située au Vietnam", "fr"),
        ("The city of Quy Nhon lies on the coast of central Vietnam", "en"),
        ("", ""),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_classification_figures_match_sklearn():
    y_true = ["a", "a", "b", "b", "c", "c"]
    y_pred = ["a", "b", "b", "b", "c", "a"]
    figures = classification_figures(y_true, y_pred)
    assert figures["accuracy"] == pytest.approx(4 / 6)
    assert figures["macro_f1"] == pytest.approx(f1_score(y_true, y_pred, average="macro"))
    assert figures["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    assert figures["per_class"]["b"]["precision"] == pytest.approx(2 / 3)


def test_eval_classifier_command_json(tmp_path):
    train = write_jsonl(tmp_path / "train.jsonl", [{"text": t, "label": y} for t, y in TOPIC_TRAIN])
    test = write_jsonl(
        tmp_path / "test.jsonl",
        [
            {"text": "cầu thủ ghi bàn thắng", "label": "sport"},
            {"text": "lễ hội văn hóa truyền thống", "label": "culture"},
        ],
    )
    out = io.StringIO()
    call_command(
        "eval_classifier",
        "--task=topic",
        f"--train={train}",
        f"--test={test}",
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["model"]["accuracy"] == 1.0
    assert result["model"]["confusion"] == [[1, 0], [0, 1]]
    assert "baseline_tfidf_linearsvc" in result
    text_out = io.StringIO()
    call_command(
        "eval_classifier", "--task=topic", f"--train={train}", f"--test={test}", stdout=text_out
    )
    assert "macro-F1=1.0000" in text_out.getvalue()


def test_eval_classifier_rejects_bad_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "label": "x"}\n{"text": "b"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="dòng 2"):
        call_command("eval_classifier", "--task=tone", f"--train={bad}", f"--test={bad}")


def test_eval_language_command(tmp_path):
    file = write_jsonl(
        tmp_path / "lang.jsonl",
        [{"text": "Xin chào các bạn", "lang": "vi"}, {"text": "안녕하세요", "lang": "ko"}],
    )
    out = io.StringIO()
    call_command("eval_language", str(file), "--json", stdout=out)
    assert json.loads(out.getvalue())[str(file)]["accuracy"] == 1.0


def test_long_text_identifier_shares_the_ingest_pipelines_model():
    """Insights' py3langid (long texts) reads the model the language stage loaded: a worker holds
    one copy, not two."""
    from lantoa.insights.ml.language import _langid
    from lantoa.monitoring.pipeline.language import identifier

    assert _langid().tk_nextmove is identifier().tk_nextmove
    assert _langid().tk_output is identifier().tk_output
    long_text = "The provincial committee approved the bridge across the river on Monday."
    assert detect_language(long_text) == "en"


LANGUAGE_WARM_UP_PROBE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
import django
django.setup()
from lantoa.insights.ml import language
def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20
language.warm_up()
warm = resident_mb()
for text in sys.argv[1:]:
    language.detect_language(text)
print(resident_mb() - warm)
"""


def test_language_warm_up_leaves_no_model_to_the_first_batch():
    """After `language.warm_up`, short texts with long words in the Latin-script languages
    load nothing more (lingua reads its five-gram models only for a word that long: 70 MB
    that a warm-up on short words left to a worker's first batch). A fresh process: this one
    has loaded every model already."""
    import subprocess
    import sys

    texts = ["Quy Nhon beach festival opens", "Inauguration du pont", "Khánh thành cầu mới"]
    grown = subprocess.run(
        [sys.executable, "-c", LANGUAGE_WARM_UP_PROBE, *texts],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    assert float(grown) < 5, grown
