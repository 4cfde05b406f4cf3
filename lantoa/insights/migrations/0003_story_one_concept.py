"""One story concept: insights' stories (keyed on a title's first syllables) fold into
monitoring.Story, which every item points at; insights.Story and ItemAnalysis.story go.

Forwards: an item whose analysis had a story keeps it, through monitoring.Story (an insights story
that was a monitoring cluster is that cluster; any other becomes a new monitoring story).
Backwards: each monitoring story of analysed items becomes an insights story again."""

from django.db import migrations
from django.db.models import Max, Min


def forwards(apps, schema_editor):
    InsightsStory = apps.get_model("insights", "Story")
    ItemAnalysis = apps.get_model("insights", "ItemAnalysis")
    Item = apps.get_model("monitoring", "Item")
    Story = apps.get_model("monitoring", "Story")
    for old in InsightsStory.objects.all().iterator():
        item_ids = list(
            ItemAnalysis.objects.filter(story=old).values_list("item_id", flat=True)
        )
        items = Item.objects.filter(pk__in=item_ids)
        target = None
        if old.key.startswith("monitoring:"):
            target = Story.objects.filter(pk=int(old.key.split(":", 1)[1])).first()
        if target is None:
            existing = items.exclude(story=None).values_list("story_id", flat=True).first()
            target = Story.objects.filter(pk=existing).first() if existing else None
        if target is None:
            target = Story.objects.create(
                title=old.title, first_seen_at=old.first_seen_at, last_seen_at=old.last_seen_at
            )
        items.filter(story=None).update(story=target)
        span = Item.objects.filter(story=target).aggregate(
            first=Min("published_at"), last=Max("published_at")
        )
        target.first_seen_at = min(filter(None, [old.first_seen_at, span["first"]]))
        target.last_seen_at = max(filter(None, [old.last_seen_at, span["last"]]))
        target.item_count = Item.objects.filter(story=target).count()
        target.save(update_fields=["first_seen_at", "last_seen_at", "item_count"])


def backwards(apps, schema_editor):
    InsightsStory = apps.get_model("insights", "Story")
    ItemAnalysis = apps.get_model("insights", "ItemAnalysis")
    Story = apps.get_model("monitoring", "Story")
    for story in Story.objects.filter(items__analysis__isnull=False).distinct().iterator():
        old, _ = InsightsStory.objects.get_or_create(
            key=f"monitoring:{story.pk}",
            defaults={
                "title": story.title,
                "first_seen_at": story.first_seen_at,
                "last_seen_at": story.last_seen_at,
            },
        )
        ItemAnalysis.objects.filter(item__story=story).update(story=old)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_links_accept_http_https_only"),
        ("monitoring", "0006_story_one_concept"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="itemanalysis", name="story"),
        migrations.DeleteModel(name="Story"),
    ]
