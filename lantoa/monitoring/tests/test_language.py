"""The language stage's py3langid identifier: the followed languages' columns only, one model per
process."""

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from lantoa.monitoring.constants import LANGUAGES_FOLLOWED
from lantoa.monitoring.pipeline.language import followed_identifier, identifier

TEXTS = [
    "The provincial people's committee approved the new bridge across the river on Monday.",
    "Le comité populaire de la province a approuvé lundi le nouveau pont sur la rivière.",
    "Ủy ban nhân dân tỉnh đã phê duyệt dự án cây cầu mới bắc qua sông vào thứ Hai.",
    "省人民委员会周一批准了跨河新桥项目。",
    "省人民委員会は月曜日、川に架かる新しい橋の計画を承認した。",
    "성 인민위원회는 월요일 강을 가로지르는 새 다리 건설을 승인했다.",
    "bridge pont cầu",
]


def test_identifier_ranks_as_py3langid_restricted_to_the_followed_languages():
    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    stock.set_languages(list(LANGUAGES_FOLLOWED))
    ours = followed_identifier(norm_probs=True)
    assert sorted(ours.labels) == sorted(LANGUAGES_FOLLOWED)
    for text in TEXTS:
        assert ours.rank(text) == stock.rank(text)
    stock_raw = LanguageIdentifier.from_model_file(MODEL_FILE)
    stock_raw.set_languages(list(LANGUAGES_FOLLOWED))
    assert [identifier().classify(t) for t in TEXTS] == [stock_raw.classify(t) for t in TEXTS]


def test_identifiers_share_one_model_without_the_unfollowed_languages():
    first, second = followed_identifier(), followed_identifier(norm_probs=True)
    assert first.tk_nextmove is second.tk_nextmove
    assert first.nb_ptc is second.nb_ptc
    # The table of all 142 languages is not kept for a reset nobody makes.
    assert first._full_model[0].shape[1] == len(LANGUAGES_FOLLOWED)
