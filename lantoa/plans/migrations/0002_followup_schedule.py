"""Register the daily follow-up job in django-celery-beat (editable afterwards in the admin)."""

from django.db import migrations


def schedule(apps, schema_editor):
    from lantoa.plans.services.followup import followup_schedule_ensure

    followup_schedule_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, migrations.RunPython.noop)]
