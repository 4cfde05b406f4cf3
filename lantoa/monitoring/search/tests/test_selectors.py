"""Searching real rows on the test database (SQLite or PostgreSQL, whichever DATABASE_URL says)."""

from datetime import datetime

import pytest
from django.db import connection
from django.utils import timezone

from lantoa.monitoring.models import Item
from lantoa.monitoring.search.selectors import (
    QueryError,
    highlight,
    matching_ids,
    search_facets,
    search_items,
    search_newest,
    standing_query,
)

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


def test_filter_applies_to_every_branch_of_an_or(corpus):
    # On PostgreSQL the filter is tested on the index row: "(a) OR (b) AND lang" kept every a.
    page = search_newest("(festival OR chiêng) AND lang:vi")
    assert [item.title for item in page.items] == ["Đồng bào dân tộc Gia Lai đón Tết"]
    assert page.count == 1


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


def test_facet_days_are_local_days_on_both_sides_of_midnight():
    """Ho Chi Minh City is UTC+7: 16:59 UTC is 23:59 the same day, 17:00 UTC is the next day."""
    from datetime import UTC

    source = SourceFactory(name="Báo Gia Lai")
    stamps = ["2026-03-01T16:59:59", "2026-03-01T17:00:00", "2026-03-01T00:00:00"]
    indexed_items(
        *(
            {
                "title": f"Gia Lai {n}",
                "published_at": datetime.fromisoformat(stamp).replace(tzinfo=UTC),
            }
            for n, stamp in enumerate(stamps)
        ),
        source=source,
    )
    for page_facets in (
        search_facets(search_items("gia lai")),
        search_newest("gia lai", with_facets=True).facets(),
    ):
        days = {(f["value"].isoformat(), f["count"]) for f in page_facets["day"]}
        assert days == {("2026-03-01", 2), ("2026-03-02", 1)}


@pytest.mark.parametrize(
    "zone", ["Asia/Ho_Chi_Minh", "Europe/Paris", "America/St_Johns", "Australia/Lord_Howe"]
)
def test_local_days_agree_with_converting_each_time(zone):
    """Counting by UTC day and offset gives the days a conversion of each time gives, also
    across daylight-saving changes and in zones off by half an hour; for aware times, naive
    UTC times (SQLite) and their text."""
    import random
    from collections import Counter
    from datetime import UTC, timedelta
    from zoneinfo import ZoneInfo

    from lantoa.monitoring.search.selectors import _local_days

    rng = random.Random(18)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    stamps = [start + timedelta(seconds=rng.randrange(2 * 366 * 86400)) for _ in range(5000)]
    tz = ZoneInfo(zone)
    expected = Counter(stamp.astimezone(tz).date() for stamp in stamps)
    naive = [stamp.replace(tzinfo=None) for stamp in stamps]
    assert _local_days(stamps, tz) == expected
    assert _local_days(naive, tz) == expected
    assert _local_days([str(stamp) for stamp in naive], tz) == expected
    assert _local_days([stamp.astimezone(ZoneInfo("Asia/Tokyo")) for stamp in stamps], tz) == (
        expected
    )


def test_ranked_results_work_as_id_lists_and_scopes(corpus):
    ids = list(search_items("nhon").values_list("id", flat=True))
    assert len(ids) == 4
    recent = search_items("date:>=2026-08-10")
    assert set(search_items("nhon", queryset=recent).values_list("title", flat=True)) == {
        "Qui Nhơn đón đoàn đầu tư",
        "Quy Nhon beach festival",
        "Nhơn Hội new city",
    }


def test_counts_agree_with_the_rows_also_after_further_filtering(corpus):
    results = search_items("nhon")
    assert results.count() == len(list(results)) == 4
    assert results.filter(language="en").count() == 2
    assert results.exclude(language="en").count() == 2
    assert search_items("nhon")[:3].count() == 3
    assert search_items("nhon lang:en").count() == 2


