"""The folded form: one translate pass must equal folding, case folding and folding again; the
index's one cut of a text must give the tokens of both forms cut apart."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lantoa.core.text import fold, nfc
from lantoa.monitoring.search.tokens import (
    both_tokens,
    exact_tokens,
    fold_lower_text,
    folded_tokens,
)

# Letters whose case folding or composition is known to be tricky, beside arbitrary text.
_TRICKY = "ăâđĐêôơưÁàảãạỹỸİıßẞ\u0345\u0301\u0303\u0309\u0323ΐΰǅǄﬀ가각\u1100\u1161\u11a8Ωω"


def _three_passes(text: str) -> str:
    return fold(fold(nfc(text)).casefold())


@settings(max_examples=500)
@given(st.text() | st.text(alphabet=st.sampled_from(_TRICKY + "abc qk"), max_size=30))
def test_one_pass_equals_the_three_passes(text):
    assert fold_lower_text(text) == _three_passes(text)


# Text of the six languages with and without marks, and letters whose case folding leaves a
# mark (İ) or a text NFC composes again (ǰ, the Greek iota subscript).
_LANGUAGES = (
    "Quy Nhơn đón khách Hotel Mi Ki hi QUI İstanbul ǰ ᾼ Straße café naïve 归仁 クイニョン ガ 퀴논 "
    "’“”— Łódź Ωmega ́ 1.250"
)


@settings(max_examples=500)
@given(
    st.text()
    | st.text(alphabet=st.sampled_from(_TRICKY + "abc qk. "), max_size=40)
    | st.lists(st.sampled_from(_LANGUAGES.split(" ")), max_size=12).map(" ".join)
)
def test_both_forms_cut_once_equal_the_forms_cut_apart(text):
    assert both_tokens(text) == (exact_tokens(text), folded_tokens(text))


def test_the_forms_of_text_without_marks_and_with_them():
    assert both_tokens("Hi, Quy Nhon’s “Mi” Street") == (
        ["hi", "quy", "nhon", "s", "mi", "street"],
        ["hy", "quy", "nhon", "s", "my", "street"],
    )
    # Case folding leaves İ's dot, which no token holds (the exact form splits the word).
    assert both_tokens("İzmir và Quy Nhơn") == (
        ["i", "zmir", "và", "quy", "nhơn"],
        ["izmir", "va", "quy", "nhon"],
    )


def test_folded_tokens_examples():
    expected = ["quy", "nhon", "da", "nang", "va", "izmir"]
    assert folded_tokens("Qui Nhơn, ĐÀ NẴNG và İzmir") == expected
    assert folded_tokens("Kĩ sư  lí luận") == ["ky", "su", "ly", "luan"]
