"""Acceptance 1 in a real browser: an editor writes an article in Vietnamese, translates it into
English with wagtail-localize, schedules it; the scheduler job publishes it at its time; the
English page links back to the Vietnamese one (hreflang) and carries valid JSON-LD."""

import json
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lantoa.promotion.models import ArticlePage, NewsIndexPage
from lantoa.promotion.tasks import pages_publish_scheduled_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_article_translated_scheduled_and_published_by_the_job(
    promotion_demo, admin_login, page
):
    news = NewsIndexPage.objects.get(locale__language_code="vi")
    admin_login("bientap")

    # 1. Write the Vietnamese article and set its go-live time in the schedule dialog.
    page.goto(f"/admin/pages/add/promotion/articlepage/{news.pk}/")
    page.fill("#id_title", "Lễ hội ẩm thực biển")
    page.fill("#id_summary", "Món ngon từ biển của phường")
    go_live = timezone.localtime() + timedelta(days=1)
    page.click("[data-side-panel-toggle=status]")
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    # The open date picker covers "Save schedule"; its keyboard shortcut saves the same way.
    page.keyboard.press("Control+s")
    page.wait_for_url("**/edit/")
    # "Publish" sits in the footer's drop-down; with a future go-live it only schedules.
    page.locator('button[name="action-publish"]').evaluate("button => button.click()")
    expect(page.locator(".messages")).to_contain_text("hẹn giờ xuất bản")
    article = ArticlePage.objects.get(title="Lễ hội ẩm thực biển")
    assert not article.live
    assert article.revisions.filter(approved_go_live_at__isnull=False).exists()

    # 2. Translate into English in wagtail-localize's editor, string by string.
    page.goto(f"/admin/localize/submit/page/{article.pk}/")
    page.locator("main form label", has_text="English").click()
    page.click("main form input[type=submit]")
    page.wait_for_url("**/edit/")
    # Segments appear in panel order: the title, then the summary.
    english_texts = ["Seafood festival", "The ward's best food from the sea"]
    translate = page.get_by_role("button", name="Dịch")
    translate.first.wait_for()
    assert translate.count() == len(english_texts)
    for text in english_texts:
        # By keyboard (the sticky message bar may cover a button scrolled under it).
        translate.first.focus()
        page.keyboard.press("Enter")
        page.locator("textarea").fill(text)
        page.get_by_role("button", name="Lưu").focus()
        page.keyboard.press("Enter")
        expect(page.locator("textarea")).to_have_count(0)
    page.get_by_role("button", name="Publish in English").click()
    english = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="en"
    )
    expect(page.locator(".messages")).to_be_visible()

    # 3. The scheduler job: nothing before the go-live time, both languages after it.
    pages_publish_scheduled_task.apply()
    article.refresh_from_db()
    assert not article.live
    with mock.patch("django.utils.timezone.now", return_value=go_live + timedelta(minutes=1)):
        pages_publish_scheduled_task.apply()
    article.refresh_from_db()
    english.refresh_from_db()
    assert article.live
    if not english.live:  # translated before the source was live: the editor publishes it now
        page.goto(f"/admin/pages/{english.pk}/edit/")
        page.get_by_role("button", name="Publish in English").click()
        expect(page.locator(".messages")).to_be_visible()
        english.refresh_from_db()
    assert english.live and english.title == "Seafood festival"

    # 4. The public English page: hreflang back to Vietnamese, valid JSON-LD.
    page.goto(english.url)
    expect(page.locator("h1")).to_have_text("Seafood festival")
    assert page.locator("html").get_attribute("lang") == "en"
    vi_href = page.locator('link[rel=alternate][hreflang="vi"]').get_attribute("href")
    assert vi_href == article.get_full_url()
    assert page.locator('link[hreflang="x-default"]').get_attribute("href") == vi_href
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Seafood festival" and data["inLanguage"] == "en"
    # The language switcher offers the Vietnamese page (absolute links use the Site's address,
    # not the test server's, so the browser follows its path).
    switch = page.locator(".language-switcher").get_by_role("link", name="Tiếng Việt")
    assert switch.get_attribute("href") == vi_href
    page.goto(urlsplit(vi_href).path)
    expect(page.locator("h1")).to_have_text("Lễ hội ẩm thực biển")
