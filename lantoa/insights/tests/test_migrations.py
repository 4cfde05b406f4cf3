"""Upgrades keep the data: insights' stories fold into the one story concept (monitoring.Story)
and come back on a rollback."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("insights", "0002_links_accept_http_https_only"),
    ("monitoring", "0005_links_accept_http_https_only"),
]
AFTER = [("insights", "0003_story_one_concept")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_insights_stories_fold_into_monitoring_stories_and_back():
    old = _migrate(BEFORE)
    Source = old.get_model("monitoring", "Source")
    Item = old.get_model("monitoring", "Item")
    OldStory = old.get_model("insights", "Story")
    Cluster = old.get_model("monitoring", "Story")
    Analysis = old.get_model("insights", "ItemAnalysis")
    now = timezone.now()
    source = Source.objects.create(
        name="Báo thử", kind="rss", url="http://a/", outlet_type="domestic_press"
    )
    cluster = Cluster.objects.create(title="Bản gốc", item_count=2)
    items = [
        Item.objects.create(
            source=source, url=f"http://a/{n}", url_hash=f"h{n}", title=f"Tin {n}",
            published_at=now, story=cluster if n < 2 else None,
        )
        for n in range(4)
    ]  # fmt: skip
    keyed = OldStory.objects.create(title="Tin 2", key="abc", first_seen_at=now, last_seen_at=now)
    of_cluster = OldStory.objects.create(
        title="Bản gốc", key=f"monitoring:{cluster.pk}", first_seen_at=now, last_seen_at=now
    )
    for item, story in zip(items, [of_cluster, of_cluster, keyed, keyed], strict=True):
        Analysis.objects.create(item=item, story=story)

    new = _migrate(AFTER)
    Item = new.get_model("monitoring", "Item")
    stories = {i.url: i.story_id for i in Item.objects.all()}
    assert stories["http://a/0"] == stories["http://a/1"] == cluster.pk
    assert stories["http://a/2"] == stories["http://a/3"] != cluster.pk
    made = new.get_model("monitoring", "Story").objects.get(pk=stories["http://a/2"])
    assert made.title == "Tin 2" and made.item_count == 2

    old = _migrate(BEFORE)
    Analysis = old.get_model("insights", "ItemAnalysis")
    back = {a.item.url: a.story for a in Analysis.objects.select_related("item", "story")}
    assert back["http://a/0"] == back["http://a/1"]
    assert back["http://a/2"] == back["http://a/3"] != back["http://a/0"]
    assert back["http://a/0"].key == f"monitoring:{cluster.pk}"
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())
