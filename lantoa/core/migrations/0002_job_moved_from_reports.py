"""Background jobs move from the reports app to core: the models only, not the data.

The tables keep their names (`reports_job`, `reports_jobfile`, through Meta.db_table), so nothing
is copied or dropped; only Django's picture of which app owns them changes (reports 0002 removes
them from the reports app's state). The content types are renamed so that the jobs' history
(Wagtail log entries) and permissions follow them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("job", "jobfile"):
        if ContentType.objects.filter(app_label="core", model=model).exists():
            continue
        ContentType.objects.filter(app_label="reports", model=model).update(app_label="core")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("job", "jobfile"):
        if ContentType.objects.filter(app_label="reports", model=model).exists():
            continue
        ContentType.objects.filter(app_label="core", model=model).update(app_label="reports")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("reports", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Job",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(db_index=True, max_length=64, verbose_name="loại tác vụ")),
                        ("params", models.JSONField(blank=True, default=dict, verbose_name="tham số")),
                        ("state", models.CharField(choices=[("queued", "Đang chờ"), ("running", "Đang chạy"), ("succeeded", "Hoàn thành"), ("failed", "Lỗi")], db_index=True, default="queued", max_length=16, verbose_name="trạng thái")),
                        ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="tiến độ (%)")),
                        ("messages", models.JSONField(blank=True, default=list, verbose_name="diễn biến")),
                        ("error", models.TextField(blank=True, verbose_name="lý do lỗi")),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="số lần chạy")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")),
                        ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="bắt đầu lúc")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="kết thúc lúc")),
                        ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="jobs", to=settings.AUTH_USER_MODEL, verbose_name="người yêu cầu")),
                    ],
                    options={
                        "verbose_name": "tác vụ nền",
                        "verbose_name_plural": "tác vụ nền",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "reports_job",
                    },
                ),
                migrations.CreateModel(
                    name="JobFile",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("file", models.FileField(upload_to="jobs/%Y/%m/", verbose_name="tệp")),
                        ("name", models.CharField(max_length=255, verbose_name="tên tệp")),
                        ("job", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="files", to="core.job")),
                    ],
                    options={
                        "verbose_name": "tệp kết quả",
                        "verbose_name_plural": "tệp kết quả",
                        "ordering": ["id"],
                        "db_table": "reports_jobfile",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
