"""StoryKeys.written_at: when a keys row was inserted, so that a new linking index knows which
ids may still be in flight in another worker's transaction (those written in the last
GAP_PATIENCE). Rows stored before this migration are dated 2000-01-01: they are not in flight,
and a date of now would make every index built in the next 15 minutes follow the whole table.
The column is added with that constant default (no table rewrite on PostgreSQL 11+), then the
default becomes the insert time."""

import datetime

import django.utils.timezone
from django.db import migrations, models

BEFORE_THIS_MIGRATION = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0010_story_keys_once_per_item"),
    ]

    operations = [
        migrations.AddField(
            model_name="storykeys",
            name="written_at",
            field=models.DateTimeField(default=BEFORE_THIS_MIGRATION, verbose_name="thời điểm ghi"),
        ),
        migrations.AlterField(
            model_name="storykeys",
            name="written_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="thời điểm ghi"
            ),
        ),
    ]
