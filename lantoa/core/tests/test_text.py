import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from lantoa.core.text import clean_text, fold, fold_lower, has_diacritics, nfc, syllables, vn_date

vietnamese = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩị"
            "óòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ.,!?-\n\t"
        )
    ),
    max_size=80,
)


@given(st.text(max_size=200))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(vietnamese)
def test_nfc_and_nfd_inputs_give_the_same_results(text):
    decomposed = unicodedata.normalize("NFD", text)
    assert fold(decomposed) == fold(text)
    assert nfc(decomposed) == nfc(text)
    assert clean_text(decomposed) == clean_text(text)
    assert syllables(decomposed) == syllables(text)


@given(vietnamese)
def test_folded_text_has_no_vietnamese_marks(text):
    folded = fold(text)
    assert "đ" not in folded and "Đ" not in folded
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))


def test_fold_examples():
    assert fold("Đồng bào Quy Nhơn") == "Dong bao Quy Nhon"
    assert fold_lower("ĐẢNG ỦY PHƯỜNG") == "dang uy phuong"
    assert has_diacritics("Quy Nhơn") and not has_diacritics("Quy Nhon")


def test_clean_text_decodes_entities_and_collapses_space():
    raw = "  Quy&nbsp;Nh&#417;n &amp;amp; Gia\u200b Lai \r\n\r\n\r\n  đoạn   hai  "
    assert clean_text(raw) == "Quy Nhơn & Gia Lai\n\nđoạn hai"
    assert clean_text(raw, keep_paragraphs=False) == "Quy Nhơn & Gia Lai đoạn hai"


def test_syllables_split_on_spaces_and_punctuation():
    assert syllables("Kết luận số 57-KL/TW, ngày 15/6/2023.") == [
        "Kết",
        "luận",
        "số",
        "57",
        "KL",
        "TW",
        "ngày",
        "15",
        "6",
        "2023",
    ]


def test_vietnamese_document_dates_pad_small_days_and_first_months():
    assert vn_date(date(2023, 6, 15)) == "ngày 15 tháng 6 năm 2023"
    assert vn_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vn_date(date(2026, 11, 9)) == "ngày 09 tháng 11 năm 2026"
