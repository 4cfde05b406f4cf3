"""Every demo role's first day in a real browser: log in, open every pillar of the menu, follow
every link of the menu and of the home page, and meet no refusal.

One test for all roles: the demo ward is loaded once (`manage.py load_demo`, the same data the
office sees after `make run`) and one live server serves every role, each in its own browser
context. Each link is requested with the browser's session (its cookies), redirects followed; a
403 answer or Wagtail's refusal message ("Rất tiếc, bạn không có quyền truy cập khu vực này") is a
refusal. A screenshot of each role's home page, with the first pillar open, is saved as
var/screenshots/role-<username>.png (kept by CI as an artefact).

For the administrator and a unit reporter the crawl also reads every page it reached, and the
first record page (edit or inspect) linked from each list, for English left in the interface:
the words of ENGLISH (case-sensitive, whole words) in the visible text and in the titles, labels
and placeholders a screen reader reads. Demo content in English (the English public pages, foreign
news) does not use these words.
"""

import re
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.core.management import call_command

from conftest import SCREENSHOTS

REFUSAL = "Rất tiếc, bạn không có quyền truy cập khu vực này"
# Wagtail shows the refusal among the page's messages (the user guide quotes it in its text).
MESSAGES = re.compile(r'<div class="messages".*?</ul>', re.S)
# One demo user per role (and the two-role combinations the demo has).
ROLE_USERS = {
    "admin": "quản trị hệ thống",
    "lanhdao": "lãnh đạo",
    "xaydungdang": "lãnh đạo + cán bộ theo dõi",
    "theodoi": "cán bộ theo dõi + phản ứng nhanh",
    "bientap": "biên tập viên",
    "phanung": "thành viên phản ứng nhanh",
    "mttq": "cán bộ báo cáo của đơn vị",
}
NOT_FOLLOWED = ("/admin/logout/",)
MAX_TOP_LEVEL = 8
ENGLISH_CHECKED = ("admin", "mttq")
ENGLISH = ["True", "False", "None", "Source", "Story", "Created at", "Translations", "Root"]
ENGLISH += ["minutes", "hours", "Actions", "Sign in", "Dashboard", "Snippets"]
ENGLISH_WORD = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH)) + r")\b")
RECORD_LINK = re.compile(r'href="(/admin/[^"?#]*/(?:edit|inspect)/\d+/)"')


def english_found(body: str) -> set[str]:
    """The ENGLISH words a person reads (or hears) on the page."""
    document = lxml.html.fromstring(body)
    for unseen in document.xpath("//script|//style|//template|//*[@hidden]"):
        unseen.drop_tree()
    texts = [*document.itertext(), *document.xpath("//@title|//@aria-label|//@placeholder|//@alt")]
    return {word for text in texts for word in ENGLISH_WORD.findall(str(text))}


def _admin_links(scope, selector: str) -> set[str]:
    """The admin addresses of the links matching `selector` within `scope` (a page or a part)."""
    hrefs = scope.locator(selector).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    found = set()
    for href in hrefs:
        parts = urlsplit(href or "")
        if parts.scheme or parts.netloc or not parts.path.startswith("/admin/"):
            continue
        if parts.path not in NOT_FOLLOWED:
            found.add(href)
    return found


def _menu_links(page) -> tuple[list[str], set[str]]:
    """(labels of the top-level entries, links of the menu), each pillar opened by a click."""
    top = page.locator(".sidebar-main-menu__list > .sidebar-menu-item")
    labels, links = [], set()
    for index in range(top.count()):
        entry = top.nth(index)
        labels.append(entry.locator(":scope > :is(a, button)").inner_text().strip())
        button = entry.locator(":scope > button")
        if button.count():
            button.click()
            entry.locator(".sidebar-sub-menu-panel a").first.wait_for(state="visible")
            links |= _admin_links(entry, ".sidebar-sub-menu-panel a[href]")
            button.click()  # close it again
        else:
            links |= _admin_links(entry, "a[href]")
    return labels, links


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_role_follows_every_link_of_its_menu_and_home_page_without_refusal(
    browser, live_server, demo_password, capsys
):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    rows, refusals, failures, english = [], [], [], []
    for username, role in ROLE_USERS.items():
        context = browser.new_context(
            locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            page.goto("/admin/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", demo_password)
            page.click("button[type=submit]")
            page.wait_for_url("**/admin/")
            labels, menu = _menu_links(page)
            home = _admin_links(page, "main a[href]")
            assert len(labels) <= MAX_TOP_LEVEL, f"{username}: {labels}"
            first = page.locator(".sidebar-main-menu__list > .sidebar-menu-item").first
            first.locator(":scope > button").click()
            first.locator(".sidebar-sub-menu-panel a").first.wait_for(state="visible")
            page.screenshot(path=str(SCREENSHOTS / f"role-{username}.png"), full_page=True)
            refused, queue, seen = [], sorted(menu | home), set()
            while queue:
                url = queue.pop(0)
                if url in seen:
                    continue
                seen.add(url)
                response = context.request.get(url)
                if response.status >= 500:
                    failures.append(f"{username} {url}: {response.status}")
                if "text/html" not in response.headers.get("content-type", ""):
                    continue  # a download (XLSX, DOCX)
                body = response.text()
                if response.status == 403 or any(REFUSAL in m for m in MESSAGES.findall(body)):
                    refused.append(url)
                if username in ENGLISH_CHECKED:
                    english += [f"{username} {url}: {word}" for word in english_found(body)]
                    if url in menu | home:  # a list: also its first record's page
                        queue += RECORD_LINK.findall(body)[:1]
            refusals += [f"{username} ({role}): {url}" for url in refused]
            rows.append((username, role, len(labels), len(menu), len(home), len(seen)))
            rows[-1] += (len(refused),)
        finally:
            context.close()

    with capsys.disabled():
        print("\nrole crawl (every link of the menu and the home page, each role):")
        header = ("user", "role", "menu", "menu links", "home links", "clicked", "refused")
        for row in [header, *rows]:
            print("{:<12} {:<34} {:>4} {:>10} {:>10} {:>7} {:>7}".format(*row))
        print(f"English words found (admin, unit reporter): {len(english)}")
        print(f"screenshots: {SCREENSHOTS}/role-*.png")
    assert not failures, "\n".join(failures)
    assert not refusals, "Links that answer with a refusal:\n" + "\n".join(refusals)
    assert not english, "English left in the admin:\n" + "\n".join(sorted(english))
    assert all(clicked >= 10 for *_, clicked, _refused in rows), rows
