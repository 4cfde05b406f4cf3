"""The query language: what parses into what, and where errors point."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantoa.monitoring.search.query import (
    And,
    DateFilter,
    LanguageFilter,
    Not,
    Or,
    QueryError,
    SourceFilter,
    Term,
    parse_query,
)
from lantoa.monitoring.search.selectors import search_items


def test_words_are_anded_and_folded_when_typed_without_marks():
    root = parse_query("quy nhon").root
    assert root == And(
        (Term(("quy",), exact=False, raw="quy"), Term(("nhon",), exact=False, raw="nhon"))
    )


def test_any_mark_makes_the_whole_query_exact():
    root = parse_query('(Quy Nhơn) OR "da nang"').root
    assert isinstance(root, Or)
    terms = [*root.children[0].children, root.children[1]]
    assert all(term.exact for term in terms)
    assert terms[1].tokens == ("nhơn",)


def test_i_y_variants_fold_to_one_form():
    assert parse_query("Qui").root.tokens == ("quy",)
    assert parse_query('"ki thuat"').root.tokens == ("ky", "thuat")
    assert parse_query("thi").root.tokens == ("thi",)


def test_fields_phrases_not_and_wildcard():
    root = parse_query('title:"Gia Lai" AND NOT source:reuters lang:EN nhơ*').root
    assert root.children[0] == Term(("gia", "lai"), exact=True, field="title", raw="Gia Lai")
    assert root.children[1] == Not(SourceFilter("reuters"))
    assert root.children[2] == LanguageFilter("en")
    assert root.children[3].prefix and root.children[3].tokens == ("nhơ",)


def test_date_range_is_inclusive_in_local_days():
    root = parse_query("date:[2026-08-01 TO 2026-08-20]").root
    assert isinstance(root, DateFilter)
    assert root.start.isoformat() == "2026-08-01T00:00:00+07:00"
    assert root.end.isoformat() == "2026-08-21T00:00:00+07:00"
    assert parse_query("date:>=15/08/2026").root.end is None


@pytest.mark.parametrize(
    ("query", "position", "words"),
    [
        ("ab*", 2, "ít nhất 3 ký tự"),
        ("quy AND (nhon OR", 8, "chưa được đóng"),
        ('"Quy Nhơn', 0, "ngoặc kép"),
        ("quy nhon)", 8, "không có dấu mở"),
        ("quy AND", 7, "kết thúc giữa chừng"),
        ("url:http", 0, "Không có trường"),
        ("n?on", 1, "dấu ?"),
        ("date:[2026-13-01 TO *]", 6, "không hợp lệ"),
        ("title:[a TO b]", 6, "trường ngày"),
        ("gia~", 4, "gần đúng"),
        ("", 0, "Hãy nhập"),
        ("- , .", 0, "không có chữ"),
    ],
)
def test_errors_are_vietnamese_and_point_at_the_mistake(query, position, words):
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert words in caught.value.message
    assert caught.value.position == position
    assert "SELECT" not in str(caught.value) and "MATCH" not in str(caught.value)


QUERY_ALPHABET = st.sampled_from(
    list("abcđêơưàảãạ ANDORNOT()\"[]{}*?~^:+-!/\\'<>=&|@.,;0123TOdatetitlesourcelang\t")
)
QUERY_PIECES = st.sampled_from(
    [
        " AND ",
        " OR ",
        " NOT ",
        "title:",
        "source:",
        "lang:",
        "date:",
        "date:[2026-08-01 TO *]",
        '"',
        "(",
        ")",
        "*",
        "quy",
        "Nhơn",
        " ",
        "TO",
        "[",
        "]",
        "\\",
        "'",
        "\u0000",
        "{",
    ]
)
RANDOM_QUERIES = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(QUERY_ALPHABET, QUERY_PIECES), max_size=25).map("".join),
)


@given(RANDOM_QUERIES)
@settings(max_examples=400, deadline=None)
def test_random_strings_parse_or_raise_query_error_only(query):
    try:
        parse_query(query)
    except QueryError as exc:
        assert exc.message
        assert 0 <= exc.position <= len(query)


@pytest.mark.django_db
@given(RANDOM_QUERIES)
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_random_strings_never_break_the_database_query(query):
    try:
        results = search_items(query)
        results.count()
        list(results[:5])
    except QueryError:
        pass
