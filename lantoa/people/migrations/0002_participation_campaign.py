"""Link collaborator participation to the editorial calendar's campaigns.

The old free-text `campaign` becomes `event`; a text that names an existing promotion campaign is
linked to it.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_campaigns(apps, schema_editor):
    Participation = apps.get_model("people", "CollaboratorParticipation")
    Campaign = apps.get_model("promotion", "Campaign")
    by_name = {campaign.name.strip().lower(): campaign for campaign in Campaign.objects.all()}
    for row in Participation.objects.all():
        campaign = by_name.get(row.event.strip().lower())
        if campaign is not None:
            row.campaign = campaign
            row.event = ""
            row.save(update_fields=["campaign", "event"])


def unlink_campaigns(apps, schema_editor):
    Participation = apps.get_model("people", "CollaboratorParticipation")
    for row in Participation.objects.filter(campaign__isnull=False).select_related("campaign"):
        row.event = row.campaign.name
        row.save(update_fields=["event"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("promotion", "0003_themes"),
    ]

    operations = [
        migrations.RenameField("collaboratorparticipation", "campaign", "event"),
        migrations.AlterField(
            model_name="collaboratorparticipation",
            name="event",
            field=models.CharField(
                blank=True,
                help_text="Chỉ điền khi hoạt động không thuộc chiến dịch nào của lịch biên tập.",
                max_length=255,
                verbose_name="sự kiện khác",
            ),
        ),
        migrations.AddField(
            model_name="collaboratorparticipation",
            name="campaign",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="collaborator_participations",
                to="promotion.campaign",
                verbose_name="chiến dịch (lịch biên tập)",
            ),
        ),
        migrations.RunPython(link_campaigns, unlink_campaigns),
        migrations.AddConstraint(
            model_name="collaboratorparticipation",
            constraint=models.CheckConstraint(
                condition=models.Q(("campaign__isnull", False), models.Q(("event", ""), _negated=True), _connector="OR"),
                name="people_participation_campaign_or_event",
            ),
        ),
    ]
