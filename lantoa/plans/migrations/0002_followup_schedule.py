"""Once registered the daily follow-up job in django-celery-beat. Every schedule is now created
after each migrate from the apps' declarations (lantoa.core.beat, plans/schedules.py), so this
migration does nothing; it stays because databases have it applied."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
