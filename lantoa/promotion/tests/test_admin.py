"""Admin views of the editor: calendar (month, week, iCal), translation status, reach import,
dashboard panel."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lantoa.promotion.models import ChannelPost, ContentPlanItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(promotion_demo, client):
    from lantoa.core.models import User

    client.force_login(User.objects.get(username="bientap"))
    return client


def test_editor_sees_the_month_and_week_calendar(editor_client):
    item = ContentPlanItem.objects.get(title="Bài giới thiệu đêm hội bài chòi")
    day = item.planned_at.astimezone().date().isoformat()
    month = editor_client.get(f"/admin/promotion/calendar/?date={day}")
    assert month.status_code == 200
    html = month.content.decode()
    assert f'data-day="{day}"' in html and item.title in html
    assert '<script src="http' not in html
    week = editor_client.get(f"/admin/promotion/calendar/?view=week&date={day}").content.decode()
    assert item.title in week and week.count("data-day=") == 7
    ics = editor_client.get("/admin/promotion/calendar/lich-bien-tap.ics").content.decode()
    assert ics.count("BEGIN:VEVENT") == ContentPlanItem.objects.count()


def test_translation_status_lists_pages_per_language(editor_client):
    html = editor_client.get("/admin/promotion/translations/").content.decode()
    assert html.count('data-status="up_to_date" data-language="en"') == 15
    assert html.count('data-status="missing" data-language="fr"') == 14  # all but the home
    only_fr = editor_client.get("/admin/promotion/translations/?language=fr&work=1").content
    assert b'data-language="en"' not in only_fr


def test_reach_import_from_csv(editor_client):
    data = b"url,posted_at,reach,title\nhttps://example.org/fb/9,2026-11-20,3400,Thu nghiem\n"
    response = editor_client.post(
        "/admin/promotion/reach-import/",
        {"channel": "facebook", "language": "vi", "file": SimpleUploadedFile("r.csv", data)},
    )
    assert response.status_code == 302
    assert ChannelPost.objects.get(url="https://example.org/fb/9").reach == 3400


def test_dashboard_panel_and_snippet_lists(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert 'data-panel="promotion"' in html
    for model in ("contentplanitem", "campaign", "channelpost", "mediaasset"):
        assert editor_client.get(f"/admin/snippets/promotion/{model}/").status_code == 200
