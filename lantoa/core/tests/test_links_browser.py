"""Stored hostile links never run script when clicked, in Chromium.

The rows are written straight into the database, as the API stored them before the URL rule (or
as any future path around it would): a case's appearances, evidence and response channels, a
monitored item, a video on a public gallery page, each with a `javascript:`, `data:` or
`vbscript:` link in its many disguises. Chromium opens every page that shows them — the case in
the admin, the public clarification page, the insights item, the gallery — clicks every one of
them, and checks that no dialog opened, that `window.__xss` was never set and that no `href` on
the page starts with a hostile scheme once the browser's own clean-up is applied.

As a control, the same browser clicks one of the links on a bare page: there it runs.
"""

import hashlib
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lantoa.core.models import User
from lantoa.monitoring.models import Item, Source
from lantoa.responses import services as responses
from lantoa.responses.models import Appearance, Evidence, ResponseChannel
from lantoa.responses.tests.helpers import drafted_case

from .hostile_links import HOSTILE_LINKS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABEL = "Liên kết độc"  # every hostile link's text starts with it, to find them on each page

# What a browser does to an href before reading its scheme: strip leading/trailing C0 controls
# and spaces, remove tabs and newlines anywhere, ignore case.
HREF_SCHEMES = """els => els.map(e => e.getAttribute('href')
    .replace(/^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$/g, '')
    .replace(/[\\t\\n\\r]/g, '').toLowerCase())
    .filter(h => /^(javascript|data|vbscript):/.test(h))"""


@pytest.fixture
def hostile_rows(demo_ward):
    """A published clarification whose case, item and gallery carry every hostile link."""
    from lantoa.promotion.models import GalleryPage
    from lantoa.promotion.services import site_ensure

    home = site_ensure(title="Quy Nhơn - Gia Lai", intro="Trang thử nghiệm")
    responses.responses_setup()
    monitor = User.objects.get(username="theodoi")
    leader = User.objects.get(username="lanhdao")
    case, clarification = drafted_case(monitor)
    responses.case_submit_for_approval(case=case, user=monitor)
    case = responses.case_approve(case=case, user=leader)
    clarification.refresh_from_db()
    assert clarification.live

    source = Source.objects.create(
        kind="feed", url="https://baogialai.com.vn/rss", name="Báo thử", outlet_type="x"
    )
    items = []
    videos = []
    for n, url in enumerate(HOSTILE_LINKS):
        label = f"{LABEL} {n}"
        Appearance.objects.create(case=case, url=url, appeared_at=timezone.now(), outlet=label)
        Evidence.objects.create(
            case=case, kind="link", title=label, source="S", date=date.today(), url=url
        )
        ResponseChannel.objects.create(case=case, kind="office_site", date=date.today(), url=url)
        items.append(
            Item.objects.create(
                source=source,
                url=url,
                url_hash=hashlib.sha256(url.encode()).hexdigest(),
                title=f"Tin {label}",
                language="vi",
            )
        )
        videos.append(
            ("video", {"url": url, "title": label, "thumbnail": None, "thumbnail_alt": ""})
        )
    gallery = home.add_child(instance=GalleryPage(title="Video thử", slug="video-thu"))
    GalleryPage.objects.filter(pk=gallery.pk).update(videos=videos)  # past any validation
    gallery.refresh_from_db()
    assert gallery.videos[0].value["url"] == HOSTILE_LINKS[0]
    return {"case": case, "clarification": clarification, "items": items, "gallery": gallery}


def _click_every_hostile_link(page, dialogs, where: str) -> int:
    assert page.eval_on_selector_all("a[href]", HREF_SCHEMES) == [], where
    # The links (or the plain text that replaced them) that carry a hostile URL.
    targets = page.locator(f"a:has-text('{LABEL}'), [data-unsafe-link]")
    count = targets.count()
    for index in range(count):
        target = targets.nth(index)
        if target.is_visible():
            target.click()
            page.wait_for_load_state("load")
            assert not dialogs, f"{where}: dialog {dialogs}"
            assert page.evaluate("typeof window.__xss") == "undefined", where
    return count


def test_stored_hostile_links_never_run_script_when_clicked(page, admin_login, hostile_rows):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # Control: the same link clicked on a bare page runs, and the checks below would see it.
    page.set_content(f'<a href="{HOSTILE_LINKS[0]}">{LABEL}</a>')
    page.click("a")
    page.wait_for_function("window.__xss === 'link'")
    assert dialogs == ["link"]
    dialogs.clear()

    admin_login("admin")
    case = hostile_rows["case"]
    pages = {
        "case": reverse("wagtailsnippets_responses_case:inspect", args=[case.pk]),
        "clarification": hostile_rows["clarification"].url,
        "gallery": hostile_rows["gallery"].url,
    }
    for item in hostile_rows["items"]:
        pages[f"item {item.pk}"] = reverse("insights_item", args=[item.pk])
    clicked = {}
    for where, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, f"{where}: HTTP {response.status}"
        clicked[where] = _click_every_hostile_link(page, dialogs, where)
        # Back on the page after the clicks: still nothing ran.
        assert page.evaluate("typeof window.__xss") == "undefined", where

    # Every hostile link was on its page (as text), so every one was clicked.
    n = len(HOSTILE_LINKS)
    assert clicked["case"] == 3 * n  # appearances, evidence, response channels
    assert clicked["clarification"] == 2 * n  # appearances, public evidence
    assert clicked["gallery"] == n
    assert all(count >= 1 for where, count in clicked.items() if where.startswith("item"))
