"""Searching real rows on the test database (SQLite or PostgreSQL, whichever DATABASE_URL says)."""

from datetime import datetime

import pytest
from django.utils import timezone

from lantoa.monitoring.search.selectors import QueryError, highlight, search_facets, search_items

from .factories import SourceFactory, indexed_items

pytestmark = pytest.mark.django_db


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(day + "T09:00"))


@pytest.fixture
def corpus():
    gia_lai = SourceFactory(name="Báo Gia Lai")
    reuters = SourceFactory(name="Reuters", outlet_type="foreign_press", language="en")
    items = indexed_items(
        {
            "title": "Du lịch Quy Nhơn hút khách",
            "source": gia_lai,
            "published_at": at("2026-08-02"),
        },
        {"title": "Qui Nhơn đón đoàn đầu tư", "source": gia_lai, "published_at": at("2026-08-10")},
        {
            "title": "Quy Nhon beach festival",
            "summary": "Visitors flock to the coast",
            "source": reuters,
            "language": "en",
            "published_at": at("2026-08-15"),
        },
        {
            "title": "Đồng bào dân tộc Gia Lai đón Tết",
            "summary": "Cồng chiêng vang khắp buôn làng",
            "source": gia_lai,
            "published_at": at("2026-07-01"),
        },
        {
            "title": "Nhơn Hội new city",
            "text": "Investors visit Nhơn Hội",
            "source": reuters,
            "language": "en",
            "published_at": at("2026-08-20"),
        },
        {"title": "Dong bao mien nui", "source": gia_lai, "published_at": None},
    )
    return {item.title.split()[0] + str(i): item for i, item in enumerate(items)}


def titles(query: str) -> set[str]:
    return set(search_items(query).values_list("title", flat=True))


def test_accented_query_matches_only_the_accented_form(corpus):
    assert titles("Quy Nhơn") == {"Du lịch Quy Nhơn hút khách"}
    assert titles('"Quy Nhơn"') == {"Du lịch Quy Nhơn hút khách"}


def test_bare_query_finds_every_spelling(corpus):
    expected = {"Du lịch Quy Nhơn hút khách", "Qui Nhơn đón đoàn đầu tư", "Quy Nhon beach festival"}
    assert titles("quy nhon") == expected
    assert titles('"quy nhon"') == expected
    assert titles("qui nhon") == expected


def test_d_with_stroke_folds_to_d(corpus):
    assert titles("dong bao") == {"Đồng bào dân tộc Gia Lai đón Tết", "Dong bao mien nui"}
    assert titles("đồng bào") == {"Đồng bào dân tộc Gia Lai đón Tết"}


def test_phrase_needs_adjacent_words(corpus):
    assert titles('"nhon quy"') == set()
    assert titles('"gia lai"') == {"Đồng bào dân tộc Gia Lai đón Tết"}


def test_summary_and_text_are_searched_and_title_field_is_not_them(corpus):
    assert titles("cong chieng") == {"Đồng bào dân tộc Gia Lai đón Tết"}
    assert titles("investors") == {"Nhơn Hội new city"}
    assert titles("title:investors") == set()
    assert titles("title:festival") == {"Quy Nhon beach festival"}


def test_boolean_operators_and_groups(corpus):
    assert titles("festival OR tet") == {
        "Quy Nhon beach festival",
        "Đồng bào dân tộc Gia Lai đón Tết",
    }
    assert titles("nhon AND NOT quy") == {"Nhơn Hội new city"}
    assert titles("nhon -quy") == {"Nhơn Hội new city"}
    assert titles('("du lich" OR "dau tu") AND nhon') == {
        "Du lịch Quy Nhơn hút khách",
        "Qui Nhơn đón đoàn đầu tư",
    }
    assert "Quy Nhon beach festival" not in titles("NOT quy")
    assert len(titles("NOT quy")) == 3


def test_filters_source_lang_date(corpus):
    assert titles("nhon source:reuters") == {"Quy Nhon beach festival", "Nhơn Hội new city"}
    assert titles('source:"gia lai" AND nhon') == {
        "Du lịch Quy Nhơn hút khách",
        "Qui Nhơn đón đoàn đầu tư",
    }
    assert titles("lang:en") == {"Quy Nhon beach festival", "Nhơn Hội new city"}
    assert titles("nhon date:[2026-08-01 TO 2026-08-10]") == {
        "Du lịch Quy Nhơn hút khách",
        "Qui Nhơn đón đoàn đầu tư",
    }
    assert titles("date:2026-08-15") == {"Quy Nhon beach festival"}
    assert titles("nhon OR lang:en") == titles("nhon")
    assert titles("source:nonexistent") == set()


def test_trailing_wildcard(corpus):
    assert titles("nhơ*") == {
        "Du lịch Quy Nhơn hút khách",
        "Qui Nhơn đón đoàn đầu tư",
        "Nhơn Hội new city",
    }
    assert "Quy Nhon beach festival" in titles("nho*")
    assert titles("festiv*") == {"Quy Nhon beach festival"}
    with pytest.raises(QueryError):
        search_items("fe*")


def test_best_match_first_then_newest(corpus):
    results = list(search_items("nhon"))
    ranks = [item.search_rank for item in results]
    assert ranks == sorted(ranks)
    # Filter-only queries are newest first.
    dated = [i.published_at for i in search_items("lang:en")]
    assert dated == sorted(dated, reverse=True)


def test_queryset_argument_narrows_the_search(corpus):
    english = search_items("nhon", queryset=search_items("lang:en"))
    assert set(english.values_list("language", flat=True)) == {"en"}


def test_blank_query_lists_everything(corpus):
    assert search_items("   ").count() == 6


def test_sql_looking_input_is_just_text(corpus):
    assert titles('"\'; DROP TABLE monitoring_item; --"') == set()
    assert search_items("lang:en").count() == 2


def test_highlight_marks_matches_and_escapes_the_rest():
    html = highlight("<b>Du lịch</b> Quy Nhơn, Qui Nhơn", "quy nhon")
    assert html == "&lt;b&gt;Du lịch&lt;/b&gt; <mark>Quy Nhơn</mark>, <mark>Qui Nhơn</mark>"
    assert highlight("Quy Nhơn và Qui Nhơn", '"Quy Nhơn"') == "<mark>Quy Nhơn</mark> và Qui Nhơn"
    assert highlight("Nhơn Hội", "nhơ*") == "<mark>Nhơn</mark> Hội"
    assert highlight("quy nhon", "NOT quy") == "quy nhon"
    assert highlight("text", "(broken") == "text"


def test_highlight_snippet_is_cut_around_the_first_match():
    text = "mở đầu " * 50 + "Gia Lai" + " kết thúc" * 50
    html = highlight(text, "gia lai", snippet=80)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Gia Lai</mark>" in html
    assert len(html) < 140


def test_facets_count_sources_languages_and_days(corpus):
    facets = search_facets(search_items("nhon"))
    assert {(f["label"], f["count"]) for f in facets["source"]} == {
        ("Báo Gia Lai", 2),
        ("Reuters", 2),
    }
    assert {(f["value"], f["count"]) for f in facets["language"]} == {("vi", 2), ("en", 2)}
    assert sum(f["count"] for f in facets["day"]) == 4
    assert len(facets["day"]) == 4
