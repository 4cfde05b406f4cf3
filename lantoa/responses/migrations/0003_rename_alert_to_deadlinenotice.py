"""`responses.Alert` becomes `DeadlineNotice`: one name per concept (an Alert is about media, in
insights). The table is renamed, not recreated, so every notice already sent is kept; the model's
permissions follow the new name."""

from django.conf import settings
from django.db import migrations, models

OLD, NEW = ("alert", "cảnh báo hạn xử lý"), ("deadlinenotice", "thông báo hạn xử lý")


def rename_permissions(apps, schema_editor, old=OLD, new=NEW):
    """Rename the model's permission codenames (the content type itself is renamed by Django)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # Django renames the content type next to RenameModel: forwards it already carries the new
    # name here, backwards it still does, so look for either.
    content_type = ContentType.objects.filter(
        app_label="responses", model__in=[old[0], new[0]]
    ).first()
    if content_type is None:  # a fresh database: permissions are created after migrate
        return
    for permission in Permission.objects.filter(content_type=content_type):
        action, _sep, model = permission.codename.partition("_")
        if model == old[0]:
            permission.codename = f"{action}_{new[0]}"
            permission.name = f"Can {action} {new[1]}"  # as Django names a model's permissions
            permission.save(update_fields=["codename", "name"])


def restore_permissions(apps, schema_editor):
    rename_permissions(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0002_deadline_schedule"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("Alert", "DeadlineNotice"),
        migrations.AlterModelOptions(
            name="deadlinenotice",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "thông báo hạn xử lý",
                "verbose_name_plural": "thông báo hạn xử lý",
            },
        ),
        migrations.AlterField(
            model_name="deadlinenotice",
            name="recipient",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="deadline_notices",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="deadlinenotice",
            name="case",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="deadline_notices",
                to="responses.case",
            ),
        ),
        migrations.RunPython(rename_permissions, restore_permissions),
    ]
