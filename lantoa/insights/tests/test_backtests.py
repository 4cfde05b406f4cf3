"""Backtests ("Thử trên 90 ngày"): the window, the relaxed variant, marking and precision with a
Wilson interval, query versions, and who may run them. Run on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from statsmodels.stats.proportion import proportion_confint

from lantoa.core.models import User

from ..constants import BacktestVariant, TopicMethod
from ..models import Backtest, BacktestSample
from ..permissions import permissions_grant
from ..selectors.backtests import (
    BacktestError,
    backtest_precision,
    rule_backtest_queries,
    watchlist_backtest_queries,
    wilson_interval,
)
from ..services.backtests import backtest_mark, backtest_run
from .factories import AlertRuleFactory, TopicFactory, WatchlistFactory, indexed_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_ward(demo_ward):
    """The demo ward's users with insights' role permissions (a monitor edits watchlists)."""
    permissions_grant()
    return demo_ward


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # Published values (Newcombe 1998, table I; Wilson 1927): 8/10, 0/20, 20/20, 81/263.
        (8, 10, 0.4902, 0.9433),
        (0, 20, 0.0, 0.1611),
        (20, 20, 0.8389, 1.0),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_interval_matches_known_values_and_statsmodels(successes, trials, low, high):
    ours = wilson_interval(successes, trials)
    assert ours == pytest.approx((low, high), abs=5e-5)
    reference = proportion_confint(successes, trials, alpha=0.05, method="wilson")
    assert ours == pytest.approx(reference, abs=1e-9)


def test_wilson_interval_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(0, 0)


@pytest.fixture
def corpus():
    """Matches inside the 90 days (on three local days), one older, and non-matches."""
    now = timezone.now()
    # Noon and eleven of one local day, so that the two fall on the same day at any hour of the run.
    ten_days_ago = timezone.localtime(now - timedelta(days=10)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    inside = indexed_items(
        {"title": "Nhà máy điện gió Nhơn Hội vận hành", "published_at": now - timedelta(days=1)},
        {"title": "Khánh thành nhà máy điện mặt trời", "published_at": ten_days_ago},
        {"title": "Nhà máy điện sinh khối", "published_at": ten_days_ago - timedelta(hours=1)},
        {"title": "Công nhân nhà máy điện nghỉ Tết", "published_at": now - timedelta(days=89)},
    )
    older = indexed_items(
        {"title": "Nhà máy điện cũ dừng hoạt động", "published_at": now - timedelta(days=91)}
    )
    relaxed = indexed_items(
        {"title": "Nha may dien gio Phuong Mai", "published_at": now - timedelta(days=2)},
        {"title": "Du khach den quy nhon ngam bien", "published_at": now - timedelta(days=3)},
    )
    others = indexed_items(
        {"title": "Lễ hội biển Quy Nhơn 2026", "published_at": now - timedelta(days=5)},
        {"title": "Đường ven biển thông xe", "published_at": now - timedelta(days=4)},
    )
    return {"now": now, "inside": inside, "older": older, "relaxed": relaxed, "others": others}


def _sample_ids(backtest, variant):
    return set(backtest.samples.filter(variant=variant).values_list("item_id", flat=True))


def test_backtest_finds_exactly_the_matches_of_the_window(corpus):
    queries = watchlist_backtest_queries(query='"nhà máy điện"', aliases="")
    backtest = backtest_run(queries=queries, user=None, now=corpus["now"])
    inside = {item.id for item in corpus["inside"]}
    assert backtest.match_count == 4
    assert _sample_ids(backtest, BacktestVariant.STRICT) == inside
    local_days = sorted(
        {timezone.localdate(item.published_at).isoformat() for item in corpus["inside"]}
    )
    assert [day for day, _n in backtest.daily] == local_days
    assert sum(n for _day, n in backtest.daily) == 4
    assert max(n for _day, n in backtest.daily) == 2  # the two items of ten days ago


def test_sample_is_a_random_subset_of_twenty(corpus):
    now = corpus["now"]
    many = indexed_items(
        *[
            {"title": f"Giá điện tăng lần {n}", "published_at": now - timedelta(hours=n + 1)}
            for n in range(30)
        ]
    )
    queries = watchlist_backtest_queries(query="giá điện", aliases="")
    backtest = backtest_run(queries=queries, user=None, now=now)
    sample = _sample_ids(backtest, BacktestVariant.STRICT)
    assert backtest.match_count == 30
    assert len(sample) == 20
    assert sample <= {item.id for item in many}


def test_relaxed_variant_adds_unaccented_and_alias_matches(corpus):
    queries = watchlist_backtest_queries(query='"nhà máy điện"', aliases="Quy Nhơn")
    backtest = backtest_run(queries=queries, user=None, now=corpus["now"])
    quy_nhon = corpus["others"][0]
    # Strict: the accented phrase and the accented alias.
    assert _sample_ids(backtest, BacktestVariant.STRICT) == {
        *(item.id for item in corpus["inside"]),
        quy_nhon.id,
    }
    # Relaxed adds the same words written without marks, and nothing already matched.
    assert backtest.relaxed_extra_count == 2
    assert _sample_ids(backtest, BacktestVariant.RELAXED) == {i.id for i in corpus["relaxed"]}


def test_marking_the_sample_updates_precision_through_the_page(client, demo_ward, corpus):
    client.force_login(User.objects.get(username="theodoi"))
    watchlist = WatchlistFactory(name="Điện", query='"nhà máy điện"', aliases="")
    response = client.post(
        reverse("insights_backtest_watchlist") + f"?watchlist={watchlist.pk}",
        {"query": watchlist.query, "aliases": ""},
    )
    backtest = Backtest.objects.get(watchlist=watchlist)
    assert response.status_code == 302
    assert response["Location"] == reverse("insights_backtest", args=[backtest.pk])
    assert backtest_precision(backtest).marked == 0
    samples = list(backtest.samples.filter(variant=BacktestVariant.STRICT))
    marks = {f"sample-{s.pk}": "yes" for s in samples[:3]} | {f"sample-{samples[3].pk}": "no"}
    client.post(reverse("insights_backtest", args=[backtest.pk]), marks)
    precision = backtest_precision(backtest)
    assert (precision.relevant, precision.marked, precision.estimate) == (3, 4, 0.75)
    assert (precision.low, precision.high) == pytest.approx(wilson_interval(3, 4))
    page = client.get(reverse("insights_backtest", args=[backtest.pk])).content.decode()
    assert "75,0 %" in page
    assert "30,1–95,4 %" in page  # Wilson 3/4: 0.3006–0.9544
    # Unmarking one takes it out of the estimate; another backtest's sample id is ignored.
    other = backtest_run(queries=watchlist_backtest_queries(query="biển", aliases=""), user=None)
    foreign = other.samples.first()
    backtest_mark(backtest=backtest, marks={samples[3].pk: None, foreign.pk: True}, user=None)
    assert backtest_precision(backtest).estimate == 1.0
    assert BacktestSample.objects.get(pk=foreign.pk).relevant is None


def test_versions_follow_the_query_text_and_history_shows_them(client, demo_ward, corpus):
    watchlist = WatchlistFactory(name="Điện", query='"nhà máy điện"', aliases="")
    user = User.objects.get(username="theodoi")
    first = backtest_run(
        queries=watchlist_backtest_queries(query=watchlist.query, aliases=""),
        user=user,
        watchlist=watchlist,
    )
    edited = backtest_run(
        queries=watchlist_backtest_queries(query='"nhà máy điện" NOT gió', aliases=""),
        user=user,
        watchlist=watchlist,
    )
    again = backtest_run(
        queries=watchlist_backtest_queries(query=watchlist.query, aliases=""),
        user=user,
        watchlist=watchlist,
    )
    assert (first.version, edited.version, again.version) == (1, 2, 1)
    assert first.query_hash == again.query_hash != edited.query_hash
    assert edited.match_count == 3
    backtest_mark(
        backtest=edited,
        marks={s.pk: True for s in edited.samples.filter(variant=BacktestVariant.STRICT)},
        user=user,
    )
    client.force_login(user)
    page = client.get(
        reverse("insights_backtest_watchlist_history", args=[watchlist.pk])
    ).content.decode()
    assert page.count("data-version=") == 3
    assert "100,0 % (43,9–100,0 %, 3/3)" in page  # Wilson 3/3: 0.4385–1


def test_alert_rule_backtests_its_scope(corpus):
    now = corpus["now"]
    topic = TopicFactory(query="biển", method=TopicMethod.QUERY)
    by_topic = backtest_run(
        queries=rule_backtest_queries(watchlist=None, topic=topic), user=None, now=now
    )
    assert _sample_ids(by_topic, BacktestVariant.STRICT) == {i.id for i in corpus["others"]}
    watchlist = WatchlistFactory(name="Điện", query='"nhà máy điện"', aliases="")
    rule = AlertRuleFactory(watchlist=watchlist, topic=topic)
    by_watchlist = backtest_run(
        queries=rule_backtest_queries(watchlist=watchlist, topic=topic), user=None, rule=rule
    )
    assert by_watchlist.match_count == 4
    with pytest.raises(BacktestError, match="chưa giới hạn"):
        rule_backtest_queries(watchlist=None, topic=None)
    classifier = TopicFactory(method=TopicMethod.CLASSIFIER)
    with pytest.raises(BacktestError, match="bộ phân loại"):
        rule_backtest_queries(watchlist=None, topic=classifier)


def test_invalid_query_is_refused_in_vietnamese_and_nothing_saved(client, demo_ward):
    client.force_login(User.objects.get(username="theodoi"))
    response = client.post(
        reverse("insights_backtest_watchlist"), {"query": '"nhà máy', "aliases": ""}, follow=True
    )
    assert "không hợp lệ" in response.content.decode()
    assert not Backtest.objects.exists()


@pytest.mark.parametrize(
    ("username", "allowed"), [("theodoi", True), ("lanhdao", False), ("bientap", False)]
)
def test_only_roles_that_edit_watchlists_and_rules_run_backtests(
    client, demo_ward, username, allowed
):
    user = User.objects.get(username=username)
    client.force_login(user)
    topic = TopicFactory(query="biển")
    for url, data in (
        (reverse("insights_backtest_watchlist"), {"query": "biển", "aliases": ""}),
        (reverse("insights_backtest_rule"), {"topic": topic.pk}),
    ):
        response = client.post(url, data)
        # Wagtail answers a refusal by sending the person back to the admin home.
        assert response.status_code == 302
        refused = response["Location"] == reverse("wagtailadmin_home")
        assert refused is not allowed
    assert Backtest.objects.count() == (2 if allowed else 0)
    assert user.has_perm("insights.change_watchlist") is allowed
