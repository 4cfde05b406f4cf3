"""Acceptance 1 in a real browser: a monitor opens a case from an item, adds evidence and drafts the
clarification; a leader approves it in the Wagtail workflow; the public page carries the ClaimReview
and the case shows published and on time."""

import json
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from lantoa.responses.models import Case
from lantoa.responses.services import responses_setup

from .factories import ItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_flagged_item_to_published_clarification(site, admin_login, page):
    responses_setup()
    item = ItemFactory(title="Mạng xã hội lan truyền tin thu phí tắm biển ở Quy Nhơn")

    # The monitor flags the item: a case opens from it.
    admin_login("theodoi")
    page.goto(f"/admin/snippets/responses/case/add/?items={item.pk}")
    page.fill("#id_claim", "Phường Quy Nhơn thu phí tắm biển buổi sáng")
    page.select_option("#id_severity", "high")
    expect(page.get_by_label(item.title)).to_be_checked()
    page.locator("form[data-edit-form] button[type=submit]:visible").first.click()
    page.wait_for_url("**/inspect/**")
    case = Case.objects.get()
    expect(page.locator("[data-case-state]")).to_have_attribute("data-case-state", "detected")

    page.click('[data-action="start_verification"]')
    expect(page.locator("[data-case-state]")).to_have_attribute("data-case-state", "verifying")
    page.select_option("#id_verdict", "false")
    page.click('[data-action="set_verdict"]')
    expect(page.locator("[data-case-verdict]")).to_have_attribute("data-case-verdict", "false")

    page.get_by_role("link", name="Thêm bằng chứng").click()
    page.select_option("#id_kind", "statement")
    page.fill("#id_title", "Ý kiến của Phòng Văn hóa - Xã hội phường")
    page.fill("#id_source", "Phòng Văn hóa - Xã hội phường")
    page.fill("#id_date", "2026-01-05")
    page.fill("#id_excerpt", "Phường không thu bất kỳ khoản phí nào khi tắm biển.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("[data-evidence]")).to_contain_text("Ý kiến của Phòng Văn hóa")

    # Drafting the clarification opens Wagtail's page editor; the monitor writes and submits it.
    page.click('[data-action="clarification"]')
    page.wait_for_url("**/admin/pages/*/edit/**")
    editor = page.locator(".Draftail-Editor .public-DraftEditor-content").first
    editor.wait_for()
    editor.click()
    editor.press_sequentially("Phường không có chủ trương thu phí tắm biển; bãi biển mở cửa tự do.")
    expect(editor).to_contain_text("bãi biển mở cửa tự do")
    page.locator("#id_title").click()  # Draftail writes its hidden input when it loses focus
    expect(page.locator("input[name=explanation]")).to_have_value(re.compile("mở cửa tự do"))
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=\"action-submit\"]').click()")
    expect(page.locator(".messages")).to_be_visible()
    case.refresh_from_db()
    expect_state(case, "pending_approval")

    # The leader approves in the Wagtail workflow; Wagtail publishes the page.
    page.context.clear_cookies()
    admin_login("lanhdao")
    page.goto(f"/admin/pages/{case.clarification_id}/edit/")
    approve = page.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).first
    approve.dispatch_event("click")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_be_visible()
    case.refresh_from_db()
    expect_state(case, "published")

    # The public page shows the clarification with exactly one ClaimReview.
    public_path = case.clarification.url
    page.goto(public_path)
    expect(page.locator("h1")).to_contain_text("Phường Quy Nhơn thu phí tắm biển")
    expect(page.locator("[data-verdict-label]")).to_have_text("Sai sự thật")
    expect(page.locator(".explanation")).to_contain_text("bãi biển mở cửa tự do")
    expect(page.locator(".evidence")).to_contain_text("Ý kiến của Phòng Văn hóa")
    blocks = [
        json.loads(text)
        for text in page.locator('script[type="application/ld+json"]').all_text_contents()
    ]
    reviews = [b for b in blocks if b["@type"] == "ClaimReview"]
    assert len(reviews) == 1 and any(b["@type"] == "NewsArticle" for b in blocks)
    review = reviews[0]
    assert review["claimReviewed"] == "Phường Quy Nhơn thu phí tắm biển buổi sáng"
    assert review["reviewRating"]["alternateName"] == "Sai sự thật"
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["firstAppearance"]["url"] == item.url
    assert review["author"] == {
        "@type": "Organization",
        "name": "Đảng ủy phường Quy Nhơn",
        "url": review["author"]["url"],
    }
    assert review["datePublished"]
    assert urlparse(review["url"]).path == public_path
    assert page.locator("script[src]").count() == 0

    # Back in the admin, the case is published and on time.
    page.goto(f"/admin/snippets/responses/case/inspect/{case.pk}/")
    expect(page.locator("[data-case-state]")).to_have_attribute("data-case-state", "published")
    expect(page.locator("[data-on-time]")).to_have_attribute("data-on-time", "yes")
    expect(page.locator("[data-timeline]")).to_contain_text("Trần Minh Khoa")  # the leader
    events = list(case.events.values_list("kind", "user__username"))
    assert ("approve", "lanhdao") in events and ("submit_for_approval", "theodoi") in events


def expect_state(case, state):
    assert case.state == state, f"case is {case.state}, expected {state}"