@pytest.mark.parametrize("window", [60_000, 7, 1])
def test_newest_first_pages_agree_with_the_full_search(window, monkeypatch):
    """search_newest pages through the matches of search_items, newest collected first, and
    counts them exactly up to the bound, "more than the bound" beyond; on PostgreSQL also when
    the newest index rows searched first (`NEWEST_WINDOW`) hold some, one or none of them."""
    from lantoa.monitoring.search import backends
    from lantoa.monitoring.search.selectors import search_newest

    monkeypatch.setattr(backends, "NEWEST_WINDOW", window)

    source = SourceFactory(name="Báo Gia Lai")
    specs = []
    for day in range(1, 29):
        specs.append({"title": f"Gia Lai ngày {day}", "published_at": at(f"2026-02-{day:02d}")})
        specs.append({"title": f"Hà Nội ngày {day}", "published_at": at(f"2026-02-{day:02d}")})
    # Published long before it was collected, as feeds sometimes do.
    specs.append({"title": "Gia Lai tin cũ đến muộn", "published_at": at("2025-12-01")})
    indexed_items(*specs, source=source)
    other = [
        {"title": f"Gia Lai day {day}", "published_at": at(f"2026-02-{day:02d}"), "language": lang}
        for day in range(5, 25, 3)
        for lang in ("en", "vi-VN", "EN")
    ]
    indexed_items(*other, source=SourceFactory(name="Báo Bình Định"))
    # The filters (pushed down to the index's copies on PostgreSQL) keep exactly the same items.
    for query in (
        "gia lai",
        "gia lai AND NOT ngày",
        "gia lai date:[2026-02-10 TO 2026-02-20]",
        "gia lai lang:en",
        "gia lai lang:vi date:[2026-02-06 TO *]",
        "gia lai source:binh AND NOT lang:en",
        "gia lai AND (lang:en OR source:gia)",
    ):
        expected = list(search_items(query).order_by("-id").values_list("id", flat=True))
        for bound, facets in ((10_000, False), (10_000, True), (3, True), (3, False)):
            # With facets, a page within the rows fetched for them is loaded by key (and page 2
            # lies beyond them when the bound is 3); without, the page is its own query.
            first = search_newest(query, limit=5, count_bound=bound, with_facets=facets)
            second = search_newest(query, offset=5, limit=5, count_bound=bound, with_facets=facets)
            assert [i.id for i in first.items + second.items] == expected[:10], (query, bound)
            scope = sorted(first.facet_scope.values_list("id", flat=True), reverse=True)
            # Facets from the rows fetched with the count equal those counted from the scope.
            assert first.facets() == search_facets(first.facet_scope), (query, bound)
            if len(expected) > bound:
                assert (first.count, first.count_capped) == (bound, True)
                assert scope == expected[:bound], "facets describe the newest `bound` matches"
            else:
                assert (first.count, first.count_capped) == (len(expected), False)
                assert scope == expected, "facets describe every match"


