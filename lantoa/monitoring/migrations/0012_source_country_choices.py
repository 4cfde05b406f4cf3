# The source's country is chosen from the list of countries by their Vietnamese name; codes
# written in lower case before (the add_source command took them as typed) are upper-cased so that
# they are on the list.

import lantoa.core.constants
from django.db import migrations, models
from django.db.models.functions import Upper


def codes_upper(apps, schema_editor):
    Source = apps.get_model("monitoring", "Source")
    Source.objects.exclude(country=Upper("country")).update(country=Upper("country"))


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0011_merge_parallel_branches"),
    ]

    operations = [
        migrations.RunPython(codes_upper, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="source",
            name="country",
            field=models.CharField(
                choices=lantoa.core.constants.country_choices,
                default="VN",
                help_text="Nước của tòa soạn, cơ quan hoặc kênh.",
                max_length=2,
                verbose_name="quốc gia",
            ),
        ),
    ]
