"""core.display: a choice field's label from a table kept per field is what Django's
`get_<field>_display()` returns, for every choice, an unknown value and an empty one, in each
admin language; a model's own `get_<field>_display` is left to the model."""

import pytest
from django.utils import translation

from lantoa.core.constants import country_choices, country_name
from lantoa.core.display import choice_display, display_field
from lantoa.monitoring.models import PollRun, Source
from lantoa.plans.constants import DocType
from lantoa.plans.models import Directive


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("model", "name"), [(Directive, "doc_type"), (PollRun, "outcome"), (Source, "kind")]
)
def test_a_choice_label_is_djangos(model, name, language):
    field = model._meta.get_field(name)
    values = [value for value, _label in field.flatchoices] + ["khong-co-trong-danh-sach", ""]
    assert len(values) > 3
    with translation.override(language):
        for value in values:
            instance = model(**{field.attname: value})
            expected = getattr(instance, f"get_{name}_display")()
            assert choice_display(instance, field) == expected
            assert display_field(model, f"get_{name}_display") is field


def test_the_label_follows_the_language_and_the_fields_choices():
    directive = Directive(doc_type=DocType.PLAN, code="34/KH-UBND")
    field = Directive._meta.get_field("doc_type")
    with translation.override("vi"):
        assert str(directive) == "Kế hoạch số 34/KH-UBND"
    # A field given other choices (as a test or a migration may) is read anew.
    old = field.choices
    try:
        field.choices = [(DocType.PLAN.value, "Khác")]
        assert choice_display(directive, field) == "Khác"
    finally:
        field.choices = old
    assert choice_display(directive, field) == directive.get_doc_type_display()


def test_only_djangos_own_display_method_is_replaced():
    class OwnLabel:  # a model's own method (no model registered for the test)
        def get_doc_type_display(self):
            return "của mô hình"

    assert display_field(OwnLabel, "get_doc_type_display") is None
    assert display_field(Directive, "get_absolute_url") is None
    assert display_field(Directive, "get_code_display") is None


def test_countries_are_named_in_the_admin_s_language_and_never_by_a_bare_code():
    """The source's country list: ISO 3166-1 codes named by Unicode CLDR (Babel), Việt Nam
    first, no pseudo-codes (EU, UN, ZZ…); an unknown code and an empty one are said so."""
    with translation.override("vi"):
        choices = country_choices()
        assert choices[0] == ("VN", "Việt Nam") and len(choices) > 240
        names = dict(choices)
        assert (names["JP"], names["KR"], names["CN"], names["LA"]) == (
            "Nhật Bản", "Hàn Quốc", "Trung Quốc", "Lào"
        )  # fmt: skip
        assert not {"EU", "EZ", "UN", "ZZ", "QO"} & set(names)
        assert all(len(code) == 2 and code.isupper() for code in names)
        assert (country_name("jp"), country_name("QQ"), country_name("")) == (
            "Nhật Bản", "Quốc gia khác (QQ)", "Chưa rõ quốc gia"
        )  # fmt: skip
        assert Source(country="KR").get_country_display() == "Hàn Quốc"
    with translation.override("fr"):  # a public page's language, not the admin's: Vietnamese
        assert country_name("JP") == "Nhật Bản"
    with translation.override("en"):
        assert country_name("JP") == "Japan" and dict(country_choices())["VN"] == "Vietnam"
        assert Source(country="KR").get_country_display() == "South Korea"
