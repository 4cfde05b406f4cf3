"""The folded form: one translate pass must equal folding, case folding and folding again."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lantoa.core.text import fold, nfc
from lantoa.monitoring.search.tokens import fold_lower_text, folded_tokens

# Letters whose case folding or composition is known to be tricky, beside arbitrary text.
_TRICKY = "ăâđĐêôơưÁàảãạỹỸİıßẞ\u0345\u0301\u0303\u0309\u0323ΐΰǅǄﬀ가각\u1100\u1161\u11a8Ωω"


def _three_passes(text: str) -> str:
    return fold(fold(nfc(text)).casefold())


@settings(max_examples=500)
@given(st.text() | st.text(alphabet=st.sampled_from(_TRICKY + "abc qk"), max_size=30))
def test_one_pass_equals_the_three_passes(text):
    assert fold_lower_text(text) == _three_passes(text)


def test_folded_tokens_examples():
    expected = ["quy", "nhon", "da", "nang", "va", "izmir"]
    assert folded_tokens("Qui Nhơn, ĐÀ NẴNG và İzmir") == expected
    assert folded_tokens("Kĩ sư  lí luận") == ["ky", "su", "ly", "luan"]
