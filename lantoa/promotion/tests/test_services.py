"""Scheduled publishing through the beat task, translation status, CSV import, iCal text."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from wagtail.models import Locale

from lantoa.promotion.constants import Channel, TranslationStatus
from lantoa.promotion.ical import escape_text, fold
from lantoa.promotion.models import ArticlePage, ChannelPost, NewsIndexPage
from lantoa.promotion.selectors import translation_status
from lantoa.promotion.services import (
    channel_posts_import_csv,
    page_translate,
    site_ensure,
)
from lantoa.promotion.tasks import pages_publish_scheduled_task

from .htmlcheck import check_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def news():
    home = site_ensure(title="Quy Nhơn", intro="Giới thiệu")
    page_translate(page=home, language_code="en", strings={"Quy Nhơn": "Quy Nhon"})
    index = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    index.save_revision().publish()
    page_translate(page=index, language_code="en", strings={"Tin tức": "News", "tin-tuc": "news"})
    return index


def test_scheduled_article_and_its_translation_go_live_when_the_job_runs(news, client):
    go_live = timezone.now() + timedelta(hours=2)
    article = news.add_child(
        instance=ArticlePage(title="Tin hẹn giờ", slug="tin-hen-gio", summary="Tóm tắt", live=False)
    )
    article.go_live_at = go_live
    article.save_revision().publish()  # with go_live_at in the future this only schedules
    article.refresh_from_db()
    assert not article.live
    english = page_translate(
        page=article,
        language_code="en",
        strings={
            "Tin hẹn giờ": "Scheduled story",
            "tin-hen-gio": "scheduled-story",
            "Tóm tắt": "Summary",
        },
        publish=False,
    )
    revision = english.save_revision()
    english.go_live_at = go_live
    revision = english.save_revision()
    revision.publish()
    assert pages_publish_scheduled_task.apply().result == 0
    article.refresh_from_db()
    english.refresh_from_db()
    assert not article.live and not english.live

    later = go_live + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert pages_publish_scheduled_task.apply().result == 2
    article.refresh_from_db()
    english.refresh_from_db()
    assert article.live and english.live
    html = client.get(english.url).content.decode()
    assert f'hreflang="vi" href="{article.get_full_url()}"' in html
    problems, checker = check_page(html, own_hosts={"testserver", "127.0.0.1:8000"})
    assert problems == []
    assert json.loads(checker.json_ld[0])["headline"] == "Scheduled story"


def test_translation_goes_out_of_date_when_the_source_changes(news):
    en = Locale.objects.get(language_code="en")
    assert translation_status(source=news, locale=en).status == TranslationStatus.UP_TO_DATE
    fr = Locale.objects.get(language_code="fr")
    assert translation_status(source=news, locale=fr).status == TranslationStatus.MISSING
    news.title = "Tin tức mới"
    news.save_revision().publish()
    assert translation_status(source=news, locale=en).status == TranslationStatus.OUT_OF_DATE
    page_translate(page=news, language_code="en", strings={})
    assert translation_status(source=news, locale=en).status == TranslationStatus.IN_PROGRESS
    page_translate(page=news, language_code="en", strings={"Tin tức mới": "Latest news"})
    assert translation_status(source=news, locale=en).status == TranslationStatus.UP_TO_DATE


def test_reach_csv_import_is_all_or_nothing():
    good = b"url,posted_at,reach,interactions\nhttps://example.org/p/1,2026-11-01 08:00,1.200,30\n"
    result = channel_posts_import_csv(data=good, channel=Channel.FACEBOOK)
    assert (result.created, result.errors) == (1, [])
    assert ChannelPost.objects.get().reach == 1200
    bad = good.replace(b"1.200", b"2000") + "not-a-url,hôm qua,abc,0\n".encode()
    result = channel_posts_import_csv(data=bad, channel=Channel.FACEBOOK)
    assert len(result.errors) == 1 and "Dòng 3" in result.errors[0]
    assert ChannelPost.objects.get().reach == 1200  # the good row was not saved either
    result = channel_posts_import_csv(data=b"link,reach\n", channel=Channel.FACEBOOK)
    assert "Thiếu cột" in result.errors[0]


def test_ical_text_escaping_and_folding():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "Đêm hội bài chòi " * 10
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
