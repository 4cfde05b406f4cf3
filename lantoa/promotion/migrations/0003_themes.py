"""The plan's content themes exist from the start, so forms and tests can rely on them."""

from django.db import migrations

THEMES = [
    ("history", "Lịch sử, truyền thống"),
    ("culture", "Văn hóa"),
    ("people", "Con người"),
    ("tourism", "Du lịch"),
    ("investment", "Tiềm năng, thế mạnh, thu hút đầu tư"),
    ("ho-chi-minh", "Tư tưởng, đạo đức, phong cách Hồ Chí Minh tại địa phương"),
    ("renewal", "Thành tựu đổi mới"),
    ("foreign-policy", "Chủ trương, đường lối đối ngoại"),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("promotion", "Theme")
    for code, name in THEMES:
        Theme.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("promotion", "0002_site_library_calendar")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