def test_newest_first_without_words_and_by_relevance():
    from lantoa.monitoring.search.selectors import search_newest

    source = SourceFactory(name="Reuters")
    indexed_items(
        {"title": "Quy Nhon port", "published_at": at("2026-08-01"), "language": "en"},
        {
            "title": "Quy Nhon Quy Nhon festival",
            "summary": "Quy Nhon",
            "published_at": at("2026-07-01"),
            "language": "en",
        },
        {"title": "Pleiku", "published_at": at("2026-08-05"), "language": "vi"},
        source=source,
    )
    only_english = search_newest("lang:en")
    assert [i.title for i in only_english.items] == ["Quy Nhon Quy Nhon festival", "Quy Nhon port"]
    assert (only_english.count, only_english.count_capped) == (2, False)
    relevant = search_newest("quy nhon", order="relevance")
    assert relevant.items[0].title == "Quy Nhon Quy Nhon festival"
    with pytest.raises(QueryError):
        search_newest('"quy nhon')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_source_filter_keeping_most_items_is_tested_on_the_matches(monkeypatch):
    """A `source:` keeping a large share of the index is written out of the source index's reach
    (its bitmap would cost more than it saves), a small one through it; both keep the same
    items as the filter on the items does."""
    from lantoa.monitoring.search import backends
    from lantoa.monitoring.search.nodes import SourceFilter
    from lantoa.monitoring.search.selectors import search_newest

    big, small = SourceFactory(name="Báo Lớn"), SourceFactory(name="Báo Nhỏ")
    indexed_items(*[{"title": f"Gia Lai {n}"} for n in range(30)], source=big)
    indexed_items(*[{"title": f"Gia Lai nhỏ {n}"} for n in range(2)], source=small)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {backends.TABLE}")
    backends._source_shares.forget()  # read the statistics just made
    backend = backends.get_backend()
    assert "+ 0" in backend.pushdown(SourceFilter("lớn"))[0]
    assert "+ 0" not in backend.pushdown(SourceFilter("nhỏ"))[0]
    for query in ("gia lai source:lớn", "gia lai source:nhỏ", "gia lai source:bao"):
        expected = list(search_items(query).order_by("-id").values_list("id", flat=True))
        page = search_newest(query, limit=40, with_facets=True)
        assert [item.id for item in page.items] == expected and expected, query


@pytest.mark.parametrize(
    "query",
    [
        "nhon",
        "Nhơn",
        '"quy nhon" OR "nhơn hội"',
        "title:festival OR investors",
        "nhơ*",
        "dong bao -tết",
        "NOT nhon",
        "lang:en",
        "nhon AND lang:vi",
        "source:reuters visitors",
        "date:>=2026-08-05 (nhon OR đầu)",
        "(gia lai OR coast) AND NOT date:[2026-08-01 TO 2026-08-11]",
    ],
)
def test_matching_ids_are_the_scoped_search_s_items(corpus, query):
    """A standing query tested on a batch of ids, unranked and read within the batch's rowid
    range, finds the items the scoped search finds: every subset of the corpus (the batch's
    range then leaves out other items' rows, the first and the last included)."""
    ids = [item.id for item in corpus.values()]
    found_somewhere = False
    for start in range(len(ids)):
        for end in range(start + 1, len(ids) + 1):
            batch = ids[start:end]
            scoped = set(
                search_items(query, queryset=Item.objects.filter(id__in=batch)).values_list(
                    "id", flat=True
                )
            )
            assert matching_ids(query, batch) == scoped, (query, batch)
            found_somewhere |= bool(scoped)
    assert found_somewhere, query
    # Ids that are not in the batch but inside its range are not matched.
    middle = ids[::2]
    assert matching_ids(query, middle) <= set(middle)


def test_a_standing_query_is_parsed_once_per_time_zone():
    query = standing_query('"Quy Nhơn" date:2026-08-15')
    assert standing_query('"Quy Nhơn" date:2026-08-15') is query
    with timezone.override("UTC"):
        in_utc = standing_query('"Quy Nhơn" date:2026-08-15')
    # The day's bounds are made aware in the zone the query is read in.
    assert in_utc is not query
    assert in_utc.root.children[1].start != query.root.children[1].start
    # A mistake is not remembered as an answer: it is raised each time.
    for _ in range(2):
        with pytest.raises(QueryError):
            standing_query('"Quy Nhơn')


def test_matching_ids_reads_the_index_within_the_batch_s_range(corpus):
    from django.test.utils import CaptureQueriesContext

    ids = sorted(item.id for item in corpus.values())[2:4]
    with CaptureQueriesContext(connection) as queries:
        matching_ids("nhon OR dong", ids)
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "rowid BETWEEN" in sql
    # Text alone reads the index only; the batch's ids are kept in Python, not joined.
    assert "monitoring_item" not in sql
    assert matching_ids("nhon", []) == set()
