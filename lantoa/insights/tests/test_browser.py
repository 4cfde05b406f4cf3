"""A monitor labels items from the queue with single key presses, retrains, sees the new version."""

import pytest
from playwright.sync_api import expect

from .. import demo
from ..models import ClassifierModel, Label
from ..services import items_analyse
from .factories import indexed_items

GOOD = ["Du khách khen biển Quy Nhơn sạch đẹp", "Quy Nhơn đón khách kỷ lục", "Lễ hội vui"]
BAD = ["Người dân bức xúc vì ngập", "Đường hư hỏng nặng", "Rác thải tồn đọng"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_monitor_labels_queue_retrains_and_sees_new_version(page, admin_login, demo_ward):
    demo.load(log=lambda m: None)
    items = indexed_items(*[{"title": t} for t in GOOD + BAD])
    items_analyse(item_ids=[i.id for i in items])
    admin_login("theodoi")
    page.goto("/admin/insights/queue/")
    for _ in range(len(items)):
        article = page.locator("[data-queue-item]")
        expect(article).to_be_visible()
        item_id = article.get_attribute("data-queue-item")
        title = article.locator("h2").inner_text()
        page.keyboard.press("1" if title in GOOD else "3")
        expect(page.locator(f'[data-queue-item="{item_id}"]')).to_have_count(0)
    expect(page.locator("[data-queue-empty]")).to_be_visible()
    assert Label.objects.filter(kind="tone", value="positive").count() == 3
    assert Label.objects.filter(kind="tone", value="negative").count() == 3
    assert {label.item.title for label in Label.objects.filter(value="positive")} == set(GOOD)

    page.click("[data-train=tone]")
    expect(page.locator("[data-job-model]")).to_contain_text("v1")
    model = ClassifierModel.objects.get(task="tone")
    page.locator("[data-job-model] a").click()
    # Vietnamese number format: decimal comma.
    shown = f"macro-F1 {model.macro_f1:.4f}".replace(".", ",")
    expect(page.locator("[data-model-summary]")).to_contain_text(shown)
    in_use = "đang dùng" if model.is_active else "không dùng"
    expect(page.locator("[data-model-summary]")).to_contain_text(in_use)
    expect(page.locator("[data-model-metrics] tbody tr")).to_have_count(2)
    page.goto("/admin/insights/queue/")
    expect(page.locator('[data-model="tone"]')).to_contain_text("v1")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_monitor_backtests_an_edited_watchlist_marks_the_sample_and_sees_precision(
    page, admin_login, demo_ward
):
    from lantoa.insights.permissions import permissions_grant

    from ..models import Backtest
    from .factories import WatchlistFactory

    permissions_grant()
    watchlist = WatchlistFactory(name="Điện", query='"nhà máy điện"', aliases="")
    indexed_items(
        {"title": "Nhà máy điện gió Nhơn Hội"},
        {"title": "Nhà máy điện mặt trời Phù Mỹ"},
        {"title": "Lò gạch thủ công"},
    )
    admin_login("theodoi")
    page.goto(f"/admin/insights/watchlists/edit/{watchlist.pk}/")
    # The monitor narrows the query and tries it before saving: the result opens in a new tab.
    page.fill("textarea[name=query]", '"nhà máy điện" NOT "mặt trời"')
    with page.context.expect_page() as opened:
        page.click("[data-backtest-run]")
    result = opened.value
    expect(result.locator("[data-match-count]")).to_have_attribute("data-match-count", "1")
    expect(result.locator("canvas#backtest-volume")).to_be_visible()
    result.locator('[data-samples="strict"] input[value=yes]').check()
    result.click("[data-backtest-save]")
    expect(result.locator('[data-precision="strict"] [data-precision-value]')).to_contain_text(
        "100,0 %"
    )
    expect(result.locator('[data-precision="strict"] [data-precision-interval]')).to_contain_text(
        "20,7–100,0 %"
    )
    backtest = Backtest.objects.get()
    assert backtest.query == '("nhà máy điện" NOT "mặt trời")'
    watchlist.refresh_from_db()
    assert watchlist.query == '"nhà máy điện"'  # tried, not saved
    result.click("text=Lịch sử độ chính xác theo phiên bản")
    expect(result.locator("[data-backtest-history] tbody tr")).to_have_count(1)
