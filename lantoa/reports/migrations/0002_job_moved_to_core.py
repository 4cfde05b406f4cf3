"""Background jobs moved to core (core 0002): forget the models here, keep their tables."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_initial"),
        ("core", "0002_job_moved_from_reports"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="JobFile"),
                migrations.DeleteModel(name="Job"),
            ],
            database_operations=[],
        ),
    ]
